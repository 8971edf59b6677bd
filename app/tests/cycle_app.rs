//! The meeting cycle in the app: "Send innkalling" on the meeting tab (only with a next meeting)
//! and "Godkjenn og send referat" (the approval through the edit path, then every recipient's
//! copy), written into a folder by the same core functions as the command line. The tests call
//! what the buttons call after their folder dialog.

#[path = "common/cycle_fixture.rs"]
mod cycle_fixture;

use std::path::Path;
use std::sync::Arc;

use ansvar::domain::*;
use ansvar::store::Store;
use ansvar::ui::AnsvarApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use cycle_fixture::*;

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

fn open_meeting_tab(h: &mut Harness<'_, AnsvarApp>) {
    h.get_by_label("Ola Testesen").click();
    step(h);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Møte")
        .click();
    step(h);
}

/// Steps until the app's message contains `text`; returns the message.
fn until_message(h: &mut Harness<'_, AnsvarApp>, text: &str) -> String {
    for _ in 0..200 {
        step(h);
        if let Some(m) = &h.state().state.message
            && m.contains(text)
        {
            return m.clone();
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!(
        "no message with «{text}»; the last: {:?}",
        h.state().state.message
    );
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn send_notice_writes_a_pair_per_participant_and_shows_only_with_a_next_meeting() {
    let f = fixture();
    let mut h = harness(&f.store);
    open_meeting_tab(&mut h);
    assert!(h.query_by_label("Send innkalling").is_some());
    let out = f.dir.path().join("innkalling");
    h.state_mut().state.send_notice_to(out.clone());
    let said = until_message(&mut h, "filer skrevet til");
    assert!(said.starts_with("8 filer skrevet til"), "{said}");
    let names = files_in(&out);
    assert_eq!(names.len(), 8, "{names:?}");
    for who in [
        "Ola Testesen",
        "Nina Koordinator",
        "Per Navesen",
        "Dag Terapeut",
    ] {
        for ext in ["pdf", "ics"] {
            let name = format!("Innkalling 10.12.2026 – {who}.{ext}");
            assert!(names.contains(&name), "{name} missing: {names:?}");
        }
    }

    // Without a next meeting there is nothing to call the group to: no button.
    f.edit(vec![Edit::SetNextMeeting {
        id: f.last,
        at: None,
    }]);
    let mut h = harness(&f.store);
    open_meeting_tab(&mut h);
    assert!(h.query_by_label("Send innkalling").is_none());
}

#[test]
fn approve_and_send_records_the_approval_and_writes_each_recipients_copy() {
    let f = fixture();
    let mut h = harness(&f.store);
    open_meeting_tab(&mut h);
    // The button is on the ended meeting, looked back at.
    h.get_by_label_contains("Tidligere møter").click();
    step(&mut h);
    h.get_by_label_contains("19.11.2026").click();
    step(&mut h);
    assert!(h.query_by_label("Godkjenn og send referat").is_some());
    let out = f.dir.path().join("referat");
    h.state_mut()
        .state
        .approve_and_send_minutes_to(f.last, out.clone());
    let said = until_message(&mut h, "filer skrevet til");
    // NAV's consent does not cover the minutes: the message says so, and why.
    assert!(
        said.contains(
            "Ingen referat til Per Navesen: Ola Testesen har ikke samtykket til at referatene deles med dem."
        ),
        "{said}"
    );
    assert_eq!(
        files_in(&out),
        [
            "Referat 19.11.2026 – Dag Terapeut.pdf",
            "Referat 19.11.2026 – Ola Testesen.pdf",
            "Referat 19.11.2026 – komplett.pdf",
        ]
    );
    // The approval went through the edit path: in the case and in its log.
    let case = f.store.load_case(f.case).unwrap();
    let approval = case.meeting(f.last).unwrap().approved.clone();
    assert_eq!(approval.map(|a| a.on), Some(today()));
    let log = f.store.log(f.case).unwrap();
    assert!(
        log.iter().any(|e| matches!(
            &e.edit,
            Edit::SetMeetingApproval { meeting, approval: Some(_) } if *meeting == f.last
        )),
        "no approval in the log"
    );
}

/// The notices the app sends are in the access log, one entry per participant, by the app's
/// user, and the History tab at the desk lists them.
#[test]
fn send_notice_logs_one_access_per_participant() {
    let f = fixture();
    let mut h = harness(&f.store);
    open_meeting_tab(&mut h);
    h.state_mut()
        .state
        .send_notice_to(f.dir.path().join("innkalling"));
    until_message(&mut h, "filer skrevet til");
    let log = f.store.access_log(Some(f.case)).unwrap();
    let notices: Vec<_> = log
        .iter()
        .filter(|e| e.access == ansvar::store::Access::Notice)
        .map(|e| e.reader.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        notices,
        [
            "Ola Testesen",
            "Nina Koordinator",
            "Per Navesen",
            "Dag Terapeut"
        ]
    );
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Historikk")
        .click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("lagde møteinnkalling for Per Navesen")
            .is_some()
    );
}
