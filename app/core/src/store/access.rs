//! The access log: who opened which case and exported what for whom, and when. Kept in the
//! database file (`access_log`), appended where the app and the command line do those things,
//! and read by the History tab at the coordinator's desk and by `ansvar audit`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use redb::ReadableTable;

use super::{ACCESS_LOG, Store, StoreError, at, decode, encode, keyed};
use crate::domain::CaseId;

/// What was done with a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Opened in the app.
    Opened,
    /// The individual plan written as a PDF.
    PlanPdf,
    /// A meeting's minutes written as a PDF.
    MinutesPdf,
    /// The case written as a FHIR bundle.
    Fhir,
    /// A meeting notice (PDF and calendar invitation, or a cancellation).
    Notice,
}

impl Access {
    /// The name scripts and the privacy officer's export use.
    pub fn code(self) -> &'static str {
        match self {
            Access::Opened => "opened",
            Access::PlanPdf => "plan_pdf",
            Access::MinutesPdf => "minutes_pdf",
            Access::Fhir => "fhir",
            Access::Notice => "notice",
        }
    }
}

/// One access.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccessEntry {
    /// Its place in the log (the row's key, kept inside so a moved value is noticed).
    #[serde(default)]
    pub n: u64,
    /// From the injected clock.
    pub at: DateTime<Utc>,
    /// The staff member: the app's user, or the command line's author.
    pub user: String,
    pub case: CaseId,
    pub access: Access,
    /// The participant a document was filtered for; `None`: the whole case.
    #[serde(default)]
    pub reader: Option<String>,
}

impl Store {
    /// Records one access per reader of `files` (a notice's PDF and invitation are one), the
    /// complete copy as the whole case, all in one transaction.
    pub fn record_documents(
        &self,
        base: &AccessEntry,
        files: &[crate::export::cycle::OutFile],
    ) -> Result<(), StoreError> {
        let mut readers: Vec<Option<String>> = Vec::new();
        for f in files {
            if !readers.contains(&f.reader) {
                readers.push(f.reader.clone());
            }
        }
        self.write(|txn| {
            let mut table = txn.open_table(ACCESS_LOG)?;
            let mut n = match table.last()? {
                Some((k, _)) => k.value(),
                None => 0,
            };
            for reader in readers {
                n = n.checked_add(1).ok_or_else(|| StoreError::Corrupt {
                    path: self.path.clone(),
                    detail: "the access log's numbering is at its end".into(),
                })?;
                let entry = AccessEntry {
                    n,
                    reader,
                    ..base.clone()
                };
                table.insert(n, encode(&at(ACCESS_LOG, n), &entry)?.as_slice())?;
            }
            Ok(())
        })
    }

    /// Appends one access to the log, durably, numbered after the newest.
    pub fn record_access(&self, entry: &AccessEntry) -> Result<(), StoreError> {
        self.write(|txn| {
            let mut table = txn.open_table(ACCESS_LOG)?;
            let last = match table.last()? {
                Some((k, _)) => k.value(),
                None => 0,
            };
            let n = last.checked_add(1).ok_or_else(|| StoreError::Corrupt {
                path: self.path.clone(),
                detail: "the access log's numbering is at its end".into(),
            })?;
            let entry = AccessEntry { n, ..entry.clone() };
            table.insert(n, encode(&at(ACCESS_LOG, n), &entry)?.as_slice())?;
            Ok(())
        })
    }

    /// The access log, oldest first: all of it, or one case's.
    pub fn access_log(&self, case: Option<CaseId>) -> Result<Vec<AccessEntry>, StoreError> {
        self.read(|txn| {
            let table = match txn.open_table(ACCESS_LOG) {
                Ok(t) => t,
                // A file from before the access log was kept.
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
                Err(e) => return Err(e.into()),
            };
            let mut out = Vec::new();
            for row in table.iter()? {
                let (k, v) = row?;
                let entry: AccessEntry =
                    decode("access log entry", &at(ACCESS_LOG, k.value()), v.value())?;
                keyed("access log entry", entry.n == k.value())?;
                if case.is_none_or(|c| c == entry.case) {
                    out.push(entry);
                }
            }
            Ok(out)
        })
    }
}
