//! The redb store: one file holds every case, the edit log, the case index, settings and plugins.
//!
//! Values are JSON (named fields, `#[serde(default)]` on every struct), so a field added later
//! reads as its default from an older file, each sealed in an envelope with a check
//! (`envelope.rs`) from schema 2 on. Every write is one transaction committed with
//! `Durability::Immediate`: when a call returns `Ok`, the change survives a crash or power loss.
//! Commands that only read open the file read-only ([`Store::open_read_only`]).

mod access;
mod chain;
mod envelope;
mod error;
mod log;
mod verify;

pub use access::{Access, AccessEntry};
pub use chain::Finding;
pub use error::StoreError;
pub use log::{Cause, LogEntry};
pub use verify::{CaseReport, Report};

use std::cell::Cell;
use std::fs;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{PoisonError, RwLock};

use chrono::{DateTime, Utc};
use redb::{
    Builder, ConcurrencyMode, Database, Durability, ReadOnlyDatabase, ReadableDatabase,
    ReadableTable, TableDefinition, WriteTransaction,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::{Case, CaseId};

/// The schema this build writes. Raise it when the layout or meaning of stored values changes,
/// and add the step from the previous version to [`MIGRATIONS`].
pub const SCHEMA_VERSION: u32 = 2;

/// The first schema whose values are sealed (see `envelope.rs`); older files hold plain JSON.
const SEALED_SINCE: u32 = 2;

/// Identifies an Ansvar file among other redb files.
const APPLICATION: &[u8] = b"ansvar";

/// The first bytes of every redb file.
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

pub(crate) const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
pub(crate) const CASES: TableDefinition<u64, &[u8]> = TableDefinition::new("cases");
pub(crate) const CASE_INDEX: TableDefinition<u64, &[u8]> = TableDefinition::new("case_index");
pub(crate) const LOG: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("edit_log");
/// For each case, the log sequence number its row in `cases` is current to. Later log entries
/// are replayed on load, so an edit writes its log entry and not the whole case.
pub(crate) const SNAPSHOT_SEQ: TableDefinition<u64, u64> =
    TableDefinition::new("case_snapshot_seq");
pub(crate) const SETTINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("settings");
pub(crate) const PLUGINS: TableDefinition<&str, &[u8]> = TableDefinition::new("plugins");
pub(crate) const PLUGIN_BLOBS: TableDefinition<&str, &[u8]> = TableDefinition::new("plugin_blobs");
pub(crate) const TRUSTED_KEYS: TableDefinition<&str, &[u8]> = TableDefinition::new("trusted_keys");
/// Per case, the newest log entry's number and hash: the end of its chain (`chain.rs`).
pub(crate) const LOG_HEAD: TableDefinition<u64, &[u8]> = TableDefinition::new("edit_log_head");
/// Who opened and exported which case (`access.rs`), by a running number.
pub(crate) const ACCESS_LOG: TableDefinition<u64, &[u8]> = TableDefinition::new("access_log");

/// One step of migration: brings a file from version `from` to `from + 1` inside the opening
/// write transaction. Schema 1 is the first; a fixture written by it is kept under
/// `app/core/tests/fixtures/` so every later step is tested against a real old file.
type Migration = fn(&WriteTransaction) -> Result<(), StoreError>;
const MIGRATIONS: &[(u32, Migration)] = &[(1, seal_every_value)];

/// How many edits may pass before the whole case is written again.
const SNAPSHOT_EVERY: u64 = 64;

/// What the case list shows, kept in its own table so that listing never decodes a whole case.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseSummary {
    pub id: CaseId,
    pub name: String,
    pub coordinator: String,
    pub next_meeting: Option<DateTime<Utc>>,
    /// The due dates of the open actions, so the list can count the overdue ones on any day
    /// without decoding the case. `None` in an index written before this was kept: unknown
    /// (shown as such), until the case's next edit writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_action_dues: Option<Vec<chrono::NaiveDate>>,
    /// What the coordinator's week needs ([`crate::week`]). `None` in an index written before
    /// it was kept: the first writable open fills it in; until then the week counts the case
    /// as unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub week: Option<crate::week::WeekFacts>,
}

impl CaseSummary {
    /// How many open actions are past their due date on `today`; `None` when not known.
    pub fn overdue_actions(&self, today: chrono::NaiveDate) -> Option<usize> {
        self.open_action_dues
            .as_ref()
            .map(|dues| dues.iter().filter(|d| **d < today).count())
    }

    pub fn of(case: &Case) -> Self {
        CaseSummary {
            id: case.id,
            name: case.person.name.clone(),
            coordinator: case
                .coordinator()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            next_meeting: case.next_meeting(),
            open_action_dues: Some(
                case.actions
                    .iter()
                    .filter(|a| a.status == crate::domain::ActionStatus::Open)
                    .filter_map(|a| a.due)
                    .collect(),
            ),
            week: Some(crate::week::WeekFacts::of(case)),
        }
    }
}

/// An open Ansvar database.
pub struct Store {
    /// `None` after a failed write whose reopening failed too (the disk is still full); the
    /// next call tries again. A lock, because a failed write replaces the database handle.
    db: RwLock<Option<Db>>,
    /// A writable file, which a failed write may reopen (not a read-only or in-memory store).
    reopenable: bool,
    path: PathBuf,
    /// The file's schema version: below [`SEALED_SINCE`] its values are plain JSON.
    schema: AtomicU32,
    /// The repaired copy a read-only store reads instead of an unclean file; removed on drop.
    scratch: Option<Scratch>,
    /// Per case, what the last commit left on disk: the snapshot's sequence number and the
    /// index row. Only this process writes the file, so an edit need not read them back.
    committed: std::sync::Mutex<std::collections::HashMap<u64, Committed>>,
}

#[derive(Clone)]
struct Committed {
    snapshot: Option<u64>,
    summary: Option<CaseSummary>,
}

/// A temporary file, removed when dropped (after the database on it: field order).
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// The name an in-memory store goes by in messages.
const MEMORY: &str = "(memory)";

