//! The redb store: one file holds every case, the edit log, the case index, settings and plugins.
//!
//! Values are JSON (named fields, `#[serde(default)]` on every struct), so a field added later
//! reads as its default from an older file. From schema 3 every value is encrypted and bound
//! to its place (`envelope.rs`, `crypto.rs`): a file opens with its passphrase or recovery key.
//! A file from before (schema 1 plain, schema 2 under a CRC) is read as it is read-only, and
//! encrypted into a new file by [`Store::encrypt`] before it is written to. Every write is one
//! transaction committed with `Durability::Immediate`: when a call returns `Ok`, the change
//! survives a crash or power loss. Commands that only read open the file read-only
//! ([`Store::open_read_only`]).

mod access;
mod chain;
mod crypto;
mod envelope;
mod error;
mod log;
mod verify;

pub use access::{Access, AccessEntry};
pub use chain::Finding;
pub use crypto::{
    KdfCost, MIN_PASSPHRASE_CHARS, Passphrase, RecoveryKey, Secret, Strength, strength,
};
pub use error::StoreError;
pub use log::{Cause, LogEntry};
pub use verify::{CaseReport, Report};

use std::borrow::Cow;
use std::cell::Cell;
use std::fs;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use chrono::{DateTime, Utc};
use redb::{
    Builder, ConcurrencyMode, Database, Durability, ReadOnlyDatabase, ReadableDatabase,
    ReadableTable, TableDefinition, WriteTransaction,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::{Case, CaseId};
use crypto::{DataKey, KeyEnvelope};
use envelope::Codec;
pub(crate) use envelope::{Place, at};

/// The schema this build writes. Raise it when the layout or meaning of stored values changes,
/// and add the step from the previous version to [`MIGRATIONS`].
pub const SCHEMA_VERSION: u32 = 3;

/// The first schema whose values are sealed (see `envelope.rs`); older files hold plain JSON.
const SEALED_SINCE: u32 = 2;
/// The first schema whose values are encrypted.
const ENCRYPTED_SINCE: u32 = 3;

/// The `meta` row that holds the key envelope (`crypto.rs`), readable: opening needs it.
const KEY_ENVELOPE: &str = "key_envelope";

/// The passphrase of the files tests make with [`Store::open_test`].
pub const TEST_PASSPHRASE: &str = "test passphrase, not secret";

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

/// One step of migration of an encrypted file: brings it from version `from` to `from + 1`
/// inside the opening write transaction. Files before schema 3 are not migrated in place but
/// encrypted into a new file ([`Store::encrypt`]); fixtures of schemas 1 and 2 are kept under
/// `app/core/tests/fixtures/` so that path is tested against real old files.
type Migration = fn(&WriteTransaction) -> Result<(), StoreError>;
const MIGRATIONS: &[(u32, Migration)] = &[];

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
    /// it was kept: encrypting the older file fills it in; until then the week counts the case
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
    /// The file's schema version when opened.
    schema: u32,
    /// The data key while the file is unlocked; `None` when locked (or not encrypted).
    key: RwLock<Option<Arc<DataKey>>>,
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
    encode(&at(CASES, case.id.0), &StoredCaseRef { snapshot_seq, case })
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

/// A value as it is stored at `place`: sealed (see `envelope.rs`).
pub(crate) fn encode<T: Serialize>(place: &Place, value: &T) -> Result<Vec<u8>, StoreError> {
    let json = serde_json::to_vec(value).map_err(|e| StoreError::Encoding(e.to_string()))?;
    seal(place, &json)
}

/// Raw bytes sealed for `place`.
pub(crate) fn seal(place: &Place, payload: &[u8]) -> Result<Vec<u8>, StoreError> {
    envelope::seal(place, payload)
        .ok_or_else(|| StoreError::Crypto("no random numbers for a nonce".into()))
}

/// The bytes inside a stored value at `place`, checked (and decrypted).
pub(crate) fn unseal<'a>(
    what: &str,
    place: &Place,
    bytes: &'a [u8],
) -> Result<Cow<'a, [u8]>, StoreError> {
    envelope::open(place, bytes).ok_or_else(|| StoreError::ValueDamaged {
        what: what.to_string(),
    })
}

pub(crate) fn decode<T: DeserializeOwned>(
    what: &str,
    place: &Place,
    bytes: &[u8],
) -> Result<T, StoreError> {
    serde_json::from_slice(&unseal(what, place, bytes)?).map_err(|e| StoreError::Decoding {
        what: what.to_string(),
        detail: e.to_string(),
    })
}

