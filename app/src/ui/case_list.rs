//! The case list: search by name, coordinator or next meeting; sort by a column (a click on
//! its header; again for the other way round); open or create a case.

use std::cmp::Ordering;

use egui::{RichText, Ui};
use egui_material_icons::icons;

use super::{AppCommand, Command, S, ViewCommand};
use crate::clock::Clock;
use crate::i18n::Lang;
use crate::store::CaseSummary;

/// A column of the list, which it can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Coordinator,
    NextMeeting,
    OverdueActions,
}

impl Column {
    const ALL: [Column; 4] = [
        Column::Name,
        Column::Coordinator,
        Column::NextMeeting,
        Column::OverdueActions,
    ];

    fn title(self) -> S {
        match self {
            Column::Name => S::Name,
            Column::Coordinator => S::Coordinator,
            Column::NextMeeting => S::NextMeeting,
            Column::OverdueActions => S::OverdueActions,
        }
    }

    /// The column's width in a list `total` points wide: a share of it, so the header
    /// stays above its rows however they scroll, and the columns fit at any type size.
    fn width(self, ui: &Ui, total: f32) -> f32 {
        let share = match self {
            Column::Name => 0.32,
            Column::Coordinator => 0.27,
            Column::NextMeeting => 0.22,
            Column::OverdueActions => 0.19,
        };
        let gaps = ui.spacing().item_spacing.x * (Column::ALL.len() - 1) as f32;
        ((total - gaps) * share).floor()
    }
}

/// How the list is sorted: by which column, and whether the other way round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

#[derive(Default)]
pub struct CaseListUi {
    pub search: String,
    /// The order chosen by clicking a header; kept while the app runs. `None`: the store's.
    pub sort: Option<Sort>,
    /// The rows matching `search` in `sort`'s order, for the list they were computed from
    /// (its generation): recomputed only when one of these changes, so 10,000 cases cost
    /// nothing per frame.
    shown: Option<(String, Option<Sort>, u64, Vec<usize>)>,
    /// The coordinator's week above the list.
    pub week: super::week::WeekUi,
}

/// A name as Norwegian sorts it: case aside, and æ, ø, å after z in that order (Unicode
/// puts å first).
fn collation_key(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .flat_map(|c| match c {
            'æ' => ['z', '\u{1}'],
            'ø' => ['z', '\u{2}'],
            'å' => ['z', '\u{3}'],
            c => [c, '\u{0}'],
        })
        .filter(|c| *c != '\u{0}')
        .collect()
}

