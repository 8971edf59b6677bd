//! `ansvar verify` and opening a damaged case, on files damaged through redb itself (as a
//! person with the file and a redb library could): a value moved to another row, a changed
//! byte, an entry removed, changed or reordered. Each is named where it is; nothing panics,
//! nothing damaged is shown.

use std::path::Path;
use std::process::Output;

use redb::{ReadableDatabase, ReadableTable, TableDefinition};

mod common;
use common::*;

const LOG: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("edit_log");
const CASES: TableDefinition<u64, &[u8]> = TableDefinition::new("cases");

fn raw(path: &Path) -> redb::Database {
    redb::Builder::new()
        .set_concurrency_mode(redb::ConcurrencyMode::SingleWriter)
        .open(path)
        .expect("open raw")
}

/// One raw write transaction on the file, committed.
fn edit_raw(path: &Path, f: impl FnOnce(&redb::WriteTransaction)) {
    let db = raw(path);
    let txn = db.begin_write().unwrap();
    f(&txn);
    txn.commit().unwrap();
}

fn get(path: &Path, key: (u64, u64)) -> Vec<u8> {
    let db = raw(path);
    let txn = db.begin_read().unwrap();
    let table = txn.open_table(LOG).unwrap();
    let value = table.get(key).unwrap().expect("entry present");
    value.value().to_vec()
}

fn last_seq(path: &Path, case: u64) -> u64 {
    let db = raw(path);
    let txn = db.begin_read().unwrap();
    let table = txn.open_table(LOG).unwrap();
    let last = table
        .range((case, 0)..=(case, u64::MAX))
        .unwrap()
        .next_back()
        .expect("a log")
        .unwrap();
    last.0.value().1
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn demo(&self, name: &str) -> std::path::PathBuf {
        let db = self.dir.path().join(name);
        ok(self.run(&["--db", db.to_str().unwrap(), "demo"]));
        db
    }

    fn run(&self, args: &[&str]) -> Output {
        let o = ansvar(&self.dir.path().join("cache"), args);
        let err = stderr(&o);
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{args:?} panicked: {err}"
        );
        assert_ne!(o.status.code(), Some(101), "{args:?}: {err}");
        o
    }

    fn verify(&self, db: &Path) -> Output {
        self.run(&["--lang", "en", "--db", db.to_str().unwrap(), "verify"])
    }

    /// `export pdf` of `case`: how the command line opens a case.
    fn open_case(&self, db: &Path, case: u64) -> Output {
        let out = self.dir.path().join(format!("case-{case}.pdf"));
        let _ = std::fs::remove_file(&out);
        let o = self.run(&[
            "--lang",
            "en",
            "--db",
            db.to_str().unwrap(),
            "export",
            "pdf",
            "--case",
            &case.to_string(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.success(),
            out.exists(),
            "a document only from a case that opened"
        );
        o
    }
}

/// The report's lines about one case: its heading and the findings under it.
fn case_lines(report: &str, case: u64) -> Vec<String> {
    let head = format!("Case {case} (");
    let mut lines = report.lines().skip_while(|l| !l.starts_with(&head));
    let mut out: Vec<String> = lines.next().into_iter().map(str::to_string).collect();
    out.extend(
        lines
            .take_while(|l| l.starts_with("  - "))
            .map(str::to_string),
    );
    out
}

fn refused(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(1),
        "must be refused\nstdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
    stderr(o)
}

#[test]
fn a_fresh_demo_file_verifies_intact_case_by_case_without_changing_a_byte() {
    let env = Env::new();
    let db = env.demo("demo.redb");
    // An export on top: the access log it writes is checked too.
    ok(env.open_case(&db, 2));
    let before = std::fs::read(&db).unwrap();
    let o = env.verify(&db);
    let report = ok(o);
    for case in 1..=3 {
        let lines = case_lines(&report, case);
        assert_eq!(lines.len(), 1, "{report}");
        assert!(lines[0].ends_with("): intact"), "{report}");
    }
    assert!(report.contains("Everything is intact: 3 cases checked."));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "verify wrote to the file"
    );
    // Bokmål by default.
    let nb = ok(env.run(&["--db", db.to_str().unwrap(), "verify"]));
    assert!(nb.contains("Sak 1 (") && nb.contains("intakt"), "{nb}");
}

