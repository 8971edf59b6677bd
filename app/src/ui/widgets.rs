//! Small widgets shared by the panels: fields bound to the case through edits, dates the
//! Norwegian way, the privacy curtain, the help overlay.

use chrono::{Datelike, NaiveDate};
use egui::{RichText, TextEdit, Ui};

use super::{Command, S, ViewCommand};
use crate::domain::{DateField, Edit, TextField};
use crate::i18n::Lang;

/// Reads 24.11.2026 (also 24.11.26 and 2026-11-24). Years outside 1900–2200 are typing
/// mistakes here (and chrono's far ends are not safe to compute with), so they are refused.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%d.%m.%Y")
        .ok()
        .filter(|d| d.year() >= 1000)
        .or_else(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .or_else(|| NaiveDate::parse_from_str(t, "%d.%m.%y").ok())
        .filter(|d| (1900..=2200).contains(&d.year()))
}

pub fn fmt_date(d: Option<NaiveDate>) -> String {
    d.map(crate::i18n::date).unwrap_or_default()
}

/// A text field of the case. Each change becomes a `SetText` edit (typing coalesces in the log).
pub fn text_field(
    ui: &mut Ui,
    label: &str,
    value: &str,
    field: TextField,
    multiline: bool,
    out: &mut Vec<Command>,
) -> egui::Response {
    text_field_as(ui, label, value, field, multiline, false, out)
}

/// As [`text_field`], with the edit authored by the person when `as_person`.
pub fn text_field_as(
    ui: &mut Ui,
    label: &str,
    value: &str,
    field: TextField,
    multiline: bool,
    as_person: bool,
    out: &mut Vec<Command>,
) -> egui::Response {
    let label_response = ui.label(label);
    let mut buffer = value.to_string();
    let edit = if multiline {
        TextEdit::multiline(&mut buffer).desired_rows(2)
    } else {
        TextEdit::singleline(&mut buffer)
    };
    let response = ui
        .add(edit.desired_width(f32::INFINITY))
        .labelled_by(label_response.id);
    if response.changed() {
        let e = Edit::SetText {
            field,
            value: buffer,
        };
        out.push(if as_person {
            Command::edit_as_person(e)
        } else {
            Command::edit(e)
        });
    }
    response
}

/// A date field: typed as dd.mm.åååå, applied when the field is left or Enter is pressed.
pub fn date_field(
    ui: &mut Ui,
    lang: Lang,
    label: &str,
    value: Option<NaiveDate>,
    field: DateField,
    out: &mut Vec<Command>,
) {
    let label_response = ui.label(label);
    let id = ui.make_persistent_id(("date", format!("{field:?}")));
    let shown = fmt_date(value);
    let mut buffer: String = ui
        .data_mut(|d| d.get_temp(id))
        .unwrap_or_else(|| shown.clone());
    let response = ui
        .add(
            TextEdit::singleline(&mut buffer)
                .hint_text(S::DateHint.get(lang))
                .desired_width(110.0),
        )
        .labelled_by(label_response.id);
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, buffer.clone()));
    }
    let done = response.lost_focus();
    if done {
        ui.data_mut(|d| d.remove::<String>(id));
        if buffer.trim().is_empty() {
            if value.is_some() {
                out.push(Command::edit(Edit::SetDate { field, value: None }));
            }
        } else {
            match parse_date(&buffer) {
                Some(d) if Some(d) != value => out.push(Command::edit(Edit::SetDate {
                    field,
                    value: Some(d),
                })),
                Some(_) => {}
                None => out.push(Command::notify(format!(
                    "{}: «{}»",
                    S::BadDate.get(lang),
                    buffer.trim()
                ))),
            }
        }
    }
}

/// A labelled drop-down over `options`, showing `current`. Returns the option picked when it
/// differs from `current`: panels turn that into an edit, or keep it in their own state.
pub fn choice<T: Copy + PartialEq>(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    current: T,
    options: impl IntoIterator<Item = T>,
    name: impl Fn(T) -> String,
) -> Option<T> {
    let l = ui.label(label);
    let mut picked = None;
    egui::ComboBox::from_id_salt(salt)
        .selected_text(name(current))
        .show_ui(ui, |ui| {
            for option in options {
                if ui
                    .selectable_label(option == current, name(option))
                    .clicked()
                    && option != current
                {
                    picked = Some(option);
                }
            }
        })
        .response
        .labelled_by(l.id);
    picked
}

