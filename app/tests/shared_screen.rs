//! The shared screen is private by construction: with a restricted audience in the room, no tab
//! shows what the person has not consented to share with everyone present; a recipient's PDF
//! and FHIR extract hold only what they may see, plugin summaries included.
//!
//! The case: the person, the coordinator, a NAV advisor (consent: work goals, actions and
//! minutes) and a DPS therapist (consent: health goals and forms). At the meeting NAV is
//! present and DPS absent, so the room sees work goals, actions that serve only work goals and
//! the minutes; never the health goal, the crisis plan, the person's contact details or national
//! ID, the plan's free text, the IPS form or history entries about any of them.

mod common;

use std::sync::Arc;

use ansvar::clock::Clock;
use ansvar::domain::*;
use ansvar::store::Store;
use ansvar::ui::AnsvarApp;
use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};

use common::{ansvar, ok};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn clock() -> Clock {
    Clock::at_noon(today())
}

#[path = "common/shared_screen_case.rs"]
mod shared_screen_case;
use shared_screen_case::*;

fn harness(store: &Arc<Store>) -> Harness<'static, AnsvarApp> {
    let store = store.clone();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |_cc| AnsvarApp::new(store, clock()));
    h.run_steps(3);
    h
}

fn step(h: &mut Harness<'_, AnsvarApp>) {
    h.run_steps(3);
}

fn tab(h: &mut Harness<'_, AnsvarApp>, label: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::Button, label)
        .click();
    step(h);
}

/// An edit as the coordinator's click would make it, through the app's one edit path.
fn edit(h: &mut Harness<'_, AnsvarApp>, edit: Edit) {
    h.state_mut().state.execute(ansvar::ui::Command::edit(edit));
}

/// Everything the screen says: every node's label and value.
fn screen_text(h: &Harness<'_, AnsvarApp>) -> String {
    h.query_all(By::new().include_labels().predicate(|_| true))
        .flat_map(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value()]
        })
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

const TABS: [&str; 8] = [
    "Oversikt",
    "Møte",
    "Mål",
    "Kriseplan",
    "Tiltak",
    "Skjema",
    "Deltakere og samtykke",
    "Historikk",
];

