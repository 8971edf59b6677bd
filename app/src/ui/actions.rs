//! Actions (tiltak): a table filtered by responsible and status, overdue highlighted, and one
//! key (D) to mark the selected action done.

use egui::{Key, RichText, Ui};

use super::theme::warn_color;
use super::widgets::{not_shared, parse_date};
use super::{Command, S, View};
use crate::domain::*;

#[derive(Default)]
pub struct ActionsUi {
    pub responsible: Option<ParticipantId>,
    /// `None`: all statuses.
    pub status: Option<ActionStatus>,
    pub selected: Option<ActionId>,
    pub new_what: String,
    pub new_responsible: Option<ParticipantId>,
    pub new_due: String,
}

pub fn status_label(s: ActionStatus) -> S {
    match s {
        ActionStatus::Open => S::StatusOpen,
        ActionStatus::Done => S::StatusDone,
        ActionStatus::Cancelled => S::StatusCancelled,
    }
}

fn participant_name(case: &Case, id: Option<ParticipantId>) -> String {
    id.and_then(|id| case.participant(id))
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

/// A combo box choosing one participant (or none). `none` names the empty choice: "alle" for
/// a filter, "ikke valgt" for a role.
pub fn participant_picker(
    ui: &mut Ui,
    view: &View,
    salt: &str,
    label: S,
    value: &mut Option<ParticipantId>,
) {
    let none = if salt.starts_with("filter") {
        S::Everyone
    } else {
        S::NoneChosen
    };
    let l = ui.label(view.t(label));
    egui::ComboBox::from_id_salt(salt)
        .selected_text(
            value
                .map(|v| participant_name(view.case, Some(v)))
                .unwrap_or_else(|| view.t(none).into()),
        )
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, view.t(none));
            for p in &view.case.participants {
                ui.selectable_value(value, Some(p.id), &p.name);
            }
        })
        .response
        .labelled_by(l.id);
}

pub fn show(ui: &mut Ui, view: &View, state: &mut ActionsUi, out: &mut Vec<Command>) {
    ui.heading(view.t(S::TabActions));
    if !view.shows(Section::Actions) {
        not_shared(ui, view.lang);
        return;
    }
    let case = view.case;
    ui.horizontal(|ui| {
        participant_picker(
            ui,
            view,
            "filter_responsible",
            S::Responsible,
            &mut state.responsible,
        );
        let l = ui.label(view.t(S::Status));
        egui::ComboBox::from_id_salt("filter_status")
            .selected_text(
                state
                    .status
                    .map(|s| view.t(status_label(s)))
                    .unwrap_or(view.t(S::AllStatuses)),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.status, None, view.t(S::AllStatuses));
                for s in [
                    ActionStatus::Open,
                    ActionStatus::Done,
                    ActionStatus::Cancelled,
                ] {
                    ui.selectable_value(&mut state.status, Some(s), view.t(status_label(s)));
                }
            })
            .response
            .labelled_by(l.id);
    });
    ui.label(RichText::new(view.t(S::MarkDoneHint)).weak());

    let rows: Vec<&Action> = case
        .actions
        .iter()
        .filter(|a| state.responsible.is_none_or(|r| a.responsible == Some(r)))
        .filter(|a| state.status.is_none_or(|s| a.status == s))
        .collect();
    egui::Grid::new("actions")
        .num_columns(5)
        .striped(true)
        .show(ui, |ui| {
            for h in [S::What, S::Responsible, S::Due, S::Status, S::Goals] {
                ui.strong(view.t(h));
            }
            ui.end_row();
            for a in &rows {
                let overdue = a.is_overdue(view.today);
                let mut what = RichText::new(&a.what);
                if overdue {
                    what = what.color(warn_color()).strong();
                }
                if ui
                    .selectable_label(state.selected == Some(a.id), what)
                    .clicked()
                {
                    state.selected = Some(a.id);
                }
                ui.label(participant_name(case, a.responsible));
                let due = a.due.map(crate::i18n::date).unwrap_or_default();
                if overdue {
                    ui.label(
                        RichText::new(format!("{due} ({})", view.t(S::Overdue)))
                            .color(warn_color()),
                    );
                } else {
                    ui.label(due);
                }
                ui.horizontal(|ui| {
                    ui.label(view.t(status_label(a.status)));
                    let done = (a.status == ActionStatus::Open)
                        .then(|| ui.small_button(view.t(S::MarkDone)));
                    if let Some(r) = &done {
                        super::widgets::name_for_a11y(
                            r,
                            None,
                            format!("{}: {}", view.t(S::MarkDone), a.what),
                        );
                    }
                    if done.is_some_and(|r| r.clicked()) {
                        out.push(Command::Edit(Edit::SetActionStatus {
                            id: a.id,
                            status: ActionStatus::Done,
                        }));
                    }
                });
                let goals: Vec<String> = a
                    .goals
                    .iter()
                    .filter_map(|g| case.goal(*g))
                    .map(|g| g.own_words.chars().take(30).collect())
                    .collect();
                ui.label(goals.join("; "));
                ui.end_row();
            }
        });
    // D marks the selected action done, unless someone is typing.
    let typing = ui.ctx().memory(|m| m.focused().is_some());
    if !typing
        && ui.input(|i| i.key_pressed(Key::D))
        && let Some(a) = state.selected.and_then(|id| case.action(id))
        && a.status == ActionStatus::Open
    {
        out.push(Command::Edit(Edit::SetActionStatus {
            id: a.id,
            status: ActionStatus::Done,
        }));
    }

    ui.separator();
    ui.heading(view.t(S::NewAction));
    new_action_form(
        ui,
        view,
        &mut state.new_what,
        &mut state.new_responsible,
        &mut state.new_due,
        None,
        out,
    );
}

/// What, who and by when; on "add" it becomes an action (agreed in `meeting` if given).
/// Returns the new action's id when one was added.
pub fn new_action_form(
    ui: &mut Ui,
    view: &View,
    what: &mut String,
    responsible: &mut Option<ParticipantId>,
    due: &mut String,
    meeting: Option<MeetingId>,
    out: &mut Vec<Command>,
) -> Option<Action> {
    let mut added = None;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(view.t(S::What));
        ui.add(egui::TextEdit::singleline(what).desired_width(260.0))
            .labelled_by(l.id);
        participant_picker(ui, view, "new_action_who", S::Responsible, responsible);
        let l = ui.label(view.t(S::Due));
        ui.add(
            egui::TextEdit::singleline(due)
                .hint_text(view.t(S::DateHint))
                .desired_width(110.0),
        )
        .labelled_by(l.id);
        if ui.button(view.t(S::AddAction)).clicked() {
            let due_date = if due.trim().is_empty() {
                Ok(None)
            } else {
                parse_date(due).map(Some).ok_or(())
            };
            match due_date {
                _ if what.trim().is_empty() => {
                    out.push(Command::Notify(view.t(S::ActionNeedsWhat).into()))
                }
                Err(()) => out.push(Command::Notify(format!(
                    "{}: «{}»",
                    view.t(S::BadDate),
                    due.trim()
                ))),
                Ok(due_date) => {
                    let action = Action {
                        id: ActionId::new(),
                        what: what.trim().into(),
                        responsible: *responsible,
                        due: due_date,
                        agreed_in: meeting,
                        ..Action::default()
                    };
                    added = Some(action);
                    what.clear();
                    due.clear();
                }
            }
        }
    });
    if let Some(action) = &added
        && meeting.is_none()
    {
        out.push(Command::Edit(Edit::InsertAction {
            index: view.case.actions.len(),
            action: action.clone(),
        }));
    }
    added
}
