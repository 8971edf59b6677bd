//! Everything that can go wrong with the database file, each with a message for the user.

use std::path::{Path, PathBuf};

use crate::domain::{CaseId, EditError};
use crate::i18n::Lang;
use crate::text::S;

/// Display is the English message: each wording lives once, in the text catalogue.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum StoreError {
    AlreadyOpen {
        path: PathBuf,
    },
    NotAnsvar {
        path: PathBuf,
    },
    Truncated {
        path: PathBuf,
    },
    Corrupt {
        path: PathBuf,
        detail: String,
    },
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// Not closed cleanly (the app was killed or the power went) and no one is repairing it.
    /// [`Store::open`](super::Store::open) recovers such a file itself; this reaches the user
    /// only where recovery is not attempted.
    NeedsRecovery {
        path: PathBuf,
    },
    NoMigration {
        from: u32,
    },
    DiskFull {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Encoding(String),
    Decoding {
        what: String,
        detail: String,
    },
    UnknownCase(CaseId),
    /// A stored value failed its check; the store's guard names the file (as `Corrupt`).
    ValueDamaged {
        what: String,
    },
    /// A write on a database opened read-only: a bug in the caller, never the user's doing.
    ReadOnly {
        path: PathBuf,
    },
    Edit(#[from] EditError),
    /// A case's log breaks its chain, or its stored values do not fit together.
    CaseDamaged {
        path: PathBuf,
        case: CaseId,
        finding: super::Finding,
    },
    Storage(String),
    /// The file is locked ([`Store::lock`](super::Store::lock)): its data key is forgotten.
    Locked,
    /// The passphrase or recovery key does not open the file's key envelope.
    WrongSecret,
    /// A file from before encryption, opened for writing: encrypt it first.
    NotEncrypted {
        path: PathBuf,
    },
    /// The key envelope is unknown or damaged, or no random numbers could be had.
    Crypto(String),
    /// A file the store writes beside the database (a backup) was refused or failed.
    Output(#[from] crate::fsio::OutputError),
}

/// The file of an error converted by `?`; the store's guard puts the real one in (`at`).
const UNNAMED: &str = "database";

const ENOSPC: i32 = 28;
/// A file-size limit or a quota: to the user, as full as a full disk.
const EFBIG: i32 = 27;
const EDQUOT: i32 = 122;

impl StoreError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        if matches!(source.raw_os_error(), Some(ENOSPC | EFBIG | EDQUOT))
            || source.kind() == std::io::ErrorKind::StorageFull
        {
            return StoreError::DiskFull {
                path: path.to_path_buf(),
            };
        }
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn from_database(path: &Path, e: redb::DatabaseError) -> Self {
        match e {
            redb::DatabaseError::DatabaseAlreadyOpen
            | redb::DatabaseError::LockProtocolMismatch => StoreError::AlreadyOpen {
                path: path.to_path_buf(),
            },
            redb::DatabaseError::RepairAborted => StoreError::NeedsRecovery {
                path: path.to_path_buf(),
            },
            other => Self::from_redb(path, other.into()),
        }
    }

    pub(crate) fn from_redb(path: &Path, e: redb::Error) -> Self {
        match e {
            redb::Error::DatabaseAlreadyOpen | redb::Error::LockProtocolMismatch => {
                StoreError::AlreadyOpen {
                    path: path.to_path_buf(),
                }
            }
            redb::Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
                StoreError::Truncated {
                    path: path.to_path_buf(),
                }
            }
            redb::Error::Io(io) => Self::io(path, io),
            redb::Error::Corrupted(detail) => StoreError::Corrupt {
                path: path.to_path_buf(),
                detail,
            },
            redb::Error::UpgradeRequired(v) => StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: format!("unsupported storage format {v}"),
            },
            other => StoreError::Storage(other.to_string()),
        }
    }

    /// Names `path` where the error came through a `?` that did not know the file.
    pub(crate) fn at(mut self, path: &Path) -> Self {
        match &mut self {
            StoreError::AlreadyOpen { path: p }
            | StoreError::Truncated { path: p }
            | StoreError::Corrupt { path: p, .. }
            | StoreError::NeedsRecovery { path: p }
            | StoreError::DiskFull { path: p }
            | StoreError::Io { path: p, .. }
                if p.as_path() == Path::new(UNNAMED) =>
            {
                *p = path.to_path_buf();
            }
            _ => {}
        }
        self
    }

    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let p = |path: &PathBuf| path.display().to_string();
        match self {
            StoreError::AlreadyOpen { path } => S::StoreAlreadyOpen.fill(lang, &[&p(path)]),
            StoreError::NotAnsvar { path } => S::StoreNotAnsvar.fill(lang, &[&p(path)]),
            StoreError::Truncated { path } => S::StoreTruncated.fill(lang, &[&p(path)]),
            StoreError::Corrupt { path, detail } => S::StoreCorrupt.fill(lang, &[&p(path), detail]),
            StoreError::NewerSchema {
                path,
                found,
                supported,
            } => S::StoreNewerSchema.fill(
                lang,
                &[&p(path), &found.to_string(), &supported.to_string()],
            ),
            StoreError::NeedsRecovery { path } => S::StoreNeedsRecovery.fill(lang, &[&p(path)]),
            StoreError::NoMigration { from } => {
                S::StoreNoMigration.fill(lang, &[&from.to_string()])
            }
            StoreError::DiskFull { path } => S::StoreDiskFull.fill(lang, &[&p(path)]),
            StoreError::Io { path, source } => {
                S::StoreIo.fill(lang, &[&p(path), &source.to_string()])
            }
            StoreError::Encoding(d) => S::StoreEncoding.fill(lang, &[d]),
            StoreError::Decoding { what, detail } => S::StoreDecoding.fill(lang, &[what, detail]),
            StoreError::UnknownCase(id) => S::StoreUnknownCase.fill(lang, &[&id.to_string()]),
            StoreError::ValueDamaged { what } => S::StoreValueDamaged.fill(lang, &[what]),
            StoreError::ReadOnly { path } => S::StoreReadOnly.fill(lang, &[&p(path)]),
            StoreError::Edit(e) => e.message(lang),
            StoreError::CaseDamaged {
                path,
                case,
                finding,
            } => S::StoreCaseDamaged.fill(
                lang,
                &[
                    &case.to_string(),
                    &p(path),
                    &finding.message(lang),
                    &p(path),
                ],
            ),
            StoreError::Storage(d) => S::StoreStorage.fill(lang, &[d]),
            StoreError::Locked => S::StoreLocked.get(lang).to_string(),
            StoreError::WrongSecret => S::StoreWrongSecret.get(lang).to_string(),
            StoreError::NotEncrypted { path } => S::StoreNotEncrypted.fill(lang, &[&p(path)]),
            StoreError::Crypto(d) => S::StoreCrypto.fill(lang, &[d]),
            StoreError::Output(e) => e.message(lang),
        }
    }
}

macro_rules! via_redb_error {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::from_redb(Path::new(UNNAMED), e.into())
            }
        }
    )*};
}

via_redb_error!(
    redb::Error,
    redb::StorageError,
    redb::TableError,
    redb::TransactionError,
    redb::CommitError
);
