//! Store benchmarks: one durable edit, encrypted and (the format before encryption) not,
//! against a bare 4 KiB write + fsync on the same disk; opening a database of 10,000 cases
//! and listing them; and the passphrase's key derivation on its own. Results go in
//! BENCHMARKS.md.

use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ansvar_core::clock::Clock;
use ansvar_core::domain::*;
use ansvar_core::session::Session;
use ansvar_core::store::{KdfCost, Passphrase, Secret, Store};
use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

/// A table shaped like the edit log: (case, sequence) → entry.
const RAW_LOG: redb::TableDefinition<(u64, u64), &[u8]> = redb::TableDefinition::new("log");

fn bench_dir() -> tempfile::TempDir {
    // Beside the build, on the project's disk (not a RAM-backed /tmp).
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir")
}

fn staff() -> Author {
    Author::Staff {
        name: "Bench Koordinator".into(),
        organisation: "Nordvik kommune".into(),
    }
}

/// A demo case open in a session on `store`, and the goal the edit toggles.
fn demo_session(store: Arc<Store>) -> (Session, GoalId) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let ids = ansvar_core::demo::write_demo(&store, today).expect("demo");
    let session = Session::open(store, ids[0], Clock::at_noon(today)).expect("session");
    let goal = session.case().goals[0].id;
    (session, goal)
}

