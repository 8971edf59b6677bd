//! The top bar: its buttons in three groups by what they act on — the case (back to all
//! cases, undo, redo, export, the person's own view), the screen (presentation, the curtain)
//! and the app (plugins, language, help) — each with an icon beside its words.

use egui::RichText;
use egui_material_icons::icons;

use super::widgets::icon_button;
use super::{AppCommand, AppState, CaseCommand, Command, S, ViewCommand};
use crate::i18n::Lang;

/// A group's name, small and quiet before its buttons.
fn group(ui: &mut egui::Ui, name: &str) {
    ui.label(RichText::new(name).small().weak());
}

pub fn show(ui: &mut egui::Ui, s: &AppState, out: &mut Vec<Command>) {
    // Two rows, so nothing wraps out of sight at large type: the case, then the screen and
    // the app.
    ui.horizontal(|ui| {
        ui.heading("Ansvar");
        let Some(session) = &s.session else {
            return;
        };
        ui.separator();
        if icon_button(ui, icons::ICON_ARROW_BACK, s.t(S::AllCases), true).clicked() {
            out.push(Command::View(ViewCommand::CloseCase));
        }
        ui.strong(&session.case().person.name);
        ui.add_space(super::theme::space::GROUP);
        group(ui, s.t(S::GroupCase));
        if icon_button(ui, icons::ICON_UNDO, s.t(S::Undo), session.can_undo()).clicked() {
            out.push(Command::Case(CaseCommand::Undo));
        }
        if icon_button(ui, icons::ICON_REDO, s.t(S::Redo), session.can_redo()).clicked() {
            out.push(Command::Case(CaseCommand::Redo));
        }
        if s.export.busy() {
            ui.spinner();
            ui.label(s.t(S::Exporting));
        } else if icon_button(ui, icons::ICON_PICTURE_AS_PDF, s.t(S::ExportPlan), true).clicked() {
            out.push(Command::Case(CaseCommand::ExportPdf(None)));
        }
        let person = if s.person_mode {
            S::LeavePersonMode
        } else {
            S::PersonMode
        };
        if icon_button(ui, icons::ICON_PERSON, s.t(person), true).clicked() {
            out.push(Command::View(ViewCommand::TogglePersonMode));
        }
    });
    ui.horizontal(|ui| {
        group(ui, s.t(S::GroupView));
        let (presentation, icon) = if s.presentation {
            (S::LeavePresentation, icons::ICON_CANCEL_PRESENTATION)
        } else {
            (S::Presentation, icons::ICON_PRESENT_TO_ALL)
        };
        if icon_button(ui, icon, s.t(presentation), true).clicked() {
            out.push(Command::View(ViewCommand::TogglePresentation));
        }
        if icon_button(ui, icons::ICON_VISIBILITY_OFF, s.t(S::Curtain), true).clicked() {
            out.push(Command::View(ViewCommand::SetCurtain(true)));
        }
        ui.add_space(super::theme::space::GROUP);
        ui.separator();
        group(ui, s.t(S::GroupApp));
        if icon_button(ui, icons::ICON_EXTENSION, s.t(S::Plugins), true).clicked() {
            out.push(Command::View(ViewCommand::ShowPlugins(!s.show_plugins)));
        }
        let other = match s.lang {
            Lang::Nb => Lang::En,
            Lang::En => Lang::Nb,
        };
        if icon_button(ui, icons::ICON_TRANSLATE, s.t(S::OtherLanguage), true).clicked() {
            out.push(Command::App(AppCommand::SetLang(other)));
        }
        if icon_button(ui, icons::ICON_HELP, s.t(S::Help), true).clicked() {
            out.push(Command::View(ViewCommand::ToggleHelp));
        }
    });
}