enum Db {
    Write(Database),
    Read(ReadOnlyDatabase),
}

impl Drop for Store {
    fn drop(&mut self) {
        // redb finishes its work on the file when dropped; that runs under the guard as well.
        let db = self
            .db
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let _ = guarded(&self.path, || {
            drop(db);
            Ok(())
        });
        self.scratch = None;
    }
}

fn builder() -> Builder {
    let mut b = Builder::new();
    // One writer (the app); read-only handles may follow its commits, which is what
    // `ansvar backup` uses while the app runs.
    b.set_concurrency_mode(ConcurrencyMode::SingleWriter);
    b.set_cache_size(64 * 1024 * 1024);
    b
}

thread_local! {
    /// How many store guards this thread is inside: a panic then is redb stopping on a damaged
    /// file, which the guard reports; the panic hook stays silent about it.
    static GUARD_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Whether the values being read come from a file older than [`SEALED_SINCE`].
    static PLAIN_VALUES: Cell<bool> = const { Cell::new(false) };
}

/// True while this thread runs inside the store's guard (see [`install_panic_hook`]).
pub fn panic_is_caught_by_store() -> bool {
    GUARD_DEPTH.with(|d| d.get() > 0)
}

/// Installs a panic hook that prints nothing for a panic the store's guard catches (it becomes
/// "the database is damaged") and keeps the previous hook for every other panic, a real bug.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !panic_is_caught_by_store() {
            previous(info);
        }
    }));
}

/// redb may panic on a file altered behind its back (debug builds check harder); such a file
/// is reported as damaged instead of taking the app down. Every redb call on a file runs
/// inside this guard; a value failing its check is named with the file here as well.
fn guarded<T>(path: &Path, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
    GUARD_DEPTH.with(|d| d.set(d.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARD_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    match result {
        Ok(Err(StoreError::ValueDamaged { what })) => Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("a stored {what} fails its check"),
        }),
        Ok(result) => result.map_err(|e| e.at(path)),
        Err(_) => Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: "the storage engine stopped on an inconsistency".into(),
        }),
    }
}

/// Runs `f` with values read as plain (a file before [`SEALED_SINCE`]) or sealed.
fn with_values<T>(plain: bool, f: impl FnOnce() -> T) -> T {
    let before = PLAIN_VALUES.with(|p| p.replace(plain));
    let out = f();
    PLAIN_VALUES.with(|p| p.set(before));
    out
}

/// A case row from schema 2 on: the case with the log sequence number it is current to, under
/// the row's check (the `case_snapshot_seq` table holds the same number, unchecked).
#[derive(Deserialize)]
struct StoredCase {
    snapshot_seq: Option<u64>,
    case: Case,
}

#[derive(Serialize)]
struct StoredCaseRef<'a> {
    snapshot_seq: Option<u64>,
    case: &'a Case,
}

fn encode_case(case: &Case, snapshot_seq: Option<u64>) -> Result<Vec<u8>, StoreError> {
    encode(&StoredCaseRef { snapshot_seq, case })
}

/// A value that names its own key (a case its id, a log entry its number) must sit under it;
/// otherwise the key was damaged.
fn keyed(what: &str, matches: bool) -> Result<(), StoreError> {
    match matches {
        true => Ok(()),
        false => Err(StoreError::ValueDamaged {
            what: what.to_string(),
        }),
    }
}

/// A value as it is stored: sealed (see `envelope.rs`).
pub(crate) fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value)
        .map(|json| envelope::seal(&json))
        .map_err(|e| StoreError::Encoding(e.to_string()))
}

/// The bytes inside a stored value, checked; plain when the file predates sealing.
pub(crate) fn unseal<'a>(what: &str, bytes: &'a [u8]) -> Result<&'a [u8], StoreError> {
    if PLAIN_VALUES.with(|p| p.get()) {
        return Ok(bytes);
    }
    envelope::open(bytes).ok_or_else(|| StoreError::ValueDamaged {
        what: what.to_string(),
    })
}

pub(crate) fn decode<T: DeserializeOwned>(what: &str, bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(unseal(what, bytes)?).map_err(|e| StoreError::Decoding {
        what: what.to_string(),
        detail: e.to_string(),
    })
}

