//! The store: durability of edits, refusal of files it must not touch, migration, backup.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ansvar_core::clock::Clock;
use ansvar_core::domain::*;
use ansvar_core::i18n::Lang;
use ansvar_core::session::Session;
use ansvar_core::store::{SCHEMA_VERSION, Store, StoreError};

fn clock() -> Clock {
    Clock::at_noon(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
}

fn staff() -> Author {
    Author::Staff {
        name: "Test Koordinator".into(),
        organisation: "Nordvik kommune".into(),
    }
}

fn fresh(dir: &Path) -> PathBuf {
    dir.join("ansvar.redb")
}

/// A file with one case holding a little data, closed cleanly.
fn db_with_a_case(path: &Path) {
    let store = Arc::new(Store::open_test(path).expect("create"));
    let case = store.create_case().expect("case");
    let mut s = Session::open(store.clone(), case.id, clock()).expect("session");
    s.apply(
        Edit::SetText {
            field: TextField::PersonName,
            value: "Åse Ødegård".into(),
        },
        &staff(),
    )
    .expect("edit");
}

#[test]
fn a_new_file_is_created_and_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    db_with_a_case(&path);
    let store = Store::open_test(&path).expect("reopen");
    let cases = store.list_cases().unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].name, "Åse Ødegård");
    assert_eq!(store.log(cases[0].id).unwrap().len(), 1);
}

fn assert_refused_untouched(path: &Path, expect: impl Fn(&StoreError) -> bool) -> StoreError {
    let before = fs::read(path).unwrap();
    let err = match Store::open_test(path) {
        Ok(_) => panic!("{} opened but should have been refused", path.display()),
        Err(e) => e,
    };
    assert!(expect(&err), "unexpected error: {err:?}");
    assert_eq!(fs::read(path).unwrap(), before, "the file's bytes changed");
    // Every refusal speaks both languages and names the file.
    assert!(err.message(Lang::Nb).contains(&path.display().to_string()));
    assert!(err.message(Lang::En).contains(&path.display().to_string()));
    err
}

#[test]
fn random_bytes_are_not_an_ansvar_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    let bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    fs::write(&path, bytes).unwrap();
    let err = assert_refused_untouched(&path, |e| matches!(e, StoreError::NotAnsvar { .. }));
    assert!(err.message(Lang::Nb).contains("ikke en Ansvar-database"));
}

#[test]
fn a_foreign_redb_file_is_not_an_ansvar_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        let def: redb::TableDefinition<&str, &str> = redb::TableDefinition::new("other");
        txn.open_table(def).unwrap().insert("k", "v").unwrap();
        txn.commit().unwrap();
    }
    assert_refused_untouched(&path, |e| matches!(e, StoreError::NotAnsvar { .. }));
}

#[test]
fn a_truncated_file_is_refused_at_every_cut() {
    let dir = tempfile::tempdir().unwrap();
    let good = fresh(dir.path());
    db_with_a_case(&good);
    let full = fs::read(&good).unwrap();
    let cut_path = dir.path().join("cut.redb");
    // Cuts inside the header, mid-page and on page boundaries.
    let cuts = [
        5,
        100,
        4096,
        4096 + 17,
        full.len() / 2,
        full.len() / 2 / 4096 * 4096,
        full.len() - 4096,
        full.len() - 1,
    ];
    for cut in cuts {
        fs::write(&cut_path, &full[..cut]).unwrap();
        assert_refused_untouched(&cut_path, |e| {
            matches!(
                e,
                StoreError::Truncated { .. }
                    | StoreError::Corrupt { .. }
                    | StoreError::NotAnsvar { .. }
            )
        });
    }
    // Cut mid-page: named as cut short, not as some other damage.
    fs::write(&cut_path, &full[..full.len() - 100]).unwrap();
    let err = assert_refused_untouched(&cut_path, |e| matches!(e, StoreError::Truncated { .. }));
    assert!(err.message(Lang::Nb).contains("ufullstendig"));
}