#[test]
fn a_removed_log_entry_is_named_by_verify_and_the_case_is_not_opened() {
    let env = Env::new();
    let db = env.demo("removed.redb");
    let newest_of_3 = last_seq(&db, 3);
    edit_raw(&db, |txn| {
        let mut log = txn.open_table(LOG).unwrap();
        log.remove((1, 3)).unwrap();
        // The newest entry too: only the chain's head knows it was there.
        log.remove((3, newest_of_3)).unwrap();
    });
    let o = env.verify(&db);
    let summary = refused(&o);
    let report = stdout(&o);
    assert_eq!(
        case_lines(&report, 1)[1..],
        ["  - edit log entry 3 was removed".to_string()],
        "{report}"
    );
    assert_eq!(
        case_lines(&report, 3)[1..],
        [format!("  - edit log entry {newest_of_3} was removed")],
        "{report}"
    );
    assert!(case_lines(&report, 1)[0].ends_with("): BROKEN"), "{report}");
    assert!(case_lines(&report, 2)[0].ends_with("): intact"), "{report}");
    assert!(summary.contains("Damage found: 2 of 3 cases"), "{summary}");

    let err = refused(&env.open_case(&db, 1));
    assert!(
        err.contains("Case 1 in") && err.contains("edit log entry 3 was removed"),
        "{err}"
    );
    assert!(err.contains("ansvar verify --db"), "{err}");
    let err = refused(&env.open_case(&db, 3));
    assert!(err.contains("was removed"), "{err}");
    // The intact case still opens.
    ok(env.open_case(&db, 2));
}

#[test]
fn a_flipped_byte_in_a_log_entry_is_named_and_nothing_is_read_as_data() {
    let env = Env::new();
    let db = env.demo("flipped.redb");
    let mut value = get(&db, (2, 4));
    // Inside the payload: the envelope's check no longer fits.
    let at = value.len() / 2;
    value[at] ^= 0x04;
    edit_raw(&db, |txn| {
        txn.open_table(LOG)
            .unwrap()
            .insert((2, 4), value.as_slice())
            .unwrap();
    });
    let o = env.verify(&db);
    refused(&o);
    let report = stdout(&o);
    assert_eq!(
        case_lines(&report, 2)[1..],
        ["  - edit log entry 4 fails its check (a changed byte) or cannot be read".to_string()],
        "{report}"
    );
    assert!(case_lines(&report, 1)[0].ends_with("): intact"), "{report}");
    // Opening refuses the case, naming the damage, and writes no document; the others open.
    let err = refused(&env.open_case(&db, 2));
    assert!(
        err.contains("is damaged and is not shown")
            && err.contains("edit log entry 4 fails its check"),
        "{err}"
    );
    ok(env.open_case(&db, 1));
}

#[test]
fn a_value_moved_to_another_row_is_named_where_it_now_is() {
    let env = Env::new();
    let db = env.demo("moved.redb");
    let entry = get(&db, (1, 2));
    edit_raw(&db, |txn| {
        // Case 1's entry 2 over case 2's entry 2: same number, other case.
        txn.open_table(LOG)
            .unwrap()
            .insert((2, 2), entry.as_slice())
            .unwrap();
        // Case 1's stored row under case 3's key.
        let mut cases = txn.open_table(CASES).unwrap();
        let row = cases.get(1).unwrap().unwrap().value().to_vec();
        cases.insert(3, row.as_slice()).unwrap();
    });
    let o = env.verify(&db);
    refused(&o);
    let report = stdout(&o);
    assert_eq!(
        case_lines(&report, 2)[1..],
        [
            "  - the row of edit log entry 2 holds entry 2 of case 1: a value moved from another row"
                .to_string()
        ],
        "{report}"
    );
    assert_eq!(
        case_lines(&report, 3)[1..],
        ["  - the case's row holds case 1: a value moved from another row".to_string()],
        "{report}"
    );
    assert!(case_lines(&report, 1)[0].ends_with("): intact"), "{report}");
    let err = refused(&env.open_case(&db, 2));
    assert!(err.contains("a value moved from another row"), "{err}");
    let err = refused(&env.open_case(&db, 3));
    assert!(err.contains("damaged"), "{err}");
    ok(env.open_case(&db, 1));
}

