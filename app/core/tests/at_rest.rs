//! Health data safe at rest: nothing readable in the file, damage and tampering reported, and
//! the passphrase, recovery key, lock and migration of round-1 files.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use redb::ReadableTable;

use ansvar_core::domain::{CaseId, Goal};
use ansvar_core::i18n::Lang;
use ansvar_core::store::{
    Finding, KdfCost, Passphrase, RecoveryKey, Secret, Store, StoreError, TEST_PASSPHRASE,
};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("ansvar.redb");
    let store = Arc::new(Store::open_test(&path).unwrap());
    ansvar_core::demo::write_demo(&store, today()).unwrap();
    path
}

/// Everything a thief would look for in the demo cases: names, phone numbers, national IDs,
/// and the words of goals and crisis plans.
fn secrets_of(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for summary in store.list_cases().unwrap() {
        let case = store.load_case(summary.id).unwrap();
        out.push(case.person.name.clone());
        out.extend(case.person.name.split(' ').map(str::to_string));
        out.push(case.person.phone.clone());
        out.push(case.person.national_id.clone());
        out.push(case.person.address.clone());
        for p in &case.participants {
            out.push(p.name.clone());
            out.push(p.phone.clone());
        }
        for c in &case.crisis_plan.contacts {
            out.push(c.name.clone());
            out.push(c.phone.clone());
        }
        out.push(case.crisis_plan.triggers.clone());
        for Goal {
            own_words,
            professional_wording,
            ..
        } in &case.goals
        {
            out.push(own_words.clone());
            out.push(professional_wording.clone());
            // Single words too, where they are long enough to mean something.
            out.extend(
                own_words
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() >= 7)
                    .map(str::to_string),
            );
        }
    }
    out.retain(|s| s.chars().count() >= 5);
    out.sort();
    out.dedup();
    out
}

fn encodings(s: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for text in [s.to_string(), s.to_lowercase(), s.to_uppercase()] {
        out.push(text.as_bytes().to_vec());
        out.push(text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect());
        out.push(text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect());
    }
    out
}

fn assert_nothing_readable(path: &Path, secrets: &[String]) {
    let raw = fs::read(path).unwrap();
    for s in secrets {
        for needle in encodings(s) {
            assert!(
                memchr::memmem::find(&raw, &needle).is_none(),
                "{:?} is readable in {}",
                s,
                path.display()
            );
        }
    }
}

#[test]
fn the_raw_file_holds_no_name_goal_phone_or_national_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let store = Store::open_test(&path).unwrap();
    let secrets = secrets_of(&store);
    // The search is real: the demo has names, phones and national IDs to look for.
    assert!(secrets.len() > 30, "{secrets:?}");
    assert!(
        secrets
            .iter()
            .any(|s| s.chars().all(|c| c.is_ascii_digit()) && s.len() == 11)
    );
    drop(store);
    assert_nothing_readable(&path, &secrets);
    // The backup, too.
    let copy = dir.path().join("copy.redb");
    Store::backup(&path, &copy, &Secret::test()).unwrap();
    assert_nothing_readable(&copy, &secrets);
    assert_eq!(
        Store::open_read_only(&copy, &Secret::test())
            .unwrap()
            .list_cases()
            .unwrap()
            .len(),
        3
    );
}

/// Runs `f` on the raw redb file, as someone with the file but not the key could.
fn tamper(path: &Path, f: impl FnOnce(&redb::WriteTransaction)) {
    let db = redb::Database::create(path).unwrap();
    let txn = db.begin_write().unwrap();
    f(&txn);
    txn.commit().unwrap();
}

const CASES: redb::TableDefinition<u64, &[u8]> = redb::TableDefinition::new("cases");
const LOG: redb::TableDefinition<(u64, u64), &[u8]> = redb::TableDefinition::new("edit_log");

fn findings(path: &Path, case: CaseId) -> Vec<Finding> {
    let report = Store::open_for_verify(path, &Secret::test())
        .unwrap()
        .verify(Lang::En)
        .unwrap();
    report
        .cases
        .into_iter()
        .find(|c| c.id == case)
        .map(|c| c.findings)
        .unwrap_or_default()
}

fn ids(path: &Path) -> Vec<CaseId> {
    let store = Store::open_test(path).unwrap();
    store
        .list_cases()
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect()
}

/// Opening the damaged case is refused with a message; the other cases open as before.
fn refused_alone(path: &Path, damaged: CaseId) {
    let store = Store::open_test(path).unwrap();
    for id in store.list_cases().unwrap().into_iter().map(|c| c.id) {
        match store.load_case(id) {
            Ok(_) => assert_ne!(id, damaged, "the damaged case opened"),
            Err(e) => {
                assert_eq!(id, damaged, "{e}");
                assert!(
                    matches!(
                        e,
                        StoreError::CaseDamaged { .. } | StoreError::Corrupt { .. }
                    ),
                    "{e:?}"
                );
                assert!(!e.message(Lang::Nb).is_empty());
            }
        }
    }
}

