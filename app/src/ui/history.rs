//! History: the edit log in words, all of it or only what changed since the last meeting.

use std::sync::Arc;

use chrono::Local;
use egui::{RichText, Ui};

use super::{Command, S, View};
use crate::domain::describe;
use crate::store::{Cause, LogEntry, Store};

#[derive(Default)]
pub struct HistoryUi {
    pub since_last_meeting: bool,
    /// The log as last read, with the sequence number it was read at.
    cache: Option<(crate::domain::CaseId, u64, Vec<LogEntry>)>,
}

impl HistoryUi {
    fn entries(&mut self, store: &Arc<Store>, view: &View) -> Result<&[LogEntry], String> {
        let id = view.case.id;
        let last = store.last_seq(id).map_err(|e| e.message(view.lang))?;
        let fresh = matches!(&self.cache, Some((c, seq, _)) if *c == id && *seq == last);
        if !fresh {
            let log = store.log(id).map_err(|e| e.message(view.lang))?;
            self.cache = Some((id, last, log));
        }
        Ok(self
            .cache
            .as_ref()
            .map(|(_, _, l)| l.as_slice())
            .unwrap_or(&[]))
    }
}

pub fn show(
    ui: &mut Ui,
    view: &View,
    store: &Arc<Store>,
    state: &mut HistoryUi,
    out: &mut Vec<Command>,
) {
    ui.heading(view.t(S::TabHistory));
    let mut since = state.since_last_meeting;
    ui.horizontal(|ui| {
        ui.selectable_value(&mut since, false, view.t(S::AllChanges));
        ui.selectable_value(&mut since, true, view.t(S::SinceLastMeeting));
    });
    state.since_last_meeting = since;
    let last_meeting = view
        .case
        .meetings
        .iter()
        .filter(|m| m.ended)
        .map(|m| m.starts_at)
        .max();
    let entries = match state.entries(store, view) {
        Ok(e) => e,
        Err(message) => {
            out.push(Command::Notify(message));
            return;
        }
    };
    let shown: Vec<&LogEntry> = entries
        .iter()
        .rev()
        .filter(|e| !since || last_meeting.is_none_or(|t| e.last_at > t))
        .collect();
    if since && let Some(t) = last_meeting {
        ui.label(format!(
            "{} {} {}",
            shown.len(),
            view.t(S::ChangesSince),
            crate::i18n::date(t.with_timezone(&Local).date_naive())
        ));
    }
    egui::Grid::new("history")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for e in shown.iter().take(500) {
                let at = e.last_at.with_timezone(&Local);
                ui.label(
                    RichText::new(format!(
                        "{} {}",
                        crate::i18n::date(at.date_naive()),
                        at.format("%H:%M")
                    ))
                    .weak(),
                );
                let mut text = format!(
                    "{} {}",
                    describe::author(&e.author, view.lang),
                    describe::edit(&e.edit, &e.inverse, view.case, view.lang)
                );
                match e.cause {
                    Cause::Undo(_) => text = format!("{} ({})", text, view.t(S::Undone)),
                    Cause::Redo(_) => text = format!("{} ({})", text, view.t(S::Redone)),
                    Cause::Edit => {}
                }
                ui.label(text);
                ui.end_row();
            }
        });
}