/// Rewrites the stored schema version, as a newer Ansvar would have left it.
fn set_schema_version(path: &Path, version: u32) {
    let db = redb::Database::open(path).unwrap();
    let txn = db.begin_write().unwrap();
    let meta: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta");
    txn.open_table(meta)
        .unwrap()
        .insert("schema_version", version.to_le_bytes().as_slice())
        .unwrap();
    txn.commit().unwrap();
}

#[test]
fn a_newer_schema_is_refused_with_the_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    db_with_a_case(&path);
    set_schema_version(&path, SCHEMA_VERSION + 1);
    let err = assert_refused_untouched(&path, |e| {
        matches!(e, StoreError::NewerSchema { found, supported, .. }
            if *found == SCHEMA_VERSION + 1 && *supported == SCHEMA_VERSION)
    });
    assert!(err.message(Lang::Nb).contains("nyere versjon av Ansvar"));
}

#[test]
fn a_second_opener_is_told_the_file_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    db_with_a_case(&path);
    let first = Store::open_test(&path).expect("first");
    let before = fs::read(&path).unwrap();
    match Store::open_test(&path) {
        Err(StoreError::AlreadyOpen { .. }) => {}
        Err(e) => panic!("expected AlreadyOpen, got {e:?}"),
        Ok(_) => panic!("a second opener got the file"),
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    // The first opener still works.
    assert_eq!(first.list_cases().unwrap().len(), 1);
}

/// Opens a copy of a fixture file and checks its three demo cases, and that their logs, as the
/// JSON that build wrote, replay: every edit in order from an empty case gives the case as
/// loaded, every inverse in reverse order the empty case again.
fn fixture_opens_and_keeps_its_content(name: &str) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    fs::copy(&fixture, &path).expect("fixture present");
    let store = Store::open_test(&path).expect("fixture opens");
    let cases = store.list_cases().unwrap();
    assert_eq!(cases.len(), 3);
    for summary in &cases {
        let case = store.load_case(summary.id).unwrap();
        assert_eq!(case.person.name, summary.name);
        assert!(!case.goals.is_empty());
        let log = store.log(summary.id).unwrap();
        assert!(!log.is_empty());
        let empty = Case {
            id: summary.id,
            ..Case::default()
        };
        let mut replayed = empty.clone();
        for entry in &log {
            apply(&mut replayed, &entry.edit)
                .unwrap_or_else(|e| panic!("{name}, entry {}: {e}", entry.seq));
        }
        assert_eq!(replayed, case, "{name}");
        for entry in log.iter().rev() {
            apply(&mut replayed, &entry.inverse)
                .unwrap_or_else(|e| panic!("{name}, undoing entry {}: {e}", entry.seq));
        }
        assert_eq!(replayed, empty, "{name}");
    }
    // It takes edits, and opens again with them.
    let id = cases[0].id;
    let mut s = Session::open(Arc::new(store), id, clock()).unwrap();
    s.apply(
        Edit::SetText {
            field: TextField::PlanNeeds,
            value: "Nytt behov".into(),
        },
        &staff(),
    )
    .unwrap();
    drop(s);
    let again = Store::open_test(&path).unwrap();
    assert_eq!(again.list_cases().unwrap().len(), 3);
    assert_eq!(again.load_case(id).unwrap().plan.needs, "Nytt behov");
}

#[test]
fn the_schema_1_fixture_opens_and_keeps_its_content() {
    // Written by `ansvar demo` at schema 1 (see tests/fixtures/README.md). Later schemas
    // must migrate it.
    fixture_opens_and_keeps_its_content("schema-1.redb");
}

#[test]
fn the_schema_2_fixture_opens_and_keeps_its_content() {
    // Written by `ansvar demo` at schema 2, the first with sealed values.
    fixture_opens_and_keeps_its_content("schema-2.redb");
}

#[test]
fn an_early_schema_1_file_without_the_later_tables_still_opens() {
    // Written before the snapshot, plugin and key tables were added within schema 1.
    fixture_opens_and_keeps_its_content("schema-1-early.redb");
}

