//! History: the edit log in words, all of it or only what changed since the last meeting.

use egui::{RichText, Ui};

use super::{AppState, Command, S, View};
use crate::domain::CaseId;
use crate::store::{Access, AccessEntry, Cause, LogEntry};
use crate::text::describe;

#[derive(Default)]
pub struct HistoryUi {
    pub since_last_meeting: bool,
    /// The log in words (newest first), with what it was described for.
    cache: Option<(LogState, Vec<Row>)>,
}

/// What a description of the log depends on: the case, the log as the audience sees it (its
/// length, its newest entry, which typing changes in place, and who is looking) and the language.
#[derive(PartialEq)]
struct LogState {
    case: crate::domain::CaseId,
    log: (usize, Option<u64>, crate::consent::Visibility),
    lang: crate::i18n::Lang,
}

/// One log entry, ready to show.
struct Row {
    at: String,
    last_at: chrono::DateTime<chrono::Utc>,
    text: String,
}

impl HistoryUi {
    /// The view's log in words, newest first; described again only when the log has changed.
    fn rows(&mut self, view: &View) -> &[Row] {
        let Some(log) = view.log else {
            return &[];
        };
        let (len, newest, visibility) = log.version();
        let state = LogState {
            case: view.case.id,
            log: (len, newest, visibility.clone()),
            lang: view.lang,
        };
        if !matches!(&self.cache, Some((s, _)) if *s == state) {
            // Only the entries the audience may see: on the shared screen, nothing about what
            // is hidden, never contact details or free text without a section.
            let rows = log
                .entries()
                .rev()
                .map(|e| describe_entry(e, view))
                .collect();
            self.cache = Some((state, rows));
        }
        self.cache
            .as_ref()
            .map(|(_, r)| r.as_slice())
            .unwrap_or(&[])
    }
}

fn describe_entry(e: &LogEntry, view: &View) -> Row {
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
    Row {
        at: view.clock.date_time(e.last_at),
        last_at: e.last_at,
        text,
    }
}

/// Appends to the access log as the app's user, now; the History tab reads it again. An access
/// that cannot be logged is not made: the caller shows the message instead.
pub(super) fn record_access(
    state: &mut AppState,
    case: CaseId,
    access: Access,
) -> Result<(), String> {
    let entry = AccessEntry {
        n: 0,
        at: state.clock.now(),
        user: state.user.name().to_string(),
        case,
        access,
        reader: None,
    };
    state.access = None;
    state
        .store
        .record_access(&entry)
        .map_err(|e| e.message(state.lang))
}

/// Reads the open case's access log for the History tab (shown only where the view is the
/// whole case: the coordinator's desk).
pub(super) fn refresh_access(state: &mut AppState, wanted: bool) {
    let Some(id) = state.session.as_ref().map(|s| s.case().id) else {
        state.access = None;
        return;
    };
    if !wanted || matches!(&state.access, Some((c, _)) if *c == id) {
        return;
    }
    match state.store.access_log(Some(id)) {
        Ok(entries) => state.access = Some((id, entries)),
        Err(e) => {
            state.access = None;
            state.message = Some(e.message(state.lang));
        }
    }
}

/// Who opened and exported the case: at the coordinator's desk only, never on the shared
/// screen (the view has no access log there).
fn show_access(ui: &mut Ui, view: &View) {
    let Some(entries) = view.access.filter(|_| view.case.is_full()) else {
        return;
    };
    ui.separator();
    ui.heading(view.t(S::HistoryAccessLog));
    if entries.is_empty() {
        ui.label(view.t(S::HistoryAccessNone));
        return;
    }
    for e in entries.iter().rev() {
        let what = match e.access {
            Access::Opened => S::HistoryAccessOpened,
            Access::PlanPdf => S::HistoryAccessPlanPdf,
            Access::MinutesPdf => S::HistoryAccessMinutesPdf,
            Access::Fhir => S::HistoryAccessFhir,
            Access::Notice => S::HistoryAccessNotice,
        };
        let whom = match (&e.access, &e.reader) {
            (Access::Opened, _) => String::new(),
            (_, Some(r)) => format!(" {}", S::HistoryAccessFor.fill(view.lang, &[r])),
            (_, None) => format!(" {}", view.t(S::HistoryAccessWhole)),
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new(view.clock.date_time(e.at)).weak());
            ui.add(egui::Label::new(format!("{} {}{whom}", e.user, view.t(what))).truncate());
        });
    }
}

pub fn show(ui: &mut Ui, view: &View, state: &mut HistoryUi) {
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
    let rows = state.rows(view);
    let shown: Vec<&Row> = rows
        .iter()
        .filter(|r| !since || last_meeting.is_none_or(|t| r.last_at > t))
        .collect();
    if since && let Some(t) = last_meeting {
        ui.label(format!(
            "{} {} {}",
            shown.len(),
            view.t(S::ChangesSince),
            crate::i18n::date(view.clock.local_date(t))
        ));
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .max_height(ui.ctx().content_rect().height() * 0.7)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, shown.len(), |ui, range| {
            for r in &shown[range] {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&r.at).weak());
                    ui.add(egui::Label::new(&r.text).truncate());
                });
            }
        });
    show_access(ui, view);
}

impl super::panel::Panel for HistoryUi {
    fn title(&self) -> S {
        S::TabHistory
    }

    fn needs_log(&self) -> bool {
        true
    }

    fn show(&mut self, ui: &mut Ui, view: &View, _out: &mut Vec<Command>) {
        show(ui, view, self)
    }
}
