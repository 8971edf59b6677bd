//! `ansvar week --db PATH [--json] [--lang en]`: the coordinator's week on the command line,
//! the same lines as the start screen, from a file it opens read-only.
//!
//! The binary reads the computer's clock in the computer's zone, so the cases are dated from the
//! same clock's today.

mod common;
#[path = "common/week_fixture.rs"]
mod week_fixture;

use std::process::Output;

use ansvar::clock::Clock;
use ansvar::i18n::date;
use ansvar::store::Store;
use chrono::{NaiveDate, TimeDelta};

use common::{ok, stderr};
use week_fixture::*;

/// Today as the binary sees it: the computer's clock in the computer's zone. (Giving the child
/// another zone would move a faked clock too: libfaketime reads its start time in the child's
/// zone.)
fn today() -> NaiveDate {
    Clock::system().today()
}

fn run(db: &std::path::Path, args: &[&str]) -> Output {
    common::ansvar_command()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run ansvar")
}

fn prepared() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("week.redb");
    let store = Store::open_test(&db).unwrap();
    insert_due_case(&store, today());
    insert_calm_case(&store, today());
    drop(store);
    (dir, db)
}

#[test]
fn the_week_lists_each_due_thing_under_its_heading_in_the_chosen_language() {
    let (_dir, db) = prepared();
    let before = std::fs::read(&db).unwrap();
    let out = ok(run(&db, &["--lang", "en", "week"]));
    let late = date(today() - TimeDelta::days(14));
    for part in [
        "Meetings in the next 14 days",
        "Overdue actions",
        &format!("{NAV}: {ACTION} (due {late}, 14 days late)"),
        &format!("nobody responsible: {OTHER_ACTION}"),
        "Plans to revise or ending",
        "Crisis plans not reviewed for six months",
        &format!("the consent to {NAV_ORG} given"),
        &format!("the goal “{GOAL}”"),
    ] {
        assert!(out.contains(part), "{part:?} missing from:\n{out}");
    }
    assert!(!out.contains(CALM), "{out}");
    assert!(!out.contains(EVALUATED_GOAL), "{out}");
    // Every line names its case.
    assert!(
        out.lines()
            .filter(|l| l.contains(ACTION))
            .all(|l| l.trim_start().starts_with('1') && l.contains(PERSON)),
        "{out}"
    );
    // Read-only: not a byte of the file changed.
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // Norwegian by default.
    let nb = ok(run(&db, &["week"]));
    assert!(nb.contains("Tiltak over fristen"), "{nb}");
    assert!(nb.contains("14 dager over"), "{nb}");
}

#[test]
fn the_week_as_json_names_the_case_the_kind_and_the_tab() {
    let (_dir, db) = prepared();
    let out = ok(run(&db, &["week", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let lines = v["lines"].as_array().unwrap();
    let kinds: Vec<&str> = lines.iter().filter_map(|l| l["kind"].as_str()).collect();
    assert_eq!(
        kinds,
        [
            "meeting",
            "overdue_action",
            "overdue_action",
            "revision_passed",
            "crisis_plan_not_reviewed",
            "consent_renewal",
            "goal_not_evaluated"
        ]
    );
    let late = &lines[1];
    assert_eq!(late["case"], 1);
    assert_eq!(late["name"], PERSON);
    assert_eq!(late["place"], "actions");
    assert_eq!(late["what"], ACTION);
    assert_eq!(late["who"], NAV);
    assert_eq!(late["days_late"], 14);
    assert_eq!(v["unknown"].as_array().map(|a| a.len()), Some(0));
}

#[test]
fn an_empty_week_says_so_and_a_missing_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("calm.redb");
    let store = Store::open_test(&db).unwrap();
    insert_calm_case(&store, today());
    drop(store);
    let out = ok(run(&db, &["--lang", "en", "week"]));
    assert_eq!(out.trim(), "Nothing is due in the cases now.");
    let missing = run(&dir.path().join("nope.redb"), &["week"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(!stderr(&missing).is_empty());
    assert!(!dir.path().join("nope.redb").exists());
}

#[test]
fn an_action_marked_done_leaves_the_week_at_once() {
    let (_dir, db) = prepared();
    let store = std::sync::Arc::new(Store::open_test(&db).unwrap());
    let id = store.list_cases().unwrap()[0].id;
    let case = store.load_case(id).unwrap();
    let action = case.actions.iter().find(|a| a.what == ACTION).unwrap().id;
    let mut s = ansvar::session::Session::open(store.clone(), id, Clock::at_noon(today())).unwrap();
    s.apply(
        ansvar::domain::Edit::SetActionStatus {
            id: action,
            status: ansvar::domain::ActionStatus::Done,
        },
        &ansvar::domain::Author::Staff {
            name: "Nina Koordinator".into(),
            organisation: "Nordvik kommune".into(),
        },
    )
    .unwrap();
    drop(s);
    drop(store);
    // The edit's one transaction rewrote the case's index entry: the week reads it.
    let out = ok(run(&db, &["--lang", "en", "week"]));
    assert!(!out.contains(ACTION), "{out}");
    assert!(out.contains(OTHER_ACTION), "{out}");
}