/// Orders two cases by `column`, ascending; what is unknown or empty sorts last.
fn compare(a: &CaseSummary, b: &CaseSummary, column: Column, today: chrono::NaiveDate) -> Ordering {
    fn last_if_none<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let text = |s: &str| (!s.trim().is_empty()).then(|| collation_key(s));
    match column {
        Column::Name => last_if_none(text(&a.name), text(&b.name)),
        Column::Coordinator => last_if_none(text(&a.coordinator), text(&b.coordinator)),
        Column::NextMeeting => last_if_none(a.next_meeting, b.next_meeting),
        Column::OverdueActions => last_if_none(a.overdue_actions(today), b.overdue_actions(today)),
    }
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
    if !cases.is_empty() {
        super::week::show(ui, lang, clock, cases, generation, &mut state.week, out);
    }
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
    let fresh = matches!(&state.shown, Some((s, o, g, _))
        if *s == state.search && *o == state.sort && *g == generation);
    if !fresh {
        let words: Vec<String> = state
            .search
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let mut rows: Vec<usize> = (0..cases.len())
            .filter(|i| matches(&cases[*i], &words, clock))
            .collect();
        if let Some(sort) = state.sort {
            let today = clock.today();
            // Stable: cases that compare equal keep the store's order, in both directions.
            rows.sort_by(|a, b| {
                let o = compare(&cases[*a], &cases[*b], sort.column, today);
                if sort.descending { o.reverse() } else { o }
            });
        }
        state.shown = Some((state.search.clone(), state.sort, generation, rows));
    }
    let shown: Vec<&CaseSummary> = state
        .shown
        .as_ref()
        .map(|(_, _, _, rows)| rows.iter().filter_map(|i| cases.get(*i)).collect())
        .unwrap_or_default();
    ui.label(format!("{} {}", shown.len(), S::CasesShown.get(lang)));
    ui.separator();
    let row_height = ui.spacing().interact_size.y + 4.0;
    header(ui, lang, row_height, &mut state.sort);
    ui.separator();
    let today = clock.today();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, shown.len(), |ui, rows| {
            for (n, c) in shown[rows.clone()].iter().enumerate() {
                let (rect, _) = ui.allocate_exact_size(
                    egui::vec2(ui.available_width(), row_height),
                    egui::Sense::hover(),
                );
                if (rows.start + n) % 2 == 1 {
                    ui.painter()
                        .rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
                }
                let mut row = ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(rect)
                        .layout(egui::Layout::left_to_right(egui::Align::Center)),
                );
                let total = rect.width();
                cell(&mut row, Column::Name, total, |ui| {
                    if ui
                        .link(RichText::new(&c.name).strong())
                        .on_hover_text(S::OpenCase.get(lang))
                        .clicked()
                    {
                        out.push(Command::View(ViewCommand::OpenCase(c.id)));
                    }
                });
                cell(&mut row, Column::Coordinator, total, |ui| {
                    ui.label(&c.coordinator);
                });
                cell(&mut row, Column::NextMeeting, total, |ui| {
                    ui.label(next_meeting(c, clock));
                });
                cell(&mut row, Column::OverdueActions, total, |ui| {
                    match c.overdue_actions(today) {
                        Some(0) => {
                            ui.label("0");
                        }
                        Some(n) => {
                            ui.colored_label(super::theme::warn_color(), n.to_string());
                        }
                        // Not known yet (an index from before the count was kept).
                        None => {
                            ui.weak("–");
                        }
                    }
                });
            }
        });
}

/// One cell: a column's width of the row, its text cut short rather than spilling over.
fn cell(ui: &mut Ui, column: Column, total: f32, add: impl FnOnce(&mut Ui)) {
    let height = ui.available_height();
    let width = column.width(ui, total);
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            add(ui);
        },
    );
}

/// The column headers: a click sorts by that column, a second click the other way round.
fn header(ui: &mut Ui, lang: Lang, height: f32, sort: &mut Option<Sort>) {
    ui.horizontal(|ui| {
        ui.set_height(height);
        let total = ui.available_width();
        for column in Column::ALL {
            cell(ui, column, total, |ui| {
                let current = sort.filter(|s| s.column == column);
                let title = RichText::new(S::get(column.title(), lang)).strong();
                let response = match current {
                    Some(s) => {
                        let arrow = if s.descending {
                            icons::ICON_ARROW_DOWNWARD
                        } else {
                            icons::ICON_ARROW_UPWARD
                        };
                        ui.add(
                            egui::Button::new((
                                title,
                                super::theme::icon(arrow, super::theme::size::ICON),
                            ))
                            .frame(false),
                        )
                    }
                    None => ui.add(egui::Button::new(title).frame(false)),
                };
                let hover = match current {
                    Some(Sort {
                        descending: false, ..
                    }) => S::SortedAscending,
                    Some(_) => S::SortedDescending,
                    None => S::SortBy,
                };
                let response = response.on_hover_text(S::get(hover, lang));
                // The accessible name is the column's name alone (not the arrow's code point).
                let name = S::get(column.title(), lang);
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, name)
                });
                if response.clicked() {
                    *sort = Some(Sort {
                        column,
                        descending: current.is_some_and(|s| !s.descending),
                    });
                }
            });
        }
    });
}
