//! Everything that can go wrong with the database file, each with a message for the user.

use std::path::{Path, PathBuf};

use crate::domain::{CaseId, EditError};
use crate::i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is already open in another Ansvar window or process")]
    AlreadyOpen { path: PathBuf },
    #[error("{path} is not an Ansvar database")]
    NotAnsvar { path: PathBuf },
    #[error("{path} is incomplete: the file has been cut short")]
    Truncated { path: PathBuf },
    #[error("{path} is damaged: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path} was written by a newer Ansvar (schema {found}; this version reads up to {supported})"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// Not closed cleanly (the app was killed or the power went) and no one is repairing it.
    /// [`Store::open`](super::Store::open) recovers such a file itself; this reaches the user
    /// only where recovery is not attempted.
    #[error("{path} was not closed cleanly and needs recovery")]
    NeedsRecovery { path: PathBuf },
    #[error("no migration from schema {from}")]
    NoMigration { from: u32 },
    #[error("the disk is full: {path} could not be written")]
    DiskFull { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not encode a value: {0}")]
    Encoding(String),
    #[error("a stored {what} could not be read: {detail}")]
    Decoding { what: String, detail: String },
    #[error("there is no case {0}")]
    UnknownCase(CaseId),
    #[error("{0}")]
    Edit(#[from] EditError),
    #[error("storage error: {0}")]
    Storage(String),
}

const ENOSPC: i32 = 28;

impl StoreError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        if source.raw_os_error() == Some(ENOSPC) || source.kind() == std::io::ErrorKind::StorageFull
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

    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let p = |path: &PathBuf| path.display().to_string();
        match self {
            StoreError::AlreadyOpen { path } => format!(
                "{} er allerede åpen i et annet Ansvar-vindu eller program. Lukk det først.",
                p(path)
            ),
            StoreError::NotAnsvar { path } => {
                format!(
                    "{} er ikke en Ansvar-database. Filen er ikke endret.",
                    p(path)
                )
            }
            StoreError::Truncated { path } => format!(
                "{} er ufullstendig (filen er kuttet av). Filen er ikke endret; bruk en sikkerhetskopi.",
                p(path)
            ),
            StoreError::Corrupt { path, detail } => format!(
                "{} er skadet ({detail}). Filen er ikke endret; bruk en sikkerhetskopi.",
                p(path)
            ),
            StoreError::NewerSchema {
                path,
                found,
                supported,
            } => format!(
                "{} er laget av en nyere versjon av Ansvar (skjema {found}; denne versjonen leser til og med {supported}). Oppdater Ansvar. Filen er ikke endret.",
                p(path)
            ),
            StoreError::NeedsRecovery { path } => format!(
                "{} ble ikke lukket ordentlig og må gjenopprettes. Åpne den i Ansvar, som gjør det selv.",
                p(path)
            ),
            StoreError::NoMigration { from } => {
                format!("Ansvar kan ikke oppgradere databasen fra skjema {from}.")
            }
            StoreError::DiskFull { path } => format!(
                "Disken er full: {} kunne ikke skrives. Siste endring er ikke lagret; frigjør plass og prøv igjen.",
                p(path)
            ),
            StoreError::Io { path, source } => format!("{}: {source}", p(path)),
            StoreError::Encoding(d) => format!("En verdi kunne ikke lagres: {d}"),
            StoreError::Decoding { what, detail } => {
                format!("Lagrede data ({what}) kunne ikke leses: {detail}")
            }
            StoreError::UnknownCase(id) => format!("Det finnes ingen sak {id}"),
            StoreError::Edit(e) => e.message(lang),
            StoreError::Storage(d) => format!("Lagringsfeil: {d}"),
        }
    }
}

macro_rules! via_redb_error {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::from_redb(Path::new("database"), e.into())
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