impl Store {
    /// Opens the database at `path`, creating it when the file is missing or empty.
    ///
    /// A file that is not an Ansvar database, is damaged, or comes from a newer Ansvar is refused
    /// and left exactly as it was.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        let is_new = match fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(StoreError::NotAnsvar {
                    path: path.to_path_buf(),
                });
            }
            Ok(m) => m.len() == 0,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(StoreError::io(path, e)),
        };
        if is_new {
            return Self::create_new(path);
        }
        let stored_version = match precheck(path) {
            Err(StoreError::NeedsRecovery { .. }) => {
                recover(path)?;
                precheck(path)?
            }
            other => other?,
        };
        let db = guarded(path, || {
            builder()
                .open(path)
                .map_err(|e| StoreError::from_database(path, e))
        })?;
        let store = Store::new(Db::Write(db), path, stored_version);
        if stored_version < SCHEMA_VERSION {
            store.migrate(stored_version)?;
        }
        store.ensure_tables()?;
        // Best effort: a case that cannot be read, or a write that fails, leaves its entry
        // without the week's facts (counted unknown), and the next open tries again.
        let _ = store.complete_index();
        Ok(store)
    }

    /// Writes the week's facts ([`crate::week::WeekFacts`]) into every index entry written
    /// before they were kept, in one transaction: the first writable open of an older file
    /// decodes those cases once, so the week never has to. A read-only open leaves the file
    /// as it is, and the week counts such cases as unknown.
    fn complete_index(&self) -> Result<usize, StoreError> {
        let old: Vec<CaseId> = self
            .list_cases()?
            .into_iter()
            .filter(|c| c.week.is_none())
            .map(|c| c.id)
            .collect();
        if old.is_empty() {
            return Ok(0);
        }
        let summaries: Vec<CaseSummary> = old
            .into_iter()
            .filter_map(|id| self.load_case(id).ok())
            .map(|case| CaseSummary::of(&case))
            .collect();
        self.write(|txn| {
            let mut index = txn.open_table(CASE_INDEX)?;
            for summary in &summaries {
                index.insert(summary.id.0, encode(summary)?.as_slice())?;
            }
            Ok(summaries.len())
        })
    }

    /// Opens an existing database for reading only: nothing is written to the file, not even
    /// redb's open mark, and an older file is read as it is (it is upgraded by the next
    /// writable open). A file left unclean by a crash is repaired on a private copy beside it,
    /// which is read and then removed; the file itself waits for a writable open to repair it.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        Self::open_read_only_with(path.as_ref(), true)
    }

    /// As [`Store::open_read_only`], but a value failing its check does not refuse the file:
    /// for [`Store::verify`], which reports every such value where it is.
    pub fn open_for_verify(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        Self::open_read_only_with(path.as_ref(), false)
    }

    fn open_read_only_with(path: &Path, check_values: bool) -> Result<Store, StoreError> {
        if fs::metadata(path)
            .map_err(|e| StoreError::io(path, e))?
            .is_dir()
        {
            return Err(StoreError::NotAnsvar {
                path: path.to_path_buf(),
            });
        }
        let (stored_version, scratch) = match precheck_with(path, check_values) {
            Err(StoreError::NeedsRecovery { .. }) => {
                let scratch =
                    Scratch(path.with_extension(format!("reading-{}", std::process::id())));
                repair_copy(path, &scratch.0)?;
                (precheck_with(&scratch.0, check_values)?, Some(scratch))
            }
            other => (other?, None),
        };
        let file = scratch.as_ref().map_or(path, |s| s.0.as_path());
        let db = guarded(path, || {
            builder()
                .open_read_only(file)
                .map_err(|e| StoreError::from_database(path, e))
        })?;
        let mut store = Store::new(Db::Read(db), path, stored_version);
        store.scratch = scratch;
        Ok(store)
    }

    /// A database in memory, for staging a whole case that is then written to the file in
    /// one transaction ([`Store::insert_case_with_log`]).
    pub fn in_memory() -> Result<Store, StoreError> {
        let path = Path::new(MEMORY);
        // No other process shares memory, and the in-memory backend has no file locks.
        let mut b = builder();
        b.set_concurrency_mode(ConcurrencyMode::ExclusiveWriter);
        let db = b
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .map_err(|e| StoreError::from_database(path, e))?;
        let store = Store::new(Db::Write(db), path, SCHEMA_VERSION);
        store.write(create_tables)?;
        Ok(store)
    }

    fn new(db: Db, path: &Path, schema: u32) -> Store {
        Store {
            reopenable: matches!(db, Db::Write(_)) && path != Path::new(MEMORY),
            db: RwLock::new(Some(db)),
            path: path.to_path_buf(),
            schema: AtomicU32::new(schema),
            committed: Default::default(),
            scratch: None,
        }
    }

    fn plain_values(&self) -> bool {
        self.schema.load(Ordering::Relaxed) < SEALED_SINCE
    }

    fn create_new(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        let db = guarded(path, || {
            builder()
                .create(path)
                .map_err(|e| StoreError::from_database(path, e))
        })?;
        let store = Store::new(Db::Write(db), path, SCHEMA_VERSION);
        store.write(|txn| {
            let mut meta = txn.open_table(META)?;
            meta.insert("application", APPLICATION)?;
            meta.insert("schema_version", SCHEMA_VERSION.to_le_bytes().as_slice())?;
            drop(meta);
            create_tables(txn)
        })?;
        Ok(store)
    }

    fn migrate(&self, from: u32) -> Result<(), StoreError> {
        self.write(|txn| {
            for version in from..SCHEMA_VERSION {
                let step = MIGRATIONS
                    .iter()
                    .find(|(v, _)| *v == version)
                    .ok_or(StoreError::NoMigration { from: version })?;
                (step.1)(txn)?;
            }
            create_tables(txn)?;
            txn.open_table(META)?
                .insert("schema_version", SCHEMA_VERSION.to_le_bytes().as_slice())?;
            Ok(())
        })?;
        self.schema.store(SCHEMA_VERSION, Ordering::Relaxed);
        Ok(())
    }

    /// Creates any table this build uses that the file lacks (a table added within a schema
    /// version). Writes only when one is missing.
    fn ensure_tables(&self) -> Result<(), StoreError> {
        const NAMES: [&str; 10] = [
            "cases",
            "case_snapshot_seq",
            "case_index",
            "edit_log",
            "settings",
            "plugins",
            "plugin_blobs",
            "trusted_keys",
            "edit_log_head",
            "access_log",
        ];
        let present: Vec<String> = self.read(|txn| {
            Ok(txn
                .list_tables()?
                .map(|t| redb::TableHandle::name(&t).to_string())
                .collect())
        })?;
        if NAMES.iter().all(|n| present.iter().any(|p| p == n)) {
            return Ok(());
        }
        self.write(create_tables)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one write transaction and commits it durably.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&WriteTransaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.ensure_open()?;
        let slot = self.db.read().unwrap_or_else(PoisonError::into_inner);
        let Some(Db::Write(db)) = &*slot else {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        };
        let result = guarded(&self.path, || {
            with_values(self.plain_values(), || {
                let mut txn = db.begin_write().map_err(|e| self.err(e))?;
                txn.set_durability(Durability::Immediate)
                    .map_err(|e| self.err(e))?;
                let value = f(&txn)?;
                txn.commit().map_err(|e| self.err(e))?;
                Ok(value)
            })
        });
        drop(slot);
        // After a failed write (a full disk) redb refuses every later call on this handle and
        // leaves the file for the next open to recover. Reopening here repairs it in place (the
        // last commit is intact), so reading and the next edit work and the file is left clean.
        if matches!(
            result,
            Err(StoreError::DiskFull { .. } | StoreError::Io { .. } | StoreError::Storage(_))
        ) && self.reopenable
        {
            let _ = self.reopen();
        }
        result
    }

    /// Reopens the file when an earlier failed write left no handle.
    fn ensure_open(&self) -> Result<(), StoreError> {
        let missing = self
            .db
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .is_none();
        match missing && self.reopenable {
            true => self.reopen(),
            false => Ok(()),
        }
    }

    fn reopen(&self) -> Result<(), StoreError> {
        let mut slot = self.db.write().unwrap_or_else(PoisonError::into_inner);
        let old = slot.take();
        let _ = guarded(&self.path, || {
            drop(old);
            Ok(())
        });
        let db = guarded(&self.path, || {
            builder()
                .open(&self.path)
                .map_err(|e| StoreError::from_database(&self.path, e))
        })?;
        *slot = Some(Db::Write(db));
        Ok(())
    }

    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&redb::ReadTransaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.ensure_open()?;
        let slot = self.db.read().unwrap_or_else(PoisonError::into_inner);
        guarded(&self.path, || {
            with_values(self.plain_values(), || {
                let txn = match &*slot {
                    Some(Db::Write(db)) => db.begin_read(),
                    Some(Db::Read(db)) => db.begin_read(),
                    None => {
                        return Err(StoreError::ReadOnly {
                            path: self.path.clone(),
                        });
                    }
                }
                .map_err(|e| self.err(e))?;
                f(&txn)
            })
        })
    }

    fn err(&self, e: impl Into<redb::Error>) -> StoreError {
        StoreError::from_redb(&self.path, e.into())
    }

    /// Every case, from the small index; no case is decoded.
    pub fn list_cases(&self) -> Result<Vec<CaseSummary>, StoreError> {
        self.read(|txn| {
            let table = txn.open_table(CASE_INDEX)?;
            let mut out = Vec::new();
            for row in table.iter()? {
                let (key, value) = row?;
                let summary: CaseSummary = decode("case index", value.value())?;
                keyed("case index", summary.id.0 == key.value())?;
                out.push(summary);
            }
            Ok(out)
        })
    }

    /// Makes a new empty case and returns it.
    pub fn create_case(&self) -> Result<Case, StoreError> {
        self.insert_case_with_log(&Case::default(), &[])
    }

    /// Writes a whole new case and its log in one transaction, all or nothing, under a new id
    /// (`case.id` is replaced). Import and the demo stage a case in [`Store::in_memory`] and
    /// write it with this, so a crash or full disk never leaves half a case.
    pub fn insert_case_with_log(
        &self,
        case: &Case,
        entries: &[LogEntry],
    ) -> Result<Case, StoreError> {
        self.write(|txn| {
            let id = self.next_case_id(txn)?;
            let case = Case {
                id: CaseId(id),
                ..case.clone()
            };
            for entry in entries {
                write_entry(txn, id, entry)?;
            }
            let snapshot = entries.iter().map(|e| e.seq).max().unwrap_or(0);
            txn.open_table(CASES)?
                .insert(id, encode_case(&case, Some(snapshot))?.as_slice())?;
            txn.open_table(SNAPSHOT_SEQ)?.insert(id, snapshot)?;
            txn.open_table(CASE_INDEX)?
                .insert(id, encode(&CaseSummary::of(&case))?.as_slice())?;
            Ok(case)
        })
    }

    /// Takes the next case id and moves the counter on.
    fn next_case_id(&self, txn: &WriteTransaction) -> Result<u64, StoreError> {
        let mut meta = txn.open_table(META)?;
        let next = match meta.get("next_case_id")? {
            Some(v) => {
                u64::from_le_bytes(unseal("next case id", v.value())?.try_into().map_err(|_| {
                    StoreError::Decoding {
                        what: "next case id".into(),
                        detail: "wrong length".into(),
                    }
                })?)
            }
            None => 1,
        };
        let after = next.checked_add(1).ok_or_else(|| StoreError::Corrupt {
            path: self.path.clone(),
            detail: "the case counter is at its end".into(),
        })?;
        // A damaged counter must not hand out the id of a case that exists.
        if txn.open_table(CASES)?.get(next)?.is_some() {
            return Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail: "the case counter points at an existing case".into(),
            });
        }
        meta.insert(
            "next_case_id",
            envelope::seal(&after.to_le_bytes()).as_slice(),
        )?;
        Ok(next)
    }

    /// The case as it is now: its stored row, with the log entries after it replayed. A log
    /// whose chain is broken (an entry removed, changed, moved or reordered) is refused naming
    /// the first break, so a damaged case is never shown as if it were whole.
    pub fn load_case(&self, id: CaseId) -> Result<Case, StoreError> {
        self.read(|txn| {
            if let Some(finding) = case_log_findings(txn, id.0)?.0.into_iter().next() {
                return Err(StoreError::CaseDamaged {
                    path: self.path.clone(),
                    case: id,
                    finding,
                });
            }
            let table = txn.open_table(CASES)?;
            let value = table.get(id.0)?.ok_or(StoreError::UnknownCase(id))?;
            let (mut case, sealed_snapshot) = match self.plain_values() {
                true => (decode::<Case>("case", value.value())?, None),
                false => {
                    let row: StoredCase = decode("case", value.value())?;
                    (row.case, Some(row.snapshot_seq))
                }
            };
            keyed("case", case.id == id)?;
            let stored_snapshot = match txn.open_table(SNAPSHOT_SEQ) {
                Ok(t) => t.get(id.0)?.map(|v| v.value()),
                Err(redb::TableError::TableDoesNotExist(_)) => None,
                Err(e) => return Err(e.into()),
            };
            // The row's own (checked) number must agree with the unchecked table's.
            if let Some(sealed) = sealed_snapshot {
                keyed("case snapshot number", sealed == stored_snapshot)?;
            }
            // A file from before snapshots were tracked has none: its rows are current.
            let Some(snapshot) = stored_snapshot else {
                return Ok(case);
            };
            let Some(after) = snapshot.checked_add(1) else {
                return Ok(case);
            };
            let log = txn.open_table(LOG)?;
            for row in log.range((id.0, after)..=(id.0, u64::MAX))? {
                let (key, value) = row?;
                let entry: LogEntry = decode("edit log entry", value.value())?;
                keyed("edit log entry", entry.seq == key.value().1)?;
                crate::domain::apply(&mut case, &entry.edit).map_err(|e| StoreError::Decoding {
                    what: format!("edit log entry {}", entry.seq),
                    detail: e.to_string(),
                })?;
            }
            Ok(case)
        })
    }

    /// Persists one applied edit in one durable transaction: its log entry (new, or replacing
    /// the entry it coalesced into), the case index when the summary changed, and every
    /// [`SNAPSHOT_EVERY`] edits the whole case.
    pub fn commit_edit(&self, case: &Case, entry: &LogEntry) -> Result<(), StoreError> {
        let summary = CaseSummary::of(case);
        let id = case.id.0;
        let known = self.committed.lock().ok().and_then(|k| k.get(&id).cloned());
        let now = self.write(|txn| {
            write_entry(txn, id, entry)?;
            let snapshot = match &known {
                Some(k) => k.snapshot,
                None => txn.open_table(SNAPSHOT_SEQ)?.get(id)?.map(|v| v.value()),
            };
            // Also when typing coalesces into an entry the stored case already includes.
            let due = snapshot
                .is_none_or(|s| entry.seq <= s || entry.seq >= s.saturating_add(SNAPSHOT_EVERY));
            let snapshot = if due {
                txn.open_table(CASES)?
                    .insert(id, encode_case(case, Some(entry.seq))?.as_slice())?;
                txn.open_table(SNAPSHOT_SEQ)?.insert(id, entry.seq)?;
                Some(entry.seq)
            } else {
                snapshot
            };
            let old = match known {
                Some(k) => k.summary,
                None => match txn.open_table(CASE_INDEX)?.get(id)? {
                    Some(v) => Some(decode::<CaseSummary>("case index", v.value())?),
                    None => None,
                },
            };
            if old.as_ref() != Some(&summary) {
                txn.open_table(CASE_INDEX)?
                    .insert(id, encode(&summary)?.as_slice())?;
            }
            Ok(Committed {
                snapshot,
                summary: Some(summary),
            })
        });
        // Only what reached the disk is remembered; after a failure it is read again.
        if let Ok(mut k) = self.committed.lock() {
            match &now {
                Ok(c) => {
                    k.insert(id, c.clone());
                }
                Err(_) => {
                    k.remove(&id);
                }
            }
        }
        now.map(|_| ())
    }

    /// The case's whole edit log, oldest first.
    pub fn log(&self, id: CaseId) -> Result<Vec<LogEntry>, StoreError> {
        self.log_range(id, 0)
    }

    /// Log entries from sequence number `from` on.
    pub fn log_range(&self, id: CaseId, from: u64) -> Result<Vec<LogEntry>, StoreError> {
        self.read(|txn| {
            let table = txn.open_table(LOG)?;
            let mut out = Vec::new();
            for row in table.range((id.0, from)..=(id.0, u64::MAX))? {
                let (key, value) = row?;
                let entry: LogEntry = decode("edit log entry", value.value())?;
                keyed("edit log entry", entry.seq == key.value().1)?;
                out.push(entry);
            }
            Ok(out)
        })
    }

    /// The log entries made after `since`: "what changed since the last meeting".
    pub fn changes_since(
        &self,
        id: CaseId,
        since: DateTime<Utc>,
    ) -> Result<Vec<LogEntry>, StoreError> {
        Ok(self
            .log(id)?
            .into_iter()
            .filter(|e| e.last_at > since)
            .collect())
    }

    /// The last sequence number used in a case's log (0 when empty).
    pub fn last_seq(&self, id: CaseId) -> Result<u64, StoreError> {
        self.read(|txn| {
            let table = txn.open_table(LOG)?;
            let last = table.range((id.0, 0)..=(id.0, u64::MAX))?.next_back();
            Ok(match last {
                Some(row) => row?.0.value().1,
                None => 0,
            })
        })
    }

    pub fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        self.read(|txn| {
            let table = txn.open_table(SETTINGS)?;
            match table.get(key)? {
                Some(v) => Ok(Some(decode("setting", v.value())?)),
                None => Ok(None),
            }
        })
    }

    pub fn set_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let bytes = encode(value)?;
        self.write(|txn| {
            txn.open_table(SETTINGS)?.insert(key, bytes.as_slice())?;
            Ok(())
        })
    }

    /// Writes a consistent copy of the database at `source` to `out`, also while another
    /// process (the app) has it open. The copy is made from one read snapshot, written to a
    /// temporary file beside `out`, made durable, then renamed into place. An existing `out`
    /// is refused; see [`Store::backup_with`].
    ///
    /// Every value is checked while it is copied: a damaged source is refused, not copied.
    pub fn backup(source: &Path, out: &Path) -> Result<(), StoreError> {
        Self::backup_with(source, out, false)
    }

    /// As [`Store::backup`]; with `replace`, an existing regular file at `out` is replaced.
    /// Never the source (also through a link), never a directory, device or FIFO.
    pub fn backup_with(source: &Path, out: &Path, replace: bool) -> Result<(), StoreError> {
        // Read-only: a source left unclean by a crash is read from a repaired private copy.
        let src = Store::open_read_only(source)?;
        let version = src.schema.load(Ordering::Relaxed);
        let sealed = version >= SEALED_SINCE;
        // A fresh temporary name (never the source's, whatever it is called), removed again
        // on any failure; readable by the owner only, as the data is.
        let pending = crate::fsio::PendingOutput::new(
            out,
            &[source],
            crate::fsio::OutputOptions {
                replace,
                private: true,
            },
        )?;
        let tmp = pending.tmp_path().to_path_buf();
        // Errors about the copy name the backup, never its temporary file.
        let target = pending.target().to_path_buf();
        guarded(source, || {
            let slot = src.db.read().unwrap_or_else(PoisonError::into_inner);
            let Some(Db::Read(db)) = &*slot else {
                return Err(StoreError::ReadOnly {
                    path: source.to_path_buf(),
                });
            };
            let snapshot = db
                .begin_read()
                .map_err(|e| StoreError::from_redb(source, e.into()))?;
            let dst = builder()
                .create(&tmp)
                .map_err(|e| StoreError::from_database(&target, e))?;
            let mut copy = Store::new(Db::Write(dst), &target, version);
            // Its handle is on the temporary file: never reopen `target` in its place.
            copy.reopenable = false;
            let sealed_value = |what: &str, v: &[u8]| match sealed {
                true => envelope::open(v).map(|_| ()).ok_or(what.to_string()),
                false => Ok(()),
            };
            copy.write(|txn| {
                copy_table(&snapshot, txn, META, |k, v| match (sealed, k) {
                    (true, "next_case_id") => sealed_value("next case id", v),
                    _ => Ok(()),
                })?;
                copy_table(&snapshot, txn, CASES, |_, v| sealed_value("case", v))?;
                copy_table(&snapshot, txn, SNAPSHOT_SEQ, |_, _| Ok(()))?;
                copy_table(&snapshot, txn, CASE_INDEX, |_, v| {
                    sealed_value("case index", v)
                })?;
                copy_table(&snapshot, txn, LOG, |_, v| {
                    sealed_value("edit log entry", v)
                })?;
                copy_table(&snapshot, txn, SETTINGS, |_, v| sealed_value("setting", v))?;
                copy_table(&snapshot, txn, PLUGINS, |_, v| {
                    sealed_value("installed plugin", v)
                })?;
                // A component is stored under its SHA-256, which is its check.
                copy_table(&snapshot, txn, PLUGIN_BLOBS, |k, v| {
                    match crate::plugins::package::component_hash(v) == k {
                        true => Ok(()),
                        false => Err("plugin component".to_string()),
                    }
                })?;
                copy_table(&snapshot, txn, TRUSTED_KEYS, |_, v| {
                    sealed_value("trusted key", v)
                })?;
                copy_table(&snapshot, txn, LOG_HEAD, |_, v| {
                    sealed_value("edit log head", v)
                })?;
                copy_table(&snapshot, txn, ACCESS_LOG, |_, v| {
                    sealed_value("access log entry", v)
                })?;
                Ok(())
            })
            .map_err(|e| match e {
                StoreError::ValueDamaged { what } => StoreError::Corrupt {
                    path: source.to_path_buf(),
                    detail: format!("a stored {what} fails its check"),
                },
                other => other,
            })?;
            drop(copy);
            Ok(())
        })?;
        pending.commit()?;
        Ok(())
    }
}

