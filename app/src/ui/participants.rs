//! Participants and consent: who takes part, their roles and organisations, and what the
//! person consents to share with whom.

use egui::{RichText, Ui};

use super::widgets::{choice, date_field, text_field};
use super::{Command, S, View};
use crate::consent::in_force;
use crate::domain::*;
use crate::text::labels;

#[derive(Default)]
pub struct ParticipantsUi {
    pub new_name: String,
    pub new_role: Role,
    pub new_organisation: String,
    pub consent_to: Option<ParticipantId>,
}

pub fn show(ui: &mut Ui, view: &View, state: &mut ParticipantsUi, out: &mut Vec<Command>) {
    let case = view.case;
    ui.heading(view.t(S::TabParticipants));
    for p in &case.participants {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            // Every card as wide as the panel, whatever its text: one column that reads evenly.
            ui.set_width(ui.available_width());
            ui.push_id(p.id, |ui| {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(&p.name)
                            .strong()
                            .size(super::theme::size::EMPHASIS),
                    );
                    let name = |r| view.t(labels::role(r)).to_string();
                    if let Some(role) = choice(ui, "role", view.t(S::Role), p.role, Role::ALL, name)
                    {
                        out.push(Command::edit(Edit::SetParticipantRole { id: p.id, role }));
                    }
                    let name = |l| view.t(labels::level(l)).to_string();
                    let level = choice(ui, "level", view.t(S::Level), p.level, Level::ALL, name);
                    if let Some(level) = level {
                        out.push(Command::edit(Edit::SetParticipantLevel { id: p.id, level }));
                    }
                });
                ui.collapsing(view.t(S::Details), |ui| {
                    for (label, value, field, multiline) in [
                        (S::Name, &p.name, TextField::ParticipantName(p.id), false),
                        (
                            S::Organisation,
                            &p.organisation,
                            TextField::ParticipantOrganisation(p.id),
                            false,
                        ),
                        (S::Phone, &p.phone, TextField::ParticipantPhone(p.id), false),
                        (
                            S::Contributes,
                            &p.contributes,
                            TextField::ParticipantContributes(p.id),
                            true,
                        ),
                    ] {
                        text_field(ui, view.t(label), value, field, multiline, out);
                    }
                    ui.horizontal(|ui| {
                        date_field(
                            ui,
                            view.lang,
                            view.t(S::ActiveFrom),
                            p.active_from,
                            DateField::ParticipantFrom(p.id),
                            out,
                        );
                        date_field(
                            ui,
                            view.lang,
                            view.t(S::ActiveTo),
                            p.active_to,
                            DateField::ParticipantTo(p.id),
                            out,
                        );
                    });
                });
                let sees = crate::consent::visible_to(case, p.id, view.today);
                let shared: Vec<String> = sees
                    .iter()
                    .map(|s| labels::section(*s, view.lang))
                    .collect();
                ui.label(format!(
                    "{}: {}",
                    view.t(S::MaySee),
                    if shared.is_empty() {
                        view.t(S::Nothing).to_string()
                    } else {
                        shared.join(", ")
                    }
                ));
            });
        });
    }
    ui.separator();
    ui.heading(view.t(S::NewParticipant));
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(view.t(S::Name));
        ui.add(egui::TextEdit::singleline(&mut state.new_name).desired_width(180.0))
            .labelled_by(l.id);
        let name = |r| view.t(labels::role(r)).to_string();
        if let Some(r) = choice(
            ui,
            "new_role",
            view.t(S::Role),
            state.new_role,
            Role::ALL,
            name,
        ) {
            state.new_role = r;
        }
        let l = ui.label(view.t(S::Organisation));
        ui.add(egui::TextEdit::singleline(&mut state.new_organisation).desired_width(180.0))
            .labelled_by(l.id);
        if ui.button(view.t(S::AddParticipant)).clicked() && !state.new_name.trim().is_empty() {
            let level = match state.new_role {
                Role::NavAdvisor => Level::Nav,
                Role::DpsTherapist => Level::SpecialistHealth,
                Role::Coordinator
                | Role::HousingOffice
                | Role::SubstanceService
                | Role::IpsJobSpecialist => Level::Municipality,
                _ => Level::Other,
            };
            out.push(Command::edit(Edit::InsertParticipant {
                index: AT_END,
                participant: Participant {
                    id: ParticipantId::new(),
                    name: state.new_name.trim().into(),
                    role: state.new_role,
                    organisation: state.new_organisation.trim().into(),
                    level,
                    active_from: Some(view.today),
                    ..Participant::default()
                },
            }));
            state.new_name.clear();
            state.new_organisation.clear();
        }
    });

    ui.separator();
    ui.heading(view.t(S::Consents));
    for c in &case.consents {
        consent_card(ui, view, c, out);
    }
    ui.horizontal(|ui| {
        super::actions::participant_picker(
            ui,
            view,
            "consent_to",
            S::ConsentTo,
            &mut state.consent_to,
        );
        if let Some(p) = state.consent_to
            && ui.button(view.t(S::AddConsent)).clicked()
        {
            out.push(Command::edit(Edit::InsertConsent {
                index: AT_END,
                consent: Consent {
                    id: ConsentId::new(),
                    recipient: ConsentRecipient::Participant(p),
                    sections: Vec::new(),
                    given: Some(view.today),
                    method: ConsentMethod::VerbalInMeeting,
                    ..Consent::default()
                },
            }));
            state.consent_to = None;
        }
    });
}