/// Steps until the plugins have loaded and answered (the forms tab asks them in the background).
fn settle(h: &mut Harness<'_, AnsvarApp>) {
    for _ in 0..100 {
        step(h);
        if h.query_by_label("Utvidelsen ser på skjemaet …").is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// What each tab shows at the desk and in the room, as text.
fn every_tab(h: &mut Harness<'_, AnsvarApp>) -> Vec<(&'static str, String)> {
    TABS.iter()
        .map(|t| {
            tab(h, t);
            settle(h);
            (*t, screen_text(h))
        })
        .collect()
}

/// Opens the case in presentation mode (NAV present) on `tab` and checks what it shows.
fn in_the_room(tab_name: &str, shown: &[&str]) {
    let f = fixture();
    let mut h = harness(&f.store);
    h.get_by_label("Ola Testesen").click();
    step(&mut h);
    h.get_by_label("Presentasjon").click();
    step(&mut h);
    tab(&mut h, tab_name);
    settle(&mut h);
    let text = screen_text(&h);
    for hidden in hidden_from_nav() {
        assert!(
            !text.contains(&hidden),
            "the room's «{tab_name}» tab shows «{hidden}», which NAV may not see"
        );
    }
    for s in shown {
        assert!(text.contains(s), "the room's «{tab_name}» tab shows «{s}»");
    }
}

#[test]
fn the_room_overview_hides_contacts_national_id_and_free_text() {
    in_the_room("Oversikt", &["Ola Testesen", "Per Navesen"]);
}

#[test]
fn the_room_meeting_tab_shows_the_minutes_but_not_the_hidden_goal() {
    in_the_room("Møte", &["Arbeid og aktivitet"]);
}

#[test]
fn the_room_goals_tab_shows_only_work_goals() {
    in_the_room("Mål", &[WORK_GOAL]);
}

#[test]
fn the_room_crisis_plan_tab_shows_neither_signs_nor_contacts() {
    in_the_room("Kriseplan", &[]);
}

#[test]
fn the_room_actions_tab_leaves_out_actions_serving_hidden_goals() {
    in_the_room("Tiltak", &[WORK_ACTION]);
}

#[test]
fn the_room_forms_tab_shows_no_unconsented_form() {
    in_the_room("Skjema", &[]);
}

#[test]
fn the_room_participants_tab_shows_no_private_contact_details() {
    in_the_room("Deltakere og samtykke", &["Per Navesen", "Dag Terapeut"]);
}

#[test]
fn the_room_history_tells_only_of_what_the_room_may_see() {
    in_the_room("Historikk", &[WORK_GOAL, WORK_ACTION]);
}

#[test]
fn no_tab_on_the_shared_screen_shows_what_someone_present_may_not_see() {
    let f = fixture();
    let mut h = harness(&f.store);
    h.get_by_label("Ola Testesen").click();
    step(&mut h);
    // Wait for the plugins to load, so that the forms tab is what a user sees.
    for _ in 0..200 {
        if !h.state().state.plugins.loaded.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        step(&mut h);
    }

    // At the desk the coordinator sees it all: the test can see what it looks for.
    let desk = every_tab(&mut h);
    let all_of_desk = desk.iter().map(|(_, t)| t.as_str()).collect::<String>();
    for hidden in hidden_from_nav() {
        if hidden == NATIONAL_ID {
            continue; // masked at the desk too
        }
        assert!(
            all_of_desk.contains(&hidden),
            "the desk shows «{hidden}» somewhere: {}",
            desk[5].1
        );
    }

    h.get_by_label("Presentasjon").click();
    step(&mut h);
    let room = every_tab(&mut h);
    for (tab, text) in &room {
        for hidden in hidden_from_nav() {
            assert!(
                !text.contains(&hidden),
                "the room's «{tab}» tab shows «{hidden}», which NAV may not see"
            );
        }
    }
    let on = |name: &str| &room.iter().find(|(t, _)| *t == name).unwrap().1;
    assert!(on("Mål").contains(WORK_GOAL), "the work goal is shown");
    assert!(
        on("Tiltak").contains(WORK_ACTION),
        "the work action is shown"
    );
    assert!(
        on("Historikk").contains(WORK_GOAL),
        "the history tells of the work goal"
    );
    assert!(
        on("Historikk").contains("Ola Testesen"),
        "the history shows entries"
    );
    assert!(on("Deltakere og samtykke").contains("Per Navesen"));

    // Someone leaves (NAV is marked absent): only the person and the coordinator remain, and
    // the next frame shows them everything.
    tab(&mut h, "Møte");
    let before = f.store.load_case(f.case).unwrap();
    let nav = before
        .participants
        .iter()
        .find(|p| p.name == "Per Navesen")
        .unwrap()
        .id;
    let meeting = before.meetings[0].id;
    edit(
        &mut h,
        Edit::SetAttendance {
            meeting,
            participant: nav,
            attendance: Some(Attendance::Absent),
        },
    );
    step(&mut h);
    tab(&mut h, "Mål");
    assert!(screen_text(&h).contains(HEALTH_GOAL), "leaving restores");
    // And arriving hides it again on the next frame.
    edit(
        &mut h,
        Edit::SetAttendance {
            meeting,
            participant: nav,
            attendance: Some(Attendance::Present),
        },
    );
    h.run_steps(1);
    assert!(
        !screen_text(&h).contains(HEALTH_GOAL),
        "arriving hides at once"
    );
    assert!(screen_text(&h).contains(WORK_GOAL));
    // The person withdraws NAV's consent in the meeting: the work goal goes on the next frame.
    let consent = before.consents[0].id;
    edit(
        &mut h,
        Edit::SetDate {
            field: DateField::ConsentWithdrawn(consent),
            value: Some(today()),
        },
    );
    h.run_steps(1);
    let withdrawn = f.store.load_case(f.case).unwrap().consents[0].withdrawn;
    assert_eq!(withdrawn, Some(today()), "{:?}", h.state().state.message);
    assert!(!screen_text(&h).contains(WORK_GOAL), "withdrawn at once");
}

#[test]
fn a_recipients_pdf_and_fhir_extract_hold_only_what_they_may_see() {
    let f = fixture();
    // An export writes the access log, so the file may not be open in another program.
    drop(f.store);
    let d = f.db.to_str().unwrap();
    let case = f.case.to_string();
    let out = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--db", d];
        all.extend_from_slice(args);
        ok(ansvar(f.cache.path(), &all))
    };

    // NAV: work goals, actions, minutes.
    let pdf = out.path().join("nav.pdf");
    run(&[
        "export",
        "pdf",
        "--case",
        &case,
        "--for",
        "Per Navesen",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = flat(&pdf_text(&pdf));
    for hidden in hidden_from_nav() {
        assert!(!text.contains(&flat(&hidden)), "NAV's PDF shows «{hidden}»");
    }
    assert!(text.contains(&flat(WORK_GOAL)) && text.contains(&flat(WORK_ACTION)));

    let json = out.path().join("nav.json");
    run(&[
        "export",
        "fhir",
        "--case",
        &case,
        "--for",
        "Per Navesen",
        "--out",
        json.to_str().unwrap(),
    ]);
    let bundle = std::fs::read_to_string(&json).unwrap();
    for hidden in hidden_from_nav() {
        assert!(
            !bundle.contains(&hidden),
            "NAV's FHIR extract holds «{hidden}»"
        );
    }
    assert!(bundle.contains(WORK_GOAL) && bundle.contains(WORK_ACTION));
    // The whole case, for comparison: the extract is not empty by accident.
    let whole = out.path().join("whole.json");
    run(&[
        "export",
        "fhir",
        "--case",
        &case,
        "--out",
        whole.to_str().unwrap(),
    ]);
    let whole = std::fs::read_to_string(&whole).unwrap();
    assert!(whole.contains(HEALTH_GOAL) && whole.contains(RED_SIGNS));

    // DPS: health goals and forms, not work goals. The IPS plugin, which reads the work goals,
    // summarises the form from DPS's view: its summary cannot quote the work goal.
    let pdf = out.path().join("dps.pdf");
    run(&[
        "export",
        "pdf",
        "--case",
        &case,
        "--for",
        "Dag Terapeut",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = flat(&pdf_text(&pdf));
    assert!(
        text.contains("IPS jobboppfølging"),
        "the form is shared with DPS: {text}"
    );
    assert!(text.contains(&flat(HEALTH_GOAL)));
    assert!(
        !text.contains(&flat(WORK_GOAL)),
        "the IPS summary in DPS's PDF quotes the work goal: {text}"
    );
    // The complete plan's summary does quote it: the plugin was asked, and it answered.
    let pdf = out.path().join("all.pdf");
    run(&[
        "export",
        "pdf",
        "--case",
        &case,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let all = flat(&pdf_text(&pdf));
    assert!(all.contains(&flat(&format!("Arbeidsmål i planen: «{WORK_GOAL}»"))));
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils): run scripts/install-test-deps.sh");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text with its line breaks and runs of spaces as single spaces: the PDF wraps lines.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