#[test]
fn backup_is_a_consistent_copy_while_the_store_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    db_with_a_case(&path);
    let store = Arc::new(Store::open_test(&path).unwrap());
    let id = store.list_cases().unwrap()[0].id;
    let mut s = Session::open(store.clone(), id, clock()).unwrap();
    s.apply(
        Edit::SetText {
            field: TextField::PlanMainGoal,
            value: "Bo trygt i egen leilighet".into(),
        },
        &staff(),
    )
    .unwrap();
    let out = dir.path().join("backup.redb");
    Store::backup(&path, &out, &ansvar_core::store::Secret::test()).expect("backup while open");
    // The original is still usable by its opener.
    s.apply(
        Edit::SetText {
            field: TextField::PlanNeeds,
            value: "Hjelp med økonomi".into(),
        },
        &staff(),
    )
    .unwrap();
    let copy = Store::open_test(&out).expect("backup opens");
    let case = copy.load_case(id).unwrap();
    assert_eq!(case.plan.main_goal, "Bo trygt i egen leilighet");
    assert_eq!(
        case.plan.needs, "",
        "the copy is the snapshot taken, not later edits"
    );
    assert_eq!(copy.log(id).unwrap().len(), 2);
}

#[test]
fn backup_of_a_damaged_file_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    fs::write(&path, b"not a database at all").unwrap();
    let out = dir.path().join("backup.redb");
    assert!(matches!(
        Store::backup(&path, &out, &ansvar_core::store::Secret::test()),
        Err(StoreError::NotAnsvar { .. })
    ));
    assert!(!out.exists());
}

#[test]
fn listing_reads_the_index_not_the_cases() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    let store = Arc::new(Store::open_test(&path).unwrap());
    let mut ids = Vec::new();
    for i in 0..5 {
        let case = store.create_case().unwrap();
        let mut s = Session::open(store.clone(), case.id, clock()).unwrap();
        let coordinator = Participant {
            id: ParticipantId::new(),
            name: format!("Koordinator {i}"),
            role: Role::Coordinator,
            ..Participant::default()
        };
        let pid = coordinator.id;
        s.apply(
            Edit::InsertParticipant {
                index: 0,
                participant: coordinator,
            },
            &staff(),
        )
        .unwrap();
        s.apply(
            Edit::SetCoordinator {
                participant: Some(pid),
            },
            &staff(),
        )
        .unwrap();
        s.apply(
            Edit::SetText {
                field: TextField::PersonName,
                value: format!("Person {i}"),
            },
            &staff(),
        )
        .unwrap();
        ids.push(case.id);
    }
    let list = store.list_cases().unwrap();
    assert_eq!(list.len(), 5);
    assert_eq!(list[3].name, "Person 3");
    assert_eq!(list[3].coordinator, "Koordinator 3");
    assert_eq!(list.iter().map(|c| c.id).collect::<Vec<_>>(), ids);
}