/// Recovers a file that was not closed cleanly (the app was killed, the power went).
///
/// redb's repair writes to the file, so it runs on a copy first; only a copy that repairs
/// cleanly and proves to be an Ansvar database replaces the original.
fn recover(path: &Path) -> Result<(), StoreError> {
    let tmp = path.with_extension("recovering");
    repair_copy(path, &tmp)?;
    fs::rename(&tmp, path).map_err(|e| StoreError::io(path, e))?;
    sync_parent(path);
    Ok(())
}

/// Copies `path` to `tmp` and lets redb repair the copy; only a copy that repairs cleanly and
/// proves to be an Ansvar database is kept.
fn repair_copy(path: &Path, tmp: &Path) -> Result<(), StoreError> {
    fs::copy(path, tmp).map_err(|e| StoreError::io(tmp, e))?;
    let repaired = guarded(path, || {
        let db = builder()
            .open(tmp)
            .map_err(|e| StoreError::from_database(path, e))?;
        drop(db);
        precheck(tmp).map_err(|e| match e {
            // Name the user's file, not the temporary copy.
            StoreError::NotAnsvar { .. } => StoreError::NotAnsvar {
                path: path.to_path_buf(),
            },
            StoreError::NewerSchema {
                found, supported, ..
            } => StoreError::NewerSchema {
                path: path.to_path_buf(),
                found,
                supported,
            },
            other => other,
        })
    });
    if let Err(e) = repaired {
        let _ = fs::remove_file(tmp);
        return Err(e);
    }
    Ok(())
}

