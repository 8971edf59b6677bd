//! The hash chain over each case's edit log, and what breaks it.
//!
//! Every entry carries the BLAKE3 hash of the stored payload (the JSON inside the envelope) of
//! the entry before it in its case; the first entry carries a hash of its case id. The table
//! `edit_log_head` holds, per case, the newest entry's number and hash, so removing or changing
//! the newest entry breaks the chain too. Entries from a file written before the chain have no
//! link: the chain starts at the first entry that has one, and verify says so.
//!
//! The hash is not keyed: in an encrypted file no entry can be written or rewritten without
//! the data key (each value is sealed in its place), so the chain shows entries removed,
//! reordered or left out, and a changed entry fails its seal before it reaches the chain.

use serde::{Deserialize, Serialize};

use super::{LOG, LogEntry, StoreError, envelope::at, unseal};

/// The newest entry of a case's chain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Head {
    pub case: u64,
    pub seq: u64,
    pub hash: String,
}

/// What the first entry of a case links to.
pub(crate) fn genesis(case: u64) -> String {
    let mut h = blake3::Hasher::new_derive_key("ansvar 2026 edit log chain start");
    h.update(&case.to_le_bytes());
    h.finalize().to_hex().to_string()
}

/// The hash of an entry's stored payload, as the next entry carries it.
pub(crate) fn hash(payload: &[u8]) -> String {
    blake3::hash(payload).to_hex().to_string()
}

/// Where a case's stored data breaks: each names the entry (or value) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// An entry's value fails its check (a changed byte) or cannot be read.
    EntryFails(u64),
    /// The row holds an entry of another case.
    EntryMoved { row: u64, case: u64, seq: u64 },
    /// The row holds another entry of the same case.
    EntriesReordered { row: u64, holds: u64 },
    /// Entries `from..=to` are missing from the log (one entry when equal).
    EntriesRemoved { from: u64, to: u64 },
    /// Entry N was changed after the entry after it was written.
    EntryChanged(u64),
    /// Entry N has no link although the chain started before it.
    LinkRemoved(u64),
    /// Entries `from..=to` are after the newest entry the chain knows: added outside Ansvar.
    EntriesAdded { from: u64, to: u64 },
    /// The chain's head (the newest entry's hash) is missing or fails its check.
    HeadMissing,
    /// The case row fails its check or cannot be read.
    CaseFails,
    /// The case row holds another case.
    CaseMoved { holds: u64 },
    /// There is a log or an index row but no case row.
    CaseMissing,
    /// The case's row in the case list fails its check.
    IndexFails,
    /// The case list's row holds another case.
    IndexMoved { holds: u64 },
    /// The case does not replay from its stored row and log (the message says why).
    Unreadable(String),
}

struct Checked {
    seq: u64,
    /// The payload's hash, when the row reads and sits where it belongs.
    hash: Option<String>,
    link: Option<String>,
    placed: bool,
}

/// One log row as stored: its entry number (the key) and its sealed value.
pub(crate) struct Row<'a> {
    pub seq: u64,
    pub bytes: &'a [u8],
}

