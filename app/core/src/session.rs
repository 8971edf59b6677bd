//! The one edit path. The UI, the CLI and the tests change a case only through [`Session::apply`],
//! [`Session::undo`] and [`Session::redo`]: each validates, applies in memory, logs and commits
//! durably before it returns.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::clock::Clock;
use crate::domain::{self, Author, Case, CaseId, Edit};
use crate::store::{Cause, LogEntry, Store, StoreError};

/// Typing in one field by one author within this window becomes one log entry.
pub const COALESCE_WINDOW: Duration = Duration::seconds(5);

/// An applied edit that undo can take back.
#[derive(Clone, Debug)]
struct Undoable {
    seq: u64,
    edit: Edit,
    inverse: Edit,
}

/// One open case and its undo history.
pub struct Session {
    store: Arc<Store>,
    case: Case,
    last_seq: u64,
    /// The newest log entry, kept so that typing can coalesce into it.
    last_entry: Option<LogEntry>,
    /// Log writes made through this session, coalesced typing included.
    revision: u64,
    undo: Vec<Undoable>,
    redo: Vec<Undoable>,
    clock: Clock,
}

impl Session {
    /// Opens case `id`; every log entry is stamped with `clock`'s time.
    pub fn open(store: Arc<Store>, id: CaseId, clock: Clock) -> Result<Session, StoreError> {
        let case = store.load_case(id)?;
        let last_seq = store.last_seq(id)?;
        Ok(Session {
            store,
            case,
            last_seq,
            last_entry: None,
            revision: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            clock,
        })
    }

    pub fn case(&self) -> &Case {
        &self.case
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// Changes with every log write of this session, also when typing grows the newest entry
    /// without a new sequence number: what a copy of the log is checked against.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The sequence number of the newest log entry of this case.
    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies `edit` as `author`. When this returns `Ok`, the edit is on disk.
    pub fn apply(&mut self, edit: Edit, author: &Author) -> Result<(), StoreError> {
        let seq = self.next_seq()?;
        let inverse = domain::apply_new(&mut self.case, &edit)?;
        let now = self.clock.now();
        let entry = match self.coalesce_target(&edit, author, now) {
            Some(last) => LogEntry {
                last_at: now,
                edit: edit.clone(),
                ..last.clone()
            },
            None => LogEntry {
                seq,
                at: now,
                last_at: now,
                author: author.clone(),
                edit: edit.clone(),
                inverse,
                cause: Cause::Edit,
                case: None,
                prev: None,
            },
        };
        self.persist(&entry)?;
        match self.undo.last_mut() {
            Some(top) if top.seq == entry.seq => top.edit = edit,
            _ => self.undo.push(Undoable {
                seq: entry.seq,
                edit,
                inverse: entry.inverse.clone(),
            }),
        }
        self.redo.clear();
        Ok(())
    }

    /// The sequence number of the next log entry. A log at the end of the numbers can only come
    /// from a damaged file; wrapping would overwrite the first entries.
    fn next_seq(&self) -> Result<u64, StoreError> {
        self.last_seq
            .checked_add(1)
            .ok_or_else(|| StoreError::Corrupt {
                path: self.store.path().to_path_buf(),
                detail: "the edit log's numbering is at its end".into(),
            })
    }

    /// The log entry this edit may merge into: the newest entry, a plain edit of the same text
    /// field by the same author, recent enough, and still the top of the undo stack.
    fn coalesce_target(
        &self,
        edit: &Edit,
        author: &Author,
        now: DateTime<Utc>,
    ) -> Option<&LogEntry> {
        let last = self.last_entry.as_ref()?;
        let field = edit.text_field()?;
        let same_field = last.edit.text_field() == Some(field);
        let fresh = now - last.last_at <= COALESCE_WINDOW && now >= last.last_at;
        let on_top = self.undo.last().is_some_and(|u| u.seq == last.seq) && self.redo.is_empty();
        (same_field && fresh && on_top && last.author == *author && last.cause == Cause::Edit)
            .then_some(last)
    }

    /// Takes back the newest change. Returns false when there is nothing to undo.
    pub fn undo(&mut self, author: &Author) -> Result<bool, StoreError> {
        let Some(item) = self.undo.pop() else {
            return Ok(false);
        };
        match self.apply_logged(&item.inverse, author, Cause::Undo(item.seq)) {
            Ok(()) => {
                self.redo.push(item);
                Ok(true)
            }
            Err(e) => {
                self.undo.push(item);
                Err(e)
            }
        }
    }

    /// Applies again the change last undone. Returns false when there is nothing to redo.
    pub fn redo(&mut self, author: &Author) -> Result<bool, StoreError> {
        let Some(item) = self.redo.pop() else {
            return Ok(false);
        };
        match self.apply_logged(&item.edit, author, Cause::Redo(item.seq)) {
            Ok(()) => {
                self.undo.push(item);
                Ok(true)
            }
            Err(e) => {
                self.redo.push(item);
                Err(e)
            }
        }
    }

    fn apply_logged(
        &mut self,
        edit: &Edit,
        author: &Author,
        cause: Cause,
    ) -> Result<(), StoreError> {
        let seq = self.next_seq()?;
        let inverse = domain::apply(&mut self.case, edit)?;
        let now = self.clock.now();
        let entry = LogEntry {
            seq,
            at: now,
            last_at: now,
            author: author.clone(),
            edit: edit.clone(),
            inverse,
            cause,
            case: None,
            prev: None,
        };
        self.persist(&entry)
    }

    /// Writes the entry and the new case state; on failure the in-memory case goes back to
    /// what is on disk, so the screen never shows a change that was not saved.
    fn persist(&mut self, entry: &LogEntry) -> Result<(), StoreError> {
        if let Err(e) = self.store.commit_edit(&self.case, entry) {
            let _ = domain::apply(
                &mut self.case,
                &entry_inverse_for_rollback(entry, &self.last_entry),
            );
            return Err(e);
        }
        self.last_seq = self.last_seq.max(entry.seq);
        self.last_entry = Some(entry.clone());
        self.revision += 1;
        Ok(())
    }
}

/// What takes the in-memory case back to the state on disk after a failed commit. For a
/// coalesced entry that is the previous coalesced value, not the text before typing began.
fn entry_inverse_for_rollback(entry: &LogEntry, previous: &Option<LogEntry>) -> Edit {
    match previous {
        Some(prev) if prev.seq == entry.seq => prev.edit.clone(),
        _ => entry.inverse.clone(),
    }
}
