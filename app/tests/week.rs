//! The coordinator's week on the start screen: what a prepared case has due is listed, and a
//! click on a line opens the case at the tab where it is dealt with.

#[path = "common/week_fixture.rs"]
mod week_fixture;

use std::sync::Arc;

use ansvar::clock::Clock;
use ansvar::store::Store;
use ansvar::text::S;
use ansvar::ui::AnsvarApp;
use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use week_fixture::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn harness(store: &Arc<Store>) -> Harness<'static, AnsvarApp> {
    let store = store.clone();
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |_cc| AnsvarApp::new(store, Clock::at_noon(today())));
    h.run_steps(3);
    h
}

fn store() -> (tempfile::TempDir, Arc<Store>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open_test(dir.path().join("week.redb")).unwrap());
    insert_due_case(&store, today());
    insert_calm_case(&store, today());
    (dir, store)
}

/// Every line the prepared case has due, in words, as the start screen shows them.
fn expected_lines() -> Vec<String> {
    vec![
        format!("{PERSON}: møte 01.12.2026 09:00"),
        format!("{PERSON}: {NAV}: {ACTION} (frist 10.11.2026, 14 dager over)"),
        format!("{PERSON}: ingen ansvarlig: {OTHER_ACTION} (frist 23.11.2026, én dag over)"),
        format!("{PERSON}: revisjonsdato 01.11.2026 er passert"),
        format!("{PERSON}: kriseplanen sist gjennomgått 01.03.2026"),
        format!("{PERSON}: samtykket til {NAV_ORG} gitt 10.12.2025 skal fornyes innen 10.12.2026"),
        format!("{PERSON}: målet «{GOAL}»"),
    ]
}

#[test]
fn the_week_lists_what_the_prepared_case_has_due_and_nothing_of_the_calm_one() {
    let (_dir, store) = store();
    let h = harness(&store);
    for line in expected_lines() {
        h.get_by_label(&line);
    }
    for heading in [
        "Møter de neste 14 dagene",
        "Tiltak over fristen",
        "Planer som skal revideres eller går ut",
        "Kriseplaner ikke gjennomgått på seks måneder",
        "Samtykker som snart går ut",
        "Mål ikke evaluert på de to siste møtene",
    ] {
        h.get_by_label(heading);
    }
    // The calm case has nothing due: it is in the list below, never in the week.
    assert!(
        h.query_all_by_label_contains(&format!("{CALM}:"))
            .next()
            .is_none()
    );
    h.get_by_label(CALM);
}

#[test]
fn a_click_on_a_line_opens_the_case_at_its_tab() {
    let (_dir, store) = store();
    for (line, tab, shown) in [
        (expected_lines()[1].clone(), S::TabActions, Some(ACTION)),
        (expected_lines()[4].clone(), S::TabCrisisPlan, None),
        (expected_lines()[6].clone(), S::TabGoals, Some(GOAL)),
        (expected_lines()[3].clone(), S::TabOverview, None),
        (expected_lines()[0].clone(), S::TabMeeting, None),
        (
            expected_lines()[5].clone(),
            S::TabParticipants,
            Some(NAV_ORG),
        ),
    ] {
        let mut h = harness(&store);
        h.get_by_label(&line).click();
        h.run_steps(3);
        let app = &h.state().state;
        let open = app.session.as_ref().map(|s| s.case().person.name.clone());
        assert_eq!(open.as_deref(), Some(PERSON), "{line}");
        assert_eq!(app.tab, tab, "{line}");
        // The panel itself shows it (text fields hold their text as a value, not a label).
        if let Some(shown) = shown {
            assert!(
                h.query_all_by_label_contains(shown).next().is_some(),
                "{line}: {shown} not shown"
            );
        }
    }
}

#[test]
fn snapshot_of_the_week() {
    let (_dir, store) = store();
    let mut h = harness(&store);
    h.snapshot("week");
}