/// Makes a rename durable.
fn sync_parent(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
}

fn create_tables(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(CASES)?;
    txn.open_table(SNAPSHOT_SEQ)?;
    txn.open_table(CASE_INDEX)?;
    txn.open_table(LOG)?;
    txn.open_table(SETTINGS)?;
    txn.open_table(PLUGINS)?;
    txn.open_table(PLUGIN_BLOBS)?;
    txn.open_table(TRUSTED_KEYS)?;
    txn.open_table(LOG_HEAD)?;
    txn.open_table(ACCESS_LOG)?;
    Ok(())
}

/// Checks case `id`'s log against its chain (see `chain.rs`): the findings, and where the
/// chain starts.
fn case_log_findings(
    txn: &redb::ReadTransaction,
    id: u64,
) -> Result<(Vec<Finding>, Option<u64>), StoreError> {
    let log = txn.open_table(LOG)?;
    let mut rows = Vec::new();
    for row in log.range((id, 0)..=(id, u64::MAX))? {
        let (k, v) = row?;
        rows.push((k.value().1, v.value().to_vec()));
    }
    let head = match txn.open_table(LOG_HEAD) {
        Ok(t) => t
            .get(id)?
            .map(|v| decode::<chain::Head>("edit log head", v.value())),
        // A file from before the chain was kept.
        Err(redb::TableError::TableDoesNotExist(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let rows: Vec<chain::Row<'_>> = rows
        .iter()
        .map(|(seq, bytes)| chain::Row { seq: *seq, bytes })
        .collect();
    Ok(chain::check(id, &rows, head))
}

/// Writes `entry` into case `id`'s log, linked to the entry before it (a new entry, or the
/// newest rewritten by coalesced typing: both link to the one before), and moves the chain's
/// head to it. Every way an entry is written goes through here, so every entry is chained.
fn write_entry(txn: &WriteTransaction, id: u64, entry: &LogEntry) -> Result<(), StoreError> {
    let mut log = txn.open_table(LOG)?;
    let prev = match log.range((id, 0)..(id, entry.seq))?.next_back() {
        Some(row) => chain::hash(unseal("edit log entry", row?.1.value())?),
        None => chain::genesis(id),
    };
    let linked = LogEntry {
        case: Some(id),
        prev: Some(prev),
        ..entry.clone()
    };
    let payload = serde_json::to_vec(&linked).map_err(|e| StoreError::Encoding(e.to_string()))?;
    log.insert((id, entry.seq), envelope::seal(&payload).as_slice())?;
    let head = chain::Head {
        case: id,
        seq: entry.seq,
        hash: chain::hash(&payload),
    };
    txn.open_table(LOG_HEAD)?
        .insert(id, encode(&head)?.as_slice())?;
    Ok(())
}

/// Copies one table, refusing the copy when `check` finds a row damaged (it names the value).
fn copy_table<K: redb::Key + 'static, V: redb::Value + 'static>(
    from: &redb::ReadTransaction,
    to: &WriteTransaction,
    def: TableDefinition<K, V>,
    check: impl Fn(K::SelfType<'_>, V::SelfType<'_>) -> Result<(), String>,
) -> Result<(), StoreError>
where
    for<'a> K::SelfType<'a>: std::borrow::Borrow<K::SelfType<'a>>,
{
    let source = match from.open_table(def) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let mut target = to.open_table(def)?;
    for row in source.iter()? {
        let (k, v) = row?;
        check(k.value(), v.value()).map_err(|what| StoreError::ValueDamaged { what })?;
        target.insert(k.value(), v.value())?;
    }
    Ok(())
}

/// Migration 1 → 2: seals every value in its envelope, in the opening write transaction.
fn seal_every_value(txn: &WriteTransaction) -> Result<(), StoreError> {
    seal_cases(txn)?;
    seal_table(txn, CASE_INDEX)?;
    seal_table(txn, LOG)?;
    seal_table(txn, SETTINGS)?;
    seal_table(txn, PLUGINS)?;
    seal_table(txn, TRUSTED_KEYS)?;
    let mut meta = txn.open_table(META)?;
    let counter = meta.get("next_case_id")?.map(|v| v.value().to_vec());
    if let Some(counter) = counter {
        meta.insert("next_case_id", envelope::seal(&counter).as_slice())?;
    }
    Ok(())
}

/// Case rows take their snapshot number inside the seal (see [`StoredCase`]).
fn seal_cases(txn: &WriteTransaction) -> Result<(), StoreError> {
    let snapshots = txn.open_table(SNAPSHOT_SEQ)?;
    let mut cases = txn.open_table(CASES)?;
    let mut rows = Vec::new();
    for row in cases.iter()? {
        let (k, v) = row?;
        let seq = snapshots.get(k.value())?.map(|s| s.value());
        let mut payload = format!(
            "{{\"snapshot_seq\":{},\"case\":",
            seq.map_or("null".to_string(), |s| s.to_string())
        )
        .into_bytes();
        payload.extend_from_slice(v.value());
        payload.push(b'}');
        rows.push((k.value(), envelope::seal(&payload)));
    }
    for (k, v) in rows {
        cases.insert(k, v.as_slice())?;
    }
    Ok(())
}

fn seal_table<K: redb::Key + 'static>(
    txn: &WriteTransaction,
    def: TableDefinition<K, &'static [u8]>,
) -> Result<(), StoreError>
where
    for<'a> K::SelfType<'a>: std::borrow::Borrow<K::SelfType<'a>>,
{
    let mut table = txn.open_table(def)?;
    let mut rows = Vec::new();
    for row in table.iter()? {
        let (k, v) = row?;
        rows.push((
            K::as_bytes(&k.value()).as_ref().to_vec(),
            envelope::seal(v.value()),
        ));
    }
    for (k, v) in rows {
        table.insert(K::from_bytes(&k), v.as_slice())?;
    }
    Ok(())
}

/// Looks at an existing file without writing to it, and says whether it may be opened for
/// writing: it must be a redb file, carry Ansvar's mark, and have a schema this build knows.
/// Returns the stored schema version.
fn precheck(path: &Path) -> Result<u32, StoreError> {
    precheck_with(path, true)
}

/// As [`precheck`]; without `check_values` the values' checks are left to the caller (verify,
/// which reports each damaged value instead of refusing the file at the first).
fn precheck_with(path: &Path, check_values: bool) -> Result<u32, StoreError> {
    let mut head = [0u8; 9];
    let mut file = fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
    let len = file.metadata().map_err(|e| StoreError::io(path, e))?.len();
    if let Err(e) = file.read_exact(&mut head) {
        return Err(if e.kind() == std::io::ErrorKind::UnexpectedEof {
            StoreError::NotAnsvar {
                path: path.to_path_buf(),
            }
        } else {
            StoreError::io(path, e)
        });
    }
    drop(file);
    if head != REDB_MAGIC {
        return Err(StoreError::NotAnsvar {
            path: path.to_path_buf(),
        });
    }
    // redb grows its file in whole pages; anything else was cut short.
    if len % 4096 != 0 {
        return Err(StoreError::Truncated {
            path: path.to_path_buf(),
        });
    }
    guarded(path, || {
        let db = builder()
            .open_read_only(path)
            .map_err(|e| StoreError::from_database(path, e))?;
        let txn = db
            .begin_read()
            .map_err(|e| StoreError::from_redb(path, e.into()))?;
        let meta = match txn.open_table(META) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => {
                return Err(StoreError::NotAnsvar {
                    path: path.to_path_buf(),
                });
            }
            Err(e) => return Err(StoreError::from_redb(path, e.into())),
        };
        let get = |key: &str| -> Result<Option<Vec<u8>>, StoreError> {
            Ok(meta
                .get(key)
                .map_err(|e| StoreError::from_redb(path, e.into()))?
                .map(|v| v.value().to_vec()))
        };
        if get("application")?.as_deref() != Some(APPLICATION) {
            return Err(StoreError::NotAnsvar {
                path: path.to_path_buf(),
            });
        }
        let version = get("schema_version")?
            .and_then(|v| <[u8; 4]>::try_from(v.as_slice()).ok())
            .map(u32::from_le_bytes)
            .ok_or_else(|| StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: "the schema version is missing".into(),
            })?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        // Walk every table once: a file cut short or damaged fails here, before anything
        // is written to it.
        // From schema 2 on, every value's check is verified too.
        let sealed = version >= SEALED_SINCE && check_values;
        let check = |what: &'static str| {
            move |v: &[u8]| match !sealed || envelope::open(v).is_some() {
                true => Ok(()),
                false => Err(what),
            }
        };
        if sealed
            && let Some(counter) = get("next_case_id")?
            && envelope::open(&counter).is_none()
        {
            return Err(StoreError::ValueDamaged {
                what: "next case id".into(),
            });
        }
        verify_readable(&txn, CASES, path, check("case"))?;
        verify_readable(&txn, SNAPSHOT_SEQ, path, |_| Ok(()))?;
        verify_readable(&txn, CASE_INDEX, path, check("case index"))?;
        verify_readable(&txn, LOG, path, check("edit log entry"))?;
        verify_readable(&txn, SETTINGS, path, check("setting"))?;
        verify_readable(&txn, PLUGINS, path, check("installed plugin"))?;
        verify_readable(&txn, PLUGIN_BLOBS, path, |_| Ok(()))?;
        verify_readable(&txn, TRUSTED_KEYS, path, check("trusted key"))?;
        verify_readable(&txn, LOG_HEAD, path, check("edit log head"))?;
        verify_readable(&txn, ACCESS_LOG, path, check("access log entry"))?;
        Ok(version)
    })
}

