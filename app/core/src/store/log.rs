//! The edit log: every applied edit with its author, time and inverse.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{Author, Edit};

/// Why an entry is in the log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "cause", content = "of")]
pub enum Cause {
    /// A change someone made.
    #[default]
    Edit,
    /// Undoing the entry with this sequence number.
    Undo(u64),
    /// Redoing the entry with this sequence number.
    Redo(u64),
}

/// One entry of a case's edit log. Entries are never deleted; typing in one field coalesces
/// into the entry it started, which then carries the final text and the text before typing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub seq: u64,
    /// When the change began.
    pub at: DateTime<Utc>,
    /// When it last changed (later than `at` only for coalesced typing).
    #[serde(default)]
    pub last_at: DateTime<Utc>,
    pub author: Author,
    /// What was applied.
    pub edit: Edit,
    /// What undoes it.
    pub inverse: Edit,
    #[serde(default)]
    pub cause: Cause,
    /// The case whose log holds the entry, so an entry moved to another case's row is noticed.
    /// Set by the store when it writes the entry; `None` in entries written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<u64>,
    /// The hash of the entry before it in its case (of the case id for the first entry): the
    /// chain `ansvar verify` checks. Set by the store; `None` before the chain was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
}
