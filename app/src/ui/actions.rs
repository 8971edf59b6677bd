//! Actions (tiltak): a table filtered by responsible and status, overdue highlighted, and one
//! key (D) to mark the selected action done.

use egui::{Key, RichText, Ui};

use super::theme::warn_color;
use super::widgets::{not_shared, parse_date};
use super::{Command, S, View};
use crate::domain::*;
use crate::text::labels;

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
                    .map(|s| view.t(labels::action_status(s)))
                    .unwrap_or(view.t(S::AllStatuses)),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.status, None, view.t(S::AllStatuses));
                for s in [
                    ActionStatus::Open,
                    ActionStatus::Done,
                    ActionStatus::Cancelled,
                ] {
                    ui.selectable_value(
                        &mut state.status,
                        Some(s),
                        view.t(labels::action_status(s)),
                    );
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
    // Only the rows on screen are laid out: a plan can have hundreds of actions.
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let widths = [360.0, 160.0, 150.0, 150.0];
    ui.horizontal(|ui| {
        for (h, w) in [S::What, S::Responsible, S::Due, S::Status]
            .into_iter()
            .zip(widths)
        {
            ui.add_sized(
                [w, row_height],
                egui::Label::new(RichText::new(view.t(h)).strong()),
            );
        }
        ui.strong(view.t(S::Goals));
    });
    egui::ScrollArea::vertical()
        .id_salt("actions_rows")
        .max_height(ui.ctx().content_rect().height() * 0.6)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for a in &rows[range] {
                action_row(ui, view, a, widths, row_height, state, out);
            }
        });
    // D marks the selected action done, unless someone is typing.
    let typing = ui.ctx().memory(|m| m.focused().is_some());
    if !typing
        && ui.input(|i| i.key_pressed(Key::D))
        && let Some(a) = state.selected.and_then(|id| case.action(id))
        && a.status == ActionStatus::Open
    {
        out.push(Command::edit(Edit::SetActionStatus {
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

fn action_row(
    ui: &mut Ui,
    view: &View,
    a: &Action,
    widths: [f32; 4],
    row_height: f32,
    state: &mut ActionsUi,
    out: &mut Vec<Command>,
) {
    let case = view.case;
    let overdue = a.is_overdue(view.today);
    let cell = |ui: &mut Ui, w: f32, add: &mut dyn FnMut(&mut Ui)| {
        ui.allocate_ui_with_layout(
            egui::vec2(w, row_height),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_width(w);
                add(ui)
            },
        );
    };
    ui.horizontal(|ui| {
        cell(ui, widths[0], &mut |ui| {
            let mut what = RichText::new(&a.what);
            if overdue {
                what = what.color(warn_color()).strong();
            }
            let button = egui::Button::selectable(state.selected == Some(a.id), what).truncate();
            if ui.add(button).clicked() {
                state.selected = Some(a.id);
            }
        });
        cell(ui, widths[1], &mut |ui| {
            ui.add(egui::Label::new(participant_name(case, a.responsible)).truncate());
        });
        cell(ui, widths[2], &mut |ui| {
            let due = a.due.map(crate::i18n::date).unwrap_or_default();
            if overdue {
                ui.label(
                    RichText::new(format!("{due} ({})", view.t(S::Overdue))).color(warn_color()),
                );
            } else {
                ui.label(due);
            }
        });
        cell(ui, widths[3], &mut |ui| {
            ui.label(view.t(labels::action_status(a.status)));
            if a.status == ActionStatus::Open {
                let r = ui.small_button(view.t(S::MarkDone));
                super::widgets::name_for_a11y(
                    &r,
                    None,
                    format!("{}: {}", view.t(S::MarkDone), a.what),
                );
                if r.clicked() {
                    out.push(Command::edit(Edit::SetActionStatus {
                        id: a.id,
                        status: ActionStatus::Done,
                    }));
                }
            }
        });
        let goals: Vec<String> = a
            .goals
            .iter()
            .filter_map(|g| case.goal(*g))
            .map(|g| g.own_words.chars().take(30).collect())
            .collect();
        ui.add(egui::Label::new(goals.join("; ")).truncate());
    });
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
                    out.push(Command::notify(view.t(S::ActionNeedsWhat)))
                }
                Err(()) => out.push(Command::notify(format!(
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
        out.push(Command::edit(Edit::InsertAction {
            index: AT_END,
            action: action.clone(),
        }));
    }
    added
}

impl super::panel::Panel for ActionsUi {
    fn title(&self) -> S {
        S::TabActions
    }

    fn show(&mut self, ui: &mut Ui, view: &View, out: &mut Vec<Command>) {
        show(ui, view, self, out)
    }
}