fn consent_card(ui: &mut Ui, view: &View, c: &Consent, out: &mut Vec<Command>) {
    let to = match &c.recipient {
        ConsentRecipient::Participant(p) => view
            .case
            .participant(*p)
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        ConsentRecipient::Organisation(o) => o.clone(),
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.push_id(c.id, |ui| {
            let status = if in_force(c, view.today) {
                view.t(S::InForce)
            } else {
                view.t(S::NotInForce)
            };
            ui.label(RichText::new(format!("{} {to} ({status})", view.t(S::ConsentTo))).strong());
            ui.horizontal_wrapped(|ui| {
                let mut all: Vec<Section> =
                    LifeDomain::ALL.iter().map(|d| Section::Goals(*d)).collect();
                all.extend([
                    Section::Actions,
                    Section::CrisisPlan,
                    Section::Forms,
                    Section::Minutes,
                ]);
                for s in all {
                    let mut on = c.sections.contains(&s);
                    let response = ui.checkbox(&mut on, labels::section(s, view.lang));
                    super::widgets::name_for_a11y(
                        &response,
                        Some(on),
                        format!("{to}: {}", labels::section(s, view.lang)),
                    );
                    if response.changed() {
                        let mut sections = c.sections.clone();
                        if on {
                            sections.push(s);
                        } else {
                            sections.retain(|x| *x != s);
                        }
                        out.push(Command::edit(Edit::SetConsentSections {
                            id: c.id,
                            sections,
                        }));
                    }
                }
            });
            ui.horizontal(|ui| {
                date_field(
                    ui,
                    view.lang,
                    view.t(S::Given),
                    c.given,
                    DateField::ConsentGiven(c.id),
                    out,
                );
                date_field(
                    ui,
                    view.lang,
                    view.t(S::Withdrawn),
                    c.withdrawn,
                    DateField::ConsentWithdrawn(c.id),
                    out,
                );
                let name = |m| {
                    view.t(match m {
                        ConsentMethod::VerbalInMeeting => S::Verbal,
                        ConsentMethod::Signed => S::Signed,
                    })
                    .to_string()
                };
                let methods = [ConsentMethod::VerbalInMeeting, ConsentMethod::Signed];
                if let Some(method) =
                    choice(ui, "method", view.t(S::HowGiven), c.method, methods, name)
                {
                    out.push(Command::edit(Edit::SetConsentMethod { id: c.id, method }));
                }
            });
        });
    });
}

impl super::panel::Panel for ParticipantsUi {
    fn title(&self) -> S {
        S::TabParticipants
    }

    fn show(&mut self, ui: &mut Ui, view: &View, out: &mut Vec<Command>) {
        show(ui, view, self, out)
    }
}