#[test]
fn an_entry_sealed_by_another_key_and_entries_swapped_are_named() {
    let env = Env::new();
    let db = env.demo("changed.redb");
    // Without the key no one can seal an entry for this file: the nearest forgery is an entry
    // sealed in the same place of another file (another key), which fails as any change does.
    let other = env.demo("other.redb");
    let forged = get(&other, (1, 2));
    let (third, fourth) = (get(&db, (3, 3)), get(&db, (3, 4)));
    edit_raw(&db, |txn| {
        let mut log = txn.open_table(LOG).unwrap();
        log.insert((1, 2), forged.as_slice()).unwrap();
        log.insert((3, 3), fourth.as_slice()).unwrap();
        log.insert((3, 4), third.as_slice()).unwrap();
    });
    let o = env.verify(&db);
    refused(&o);
    let report = stdout(&o);
    assert_eq!(
        case_lines(&report, 1)[1..],
        ["  - edit log entry 2 fails its check (a changed byte) or cannot be read".to_string()],
        "{report}"
    );
    assert_eq!(
        case_lines(&report, 3)[1..],
        [
            "  - the row of edit log entry 3 holds entry 4: entries reordered".to_string(),
            "  - the row of edit log entry 4 holds entry 3: entries reordered".to_string(),
        ],
        "{report}"
    );
    let err = refused(&env.open_case(&db, 1));
    assert!(err.contains("edit log entry 2 fails its check"), "{err}");
    let err = refused(&env.open_case(&db, 3));
    assert!(err.contains("entries reordered"), "{err}");
}

#[test]
fn exports_are_in_the_access_log_with_who_what_for_whom_and_when() {
    let env = Env::new();
    let db = env.demo("access.redb");
    let d = db.to_str().unwrap();
    let file = |n: &str| env.dir.path().join(n).to_str().unwrap().to_string();
    let (pdf, fhir, csv, json) = (
        file("plan.pdf"),
        file("case.json"),
        file("access.csv"),
        file("access.json"),
    );
    ok(env.run(&[
        "--db",
        d,
        "export",
        "pdf",
        "--case",
        "2",
        "--for",
        "Marit Aas",
        "--author",
        "Test Koordinator",
        "--out",
        &pdf,
    ]));
    ok(env.run(&[
        "--db",
        d,
        "export",
        "fhir",
        "--case",
        "1",
        "--author",
        "Test Saksbehandler",
        "--out",
        &fhir,
    ]));
    let said = ok(env.run(&["--lang", "en", "--db", d, "audit", "--out", &csv]));
    assert!(said.contains("Access log (2 entries) written to"), "{said}");
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "n,time,user,case,access,for", "{text}");
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[1].starts_with("1,") && lines[1].ends_with(",Test Koordinator,2,plan_pdf,Marit Aas"),
        "{text}"
    );
    assert!(lines[2].ends_with(",Test Saksbehandler,1,fhir,"), "{text}");
    // One case, as JSON; the time is the export's, from the clock.
    ok(env.run(&["--db", d, "audit", "--case", "2", "--out", &json]));
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["access"], "plan_pdf");
    assert_eq!(log[0]["reader"], "Marit Aas");
    assert!(
        chrono::DateTime::parse_from_rfc3339(log[0]["at"].as_str().unwrap()).is_ok(),
        "{log:?}"
    );
    // The log is checked with everything else, and an imported case is chained as well.
    ok(env.run(&["--db", d, "import", "fhir", &fhir, "--author", "Test"]));
    let report = ok(env.verify(&db));
    assert!(
        report.contains("Everything is intact: 4 cases checked."),
        "{report}"
    );
    // Never over the database.
    let err = refused(&env.run(&["--lang", "en", "--db", d, "audit", "--out", d]));
    assert!(err.contains("same file"), "{err}");
}