#[test]
fn a_value_moved_to_another_row_is_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let ids = ids(&path);
    let (a, b) = (ids[0], ids[1]);
    tamper(&path, |txn| {
        let mut cases = txn.open_table(CASES).unwrap();
        let moved = cases.get(a.0).unwrap().unwrap().value().to_vec();
        cases.insert(b.0, moved.as_slice()).unwrap();
    });
    // It opens only in its old row, which verify finds and names.
    assert_eq!(findings(&path, b), vec![Finding::CaseMoved { holds: a.0 }]);
    assert!(findings(&path, a).is_empty());
    refused_alone(&path, b);
    // A log entry moved to another entry's row, in its own case.
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    tamper(&path, |txn| {
        let mut log = txn.open_table(LOG).unwrap();
        let moved = log.get((a.0, 2)).unwrap().unwrap().value().to_vec();
        log.insert((a.0, 3), moved.as_slice()).unwrap();
    });
    assert!(
        findings(&path, a).contains(&Finding::EntriesReordered { row: 3, holds: 2 }),
        "{:?}",
        findings(&path, a)
    );
    refused_alone(&path, a);
}

#[test]
fn a_flipped_byte_in_a_value_is_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let a = ids(&path)[0];
    tamper(&path, |txn| {
        let mut log = txn.open_table(LOG).unwrap();
        let mut v = log.get((a.0, 1)).unwrap().unwrap().value().to_vec();
        let mid = v.len() / 2;
        v[mid] ^= 0x01;
        log.insert((a.0, 1), v.as_slice()).unwrap();
    });
    assert_eq!(findings(&path, a), vec![Finding::EntryFails(1)]);
    refused_alone(&path, a);
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    tamper(&path, |txn| {
        let mut cases = txn.open_table(CASES).unwrap();
        let mut v = cases.get(a.0).unwrap().unwrap().value().to_vec();
        let last = v.len() - 1;
        v[last] ^= 0x80;
        cases.insert(a.0, v.as_slice()).unwrap();
    });
    assert_eq!(findings(&path, a), vec![Finding::CaseFails]);
    refused_alone(&path, a);
}

#[test]
fn a_removed_log_entry_is_reported_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let a = ids(&path)[0];
    tamper(&path, |txn| {
        txn.open_table(LOG).unwrap().remove((a.0, 2)).unwrap();
    });
    assert!(
        findings(&path, a).contains(&Finding::EntriesRemoved { from: 2, to: 2 }),
        "{:?}",
        findings(&path, a)
    );
    refused_alone(&path, a);
}

fn new_file(dir: &Path) -> (PathBuf, RecoveryKey) {
    let path = dir.join("ansvar.redb");
    let (store, recovery) = Store::create(
        &path,
        &Passphrase::new("Sommer i Nordvik 2026"),
        KdfCost::FAST_FOR_TESTS,
    )
    .unwrap();
    store.create_case().unwrap();
    (path, recovery)
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = new_file(dir.path());
    let before = fs::read(&path).unwrap();
    for wrong in ["Sommer i Nordvik 2025", "", "sommer i nordvik 2026"] {
        let err = Store::open(&path, &Secret::passphrase(wrong))
            .err()
            .unwrap();
        assert!(matches!(err, StoreError::WrongSecret), "{err:?}");
        let read_only = Store::open_read_only(&path, &Secret::passphrase(wrong)).err();
        assert!(matches!(read_only, Some(StoreError::WrongSecret)));
    }
    // No hint which part was wrong.
    assert_eq!(
        StoreError::WrongSecret.message(Lang::Nb),
        "Feil passord eller gjenopprettingsnøkkel. Prøv igjen."
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(Store::open(&path, &Secret::passphrase("Sommer i Nordvik 2026")).is_ok());
}

#[test]
fn the_recovery_key_sets_a_new_passphrase_and_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let (path, recovery) = new_file(dir.path());
    // As written down, typed back in lower case with spaces.
    let typed = recovery.display().to_lowercase().replace('-', " ");
    let proof = Secret::Recovery(RecoveryKey::parse(&typed).unwrap());
    let store = Store::open(&path, &proof).unwrap();
    store
        .change_passphrase(&proof, &Passphrase::new("Ny vinter i Sørvik"))
        .unwrap();
    assert_eq!(store.list_cases().unwrap().len(), 1);
    drop(store);
    assert!(matches!(
        Store::open(&path, &Secret::passphrase("Sommer i Nordvik 2026")),
        Err(StoreError::WrongSecret)
    ));
    assert!(Store::open(&path, &Secret::passphrase("Ny vinter i Sørvik")).is_ok());
    assert!(Store::open(&path, &Secret::Recovery(recovery)).is_ok());
    // Another key does not open it.
    let (_, other) = new_file(&dir.path().join("other"));
    assert!(matches!(
        Store::open(&path, &Secret::Recovery(other)),
        Err(StoreError::WrongSecret)
    ));
}