impl Store {
    /// What is at `path`: nothing yet, a file from before encryption, or an encrypted file.
    /// Reads only; a file that is not an Ansvar database is refused as [`Store::open`] would.
    pub fn kind(path: impl AsRef<Path>) -> Result<FileKind, StoreError> {
        let path = path.as_ref();
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => Err(StoreError::NotAnsvar {
                path: path.to_path_buf(),
            }),
            Ok(m) if m.len() == 0 => Ok(FileKind::Missing),
            Ok(_) => {
                let checked = match precheck(path, None) {
                    Err(StoreError::NeedsRecovery { .. }) => {
                        let scratch =
                            Scratch(path.with_extension(format!("kind-{}", std::process::id())));
                        repair_copy(path, &scratch.0)?;
                        precheck(&scratch.0, None)?
                    }
                    other => other?,
                };
                Ok(match checked.version >= ENCRYPTED_SINCE {
                    true => FileKind::Encrypted,
                    false => FileKind::Unencrypted,
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileKind::Missing),
            Err(e) => Err(StoreError::io(path, e)),
        }
    }

    /// Makes a new encrypted database at `path` (missing or empty), its data key wrapped by
    /// `passphrase` and by a new recovery key, which is returned to be shown once.
    pub fn create(
        path: impl AsRef<Path>,
        passphrase: &Passphrase,
        cost: KdfCost,
    ) -> Result<(Store, RecoveryKey), StoreError> {
        let path = path.as_ref();
        if Store::kind(path)? != FileKind::Missing {
            return Err(crate::fsio::OutputError::Exists {
                path: path.to_path_buf(),
            }
            .into());
        }
        let (envelope, key, recovery) = KeyEnvelope::create(passphrase, cost)?;
        let store = Self::create_new(path, &envelope, Arc::new(key))?;
        Ok((store, recovery))
    }

    /// Opens the encrypted database at `path` with its passphrase or recovery key.
    ///
    /// A file that is not an Ansvar database, is damaged, or comes from a newer Ansvar is refused
    /// and left exactly as it was; so is a file from before encryption
    /// ([`StoreError::NotEncrypted`]: [`Store::encrypt`] it first). A wrong secret is
    /// [`StoreError::WrongSecret`], whichever part was wrong.
    pub fn open(path: impl AsRef<Path>, secret: &Secret) -> Result<Store, StoreError> {
        let path = path.as_ref();
        let checked = Self::precheck_existing(path)?;
        let key = Arc::new(checked.unlock(path, secret)?);
        Self::open_unlocked(path, checked.version, key)
    }

    /// Opens an encrypted file with its data key (known already: the check after encrypting).
    fn open_unlocked(path: &Path, version: u32, key: Arc<DataKey>) -> Result<Store, StoreError> {
        // The values that opening and listing read are checked before anything is written.
        precheck(path, Some(&Codec::Encrypted(key.clone())))?;
        let db = guarded(path, || {
            builder()
                .open(path)
                .map_err(|e| StoreError::from_database(path, e))
        })?;
        let store = Store::new(Db::Write(db), path, version, Some(key));
        if version < SCHEMA_VERSION {
            store.migrate(version)?;
        }
        store.ensure_tables()?;
        Ok(store)
    }

    /// An existing file, recovered first when a crash left it unclean, looked at.
    fn precheck_existing(path: &Path) -> Result<Prechecked, StoreError> {
        if fs::metadata(path)
            .map_err(|e| StoreError::io(path, e))?
            .is_dir()
        {
            return Err(StoreError::NotAnsvar {
                path: path.to_path_buf(),
            });
        }
        let checked = match precheck(path, None) {
            Err(StoreError::NeedsRecovery { .. }) => {
                recover(path)?;
                precheck(path, None)?
            }
            other => other?,
        };
        if checked.version < ENCRYPTED_SINCE {
            return Err(StoreError::NotEncrypted {
                path: path.to_path_buf(),
            });
        }
        Ok(checked)
    }

    /// For tests and benchmarks only: opens `path` with [`TEST_PASSPHRASE`], creating it at
    /// [`KdfCost::FAST_FOR_TESTS`] (its recovery key dropped) when missing. Never for a file
    /// a person uses.
    #[doc(hidden)]
    pub fn open_test(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        let pass = Passphrase::new(TEST_PASSPHRASE);
        match Store::kind(path)? {
            FileKind::Missing => {
                Store::create(path, &pass, KdfCost::FAST_FOR_TESTS).map(|(s, _)| s)
            }
            FileKind::Unencrypted => {
                Store::encrypt(path, &pass, KdfCost::FAST_FOR_TESTS)?;
                Store::open(path, &Secret::Passphrase(pass))
            }
            FileKind::Encrypted => Store::open(path, &Secret::Passphrase(pass)),
        }
    }

    /// For benchmarks and tests only: a new file in the format before encryption (schema 2,
    /// each value under a CRC), open for writing: to measure what encryption costs beside it,
    /// and to make a file as an older Ansvar wrote it.
    #[doc(hidden)]
    pub fn create_unencrypted(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        let db = guarded(path, || {
            builder()
                .create(path)
                .map_err(|e| StoreError::from_database(path, e))
        })?;
        let store = Store::new(Db::Write(db), path, SEALED_SINCE, None);
        store.write(|txn| {
            let mut meta = txn.open_table(META)?;
            meta.insert("application", APPLICATION)?;
            meta.insert("schema_version", SEALED_SINCE.to_le_bytes().as_slice())?;
            drop(meta);
            create_tables(txn)
        })?;
        Ok(store)
    }

    /// Encrypts a file from before encryption (schema 1 or 2) under a new passphrase and
    /// returns its recovery key. The encrypted copy is written beside the file, checked to hold
    /// exactly what the old file holds, made durable, and only then renamed over it; a crash
    /// or a failure on the way leaves the old file as it was.
    ///
    /// The old file's bytes are gone from the file system's view, not from the disk: a copy or
    /// backup of it made before stays readable.
    pub fn encrypt(
        path: impl AsRef<Path>,
        passphrase: &Passphrase,
        cost: KdfCost,
    ) -> Result<RecoveryKey, StoreError> {
        let path = path.as_ref();
        if Store::kind(path)? != FileKind::Unencrypted {
            return Err(StoreError::Crypto("the file is encrypted already".into()));
        }
        // Read as a read-only open reads it (from a repaired copy if a crash left it unclean).
        let old = Store::open_read_only_with(path, None, true)?;
        let tmp = path.with_extension("encrypting");
        let _ = fs::remove_file(&tmp);
        let (envelope, key, recovery) = KeyEnvelope::create(passphrase, cost)?;
        let key = Arc::new(key);
        let written = (|| {
            let new = Self::create_new(&tmp, &envelope, key.clone())?;
            old.copy_encrypted_into(&new)?;
            drop(new);
            // Read-only: a writable open would complete the index and so differ from the old.
            let new = Self::open_read_only_keyed(&tmp, Some(Unlocking::Key(key.clone())), true)?;
            old.same_content(&new)?;
            drop(new);
            fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| StoreError::io(&tmp, e))?;
            drop(old);
            fs::rename(&tmp, path).map_err(|e| StoreError::io(path, e))?;
            sync_parent(path);
            // An index from an older build lacks the week's facts: this build writes them in
            // every entry, so an encrypted file needs them filled in once, here. Best effort:
            // a case that cannot be read keeps its entry without them (counted unknown).
            if let Ok(new) = Self::open_unlocked(path, SCHEMA_VERSION, key.clone()) {
                let _ = new.complete_index();
            }
            Ok(())
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written.map(|()| recovery)
    }

    /// Writes the week's facts ([`crate::week::WeekFacts`]) into every index entry written
    /// before they were kept, in one transaction: run once when an older file is encrypted
    /// ([`Store::encrypt`]), which decodes those cases once, so the week never has to. A
    /// read-only open leaves an older file as it is, and the week counts such cases as unknown.
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
                index.insert(
                    summary.id.0,
                    encode(&at(CASE_INDEX, summary.id.0), summary)?.as_slice(),
                )?;
            }
            Ok(summaries.len())
        })
    }

    /// Opens an existing database for reading only: nothing is written to the file, not even
    /// redb's open mark. An encrypted file needs its `secret`; a file from before encryption
    /// is read as it is (the secret is not used) and encrypted by the next writable open. A
    /// file left unclean by a crash is repaired on a private copy beside it, which is read and
    /// then removed; the file itself waits for a writable open to repair it.
    pub fn open_read_only(path: impl AsRef<Path>, secret: &Secret) -> Result<Store, StoreError> {
        Self::open_read_only_with(path.as_ref(), Some(secret), true)
    }

    /// As [`Store::open_read_only`], but a value failing its check does not refuse the file:
    /// for [`Store::verify`], which reports every such value where it is.
    pub fn open_for_verify(path: impl AsRef<Path>, secret: &Secret) -> Result<Store, StoreError> {
        Self::open_read_only_with(path.as_ref(), Some(secret), false)
    }

    fn open_read_only_with(
        path: &Path,
        secret: Option<&Secret>,
        check_values: bool,
    ) -> Result<Store, StoreError> {
        Self::open_read_only_keyed(path, secret.map(Unlocking::Secret), check_values)
    }

    fn open_read_only_keyed(
        path: &Path,
        unlocking: Option<Unlocking<'_>>,
        check_values: bool,
    ) -> Result<Store, StoreError> {
        if fs::metadata(path)
            .map_err(|e| StoreError::io(path, e))?
            .is_dir()
        {
            return Err(StoreError::NotAnsvar {
                path: path.to_path_buf(),
            });
        }
        let (checked, scratch) = match precheck(path, None) {
            Err(StoreError::NeedsRecovery { .. }) => {
                let scratch =
                    Scratch(path.with_extension(format!("reading-{}", std::process::id())));
                repair_copy(path, &scratch.0)?;
                (precheck(&scratch.0, None)?, Some(scratch))
            }
            other => (other?, None),
        };
        let file = scratch.as_ref().map_or(path, |s| s.0.as_path());
        let key = match (checked.version >= ENCRYPTED_SINCE, unlocking) {
            (true, Some(Unlocking::Secret(secret))) => {
                Some(Arc::new(checked.unlock(path, secret)?))
            }
            (true, Some(Unlocking::Key(key))) => Some(key),
            (true, None) => return Err(StoreError::Locked),
            (false, _) => None,
        };
        if check_values {
            let codec = match &key {
                Some(k) => Codec::Encrypted(k.clone()),
                None => Store::codec_of(checked.version),
            };
            precheck(file, Some(&codec)).map_err(|e| match e {
                StoreError::ValueDamaged { what } => StoreError::Corrupt {
                    path: path.to_path_buf(),
                    detail: format!("a stored {what} fails its check"),
                },
                other => other,
            })?;
        }
        let db = guarded(path, || {
            builder()
                .open_read_only(file)
                .map_err(|e| StoreError::from_database(path, e))
        })?;
        let mut store = Store::new(Db::Read(db), path, checked.version, key);
        store.scratch = scratch;
        Ok(store)
    }

    /// A database in memory, for staging a whole case that is then written to the file in
    /// one transaction ([`Store::insert_case_with_log`]). Its values never reach a disk: they
    /// are sealed under a check, not encrypted.
    pub fn in_memory() -> Result<Store, StoreError> {
        let path = Path::new(MEMORY);
        // No other process shares memory, and the in-memory backend has no file locks.
        let mut b = builder();
        b.set_concurrency_mode(ConcurrencyMode::ExclusiveWriter);
        let db = b
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .map_err(|e| StoreError::from_database(path, e))?;
        let store = Store::new(Db::Write(db), path, SEALED_SINCE, None);
        store.write(create_tables)?;
        Ok(store)
    }

    fn new(db: Db, path: &Path, schema: u32, key: Option<Arc<DataKey>>) -> Store {
        Store {
            reopenable: matches!(db, Db::Write(_)) && path != Path::new(MEMORY),
            db: RwLock::new(Some(db)),
            path: path.to_path_buf(),
            schema,
            key: RwLock::new(key),
            committed: Default::default(),
            scratch: None,
        }
    }

    /// How the values of a file of `version` are read, without its key.
    fn codec_of(version: u32) -> Codec {
        match version {
            v if v < SEALED_SINCE => Codec::Plain,
            _ => Codec::Sealed,
        }
    }

    /// How this store's values are read and written now; [`StoreError::Locked`] while locked.
    fn codec(&self) -> Result<Codec, StoreError> {
        if self.schema < ENCRYPTED_SINCE {
            return Ok(Store::codec_of(self.schema));
        }
        match &*self.key.read().unwrap_or_else(PoisonError::into_inner) {
            Some(key) => Ok(Codec::Encrypted(key.clone())),
            None => Err(StoreError::Locked),
        }
    }

    /// Whether the file's values are encrypted (schema 3 on).
    pub fn is_encrypted(&self) -> bool {
        self.schema >= ENCRYPTED_SINCE
    }

    /// Forgets the data key (it is wiped from memory): every read and write is refused with
    /// [`StoreError::Locked`] until [`Store::unlock`]. The file stays open, so no one else
    /// can take it meanwhile.
    pub fn lock(&self) {
        *self.key.write().unwrap_or_else(PoisonError::into_inner) = None;
    }

    pub fn is_locked(&self) -> bool {
        self.is_encrypted()
            && self
                .key
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .is_none()
    }

    /// Takes the data key again, from the passphrase or the recovery key.
    pub fn unlock(&self, secret: &Secret) -> Result<(), StoreError> {
        let key = self.envelope()?.unlock(secret)?;
        *self.key.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(key));
        Ok(())
    }

    /// Sets a new passphrase, proved by the current one or the recovery key (the way back
    /// from a forgotten passphrase). Only the data key's wrap changes; the recovery key stays.
    pub fn change_passphrase(&self, proof: &Secret, new: &Passphrase) -> Result<(), StoreError> {
        let mut envelope = self.envelope()?;
        let key = envelope.unlock(proof)?;
        envelope.rewrap(new, &key)?;
        let bytes = envelope.to_bytes()?;
        self.write(|txn| {
            txn.open_table(META)?
                .insert(KEY_ENVELOPE, bytes.as_slice())?;
            Ok(())
        })?;
        *self.key.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(key));
        Ok(())
    }

    /// The key envelope, read without the key.
    fn envelope(&self) -> Result<KeyEnvelope, StoreError> {
        let slot = self.db.read().unwrap_or_else(PoisonError::into_inner);
        let bytes = guarded(&self.path, || {
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
            let meta = txn.open_table(META)?;
            let value = meta.get(KEY_ENVELOPE)?.map(|v| v.value().to_vec());
            Ok(value)
        })?;
        let bytes = bytes.ok_or_else(|| StoreError::Corrupt {
            path: self.path.clone(),
            detail: "the key envelope is missing".into(),
        })?;
        KeyEnvelope::from_bytes(&bytes)
    }

    fn create_new(
        path: &Path,
        envelope: &KeyEnvelope,
        key: Arc<DataKey>,
    ) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        let envelope = envelope.to_bytes()?;
        let db = guarded(path, || {
            builder()
                .create(path)
                .map_err(|e| StoreError::from_database(path, e))
        })?;
        let store = Store::new(Db::Write(db), path, SCHEMA_VERSION, Some(key));
        store.write(|txn| {
            let mut meta = txn.open_table(META)?;
            meta.insert("application", APPLICATION)?;
            meta.insert("schema_version", SCHEMA_VERSION.to_le_bytes().as_slice())?;
            meta.insert(KEY_ENVELOPE, envelope.as_slice())?;
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
        })
    }

    /// Every value of a table of this store as (key bytes, payload), opened by its codec. A
    /// schema-1 case row is given the shape later schemas store (the case with its snapshot
    /// number). Used to encrypt an older file and to prove the copy holds the same.
    fn payloads<K: redb::Key + 'static>(
        &self,
        def: TableDefinition<K, &'static [u8]>,
        what: &str,
    ) -> Result<Vec<Payload>, StoreError>
    where
        for<'a> K::SelfType<'a>: std::borrow::Borrow<K::SelfType<'a>>,
    {
        let name = redb::TableHandle::name(&def).to_string();
        let schema_1_cases = self.schema < SEALED_SINCE && name == "cases";
        self.read(|txn| {
            let table = match txn.open_table(def) {
                Ok(t) => t,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
                Err(e) => return Err(e.into()),
            };
            // An early schema-1 file has no snapshot table: its rows are current.
            let snapshots = match schema_1_cases {
                true => Some(txn.open_table(SNAPSHOT_SEQ).ok()),
                false => None,
            };
            let mut out = Vec::new();
            for row in table.iter()? {
                let (k, v) = row?;
                let key = K::as_bytes(&k.value()).as_ref().to_vec();
                let place = place_of(&name, &key)?;
                let mut payload = unseal(what, &place, v.value())?.into_owned();
                if let Some(snapshots) = &snapshots {
                    let id = u64::from_le_bytes(key.as_slice().try_into().map_err(|_| {
                        StoreError::ValueDamaged {
                            what: "case".into(),
                        }
                    })?);
                    let seq = match snapshots {
                        Some(t) => t.get(id)?.map(|s| s.value()),
                        None => None,
                    };
                    let mut wrapped = format!(
                        "{{\"snapshot_seq\":{},\"case\":",
                        seq.map_or("null".to_string(), |s| s.to_string())
                    )
                    .into_bytes();
                    wrapped.extend_from_slice(&payload);
                    wrapped.push(b'}');
                    payload = wrapped;
                }
                out.push((key, payload));
            }
            Ok(out)
        })
    }

    /// Writes every value of this (older) store into `new`, sealed by `new`'s codec.
    fn copy_encrypted_into(&self, new: &Store) -> Result<(), StoreError> {
        macro_rules! values {
            ($def:expr, $key:ty, $what:expr) => {{
                let rows = self.payloads($def, $what)?;
                new.write(|txn| {
                    let name = redb::TableHandle::name(&$def).to_string();
                    let mut table = txn.open_table($def)?;
                    for (key, payload) in &rows {
                        let place = place_of(&name, key)?;
                        let sealed = seal(&place, payload)?;
                        table.insert(<$key as redb::Value>::from_bytes(key), sealed.as_slice())?;
                    }
                    Ok(())
                })?;
            }};
        }
        values!(CASES, u64, "case");
        values!(CASE_INDEX, u64, "case index");
        values!(LOG, (u64, u64), "edit log entry");
        values!(SETTINGS, &str, "setting");
        values!(PLUGINS, &str, "installed plugin");
        values!(TRUSTED_KEYS, &str, "trusted key");
        values!(LOG_HEAD, u64, "edit log head");
        values!(ACCESS_LOG, u64, "access log entry");
        let counter = self.read(|txn| match txn.open_table(META)?.get("next_case_id")? {
            Some(v) => Ok(Some(
                unseal("next case id", &at(META, "next_case_id"), v.value())?.into_owned(),
            )),
            None => Ok(None),
        })?;
        let snapshots: Vec<(u64, u64)> = self.read(|txn| {
            let mut out = Vec::new();
            if let Ok(t) = txn.open_table(SNAPSHOT_SEQ) {
                for row in t.iter()? {
                    let (k, v) = row?;
                    out.push((k.value(), v.value()));
                }
            }
            Ok(out)
        })?;
        let blobs: Vec<(String, Vec<u8>)> = self.read(|txn| {
            let mut out = Vec::new();
            if let Ok(t) = txn.open_table(PLUGIN_BLOBS) {
                for row in t.iter()? {
                    let (k, v) = row?;
                    out.push((k.value().to_string(), v.value().to_vec()));
                }
            }
            Ok(out)
        })?;
        new.write(|txn| {
            if let Some(counter) = &counter {
                let sealed = seal(&at(META, "next_case_id"), counter)?;
                txn.open_table(META)?
                    .insert("next_case_id", sealed.as_slice())?;
            }
            let mut table = txn.open_table(SNAPSHOT_SEQ)?;
            for (k, v) in &snapshots {
                table.insert(*k, *v)?;
            }
            // Plugin code is public and checked by its SHA-256 (its key): copied as it is.
            let mut table = txn.open_table(PLUGIN_BLOBS)?;
            for (k, v) in &blobs {
                table.insert(k.as_str(), v.as_slice())?;
            }
            Ok(())
        })
    }

    /// Proves that `new` holds what this store holds: every value's payload, and every case
    /// and log read back the same.
    fn same_content(&self, new: &Store) -> Result<(), StoreError> {
        let differs = |what: &str| StoreError::Corrupt {
            path: new.path.clone(),
            detail: format!("the encrypted copy differs in its {what}"),
        };
        macro_rules! same {
            ($def:expr, $what:expr) => {
                if self.payloads($def, $what)? != new.payloads($def, $what)? {
                    return Err(differs($what));
                }
            };
        }
        same!(CASES, "case");
        same!(CASE_INDEX, "case index");
        same!(LOG, "edit log entry");
        same!(SETTINGS, "setting");
        same!(PLUGINS, "installed plugin");
        same!(TRUSTED_KEYS, "trusted key");
        same!(LOG_HEAD, "edit log head");
        same!(ACCESS_LOG, "access log entry");
        let cases = self.list_cases()?;
        if cases != new.list_cases()? {
            return Err(differs("case list"));
        }
        for c in &cases {
            let same_case = match (self.load_case(c.id), new.load_case(c.id)) {
                (Ok(a), Ok(b)) => a == b,
                (Err(_), Err(_)) => true,
                _ => false,
            };
            if !same_case || self.log(c.id).ok() != new.log(c.id).ok() {
                return Err(differs(&format!("case {}", c.id)));
            }
        }
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
        let codec = self.codec()?;
        let result = guarded(&self.path, || {
            envelope::with_codec(codec, || {
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
        let codec = self.codec()?;
        let slot = self.db.read().unwrap_or_else(PoisonError::into_inner);
        guarded(&self.path, || {
            envelope::with_codec(codec, || {
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
                let summary: CaseSummary =
                    decode("case index", &at(CASE_INDEX, key.value()), value.value())?;
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
            txn.open_table(CASE_INDEX)?.insert(
                id,
                encode(&at(CASE_INDEX, id), &CaseSummary::of(&case))?.as_slice(),
            )?;
            Ok(case)
        })
    }

    /// Takes the next case id and moves the counter on.
    fn next_case_id(&self, txn: &WriteTransaction) -> Result<u64, StoreError> {
        let mut meta = txn.open_table(META)?;
        let next =
            match meta.get("next_case_id")? {
                Some(v) => {
                    let bytes = unseal("next case id", &at(META, "next_case_id"), v.value())?;
                    u64::from_le_bytes(bytes.as_ref().try_into().map_err(|_| {
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
        let sealed = seal(&at(META, "next_case_id"), &after.to_le_bytes())?;
        meta.insert("next_case_id", sealed.as_slice())?;
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
            let place = at(CASES, id.0);
            let (mut case, sealed_snapshot) = match self.schema < SEALED_SINCE {
                true => (decode::<Case>("case", &place, value.value())?, None),
                false => {
                    let row: StoredCase = decode("case", &place, value.value())?;
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
                let entry: LogEntry =
                    decode("edit log entry", &at(LOG, key.value()), value.value())?;
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
                    Some(v) => Some(decode::<CaseSummary>(
                        "case index",
                        &at(CASE_INDEX, id),
                        v.value(),
                    )?),
                    None => None,
                },
            };
            if old.as_ref() != Some(&summary) {
                txn.open_table(CASE_INDEX)?
                    .insert(id, encode(&at(CASE_INDEX, id), &summary)?.as_slice())?;
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
                let entry: LogEntry =
                    decode("edit log entry", &at(LOG, key.value()), value.value())?;
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
                Some(v) => Ok(Some(decode("setting", &at(SETTINGS, key), v.value())?)),
                None => Ok(None),
            }
        })
    }

    pub fn set_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        self.write(|txn| {
            let bytes = encode(&at(SETTINGS, key), value)?;
            txn.open_table(SETTINGS)?.insert(key, bytes.as_slice())?;
            Ok(())
        })
    }

    /// Writes a consistent copy of the database at `source` to `out`, also while another
    /// process (the app) has it open. The copy is made from one read snapshot, written to a
    /// temporary file beside `out`, made durable, then renamed into place. An existing `out`
    /// is refused; see [`Store::backup_with`].
    ///
    /// The copy is the file's values as they are stored: encrypted, with the same key
    /// envelope, so it opens with the same passphrase (and recovery key). Every value is
    /// checked (opened with the key) while it is copied: a damaged source is refused, not
    /// copied.
    pub fn backup(source: &Path, out: &Path, secret: &Secret) -> Result<(), StoreError> {
        Self::backup_with(source, out, false, secret)
    }

    /// As [`Store::backup`]; with `replace`, an existing regular file at `out` is replaced.
    /// Never the source (also through a link), never a directory, device or FIFO.
    pub fn backup_with(
        source: &Path,
        out: &Path,
        replace: bool,
        secret: &Secret,
    ) -> Result<(), StoreError> {
        // Read-only: a source left unclean by a crash is read from a repaired private copy.
        let src = Store::open_read_only(source, secret)?;
        let version = src.schema;
        let codec = src.codec()?;
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
            // The copy's rows are written as they are; the source's codec only checks them.
            let key = src
                .key
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            let mut copy = Store::new(Db::Write(dst), &target, version, key);
            // Its handle is on the temporary file: never reopen `target` in its place.
            copy.reopenable = false;
            let checked = |what: &str, place: Place, v: &[u8]| {
                envelope::with_codec(codec.clone(), || envelope::open(&place, v).is_some())
                    .then_some(())
                    .ok_or(what.to_string())
            };
            copy.write(|txn| {
                copy_table(&snapshot, txn, META, |k, v| match k {
                    "next_case_id" => checked("next case id", at(META, k), v),
                    _ => Ok(()),
                })?;
                copy_table(&snapshot, txn, CASES, |k, v| {
                    checked("case", at(CASES, k), v)
                })?;
                copy_table(&snapshot, txn, SNAPSHOT_SEQ, |_, _| Ok(()))?;
                copy_table(&snapshot, txn, CASE_INDEX, |k, v| {
                    checked("case index", at(CASE_INDEX, k), v)
                })?;
                copy_table(&snapshot, txn, LOG, |k, v| {
                    checked("edit log entry", at(LOG, k), v)
                })?;
                copy_table(&snapshot, txn, SETTINGS, |k, v| {
                    checked("setting", at(SETTINGS, k), v)
                })?;
                copy_table(&snapshot, txn, PLUGINS, |k, v| {
                    checked("installed plugin", at(PLUGINS, k), v)
                })?;
                // A component is stored under its SHA-256, which is its check.
                copy_table(&snapshot, txn, PLUGIN_BLOBS, |k, v| {
                    match crate::plugins::package::component_hash(v) == k {
                        true => Ok(()),
                        false => Err("plugin component".to_string()),
                    }
                })?;
                copy_table(&snapshot, txn, TRUSTED_KEYS, |k, v| {
                    checked("trusted key", at(TRUSTED_KEYS, k), v)
                })?;
                copy_table(&snapshot, txn, LOG_HEAD, |k, v| {
                    checked("edit log head", at(LOG_HEAD, k), v)
                })?;
                copy_table(&snapshot, txn, ACCESS_LOG, |k, v| {
                    checked("access log entry", at(ACCESS_LOG, k), v)
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
        precheck(tmp, None).map_err(|e| match e {
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
            .map(|v| decode::<chain::Head>("edit log head", &at(LOG_HEAD, id), v.value())),
        // A file from before the chain was kept.
        Err(redb::TableError::TableDoesNotExist(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let rows: Vec<chain::Row<'_>> = rows
        .iter()
        .map(|(seq, bytes)| chain::Row { seq: *seq, bytes })
        .collect();
    // Read only when an entry fails in its own row: the cases it may have come from.
    let other_cases = || -> Vec<u64> {
        let Ok(cases) = txn.open_table(CASES) else {
            return Vec::new();
        };
        let Ok(iter) = cases.iter() else {
            return Vec::new();
        };
        iter.filter_map(|r| r.ok().map(|(k, _)| k.value()))
            .collect()
    };
    Ok(chain::check(id, &rows, head, &other_cases))
}

/// Writes `entry` into case `id`'s log, linked to the entry before it (a new entry, or the
/// newest rewritten by coalesced typing: both link to the one before), and moves the chain's
/// head to it. Every way an entry is written goes through here, so every entry is chained.
fn write_entry(txn: &WriteTransaction, id: u64, entry: &LogEntry) -> Result<(), StoreError> {
    let mut log = txn.open_table(LOG)?;
    let prev = match log.range((id, 0)..(id, entry.seq))?.next_back() {
        Some(row) => {
            let (k, v) = row?;
            chain::hash(&unseal("edit log entry", &at(LOG, k.value()), v.value())?)
        }
        None => chain::genesis(id),
    };
    let linked = LogEntry {
        case: Some(id),
        prev: Some(prev),
        ..entry.clone()
    };
    let payload = serde_json::to_vec(&linked).map_err(|e| StoreError::Encoding(e.to_string()))?;
    let sealed = seal(&at(LOG, (id, entry.seq)), &payload)?;
    log.insert((id, entry.seq), sealed.as_slice())?;
    let head = chain::Head {
        case: id,
        seq: entry.seq,
        hash: chain::hash(&payload),
    };
    txn.open_table(LOG_HEAD)?
        .insert(id, encode(&at(LOG_HEAD, id), &head)?.as_slice())?;
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

/// What is at a database path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// No file, or an empty one: [`Store::create`] makes it.
    Missing,
    /// A file from before encryption: read-only opens read it, [`Store::encrypt`] encrypts it.
    Unencrypted,
    /// Opens with its passphrase or recovery key.
    Encrypted,
}

/// One value's key bytes and its payload (opened), as [`Store::payloads`] reads them.
type Payload = (Vec<u8>, Vec<u8>);

/// How a read-only open reaches the data key.
enum Unlocking<'a> {
    Secret(&'a Secret),
    /// Known already (the check after encrypting).
    Key(Arc<DataKey>),
}

/// What [`precheck`] found.
struct Prechecked {
    version: u32,
    /// The key envelope of an encrypted file.
    envelope: Option<Vec<u8>>,
}

impl Prechecked {
    /// The data key, from `secret`.
    fn unlock(&self, path: &Path, secret: &Secret) -> Result<DataKey, StoreError> {
        let bytes = self.envelope.as_ref().ok_or_else(|| StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: "the key envelope is missing".into(),
        })?;
        KeyEnvelope::from_bytes(bytes)?.unlock(secret)
    }
}

/// The place of the value under raw key bytes `key` in the table named `table`.
fn place_of(table: &str, key: &[u8]) -> Result<Place, StoreError> {
    Ok(match table {
        "edit_log" => at(LOG, log_key(key)?),
        _ => Place::new(table, key),
    })
}

/// A log row's key, (case, entry), from its stored bytes.
fn log_key(key: &[u8]) -> Result<(u64, u64), StoreError> {
    match key.len() == 16 {
        true => Ok(<(u64, u64) as redb::Value>::from_bytes(key)),
        false => Err(StoreError::ValueDamaged {
            what: "edit log key".into(),
        }),
    }
}

/// Looks at an existing file without writing to it, and says whether it may be opened for
/// writing: it must be a redb file, carry Ansvar's mark, and have a schema this build knows.
/// With `values` (the codec, once the key is known), every table is walked and values are
/// checked too: under a CRC (schema 2) all of them; encrypted, the counter, settings, plugins
/// and trusted keys, while a case, its log, the case list, the chains' heads and the access
/// log are checked whenever they are read, and by verify.
fn precheck(path: &Path, values: Option<&Codec>) -> Result<Prechecked, StoreError> {
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
        let envelope = get(KEY_ENVELOPE)?;
        // Without the codec, only the mark, the version and the key envelope are read.
        let Some(codec) = values else {
            return Ok(Prechecked { version, envelope });
        };
        // Walk every table once: a file cut short or damaged fails here, before anything
        // is written to it. Under a CRC every value is checked (cheap); encrypted, the few
        // values outside the cases (a case's rows are checked when read, the case list when
        // listed, which a caller does next).
        let checked = version >= SEALED_SINCE;
        let all = checked && matches!(codec, Codec::Sealed);
        envelope::with_codec(codec.clone(), || {
            if checked
                && let Some(counter) = get("next_case_id")?
                && envelope::open(&at(META, "next_case_id"), &counter).is_none()
            {
                return Err(StoreError::ValueDamaged {
                    what: "next case id".into(),
                });
            }
            verify_readable(&txn, CASES, path, all.then_some("case"))?;
            verify_readable(&txn, CASE_INDEX, path, all.then_some("case index"))?;
            verify_readable(&txn, LOG, path, all.then_some("edit log entry"))?;
            verify_readable(&txn, SETTINGS, path, checked.then_some("setting"))?;
            verify_readable(&txn, PLUGINS, path, checked.then_some("installed plugin"))?;
            verify_readable(&txn, PLUGIN_BLOBS, path, None)?;
            verify_readable(&txn, TRUSTED_KEYS, path, checked.then_some("trusted key"))?;
            verify_readable(&txn, LOG_HEAD, path, all.then_some("edit log head"))?;
            verify_readable(&txn, ACCESS_LOG, path, all.then_some("access log entry"))?;
            walk(&txn, SNAPSHOT_SEQ, path)
        })?;
        Ok(Prechecked { version, envelope })
    })
}

/// Walks every row of a table; with `what`, each value must open in its place.
fn verify_readable<K: redb::Key + 'static>(
    txn: &redb::ReadTransaction,
    def: TableDefinition<K, &'static [u8]>,
    path: &Path,
    what: Option<&'static str>,
) -> Result<(), StoreError> {
    let name = redb::TableHandle::name(&def).to_string();
    let table = match txn.open_table(def) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
        Err(e) => return Err(StoreError::from_redb(path, e.into())),
    };
    let iter = table
        .iter()
        .map_err(|e| StoreError::from_redb(path, e.into()))?;
    for row in iter {
        let (k, v) = row.map_err(|e| StoreError::from_redb(path, e.into()))?;
        if let Some(what) = what {
            let key = K::as_bytes(&k.value()).as_ref().to_vec();
            if envelope::open(&place_of(&name, &key)?, v.value()).is_none() {
                return Err(StoreError::ValueDamaged { what: what.into() });
            }
        }
    }
    Ok(())
}

fn walk<K: redb::Key + 'static, V: redb::Value + 'static>(
    txn: &redb::ReadTransaction,
    def: TableDefinition<K, V>,
    path: &Path,
) -> Result<(), StoreError> {
    let table = match txn.open_table(def) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
        Err(e) => return Err(StoreError::from_redb(path, e.into())),
    };
    for row in table
        .iter()
        .map_err(|e| StoreError::from_redb(path, e.into()))?
    {
        row.map_err(|e| StoreError::from_redb(path, e.into()))?;
    }
    Ok(())
}

// The value decoders as `load_case` and `log` call them, public for the fuzz targets
// (`crate::fuzz`); thin, so they follow any change of the stored format.

/// Decodes a stored case row (schema 2 on): the case and the snapshot number sealed with it.
/// They read and write the format the current thread's codec gives (sealed under a CRC
/// outside a transaction), as case 1 and its entry 1.
pub fn decode_stored_case(bytes: &[u8]) -> Result<(Case, Option<u64>), StoreError> {
    let row: StoredCase = decode("case", &at(CASES, 1u64), bytes)?;
    Ok((row.case, row.snapshot_seq))
}

/// Encodes a case row as it is stored.
pub fn encode_stored_case(case: &Case, snapshot_seq: Option<u64>) -> Result<Vec<u8>, StoreError> {
    encode(&at(CASES, 1u64), &StoredCaseRef { snapshot_seq, case })
}

/// Decodes a stored edit log entry.
pub fn decode_log_entry(bytes: &[u8]) -> Result<LogEntry, StoreError> {
    decode("edit log entry", &at(LOG, (1u64, 1u64)), bytes)
}

/// Encodes an edit log entry as it is stored.
pub fn encode_log_entry(entry: &LogEntry) -> Result<Vec<u8>, StoreError> {
    encode(&at(LOG, (1u64, 1u64)), entry)
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
        let here = at(CASE_INDEX, 1u64);
        let stored: CaseSummary =
            decode("case index", &here, &encode(&here, &summary).unwrap()).unwrap();
        assert_eq!(stored, summary);
        // An entry written before the dues were kept.
        let old = CaseSummary {
            open_action_dues: None,
            week: None,
            ..summary
        };
        let old: CaseSummary = decode("case index", &here, &encode(&here, &old).unwrap()).unwrap();
        assert_eq!(old.overdue_actions(day(21)), None);
        // Without the week's facts the week counts the case as unknown, and lists nothing.
        assert_eq!(old.week, None);
        let week = crate::week::week(&[old], &crate::clock::Clock::at_noon(day(21)));
        assert_eq!(week.unknown, vec![case.id]);
        assert!(week.lines.is_empty());
    }
}