#[test]
fn a_log_at_the_end_of_its_numbering_refuses_edits_instead_of_overwriting() {
    // Only a damaged or hostile file has such a log; wrapping round would overwrite entry 0.
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    let store = Arc::new(Store::open_test(&path).unwrap());
    let mut case = store.create_case().unwrap();
    let edit = Edit::SetText {
        field: TextField::PersonName,
        value: "Kari Nordmann".into(),
    };
    let inverse = apply(&mut case, &edit).unwrap();
    let at = clock().now();
    let entry = ansvar_core::store::LogEntry {
        seq: u64::MAX,
        at,
        last_at: at,
        author: staff(),
        edit,
        inverse,
        cause: ansvar_core::store::Cause::Edit,
        case: None,
        prev: None,
    };
    store.commit_edit(&case, &entry).unwrap();
    // The entries before it are missing: the chain refuses the case before any edit, so
    // nothing can wrap round and overwrite.
    let err = Session::open(store.clone(), case.id, clock())
        .err()
        .expect("a log with a gap is refused");
    assert!(
        matches!(
            err,
            StoreError::CaseDamaged {
                finding: ansvar_core::store::Finding::EntriesRemoved { from: 1, .. },
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("were removed"), "{err}");
    assert_eq!(store.log(case.id).unwrap().len(), 1);
}

/// The stored schema version and a raw case row, read without Ansvar's store.
fn raw_schema_and_case(path: &Path) -> (u32, Vec<u8>) {
    let db = redb::Builder::new()
        .set_concurrency_mode(redb::ConcurrencyMode::SingleWriter)
        .open_read_only(path)
        .unwrap();
    let txn = redb::ReadableDatabase::begin_read(&db).unwrap();
    let meta: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta");
    let cases: redb::TableDefinition<u64, &[u8]> = redb::TableDefinition::new("cases");
    let version = txn
        .open_table(meta)
        .unwrap()
        .get("schema_version")
        .unwrap()
        .unwrap();
    let version = u32::from_le_bytes(version.value().try_into().unwrap());
    let table = txn.open_table(cases).unwrap();
    let row = redb::ReadableTable::first(&table).unwrap().unwrap();
    (version, row.1.value().to_vec())
}

type Read = Vec<(String, String, Case)>;

fn try_summaries(store: &Store) -> Result<Read, StoreError> {
    store
        .list_cases()?
        .into_iter()
        .map(|c| Ok((c.name, c.coordinator, store.load_case(c.id)?)))
        .collect()
}

fn summaries(store: &Store) -> Read {
    try_summaries(store).unwrap()
}

#[test]
fn an_old_file_is_read_as_it_is_read_only_and_upgraded_by_the_first_writable_open() {
    for name in ["schema-1.redb", "schema-1-early.redb"] {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let dir = tempfile::tempdir().unwrap();
        let path = fresh(dir.path());
        fs::copy(&fixture, &path).unwrap();
        let before = fs::read(&path).unwrap();
        let read = summaries(
            &Store::open_read_only(&path, &ansvar_core::store::Secret::test())
                .expect("opens read-only"),
        );
        assert_eq!(read.len(), 3, "{name}");
        assert_eq!(
            fs::read(&path).unwrap(),
            before,
            "{name}: a read-only open wrote"
        );
        assert_eq!(raw_schema_and_case(&path).0, 1, "{name}");

        let upgraded = summaries(&Store::open_test(&path).expect("opens for writing"));
        assert_eq!(upgraded, read, "{name}: the upgrade changed the data");
        let (version, row) = raw_schema_and_case(&path);
        assert_eq!(version, SCHEMA_VERSION, "{name}");
        assert_ne!(
            row.first(),
            Some(&b'{'),
            "{name}: the case row is not sealed"
        );
        assert_eq!(
            summaries(&Store::open_read_only(&path, &ansvar_core::store::Secret::test()).unwrap()),
            read
        );
    }
}

#[test]
fn a_read_only_open_leaves_every_byte_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    db_with_a_case(&path);
    let before = fs::read(&path).unwrap();
    let store = Store::open_read_only(&path, &ansvar_core::store::Secret::test()).unwrap();
    assert_eq!(store.list_cases().unwrap()[0].name, "Åse Ødegård");
    assert!(store.create_case().is_err());
    drop(store);
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_changed_byte_inside_a_value_is_refused_never_read_as_other_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    db_with_a_case(&path);
    let good = fs::read(&path).unwrap();
    // The name is encrypted: it is nowhere in the file.
    let needle = "Ødegård".as_bytes();
    assert!(!good.windows(needle.len()).any(|w| w == needle));
    let index: redb::TableDefinition<u64, &[u8]> = redb::TableDefinition::new("case_index");
    // Each byte of the case list's row changed in turn: reading the list is refused, never read
    // as another name.
    let row_len = {
        let db = redb::ReadOnlyDatabase::open(&path).unwrap();
        let txn = redb::ReadableDatabase::begin_read(&db).unwrap();
        let t = txn.open_table(index).unwrap();
        t.get(1).unwrap().unwrap().value().len()
    };
    let copy = dir.path().join("damaged.redb");
    let out = dir.path().join("backup.redb");
    for at in (0..row_len).step_by(7) {
        fs::write(&copy, &good).unwrap();
        {
            let db = redb::Database::create(&copy).unwrap();
            let txn = db.begin_write().unwrap();
            {
                use redb::ReadableTable;
                let mut t = txn.open_table(index).unwrap();
                let mut v = t.get(1).unwrap().unwrap().value().to_vec();
                v[at] ^= 0x07;
                t.insert(1, v.as_slice()).unwrap();
            }
            txn.commit().unwrap();
        }
        for result in [
            Store::open_read_only(&copy, &ansvar_core::store::Secret::test())
                .and_then(|s| try_summaries(&s)),
            Store::open_test(&copy).and_then(|s| try_summaries(&s)),
        ] {
            match result {
                Ok(read) => panic!("byte {at}: damage read as data: {read:?}"),
                Err(e) => assert!(matches!(e, StoreError::Corrupt { .. }), "{e:?}"),
            }
        }
        let bad = fs::read(&copy).unwrap();
        assert!(Store::backup(&copy, &out, &ansvar_core::store::Secret::test()).is_err());
        assert!(!out.exists(), "a refused backup left a file");
        assert_eq!(fs::read(&copy).unwrap(), bad, "backup changed its source");
    }
}

#[test]
fn a_whole_case_with_its_log_is_written_in_one_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    let staging = Arc::new(Store::in_memory().unwrap());
    let draft = staging.create_case().unwrap();
    let mut s = Session::open(staging.clone(), draft.id, clock()).unwrap();
    for name in ["Kari", "Kari Fiktiv"] {
        s.apply(
            Edit::SetText {
                field: TextField::PersonName,
                value: name.into(),
            },
            &staff(),
        )
        .unwrap();
    }
    let log = staging.log(draft.id).unwrap();
    let store = Store::open_test(&path).unwrap();
    store.create_case().unwrap();
    let case = store.insert_case_with_log(s.case(), &log).unwrap();
    assert_eq!(case.id, CaseId(2));
    drop(store);
    let store = Store::open_read_only(&path, &ansvar_core::store::Secret::test()).unwrap();
    assert_eq!(store.list_cases().unwrap()[1].name, "Kari Fiktiv");
    assert_eq!(store.load_case(case.id).unwrap(), case);
    // The same entries, chained in their new case.
    let stored = store.log(case.id).unwrap();
    let unchained = |l: &[ansvar_core::store::LogEntry]| -> Vec<_> {
        l.iter()
            .map(|e| ansvar_core::store::LogEntry {
                case: None,
                prev: None,
                ..e.clone()
            })
            .collect()
    };
    assert_eq!(unchained(&stored), unchained(&log));
    assert!(stored.iter().all(|e| e.case == Some(2) && e.prev.is_some()));
    assert!(store.verify(ansvar_core::i18n::Lang::En).unwrap().intact());
}

