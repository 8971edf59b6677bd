//! The case list: search by name, coordinator or next meeting; open or create a case.

use egui::{RichText, Ui};

use super::{AppCommand, Command, S, ViewCommand};
use crate::clock::Clock;
use crate::i18n::Lang;
use crate::store::CaseSummary;

#[derive(Default)]
pub struct CaseListUi {
    pub search: String,
    /// The rows matching `search`, for the list they were computed from (its generation):
    /// recomputed only when either changes, so 10,000 cases cost nothing per frame.
    shown: Option<(String, u64, Vec<usize>)>,
}

fn next_meeting(c: &CaseSummary, clock: &Clock) -> String {
    c.next_meeting
        .map(|t| clock.date_time(t))
        .unwrap_or_default()
}

/// Whether a case matches every word of the search, in name, coordinator or meeting date.
pub fn matches(c: &CaseSummary, words: &[String], clock: &Clock) -> bool {
    words.iter().all(|w| {
        c.name.to_lowercase().contains(w)
            || c.coordinator.to_lowercase().contains(w)
            || next_meeting(c, clock).contains(w.as_str())
    })
}

pub fn show(
    ui: &mut Ui,
    lang: Lang,
    clock: &Clock,
    cases: &[CaseSummary],
    generation: u64,
    state: &mut CaseListUi,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading(S::Cases.get(lang));
        if ui.button(S::NewCase.get(lang)).clicked() {
            out.push(Command::App(AppCommand::NewCase));
        }
    });
    if cases.is_empty() {
        ui.add_space(12.0);
        ui.label(S::NoCasesYet.get(lang));
        if ui.button(S::AddDemoCases.get(lang)).clicked() {
            out.push(Command::App(AppCommand::WriteDemo));
        }
        return;
    }
    ui.horizontal(|ui| {
        let label = ui.label(S::Search.get(lang));
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text(S::SearchHint.get(lang))
                .desired_width(320.0),
        )
        .labelled_by(label.id);
    });
    let fresh = matches!(&state.shown, Some((s, g, _)) if *s == state.search && *g == generation);
    if !fresh {
        let words: Vec<String> = state
            .search
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let rows = (0..cases.len())
            .filter(|i| matches(&cases[*i], &words, clock))
            .collect();
        state.shown = Some((state.search.clone(), generation, rows));
    }
    let shown: Vec<&CaseSummary> = state
        .shown
        .as_ref()
        .map(|(_, _, rows)| rows.iter().filter_map(|i| cases.get(*i)).collect())
        .unwrap_or_default();
    ui.label(format!("{} {}", shown.len(), S::CasesShown.get(lang)));
    ui.separator();
    let row_height = ui.spacing().interact_size.y + 4.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, shown.len(), |ui, rows| {
            egui::Grid::new("cases")
                .num_columns(3)
                .striped(true)
                .min_col_width(180.0)
                .show(ui, |ui| {
                    for c in &shown[rows] {
                        if ui
                            .link(RichText::new(&c.name).strong())
                            .on_hover_text(S::OpenCase.get(lang))
                            .clicked()
                        {
                            out.push(Command::View(ViewCommand::OpenCase(c.id)));
                        }
                        ui.label(&c.coordinator);
                        ui.label(next_meeting(c, clock));
                        ui.end_row();
                    }
                });
        });
}
