//! `ansvar verify`: every case's chain and every stored value, reported where it breaks.

use std::collections::BTreeSet;

use redb::{ReadableTable, TableDefinition};

use super::chain::Finding;
use super::{
    ACCESS_LOG, CASE_INDEX, CASES, CaseSummary, LOG, LOG_HEAD, META, PLUGIN_BLOBS, PLUGINS,
    SEALED_SINCE, SETTINGS, Store, StoreError, StoredCase, TRUSTED_KEYS, case_log_findings, decode,
    envelope::at, place_of, unseal,
};
use crate::domain::{Case, CaseId};
use crate::i18n::Lang;

/// What verify found in one case.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseReport {
    pub id: CaseId,
    /// From the case list; `None` when its row is missing or damaged.
    pub name: Option<String>,
    /// Empty: intact.
    pub findings: Vec<Finding>,
    /// The first entry with a link when older entries have none (written before the chain).
    pub chain_from: Option<u64>,
}

/// What verify found in the whole file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Report {
    pub cases: Vec<CaseReport>,
    /// Other values that fail their check: (what, key).
    pub other: Vec<(String, String)>,
}

impl Report {
    pub fn intact(&self) -> bool {
        self.other.is_empty() && self.cases.iter().all(|c| c.findings.is_empty())
    }
}

impl Store {
    /// Checks every case's chain and every stored value, without stopping at the first damage.
    /// Open the file with [`Store::open_for_verify`] so a damaged value does not refuse it.
    pub fn verify(&self, lang: Lang) -> Result<Report, StoreError> {
        let plain = self.schema < SEALED_SINCE;
        let mut report = self.read(|txn| {
            let mut ids = BTreeSet::new();
            for row in txn.open_table(CASES)?.iter()? {
                ids.insert(row?.0.value());
            }
            for row in txn.open_table(CASE_INDEX)?.iter()? {
                ids.insert(row?.0.value());
            }
            for row in txn.open_table(LOG)?.iter()? {
                ids.insert(row?.0.value().0);
            }
            if let Ok(heads) = txn.open_table(LOG_HEAD) {
                for row in heads.iter()? {
                    ids.insert(row?.0.value());
                }
            }
            let cases = txn.open_table(CASES)?;
            let index = txn.open_table(CASE_INDEX)?;
            let mut report = Report::default();
            for &id in &ids {
                let mut findings = Vec::new();
                match cases.get(id)? {
                    None => findings.push(Finding::CaseMissing),
                    Some(v) => {
                        let decode_at = |at_id: u64| {
                            let place = at(CASES, at_id);
                            match plain {
                                true => decode::<Case>("case", &place, v.value()),
                                false => {
                                    decode::<StoredCase>("case", &place, v.value()).map(|r| r.case)
                                }
                            }
                        };
                        // Encrypted, a row moved from another case opens only in its old place.
                        let case = decode_at(id).or_else(|e| {
                            ids.iter()
                                .filter(|o| **o != id)
                                .find_map(|o| decode_at(*o).ok())
                                .ok_or(e)
                        });
                        match case {
                            Err(_) => findings.push(Finding::CaseFails),
                            Ok(c) if c.id.0 != id => {
                                findings.push(Finding::CaseMoved { holds: c.id.0 })
                            }
                            Ok(_) => {}
                        }
                    }
                }
                let mut name = None;
                if let Some(v) = index.get(id)? {
                    let summary =
                        decode::<CaseSummary>("case index", &at(CASE_INDEX, id), v.value())
                            .or_else(|e| {
                                ids.iter()
                                    .filter(|o| **o != id)
                                    .find_map(|o| {
                                        decode("case index", &at(CASE_INDEX, *o), v.value()).ok()
                                    })
                                    .ok_or(e)
                            });
                    match summary {
                        Err(_) => findings.push(Finding::IndexFails),
                        Ok(s) if s.id.0 != id => {
                            findings.push(Finding::IndexMoved { holds: s.id.0 })
                        }
                        Ok(s) => name = Some(s.name),
                    }
                }
                let (chain, start) = case_log_findings(txn, id)?;
                findings.extend(chain);
                report.cases.push(CaseReport {
                    id: CaseId(id),
                    name,
                    findings,
                    chain_from: start.filter(|s| *s > 1),
                });
            }
            if !plain {
                other_values(txn, &mut report.other)?;
            }
            Ok(report)
        })?;
        // A case whose values all check out must also replay to a valid state.
        for case in report.cases.iter_mut().filter(|c| c.findings.is_empty()) {
            if let Err(e) = self.load_case(case.id) {
                case.findings.push(Finding::Unreadable(e.message(lang)));
            }
        }
        Ok(report)
    }
}

/// The values outside the cases: each must pass its check.
fn other_values(
    txn: &redb::ReadTransaction,
    out: &mut Vec<(String, String)>,
) -> Result<(), StoreError> {
    fn sealed<K: redb::Key + 'static>(
        txn: &redb::ReadTransaction,
        def: TableDefinition<K, &'static [u8]>,
        what: &str,
        key: impl Fn(K::SelfType<'_>) -> String,
        out: &mut Vec<(String, String)>,
    ) -> Result<(), StoreError> {
        let name = redb::TableHandle::name(&def).to_string();
        let table = match txn.open_table(def) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        for row in table.iter()? {
            let (k, v) = row?;
            let place = place_of(&name, K::as_bytes(&k.value()).as_ref())?;
            if unseal(what, &place, v.value()).is_err() {
                out.push((what.to_string(), key(k.value())));
            }
        }
        Ok(())
    }
    sealed(txn, SETTINGS, "setting", |k| k.to_string(), out)?;
    sealed(txn, PLUGINS, "installed plugin", |k| k.to_string(), out)?;
    sealed(txn, TRUSTED_KEYS, "trusted key", |k| k.to_string(), out)?;
    sealed(txn, ACCESS_LOG, "access log entry", |k| k.to_string(), out)?;
    if let Some(v) = txn.open_table(META)?.get("next_case_id")?
        && unseal("next case id", &at(META, "next_case_id"), v.value()).is_err()
    {
        out.push(("next case id".into(), "next_case_id".into()));
    }
    if let Ok(blobs) = txn.open_table(PLUGIN_BLOBS) {
        for row in blobs.iter()? {
            let (k, v) = row?;
            if crate::plugins::package::component_hash(v.value()) != k.value() {
                out.push(("plugin component".into(), k.value().to_string()));
            }
        }
    }
    Ok(())
}
