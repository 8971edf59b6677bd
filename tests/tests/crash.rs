//! A process applying edits is killed with SIGKILL at several points; every edit it reported
//! as applied must be there when the file is opened again, and the file must open cleanly.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use ansvar_core::clock::Clock;
use ansvar_core::session::Session;
use ansvar_core::store::{Store, StoreError};

fn spawn(db: &std::path::Path) -> (Child, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_edit-loop"))
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start edit-loop");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    (child, stdout)
}

/// Reads `applied N` lines until `count` more have come; returns the last N.
fn read_applied(out: &mut BufReader<std::process::ChildStdout>, count: usize) -> Option<u64> {
    let mut last = None;
    let mut seen = 0;
    let mut line = String::new();
    while seen < count {
        line.clear();
        if out.read_line(&mut line).ok()? == 0 {
            break;
        }
        if let Some(n) = line.trim().strip_prefix("applied ") {
            last = n.parse().ok();
            seen += 1;
        }
    }
    last
}

#[test]
fn edits_reported_applied_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.redb");
    let mut reported: Option<u64> = None;
    // Kill after different numbers of edits, and at different moments after the last report.
    let kill_points = [(1, 0), (7, 2), (25, 0), (3, 5), (60, 1), (15, 3)];
    for (round, (edits, delay_ms)) in kill_points.into_iter().enumerate() {
        let (mut child, mut out) = spawn(&db);
        let last = read_applied(&mut out, edits);
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix
        child.wait().unwrap();
        // Lines already written before the kill also count as reported.
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut out, &mut rest);
        let last = rest
            .lines()
            .filter_map(|l| l.strip_prefix("applied ")?.parse::<u64>().ok())
            .next_back()
            .or(last);
        if last.is_some() {
            reported = last;
        }

        let store =
            Arc::new(Store::open_test(&db).unwrap_or_else(|e| panic!("round {round}: {e}")));
        let cases = store.list_cases().unwrap();
        assert_eq!(cases.len(), 1, "round {round}");
        let session = Session::open(
            store.clone(),
            cases[0].id,
            Clock::at_noon(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")),
        )
        .unwrap();
        let actions = &session.case().actions;
        let max = reported.expect("the child reported edits");
        for n in 0..=max {
            assert_eq!(
                actions.get(n as usize).map(|a| a.what.as_str()),
                Some(format!("tiltak {n}").as_str()),
                "round {round}: reported edit {n} is missing"
            );
        }
        // Never half an edit: the case and its log agree.
        assert_eq!(
            store.log(cases[0].id).unwrap().len(),
            actions.len(),
            "round {round}"
        );
    }
}

#[test]
fn a_second_process_is_told_the_file_is_open_and_backup_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.redb");
    let (mut child, mut out) = spawn(&db);
    read_applied(&mut out, 3).expect("child is editing");
    match Store::open_test(&db) {
        Err(StoreError::AlreadyOpen { .. }) => {}
        Err(e) => panic!("expected AlreadyOpen, got {e}"),
        Ok(_) => panic!("two writers on one file"),
    }
    let copy = dir.path().join("copy.redb");
    Store::backup(&db, &copy, &ansvar_core::store::Secret::test())
        .expect("backup while another process writes");
    child.kill().unwrap();
    child.wait().unwrap();
    let store = Store::open_test(&copy).expect("the copy opens");
    let case = store.list_cases().unwrap()[0].id;
    let actions = store.load_case(case).unwrap().actions;
    assert!(actions.len() >= 3);
    assert_eq!(store.log(case).unwrap().len(), actions.len());
}