/// Checks one case's log rows (in key order) against the chain and its head. Returns the
/// findings, and the first entry that carries a link (`None`: the whole log predates the chain).
///
/// An encrypted entry opens only in its own row. One that does not is tried in the places it
/// may have come from (the case's other rows, the same entry number of `other_cases()`), so a
/// value moved or reordered is named as such, not only as failing.
pub(crate) fn check(
    case: u64,
    rows: &[Row<'_>],
    head: Option<Result<Head, StoreError>>,
    other_cases: &dyn Fn() -> Vec<u64>,
) -> (Vec<Finding>, Option<u64>) {
    let mut findings = Vec::new();
    let mut checked: Vec<Checked> = Vec::new();
    let mut others: Option<Vec<u64>> = None;
    for row in rows {
        let open_at = |c: u64, s: u64| unseal("edit log entry", &at(LOG, (c, s)), row.bytes).ok();
        let payload = match open_at(case, row.seq) {
            Some(p) => Some(p),
            None => {
                let others = others.get_or_insert_with(other_cases);
                rows.iter()
                    .filter(|r| r.seq != row.seq)
                    .find_map(|r| open_at(case, r.seq))
                    .or_else(|| {
                        others
                            .iter()
                            .filter(|c| **c != case)
                            .find_map(|c| open_at(*c, row.seq))
                    })
            }
        };
        let read = payload.and_then(|payload| {
            serde_json::from_slice::<LogEntry>(&payload)
                .ok()
                .map(|e| (e, hash(&payload)))
        });
        let mut c = Checked {
            seq: row.seq,
            hash: None,
            link: None,
            placed: true,
        };
        match read {
            None => findings.push(Finding::EntryFails(row.seq)),
            Some((entry, _)) if entry.case.is_some_and(|c| c != case) => {
                findings.push(Finding::EntryMoved {
                    row: row.seq,
                    case: entry.case.unwrap_or_default(),
                    seq: entry.seq,
                });
                c.placed = false;
            }
            Some((entry, _)) if entry.seq != row.seq => {
                findings.push(Finding::EntriesReordered {
                    row: row.seq,
                    holds: entry.seq,
                });
                c.placed = false;
            }
            Some((entry, h)) => {
                c.hash = Some(h);
                c.link = entry.prev;
            }
        }
        checked.push(c);
    }
    // A misplaced row after the last placed one says nothing about the numbering.
    while checked.last().is_some_and(|c| !c.placed) {
        checked.pop();
    }
    // Numbers run from 1 without a gap.
    let mut expect = 1;
    for c in &checked {
        if c.seq > expect {
            findings.push(Finding::EntriesRemoved {
                from: expect,
                to: c.seq - 1,
            });
        }
        expect = c.seq.saturating_add(1);
    }
    let start = checked.iter().find(|c| c.link.is_some()).map(|c| c.seq);
    for (i, c) in checked.iter().enumerate() {
        if start.is_none_or(|s| c.seq < s) {
            continue;
        }
        let before = i.checked_sub(1).map(|j| &checked[j]);
        let Some(link) = &c.link else {
            // A damaged or misplaced row is reported already.
            if c.hash.is_some() {
                findings.push(Finding::LinkRemoved(c.seq));
            }
            continue;
        };
        let want = match before {
            // A gap is reported as the removal, damage before as that.
            Some(b) if b.seq.saturating_add(1) == c.seq => b.hash.clone(),
            Some(_) => None,
            None if c.seq == 1 => Some(genesis(case)),
            None => None,
        };
        if let Some(want) = want
            && *link != want
        {
            findings.push(Finding::EntryChanged(before.map_or(c.seq, |b| b.seq)));
        }
    }
    if let Some(last) = checked.last()
        && start.is_some()
    {
        match &head {
            Some(Ok(head)) if head.case == case => {
                if head.seq > last.seq {
                    findings.push(Finding::EntriesRemoved {
                        from: last.seq.saturating_add(1),
                        to: head.seq,
                    });
                } else if head.seq < last.seq {
                    findings.push(Finding::EntriesAdded {
                        from: head.seq.saturating_add(1),
                        to: last.seq,
                    });
                } else if last.hash.as_ref().is_some_and(|h| *h != head.hash) {
                    findings.push(Finding::EntryChanged(last.seq));
                }
            }
            _ => findings.push(Finding::HeadMissing),
        }
    }
    // Every entry gone, the head left behind.
    if checked.is_empty()
        && let Some(Ok(head)) = &head
        && head.case == case
        && head.seq > 0
    {
        findings.push(Finding::EntriesRemoved {
            from: 1,
            to: head.seq,
        });
    }
    findings.sort_by_key(order);
    findings.dedup();
    (findings, start)
}

/// Findings in the order of the entries they name.
fn order(f: &Finding) -> u64 {
    match f {
        Finding::EntryFails(n)
        | Finding::EntryChanged(n)
        | Finding::LinkRemoved(n)
        | Finding::EntriesRemoved { from: n, .. }
        | Finding::EntriesAdded { from: n, .. }
        | Finding::EntryMoved { row: n, .. }
        | Finding::EntriesReordered { row: n, .. } => *n,
        _ => 0,
    }
}

impl Finding {
    /// What is wrong, in words, in the user's language.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::text::S;
        let n = |v: &u64| v.to_string();
        match self {
            Finding::EntryFails(s) => S::VerifyEntryFails.fill(lang, &[&n(s)]),
            Finding::EntryMoved { row, case, seq } => {
                S::VerifyEntryMoved.fill(lang, &[&n(row), &n(seq), &n(case)])
            }
            Finding::EntriesReordered { row, holds } => {
                S::VerifyEntriesReordered.fill(lang, &[&n(row), &n(holds)])
            }
            Finding::EntriesRemoved { from, to } if from == to => {
                S::VerifyEntryRemoved.fill(lang, &[&n(from)])
            }
            Finding::EntriesRemoved { from, to } => {
                S::VerifyEntriesRemoved.fill(lang, &[&n(from), &n(to)])
            }
            Finding::EntryChanged(s) => S::VerifyEntryChanged.fill(lang, &[&n(s)]),
            Finding::LinkRemoved(s) => S::VerifyLinkRemoved.fill(lang, &[&n(s)]),
            Finding::EntriesAdded { from, to } => {
                S::VerifyEntriesAdded.fill(lang, &[&n(from), &n(to)])
            }
            Finding::HeadMissing => S::VerifyHeadMissing.get(lang).to_string(),
            Finding::CaseFails => S::VerifyCaseFails.get(lang).to_string(),
            Finding::CaseMoved { holds } => S::VerifyCaseMoved.fill(lang, &[&n(holds)]),
            Finding::CaseMissing => S::VerifyCaseMissing.get(lang).to_string(),
            Finding::IndexFails => S::VerifyIndexFails.get(lang).to_string(),
            Finding::IndexMoved { holds } => S::VerifyIndexMoved.fill(lang, &[&n(holds)]),
            Finding::Unreadable(why) => S::VerifyUnreadable.fill(lang, &[why]),
        }
    }
}
