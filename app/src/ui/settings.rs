//! Who is using this computer and when the screen locks itself: kept in the database's
//! settings, shown on the start screen. Every edit is logged with the name given here.

use egui::Ui;

use super::widgets::choice;
use super::{AppCommand, Command, S};
use crate::domain::Author;
use crate::i18n::Lang;

/// The minutes a coordinator may choose between for the idle lock.
pub const IDLE_LOCK_CHOICES: [u64; 5] = [2, 5, 10, 15, 30];

/// The name and organisation being typed, before they are saved.
#[derive(Default)]
pub struct SettingsUi {
    name: Option<String>,
    organisation: Option<String>,
}

pub fn show(
    ui: &mut Ui,
    lang: Lang,
    user: &Author,
    idle_lock_minutes: u64,
    state: &mut SettingsUi,
    out: &mut Vec<Command>,
) {
    let (saved_name, saved_organisation) = match user {
        Author::Staff { name, organisation } => (name.as_str(), organisation.as_str()),
        Author::Person { name } => (name.as_str(), ""),
    };
    ui.collapsing(S::Settings.get(lang), |ui| {
        ui.label(S::SettingsUserHelp.get(lang));
        ui.horizontal_wrapped(|ui| {
            let name = state.name.get_or_insert_with(|| saved_name.to_string());
            let l = ui.label(S::YourName.get(lang));
            ui.add(egui::TextEdit::singleline(name).desired_width(220.0))
                .labelled_by(l.id);
            let organisation = state
                .organisation
                .get_or_insert_with(|| saved_organisation.to_string());
            let l = ui.label(S::Organisation.get(lang));
            ui.add(egui::TextEdit::singleline(organisation).desired_width(220.0))
                .labelled_by(l.id);
            let changed = name.trim() != saved_name || organisation.trim() != saved_organisation;
            let save = ui.add_enabled(
                changed && !name.trim().is_empty(),
                egui::Button::new(S::SaveUser.get(lang)),
            );
            if save.clicked() {
                out.push(Command::App(AppCommand::SetUser(Author::Staff {
                    name: name.trim().to_string(),
                    organisation: organisation.trim().to_string(),
                })));
            }
        });
        ui.horizontal(|ui| {
            let name = |m: u64| format!("{m} min");
            let label = S::IdleLockAfter.get(lang);
            if let Some(m) = choice(
                ui,
                "idle_lock",
                label,
                idle_lock_minutes,
                IDLE_LOCK_CHOICES,
                name,
            ) {
                out.push(Command::App(AppCommand::SetIdleLock(m)));
            }
        });
    });
}