#[test]
fn a_damaged_snapshot_number_is_refused_not_used_to_skip_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    db_with_a_case(&path);
    // The row is current to entry 0 and the name is in entry 1; a changed number that claims
    // the row already holds entry 1 would show the case without its name.
    {
        let db = redb::Database::open(&path).unwrap();
        let txn = db.begin_write().unwrap();
        let seqs: redb::TableDefinition<u64, u64> = redb::TableDefinition::new("case_snapshot_seq");
        txn.open_table(seqs).unwrap().insert(1, 1).unwrap();
        txn.commit().unwrap();
    }
    let store = Store::open_read_only(&path, &ansvar_core::store::Secret::test()).unwrap();
    match store.load_case(CaseId(1)) {
        Err(StoreError::Corrupt { .. }) => {}
        other => panic!("read as {other:?}"),
    }
}

/// A file written before the chain: its logs have no links. Verify calls it intact, the first
/// edit after the upgrade starts the chain (linked to the entry before it), and from then on
/// a change to an old entry next to the chain is noticed.
#[test]
fn a_log_from_before_the_chain_verifies_and_is_chained_from_its_next_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.redb");
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-2.redb");
    std::fs::copy(old, &path).unwrap();
    let report = Store::open_for_verify(&path, &ansvar_core::store::Secret::test())
        .unwrap()
        .verify(ansvar_core::i18n::Lang::En)
        .unwrap();
    assert!(report.intact(), "{report:?}");
    assert!(report.cases.iter().all(|c| c.chain_from.is_none()));

    let store = Arc::new(Store::open_test(&path).unwrap());
    let id = store.list_cases().unwrap()[0].id;
    let old_last = store.last_seq(id).unwrap();
    assert!(old_last > 1);
    let mut s = Session::open(store.clone(), id, clock()).unwrap();
    s.apply(
        Edit::SetText {
            field: TextField::PlanNeeds,
            value: "Hjelp med økonomi".into(),
        },
        &staff(),
    )
    .unwrap();
    drop(s);
    let report = store.verify(ansvar_core::i18n::Lang::En).unwrap();
    assert!(report.intact(), "{report:?}");
    let case = report.cases.iter().find(|c| c.id == id).unwrap();
    assert_eq!(case.chain_from, Some(old_last + 1));
    let log = store.log(id).unwrap();
    assert!(log[..log.len() - 1].iter().all(|e| e.prev.is_none()));
    assert!(log.last().unwrap().prev.is_some());
}