fn durable_edit(c: &mut Criterion) {
    let dir = bench_dir();
    let store = Arc::new(Store::open_test(dir.path().join("bench.redb")).expect("store"));
    let plain = Arc::new(Store::create_unencrypted(dir.path().join("plain.redb")).expect("store"));
    let (mut plain_session, plain_goal) = demo_session(plain);
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let ids = ansvar_core::demo::write_demo(&store, today).expect("demo");
    let mut session = Session::open(
        store.clone(),
        ids[0],
        Clock::at_noon(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")),
    )
    .expect("session");
    let goal = session.case().goals[0].id;
    let author = staff();
    let mut group = c.benchmark_group("durable_write");
    group.measurement_time(Duration::from_secs(10));

    // A realistic edit on a demo case: a goal's status, toggled so every step changes something.
    let statuses = [GoalStatus::InProgress, GoalStatus::Paused];
    let mut i = 0usize;
    group.bench_function("edit_apply_and_commit", |b| {
        b.iter(|| {
            i += 1;
            session
                .apply(
                    Edit::SetGoalStatus {
                        id: goal,
                        status: statuses[i % 2],
                    },
                    &author,
                )
                .expect("edit");
        })
    });
    // The same edit on a file in the format before encryption (each value under a CRC).
    group.bench_function("edit_apply_and_commit_unencrypted", |b| {
        b.iter(|| {
            i += 1;
            plain_session
                .apply(
                    Edit::SetGoalStatus {
                        id: plain_goal,
                        status: statuses[i % 2],
                    },
                    &author,
                )
                .expect("edit");
        })
    });

    // The two edits interleaved, 2,000 pairs each timed, the order alternating: medians and
    // their ratio from one run, so that drift of the shared disk hits both alike.
    let (mut encrypted, mut unencrypted) = (Vec::new(), Vec::new());
    for n in 0..2000usize {
        let status = statuses[n % 2];
        let mut enc = || {
            let t = std::time::Instant::now();
            session
                .apply(Edit::SetGoalStatus { id: goal, status }, &author)
                .expect("edit");
            encrypted.push(t.elapsed());
        };
        let mut plain = || {
            let t = std::time::Instant::now();
            plain_session
                .apply(
                    Edit::SetGoalStatus {
                        id: plain_goal,
                        status,
                    },
                    &author,
                )
                .expect("edit");
            unencrypted.push(t.elapsed());
        };
        if n % 4 < 2 {
            enc();
            plain();
        } else {
            plain();
            enc();
        }
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (e, p) = (median(&mut encrypted), median(&mut unencrypted));
    eprintln!(
        "durable_write/interleaved: encrypted median {e:?}, unencrypted median {p:?}, ratio {:.3}",
        e.as_secs_f64() / p.as_secs_f64()
    );

    // The floor: rewrite one 4 KiB block of a file and make it durable, with fdatasync (what
    // redb calls) and with a full fsync.
    let path = dir.path().join("raw.bin");
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .expect("raw file");
    file.write_all(&[0u8; 4096]).expect("write");
    file.sync_all().expect("sync");
    let block = [7u8; 4096];
    group.bench_function("bare_4k_write_fdatasync", |b| {
        b.iter(|| {
            file.seek(SeekFrom::Start(0)).expect("seek");
            file.write_all(&block).expect("write");
            file.sync_data().expect("fdatasync");
        })
    });
    group.bench_function("bare_4k_write_fsync", |b| {
        b.iter(|| {
            file.seek(SeekFrom::Start(0)).expect("seek");
            file.write_all(&block).expect("write");
            file.sync_all().expect("fsync");
        })
    });

    // What redb itself needs, nothing of ours: the smallest possible durable commit (one
    // 16-byte value rewritten in a one-row table), and appending a 700-byte entry to a table
    // of 30,000 such entries, as an edit appends to the log. In both of redb's modes:
    // `SingleWriter` (ours, so that `ansvar backup` can read beside the app) commits in two
    // phases with two fdatasyncs; `ExclusiveWriter` in one.
    for (mode_name, mode) in [
        ("single_writer", redb::ConcurrencyMode::SingleWriter),
        ("exclusive_writer", redb::ConcurrencyMode::ExclusiveWriter),
    ] {
        for (shape, prefill, value_len) in [("one_row", 1u64, 16usize), ("log_append", 30_000, 700)]
        {
            let db_path = dir.path().join(format!("redb-{mode_name}-{shape}.redb"));
            let db = redb::Builder::new()
                .set_concurrency_mode(mode)
                .create(&db_path)
                .expect("redb");
            let value = vec![b'x'; value_len];
            let txn = db.begin_write().expect("txn");
            {
                let mut table = txn.open_table(RAW_LOG).expect("table");
                for i in 0..prefill {
                    table
                        .insert((i % 100, i), value.as_slice())
                        .expect("insert");
                }
            }
            txn.commit().expect("commit");
            let mut seq = 1_000_000u64;
            group.bench_function(format!("redb_{shape}_commit_{mode_name}"), |b| {
                b.iter(|| {
                    seq += 1;
                    let key = if prefill == 1 { (0, 0) } else { (7, seq) };
                    let txn = db.begin_write().expect("txn");
                    txn.open_table(RAW_LOG)
                        .expect("table")
                        .insert(key, value.as_slice())
                        .expect("insert");
                    txn.commit().expect("commit");
                })
            });
        }
    }
    group.finish();
}

/// Writes `n` cases through the edit path, each with a person, a coordinator, five goals and
/// a planned meeting, so that case values are not trivially small.
fn many_cases(path: &Path, n: usize, encrypted: bool) {
    let store = Arc::new(match encrypted {
        true => Store::open_test(path).expect("store"),
        false => Store::create_unencrypted(path).expect("store"),
    });
    let t0 = Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("time");
    let author = staff();
    for i in 0..n {
        let id = store.create_case().expect("case").id;
        let coordinator = Participant {
            id: ParticipantId::new(),
            name: format!("Koordinator {}", i % 40),
            role: Role::Coordinator,
            ..Participant::default()
        };
        let mut edits = vec![
            Edit::SetText {
                field: TextField::PersonName,
                value: format!("Person Nummer {i}"),
            },
            Edit::SetCoordinator {
                participant: Some(coordinator.id),
            },
            Edit::SetText {
                field: TextField::PlanMainGoal,
                value: "Bo i egen leilighet og ha noe meningsfullt å gjøre".into(),
            },
            Edit::InsertMeeting {
                index: 0,
                meeting: Meeting {
                    id: MeetingId::new(),
                    starts_at: t0 + chrono::Duration::days((i % 60) as i64),
                    ..Meeting::default()
                },
            },
        ];
        edits.insert(
            0,
            Edit::InsertParticipant {
                index: 0,
                participant: coordinator,
            },
        );
        edits.extend((0..5).map(|g| Edit::InsertGoal {
            index: 0,
            goal: Goal {
                id: GoalId::new(),
                own_words: format!("Mål nummer {g} med egne ord, litt tekst her"),
                ..Goal::default()
            },
        }));
        Session::open(
            store.clone(),
            id,
            Clock::at_noon(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")),
        )
        .expect("session")
        .apply(Edit::Batch { edits }, &author)
        .expect("batch");
    }
}

fn open_and_list(c: &mut Criterion) {
    let dir = bench_dir();
    let path = dir.path().join("many.redb");
    many_cases(&path, 10_000, true);
    let plain = dir.path().join("many-plain.redb");
    many_cases(&plain, 10_000, false);
    let mut group = c.benchmark_group("case_list");
    group.sample_size(20);
    // What the app does once the passphrase is typed: `Store::open` (the key derivation is
    // measured apart below; this file's costs nothing), then the list.
    group.bench_function("open_and_list_10000_cases", |b| {
        b.iter(|| {
            let store = Store::open(&path, &Secret::test()).expect("open");
            let list = store.list_cases().expect("list");
            assert_eq!(list.len(), 10_000);
        })
    });
    // The same file in the format before encryption, read as a read-only open reads it (a
    // writable open of it is refused until it is encrypted): the walk and the list without
    // the decryption.
    group.bench_function("open_and_list_10000_cases_unencrypted_read_only", |b| {
        b.iter(|| {
            let store = Store::open_read_only(&plain, &Secret::test()).expect("open");
            let list = store.list_cases().expect("list");
            assert_eq!(list.len(), 10_000);
        })
    });
    group.bench_function("open_read_only_and_list_10000_cases", |b| {
        b.iter(|| {
            let store = Store::open_read_only(&path, &Secret::test()).expect("open");
            let list = store.list_cases().expect("list");
            assert_eq!(list.len(), 10_000);
        })
    });
    group.finish();
}

/// The passphrase's step alone: opening a small file made at the app's cost is Argon2id
/// (64 MiB, 3 passes) and little else.
fn unlock(c: &mut Criterion) {
    let dir = bench_dir();
    let path = dir.path().join("unlock.redb");
    let pass = "Bench passord for Nordvik";
    drop(Store::create(&path, &Passphrase::new(pass), KdfCost::STANDARD).expect("create"));
    let mut group = c.benchmark_group("unlock");
    group.sample_size(10);
    group.bench_function("open_small_file_argon2id_standard", |b| {
        b.iter(|| Store::open(&path, &Secret::passphrase(pass)).expect("open"))
    });
    group.finish();
}

criterion_group!(benches, durable_edit, open_and_list, unlock);
criterion_main!(benches);
