//! Overview: the person and the IP's § 19 content at a glance.

use egui::{RichText, Ui};

use super::widgets::{date_field, text_field};
use super::{Command, S, View};
use crate::domain::{
    ActionStatus, DateField, Edit, Section, TextField, is_valid_national_id, mask_national_id,
};

/// What the overview keeps between frames.
#[derive(Default)]
pub struct OverviewUi {
    /// The national ID being typed in, never shown as typed; `None` when not editing.
    national_id: Option<String>,
}

pub fn show(ui: &mut Ui, view: &View, state: &mut OverviewUi, out: &mut Vec<Command>) {
    let case = view.case;
    let lang = view.lang;
    ui.heading(view.t(S::ThePerson));
    // Top-aligned, and each field sized before it is laid out, so the row wraps a field to
    // the next line when the window is narrow instead of cutting it off at the edge.
    let row = egui::Layout::left_to_right(egui::Align::Min).with_main_wrap(true);
    ui.with_layout(row, |ui| {
        let column = egui::Layout::top_down(egui::Align::Min);
        for (label, value, field) in [
            (S::Name, &case.person.name, TextField::PersonName),
            (S::Phone, &case.person.phone, TextField::PersonPhone),
            (S::Address, &case.person.address, TextField::PersonAddress),
        ] {
            ui.allocate_ui_with_layout(egui::vec2(250.0, 0.0), column, |ui| {
                ui.set_width(250.0);
                text_field(ui, view.t(label), value, field, false, out);
            });
        }
        ui.allocate_ui_with_layout(egui::vec2(130.0, 0.0), column, |ui| {
            date_field(
                ui,
                lang,
                view.t(S::BirthDate),
                case.person.birth_date,
                DateField::PersonBirthDate,
                out,
            );
        });
        ui.allocate_ui_with_layout(egui::vec2(260.0, 0.0), column, |ui| {
            national_id(ui, view, state, out)
        });
    });

    ui.separator();
    ui.heading(view.t(S::ThePlan));
    ui.label(RichText::new(view.t(S::MainGoalHelp)).weak());
    text_field(
        ui,
        view.t(S::MainGoal),
        &case.plan.main_goal,
        TextField::PlanMainGoal,
        true,
        out,
    );
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            date_field(
                ui,
                lang,
                view.t(S::PlanStart),
                case.plan.period_start,
                DateField::PlanStart,
                out,
            )
        });
        ui.vertical(|ui| {
            date_field(
                ui,
                lang,
                view.t(S::PlanEnd),
                case.plan.period_end,
                DateField::PlanEnd,
                out,
            )
        });
        ui.vertical(|ui| {
            date_field(
                ui,
                lang,
                view.t(S::Revision),
                case.plan.revision_date,
                DateField::PlanRevision,
                out,
            )
        });
    });
    ui.horizontal(|ui| {
        let label = ui.label(view.t(S::Coordinator));
        let current = case
            .coordinator()
            .map(|p| p.name.clone())
            .unwrap_or_else(|| view.t(S::NoneChosen).into());
        egui::ComboBox::from_id_salt("coordinator")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for p in &case.participants {
                    if ui
                        .selectable_label(case.plan.coordinator == Some(p.id), &p.name)
                        .clicked()
                    {
                        out.push(Command::edit(Edit::SetCoordinator {
                            participant: Some(p.id),
                        }));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    text_field(
        ui,
        view.t(S::Resources),
        &case.plan.resources,
        TextField::PlanResources,
        true,
        out,
    );
    text_field(
        ui,
        view.t(S::Needs),
        &case.plan.needs,
        TextField::PlanNeeds,
        true,
        out,
    );
    text_field(
        ui,
        view.t(S::Implementation),
        &case.plan.implementation,
        TextField::PlanImplementation,
        true,
        out,
    );
    text_field(
        ui,
        view.t(S::Cooperation),
        &case.plan.cooperation,
        TextField::PlanCooperation,
        true,
        out,
    );

    ui.separator();
    ui.heading(view.t(S::AtAGlance));
    let open = case
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .count();
    let overdue = case
        .actions
        .iter()
        .filter(|a| a.is_overdue(view.today))
        .count();
    egui::Grid::new("glance")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.label(view.t(S::TabGoals));
            let shown = case
                .goals
                .iter()
                .filter(|g| view.shows(Section::Goals(g.domain)))
                .count();
            ui.label(format!("{shown}"));
            ui.end_row();
            ui.label(view.t(S::TabParticipants));
            ui.label(
                case.participants
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            ui.end_row();
            ui.label(view.t(S::OpenActions));
            if view.shows(Section::Actions) {
                ui.label(format!("{open} ({overdue} {})", view.t(S::Overdue)));
            } else {
                super::widgets::not_shared(ui, lang);
            }
            ui.end_row();
            ui.label(view.t(S::Consents));
            ui.label(format!(
                "{}",
                case.consents
                    .iter()
                    .filter(|c| crate::consent::in_force(c, view.today))
                    .count()
            ));
            ui.end_row();
            ui.label(view.t(S::NextMeeting));
            ui.label(
                case.next_meeting()
                    .map(|t| crate::i18n::date(view.clock.local_date(t)))
                    .unwrap_or_default(),
            );
            ui.end_row();
        });
}

/// The national ID, masked; staff may change it at the desk, never on the shared screen.
fn national_id(ui: &mut Ui, view: &View, state: &mut OverviewUi, out: &mut Vec<Command>) {
    let label = ui.label(view.t(S::NationalId));
    let Some(buffer) = &mut state.national_id else {
        ui.horizontal(|ui| {
            ui.label(mask_national_id(&view.case.person.national_id));
            if !view.presentation && ui.button(view.t(S::Change)).clicked() {
                state.national_id = Some(String::new());
            }
        });
        return;
    };
    ui.add(
        egui::TextEdit::singleline(buffer)
            .password(true)
            .hint_text(view.t(S::NationalIdHint))
            .desired_width(150.0),
    )
    .labelled_by(label.id);
    let (save, cancel) = ui
        .horizontal(|ui| {
            let save = ui.button(view.t(S::SaveNationalId)).clicked();
            (save, ui.button(view.t(S::Cancel)).clicked())
        })
        .inner;
    if save {
        let digits: String = buffer.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() || is_valid_national_id(&digits) {
            out.push(Command::edit(Edit::SetText {
                field: TextField::PersonNationalId,
                value: digits,
            }));
            state.national_id = None;
        } else {
            // What was typed stays, to be corrected.
            out.push(Command::notify(view.t(S::BadNationalId)));
        }
    } else if cancel {
        state.national_id = None;
    }
}

impl super::panel::Panel for OverviewUi {
    fn title(&self) -> S {
        S::TabOverview
    }

    fn show(&mut self, ui: &mut Ui, view: &View, out: &mut Vec<Command>) {
        show(ui, view, self, out)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn national_ids_are_masked() {
        assert_eq!(super::mask_national_id("01019012345"), "•••••••••45");
        assert_eq!(super::mask_national_id(""), "");
    }
}
