//! CPU time per frame of each panel, headless, for a synthetic large case (60 goals, 400
//! actions, 50 meetings). Layout and tessellation; no GPU. Results in BENCHMARKS.md.

use std::sync::Arc;

use ansvar::consent::{Audience, ViewCache};
use ansvar::store::Store;
use ansvar::ui::panel::case_panels;
use ansvar::ui::{S, draw_panel};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

fn frame(ctx: &egui::Context, draw: &mut dyn FnMut(&mut egui::Ui)) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| {
        egui::CentralPanel::default().show(ui, |ui| draw(ui));
    });
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
}

fn panels(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let clock = ansvar::clock::Clock::at_noon(today);
    let case = ansvar::export::sample::large_case(60, 400, 50, today);
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("dir");
    let store = Arc::new(Store::open_test(dir.path().join("ui.redb")).expect("store"));
    let demo = ansvar::demo::write_demo(&store, today).expect("demo");
    let demo_case = store.load_case(demo[0]).expect("case");

    let demo_log = store.log(demo[0]).expect("log");
    // The room's view of a meeting: the large case's last meeting, still running.
    let mut running = case.clone();
    if let Some(m) = running.meetings.last_mut() {
        m.ended = false;
    }

    // At the desk (the whole case), and on the shared screen: the case filtered for everyone
    // who may be in the room, as the app keeps it between frames.
    for (group_name, room) in [("frame", false), ("room", true)] {
        let mut group = c.benchmark_group(group_name);
        let audience = |case: &ansvar::domain::Case| {
            if room {
                Audience::room(case, today)
            } else {
                Audience::Everything
            }
        };
        let titles: Vec<_> = case_panels(&case).iter().map(|p| p.title()).collect();
        for (i, title) in titles.into_iter().enumerate() {
            // The history of the large case is not in a store; the demo case's real log is.
            let (case, log) = match title {
                S::TabHistory => (&demo_case, Some(demo_log.as_slice())),
                S::TabMeeting => (&running, None),
                _ => (&case, None),
            };
            let mut panels = case_panels(case);
            let panel = panels[i].as_mut();
            let ctx = egui::Context::default();
            let mut views = ViewCache::default();
            let who = audience(case);
            // Warm the font atlas and layout caches, as a running app has them.
            for _ in 0..3 {
                frame(&ctx, &mut |ui| {
                    let view = views.view(case, 0, who.clone(), today);
                    draw_panel(ui, &view, panel, &clock, log);
                });
            }
            group.bench_function(format!("{title:?}"), |b| {
                b.iter(|| {
                    frame(&ctx, &mut |ui| {
                        let view = views.view(case, 0, who.clone(), today);
                        draw_panel(ui, &view, panel, &clock, log);
                    })
                })
            });
        }
        // No meeting open: the start screen with the past meetings (what the tab shows between meetings).
        let meeting = titles_index(&case, S::TabMeeting);
        let mut panels = case_panels(&case);
        let panel = panels[meeting].as_mut();
        let ctx = egui::Context::default();
        let mut views = ViewCache::default();
        let who = audience(&case);
        for _ in 0..3 {
            frame(&ctx, &mut |ui| {
                let view = views.view(&case, 0, who.clone(), today);
                draw_panel(ui, &view, panel, &clock, None);
            });
        }
        group.bench_function("TabMeeting (none open)", |b| {
            b.iter(|| {
                frame(&ctx, &mut |ui| {
                    let view = views.view(&case, 0, who.clone(), today);
                    draw_panel(ui, &view, panel, &clock, None);
                })
            })
        });
        group.finish();
    }
}

fn titles_index(case: &ansvar::domain::Case, title: S) -> usize {
    case_panels(case)
        .iter()
        .position(|p| p.title() == title)
        .expect("the meeting tab is registered")
}

/// The file of 10,000 synthetic cases the start-screen bench draws, kept in the target
/// directory: written once (about a minute, one durable transaction per case), and reused by
/// the memory measurement in BENCHMARKS.md (the real binary on it under Xvfb).
fn caseload(today: NaiveDate) -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("week-10000.redb");
    let ready = Store::open_read_only(&path, &ansvar::store::Secret::test())
        .and_then(|s| s.list_cases())
        .is_ok_and(|c| c.len() == 10_000);
    if !ready {
        let _ = std::fs::remove_file(&path);
        let store = Store::open_test(&path).expect("store");
        for i in 0..10_000 {
            let case = ansvar::export::sample::caseload_case(i, today);
            store.insert_case_with_log(&case, &[]).expect("case");
        }
    }
    println!("10,000 cases in {}", path.display());
    path
}

/// The start screen with 10,000 cases: the week above the case list, as the app draws it
/// (top bar, settings, week, list), the week computed once and kept until the list changes.
fn start_screen(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let path = caseload(today);
    let store = Arc::new(Store::open_test(&path).expect("open"));
    let mut app = ansvar::ui::AnsvarApp::new(store, ansvar::clock::Clock::at_noon(today));
    let ctx = egui::Context::default();
    let frame = |app: &mut ansvar::ui::AnsvarApp| {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            ..Default::default()
        };
        let output = ctx.run_ui(input, |ui| {
            std::hint::black_box(app.draw(ui));
        });
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
    };
    for _ in 0..3 {
        frame(&mut app);
    }
    let mut group = c.benchmark_group("start_screen");
    group.bench_function("frame_10000_cases_with_the_week", |b| {
        b.iter(|| frame(&mut app))
    });
    group.finish();
}

criterion_group!(benches, panels, start_screen);
criterion_main!(benches);