/// Every way an entry is written keeps the chain: new entries, typing coalesced into the newest,
/// undo and redo.
#[test]
fn typing_coalesced_into_an_entry_and_undo_keep_the_chain_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    let store = Arc::new(Store::open_test(&path).unwrap());
    let id = store.create_case().unwrap().id;
    let mut s = Session::open(store.clone(), id, clock()).unwrap();
    let text = |field, value: &str| Edit::SetText {
        field,
        value: value.into(),
    };
    for value in ["Hjelp", "Hjelp med", "Hjelp med økonomi"] {
        s.apply(text(TextField::PlanNeeds, value), &staff())
            .unwrap();
    }
    s.apply(text(TextField::PersonName, "Kari Fiktiv"), &staff())
        .unwrap();
    s.undo(&staff()).unwrap();
    s.redo(&staff()).unwrap();
    let log = store.log(id).unwrap();
    assert_eq!(log.len(), 4, "the typing is one entry");
    let report = store.verify(ansvar_core::i18n::Lang::En).unwrap();
    assert!(report.intact(), "{report:?}");
    assert_eq!(
        report.cases[0].chain_from, None,
        "chained from the first entry"
    );
    drop(s);
    assert_eq!(store.load_case(id).unwrap().person.name, "Kari Fiktiv");
}

/// An index written before the week's facts were kept: a read-only open leaves it as it is (the
/// week counts those cases unknown); the first writable open fills every entry in, so the week
/// then lists what the cases have due without decoding one.
#[test]
fn an_older_index_gets_the_weeks_facts_on_the_first_writable_open() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-2.redb");
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path());
    fs::copy(&fixture, &path).unwrap();
    let clock = clock();
    let before = fs::read(&path).unwrap();
    let read_only = Store::open_read_only(&path, &ansvar_core::store::Secret::test()).unwrap();
    let week = ansvar_core::week::week(&read_only.list_cases().unwrap(), &clock);
    assert_eq!(week.unknown.len(), 3);
    drop(read_only);
    assert_eq!(fs::read(&path).unwrap(), before, "a read-only open wrote");

    let store = Store::open_test(&path).unwrap();
    let cases = store.list_cases().unwrap();
    for summary in &cases {
        let case = store.load_case(summary.id).unwrap();
        assert_eq!(
            summary.week,
            Some(ansvar_core::week::WeekFacts::of(&case)),
            "{}",
            summary.name
        );
    }
    let week = ansvar_core::week::week(&cases, &clock);
    assert!(week.unknown.is_empty());
    // The demo's cases have open actions past their due dates by now.
    assert!(
        week.group(ansvar_core::week::Group::OverdueActions).count() > 0,
        "{week:?}"
    );
    drop(store);
    // Written once: it reads back the same from a read-only open.
    let again = Store::open_read_only(&path, &ansvar_core::store::Secret::test())
        .unwrap()
        .list_cases()
        .unwrap();
    assert_eq!(again, cases);
}