/// Gives a widget the accessible name `label` (what a screen reader says, and what tests find),
/// for buttons whose visible text alone is ambiguous ("Til stede" for each participant).
pub fn name_for_a11y(response: &egui::Response, selected: Option<bool>, label: String) {
    let role = if selected.is_some() {
        egui::accesskit::Role::CheckBox
    } else {
        egui::accesskit::Role::Button
    };
    response.widget_info(|| match selected {
        Some(s) => egui::WidgetInfo::selected(role, true, s, &label),
        None => egui::WidgetInfo::labeled(role, true, &label),
    });
}

/// A button with an icon beside its words. Its accessible name is the words alone, so a
/// screen reader (and a test) finds "Angre", not the icon's private code point.
pub fn icon_button(
    ui: &mut Ui,
    icon: egui_material_icons::MaterialIcon,
    text: &str,
    enabled: bool,
) -> egui::Response {
    let icon = super::theme::icon(icon, super::theme::size::ICON);
    let response = ui.add_enabled(enabled, egui::Button::new((icon, text)));
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, enabled, text));
    response
}

/// Shown instead of a section the person has not consented to show to everyone present.
pub fn not_shared(ui: &mut Ui, lang: Lang) {
    ui.label(RichText::new(S::NotShared.get(lang)).italics().weak());
}

/// The privacy curtain: the whole screen blank but for the way back.
pub fn curtain(ui: &mut Ui, lang: Lang, out: &mut Vec<Command>) {
    let rect = ui.max_rect();
    ui.painter().rect_filled(rect, 0.0, egui::Color32::BLACK);
    ui.centered_and_justified(|ui| {
        if ui
            .add(
                egui::Button::new(
                    RichText::new(S::ShowScreen.get(lang)).color(egui::Color32::GRAY),
                )
                .fill(egui::Color32::BLACK),
            )
            .clicked()
        {
            out.push(Command::View(ViewCommand::SetCurtain(false)));
        }
    });
}

/// The curtain of a locked file (the idle lock, or the curtain asked for): blank, but for the
/// passphrase that takes the key again.
pub fn locked_curtain(ui: &mut Ui, s: &mut super::AppState, out: &mut Vec<Command>) {
    let lang = s.lang;
    let rect = ui.max_rect();
    ui.painter().rect_filled(rect, 0.0, egui::Color32::BLACK);
    ui.vertical_centered(|ui| {
        ui.set_max_width(420.0);
        ui.add_space(rect.height() * 0.35);
        let l = ui.label(RichText::new(S::LockedCurtain.get(lang)).color(egui::Color32::GRAY));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut *s.curtain_passphrase)
                    .password(true)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        // Ready to type into, as a lock screen is.
        if s.curtain_passphrase.is_empty() && !field.has_focus() && s.curtain_error.is_none() {
            field.request_focus();
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let clicked = ui
            .add(
                egui::Button::new(
                    RichText::new(S::UnlockButton.get(lang)).color(egui::Color32::GRAY),
                )
                .fill(egui::Color32::BLACK),
            )
            .clicked();
        if (enter || clicked) && !s.curtain_passphrase.is_empty() {
            let typed = std::mem::take(&mut *s.curtain_passphrase);
            out.push(Command::App(super::AppCommand::Unlock(
                crate::store::Passphrase::new(typed),
            )));
        }
        if let Some(e) = &s.curtain_error {
            ui.colored_label(egui::Color32::from_rgb(230, 120, 120), e);
        }
    });
}

/// F1: every shortcut.
pub fn help(ctx: &egui::Context, lang: Lang, out: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new(S::HelpTitle.get(lang))
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for s in super::command::SHORTCUTS {
                    ui.monospace(s.label);
                    ui.label(s.help.get(lang));
                    ui.end_row();
                }
            });
        });
    if !open {
        out.push(Command::View(ViewCommand::ShowHelp(false)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_dates_parse() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24);
        assert_eq!(parse_date("24.11.2026"), d);
        assert_eq!(parse_date(" 2026-11-24 "), d);
        assert_eq!(parse_date("24.11.26"), d);
        assert_eq!(parse_date("31.02.2026"), None);
        assert_eq!(parse_date("31.12.+262142"), None);
        assert_eq!(parse_date("01.01.1850"), None);
        assert_eq!(parse_date("i morgen"), None);
    }
}