fn verify_readable<K: redb::Key + 'static, V: redb::Value + 'static>(
    txn: &redb::ReadTransaction,
    def: TableDefinition<K, V>,
    path: &Path,
    check: impl Fn(V::SelfType<'_>) -> Result<(), &'static str>,
) -> Result<(), StoreError> {
    let table = match txn.open_table(def) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
        Err(e) => return Err(StoreError::from_redb(path, e.into())),
    };
    let iter = table
        .iter()
        .map_err(|e| StoreError::from_redb(path, e.into()))?;
    for row in iter {
        let (_, v) = row.map_err(|e| StoreError::from_redb(path, e.into()))?;
        check(v.value()).map_err(|what| StoreError::ValueDamaged { what: what.into() })?;
    }
    Ok(())
}

// The value decoders as `load_case` and `log` call them, public for the fuzz targets
// (`crate::fuzz`); thin, so they follow any change of the stored format.

/// Decodes a stored case row (schema 2 on): the case and the snapshot number sealed with it.
pub fn decode_stored_case(bytes: &[u8]) -> Result<(Case, Option<u64>), StoreError> {
    let row: StoredCase = decode("case", bytes)?;
    Ok((row.case, row.snapshot_seq))
}

/// Encodes a case row as it is stored.
pub fn encode_stored_case(case: &Case, snapshot_seq: Option<u64>) -> Result<Vec<u8>, StoreError> {
    encode_case(case, snapshot_seq)
}

