//! The crisis plan: green, yellow and red zones side by side, contacts with phone numbers,
//! and a warning when the plan has not been reviewed for six months.

use egui::{RichText, Ui};

use super::theme::{warn_color, zone_color};
use super::widgets::{date_field, not_shared, text_field};
use super::{Command, S, View};
use crate::domain::*;

#[derive(Default)]
pub struct CrisisUi {
    pub new_name: String,
    pub new_role: String,
    pub new_phone: String,
}

fn zone_title(zone: Zone) -> S {
    match zone {
        Zone::Green => S::ZoneGreen,
        Zone::Yellow => S::ZoneYellow,
        Zone::Red => S::ZoneRed,
    }
}

/// Older than six months, or never reviewed.
pub fn needs_review(plan: &CrisisPlan, today: chrono::NaiveDate) -> bool {
    plan.reviewed_on.is_none_or(|d| {
        d.checked_add_months(chrono::Months::new(6))
            .is_none_or(|limit| limit < today)
    })
}

pub fn show(ui: &mut Ui, view: &View, state: &mut CrisisUi, out: &mut Vec<Command>) {
    ui.heading(view.t(S::TabCrisisPlan));
    if !view.shows(Section::CrisisPlan) {
        not_shared(ui, view.lang);
        return;
    }
    let plan = &view.case.crisis_plan;
    if needs_review(plan, view.today) {
        ui.label(
            RichText::new(view.t(S::CrisisNeedsReview))
                .color(warn_color())
                .strong(),
        );
    }
    ui.horizontal(|ui| {
        date_field(
            ui,
            view.lang,
            view.t(S::ReviewedOn),
            plan.reviewed_on,
            DateField::CrisisPlanReviewed,
            out,
        );
        ui.vertical(|ui| {
            text_field(
                ui,
                view.t(S::ReviewedBy),
                &plan.reviewed_by,
                TextField::CrisisReviewedBy,
                false,
                out,
            );
        });
    });
    ui.columns(3, |cols| {
        for (col, zone) in cols.iter_mut().zip(Zone::ALL) {
            egui::Frame::group(col.style())
                .stroke(egui::Stroke::new(3.0, zone_color(zone)))
                .show(col, |ui| {
                    ui.label(
                        RichText::new(view.t(zone_title(zone)))
                            .color(zone_color(zone))
                            .strong()
                            .size(super::theme::size::SUBHEADING),
                    );
                    let z = plan.zone(zone);
                    ui.push_id(("zone", zone), |ui| {
                        text_field(
                            ui,
                            view.t(S::Signs),
                            &z.signs,
                            TextField::ZoneSigns(zone),
                            true,
                            out,
                        );
                        text_field(
                            ui,
                            view.t(S::WhatIDo),
                            &z.what_i_do,
                            TextField::ZoneWhatIDo(zone),
                            true,
                            out,
                        );
                        text_field(
                            ui,
                            view.t(S::WhatOthersDo),
                            &z.what_others_do,
                            TextField::ZoneWhatOthersDo(zone),
                            true,
                            out,
                        );
                    });
                });
        }
    });
    text_field(
        ui,
        view.t(S::Triggers),
        &plan.triggers,
        TextField::CrisisTriggers,
        true,
        out,
    );
    text_field(
        ui,
        view.t(S::HowToMeetMe),
        &plan.how_i_want_to_be_met,
        TextField::CrisisHowIWantToBeMet,
        true,
        out,
    );
    text_field(
        ui,
        view.t(S::WhatDoesNotHelp),
        &plan.what_does_not_help,
        TextField::CrisisWhatDoesNotHelp,
        true,
        out,
    );
    text_field(
        ui,
        view.t(S::TreatmentWishes),
        &plan.treatment_wishes,
        TextField::CrisisTreatmentWishes,
        true,
        out,
    );
    text_field(
        ui,
        view.t(S::PracticalMatters),
        &plan.practical_matters,
        TextField::CrisisPracticalMatters,
        true,
        out,
    );

    ui.separator();
    ui.heading(view.t(S::Contacts));
    egui::Grid::new("contacts")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            ui.strong(view.t(S::Name));
            ui.strong(view.t(S::Role));
            ui.strong(view.t(S::Phone));
            ui.label("");
            ui.end_row();
            for c in &plan.contacts {
                ui.label(RichText::new(&c.name).strong());
                ui.label(&c.role);
                ui.label(
                    RichText::new(&c.phone)
                        .monospace()
                        .size(super::theme::size::EMPHASIS),
                );
                if ui
                    .small_button(view.t(S::Remove))
                    .on_hover_text(format!("{} {}", view.t(S::Remove), c.name))
                    .clicked()
                {
                    out.push(Command::edit(Edit::RemoveContact { id: c.id }));
                }
                ui.end_row();
            }
        });
    ui.horizontal(|ui| {
        for (label, buf) in [
            (S::Name, &mut state.new_name),
            (S::Role, &mut state.new_role),
            (S::Phone, &mut state.new_phone),
        ] {
            let l = ui.label(view.t(label));
            ui.add(egui::TextEdit::singleline(buf).desired_width(140.0))
                .labelled_by(l.id);
        }
        if ui.button(view.t(S::AddContact)).clicked() && !state.new_name.trim().is_empty() {
            out.push(Command::edit(Edit::InsertContact {
                index: AT_END,
                contact: Contact {
                    id: ContactId::new(),
                    name: state.new_name.trim().into(),
                    role: state.new_role.trim().into(),
                    phone: state.new_phone.trim().into(),
                    note: String::new(),
                },
            }));
            state.new_name.clear();
            state.new_role.clear();
            state.new_phone.clear();
        }
    });
}

impl super::panel::Panel for CrisisUi {
    fn title(&self) -> S {
        S::TabCrisisPlan
    }

    fn show(&mut self, ui: &mut Ui, view: &View, out: &mut Vec<Command>) {
        show(ui, view, self, out)
    }
}