#[test]
fn changing_the_passphrase_needs_the_current_one_and_rewraps_only_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let (path, recovery) = new_file(dir.path());
    let store = Store::open(&path, &Secret::passphrase("Sommer i Nordvik 2026")).unwrap();
    let id = store.list_cases().unwrap()[0].id;
    let case_row = |path: &Path| {
        let db = redb::ReadOnlyDatabase::open(path).unwrap();
        let txn = redb::ReadableDatabase::begin_read(&db).unwrap();
        let row = txn.open_table(CASES).unwrap().get(id.0).unwrap().unwrap();
        row.value().to_vec()
    };
    assert!(matches!(
        store.change_passphrase(
            &Secret::passphrase("gjettet passord"),
            &Passphrase::new("x")
        ),
        Err(StoreError::WrongSecret)
    ));
    store
        .change_passphrase(
            &Secret::passphrase("Sommer i Nordvik 2026"),
            &Passphrase::new("Høst på Fiktivøya"),
        )
        .unwrap();
    drop(store);
    let row_after = case_row(&path);
    let store = Store::open(&path, &Secret::passphrase("Høst på Fiktivøya")).unwrap();
    assert_eq!(store.load_case(id).unwrap().id, id);
    drop(store);
    // The values are as they were: only the key's wrap changed.
    assert_eq!(case_row(&path), row_after);
    assert!(Store::open(&path, &Secret::Recovery(recovery)).is_ok());
}

#[test]
fn a_locked_store_reads_and_writes_nothing_until_unlocked() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = new_file(dir.path());
    let store = Store::open(&path, &Secret::passphrase("Sommer i Nordvik 2026")).unwrap();
    store.lock();
    assert!(store.is_locked());
    assert!(matches!(store.list_cases(), Err(StoreError::Locked)));
    assert!(matches!(store.create_case(), Err(StoreError::Locked)));
    assert!(matches!(
        store.unlock(&Secret::passphrase("feil")),
        Err(StoreError::WrongSecret)
    ));
    assert!(store.is_locked());
    // The file stays taken while locked.
    assert!(matches!(
        Store::open(&path, &Secret::passphrase("Sommer i Nordvik 2026")),
        Err(StoreError::AlreadyOpen { .. })
    ));
    store
        .unlock(&Secret::passphrase("Sommer i Nordvik 2026"))
        .unwrap();
    assert_eq!(store.list_cases().unwrap().len(), 1);
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn a_round_1_file_is_encrypted_into_a_new_file_that_keeps_everything() {
    for name in ["schema-1.redb", "schema-1-early.redb", "schema-2.redb"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ansvar.redb");
        fs::copy(fixture(name), &path).unwrap();
        // Opening it for writing is refused until it is encrypted.
        assert!(matches!(
            Store::open(&path, &Secret::test()),
            Err(StoreError::NotEncrypted { .. })
        ));
        let old = Store::open_read_only(&path, &Secret::test()).unwrap();
        let before: Vec<_> = old
            .list_cases()
            .unwrap()
            .into_iter()
            .map(|c| (old.load_case(c.id).unwrap(), old.log(c.id).unwrap()))
            .collect();
        let secrets = secrets_of(&old);
        drop(old);
        // The search finds what is there: the old file shows its names.
        let raw = fs::read(&path).unwrap();
        assert!(
            secrets
                .iter()
                .any(|s| memchr::memmem::find(&raw, s.as_bytes()).is_some()),
            "{name}: nothing found in the unencrypted file"
        );
        let recovery = Store::encrypt(
            &path,
            &Passphrase::new(TEST_PASSPHRASE),
            KdfCost::FAST_FOR_TESTS,
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!dir.path().join("ansvar.encrypting").exists());
        assert_nothing_readable(&path, &secrets);
        for secret in [Secret::test(), Secret::Recovery(recovery)] {
            let new = Store::open(&path, &secret).unwrap();
            let after: Vec<_> = new
                .list_cases()
                .unwrap()
                .into_iter()
                .map(|c| (new.load_case(c.id).unwrap(), new.log(c.id).unwrap()))
                .collect();
            assert_eq!(after, before, "{name}");
            let report = new.verify(Lang::En).unwrap();
            assert!(report.intact(), "{name}: {report:?}");
        }
    }
}

#[test]
fn encryption_that_cannot_finish_leaves_the_old_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ansvar.redb");
    fs::copy(fixture("schema-2.redb"), &path).unwrap();
    let before = fs::read(&path).unwrap();
    // The encrypted copy cannot be written where it goes.
    fs::create_dir(dir.path().join("ansvar.encrypting")).unwrap();
    fs::write(dir.path().join("ansvar.encrypting/x"), b"x").unwrap();
    assert!(
        Store::encrypt(
            &path,
            &Passphrase::new(TEST_PASSPHRASE),
            KdfCost::FAST_FOR_TESTS
        )
        .is_err()
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(
        Store::open_read_only(&path, &Secret::test())
            .unwrap()
            .list_cases()
            .unwrap()
            .len(),
        3
    );
}
