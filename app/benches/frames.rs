//! Frame times with the consent view in place, both windows together: each frame draws a panel
//! for the coordinator's desk (the whole case) and the same panel for the room (the case as
//! everyone present may see it: the person, the coordinator and NAV), each in its own egui
//! context as the two windows have. Reports the median and the 99th percentile of 1000 frames
//! per panel, for the large case; and the worst case of someone typing in every frame, where
//! the room's filtered copy is made again each frame.
//!
//! `cargo bench -p ansvar --bench frames`. Not criterion: criterion reports no percentiles.

use std::time::{Duration, Instant};

use ansvar::consent::{Audience, ViewCache};
use ansvar::domain::{Case, Role};
use ansvar::ui::panel::case_panels;
use ansvar::ui::{S, draw_panel};
use chrono::NaiveDate;

const FRAMES: usize = 1000;

fn frame(ctx: &egui::Context, size: egui::Vec2, draw: &mut dyn FnMut(&mut egui::Ui)) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| {
        egui::CentralPanel::default().show(ui, |ui| draw(ui));
    });
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// The room of the large case's meeting: the person, the coordinator and the NAV advisor.
fn room_of(case: &Case) -> Audience {
    let mut who: Vec<_> = case
        .participants
        .iter()
        .filter(|p| {
            matches!(p.role, Role::Person | Role::NavAdvisor) || case.plan.coordinator == Some(p.id)
        })
        .map(|p| p.id)
        .collect();
    who.sort();
    Audience::Room(who)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would pass nothing: run briefly then.
    let frames = if std::env::args().any(|a| a == "--bench") {
        FRAMES
    } else {
        10
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let clock = ansvar::clock::Clock::at_noon(today);
    let mut case = ansvar::export::sample::large_case(60, 400, 50, today);
    if let Some(m) = case.meetings.last_mut() {
        m.ended = false;
    }
    let room = room_of(&case);
    // The history of the large case is not in a store; the demo case's real log is.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("dir");
    let store = std::sync::Arc::new(
        ansvar::store::Store::open_test(dir.path().join("frames.redb")).expect("store"),
    );
    let demo = ansvar::demo::write_demo(&store, today).expect("demo");
    let demo_case = store.load_case(demo[0]).expect("case");
    let demo_log = store.log(demo[0]).expect("log");
    let demo_room = room_of(&demo_case);
    let desk_size = egui::vec2(1280.0, 800.0);
    // The room's window at presentation zoom: 1920×1080 at 1.7 points per pixel.
    let room_size = egui::vec2(1920.0 / 1.7, 1080.0 / 1.7);

    println!("| panel | median ms | p99 ms | median ms, typing | p99 ms, typing |");
    println!("|---|---:|---:|---:|---:|");
    let titles: Vec<S> = case_panels(&case).iter().map(|p| p.title()).collect();
    for (i, title) in titles.into_iter().enumerate() {
        let (case, room, log) = match title {
            S::TabHistory => (&demo_case, &demo_room, Some(demo_log.as_slice())),
            _ => (&case, &room, None),
        };
        let mut rows = Vec::new();
        for typing in [false, true] {
            let mut desk_panels = case_panels(case);
            let mut room_panels = case_panels(case);
            let (desk_ctx, room_ctx) = (egui::Context::default(), egui::Context::default());
            room_ctx.set_zoom_factor(1.7);
            let (mut desk_views, mut room_views) = (ViewCache::default(), ViewCache::default());
            let mut times = Vec::with_capacity(frames);
            for n in 0..frames + 3 {
                // Typing: the session's revision changes every frame, so the room's filtered
                // copy is made again (the desk borrows the case and makes none).
                let revision = if typing { n as u64 } else { 0 };
                let start = Instant::now();
                frame(&desk_ctx, desk_size, &mut |ui| {
                    let view = desk_views.view(case, revision, Audience::Everything, today);
                    draw_panel(ui, &view, desk_panels[i].as_mut(), &clock, log);
                });
                frame(&room_ctx, room_size, &mut |ui| {
                    let view = room_views.view(case, revision, room.clone(), today);
                    draw_panel(ui, &view, room_panels[i].as_mut(), &clock, log);
                });
                // The first frames warm the font atlas and layout caches.
                if n >= 3 {
                    times.push(start.elapsed());
                }
            }
            times.sort();
            rows.push((percentile(&times, 0.5), percentile(&times, 0.99)));
        }
        println!(
            "| {title:?} | {} | {} | {} | {} |",
            ms(rows[0].0),
            ms(rows[0].1),
            ms(rows[1].0),
            ms(rows[1].1)
        );
    }
}