/// Decodes a stored edit log entry.
pub fn decode_log_entry(bytes: &[u8]) -> Result<LogEntry, StoreError> {
    decode("edit log entry", bytes)
}

/// Encodes an edit log entry as it is stored.
pub fn encode_log_entry(entry: &LogEntry) -> Result<Vec<u8>, StoreError> {
    encode(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_panics_inside_the_guard_are_the_stores() {
        assert!(!panic_is_caught_by_store());
        let inside = guarded(Path::new("x.redb"), || Ok(panic_is_caught_by_store()));
        assert!(matches!(inside, Ok(true)));
        let caught = guarded::<()>(Path::new("x.redb"), || panic!("redb stopped"));
        assert!(matches!(caught, Err(StoreError::Corrupt { .. })));
        // After a caught panic, a panic elsewhere is a bug again and is printed.
        assert!(!panic_is_caught_by_store());
    }

    #[test]
    fn the_case_index_counts_overdue_actions_and_an_older_entry_says_it_does_not_know() {
        use crate::domain::{Action, ActionId, ActionStatus, Case};
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let action = |due, status| Action {
            id: ActionId::new(),
            due: Some(due),
            status,
            ..Action::default()
        };
        let case = Case {
            actions: vec![
                action(day(1), ActionStatus::Open),
                action(day(20), ActionStatus::Open),
                action(day(2), ActionStatus::Done),
            ],
            ..Case::default()
        };
        let summary = CaseSummary::of(&case);
        assert_eq!(summary.overdue_actions(day(10)), Some(1));
        assert_eq!(summary.overdue_actions(day(21)), Some(2));
        // Read back as stored.
        let stored: CaseSummary = decode("case index", &encode(&summary).unwrap()).unwrap();
        assert_eq!(stored, summary);
        // An entry written before the dues were kept.
        let old = CaseSummary {
            open_action_dues: None,
            week: None,
            ..summary
        };
        let old: CaseSummary = decode("case index", &encode(&old).unwrap()).unwrap();
        assert_eq!(old.overdue_actions(day(21)), None);
        // Without the week's facts the week counts the case as unknown, and lists nothing.
        assert_eq!(old.week, None);
        let week = crate::week::week(&[old], &crate::clock::Clock::at_noon(day(21)));
        assert_eq!(week.unknown, vec![case.id]);
        assert!(week.lines.is_empty());
    }
}
