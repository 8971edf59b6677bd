//! The coordinator's week on the start screen: what is due across every case, computed in
//! core ([`crate::week`]) from the case index. Each line opens its case at the tab where it is
//! dealt with.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::{Command, S, ViewCommand};
use crate::clock::Clock;
use crate::i18n::Lang;
use crate::store::CaseSummary;
use crate::week::{Group, Place, Week};

/// The week as last computed, for the case list's generation and the day: recomputed only
/// when either changes, so a frame over 10,000 cases draws only the rows in view.
#[derive(Default)]
pub struct WeekUi {
    cached: Option<(u64, NaiveDate, Week, Vec<Row>)>,
}

/// One row of the list: a group's heading or a line of it (its index in `Week::lines`).
#[derive(Clone, Copy)]
enum Row {
    Heading(Group),
    Line(usize),
}

/// The tab a line opens.
pub fn tab(place: Place) -> S {
    match place {
        Place::Overview => S::TabOverview,
        Place::Meeting => S::TabMeeting,
        Place::Goals => S::TabGoals,
        Place::CrisisPlan => S::TabCrisisPlan,
        Place::Actions => S::TabActions,
        Place::Participants => S::TabParticipants,
    }
}

fn rows(week: &Week) -> Vec<Row> {
    let mut rows = Vec::new();
    for group in Group::ALL {
        let mut lines = week
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.due.group() == group)
            .peekable();
        if lines.peek().is_some() {
            rows.push(Row::Heading(group));
            rows.extend(lines.map(|(i, _)| Row::Line(i)));
        }
    }
    rows
}

pub fn show(
    ui: &mut Ui,
    lang: Lang,
    clock: &Clock,
    cases: &[CaseSummary],
    generation: u64,
    state: &mut WeekUi,
    out: &mut Vec<Command>,
) {
    let today = clock.today();
    let fresh = matches!(&state.cached, Some((g, d, _, _)) if *g == generation && *d == today);
    if !fresh {
        let week = crate::week::week(cases, clock);
        let rows = rows(&week);
        state.cached = Some((generation, today, week, rows));
    }
    let Some((_, _, week, rows)) = &state.cached else {
        return;
    };
    ui.heading(S::WeekTitle.get(lang));
    if week.lines.is_empty() {
        ui.label(S::WeekNothingDue.get(lang));
    }
    if !week.unknown.is_empty() {
        ui.weak(S::WeekUnknown.fill(lang, &[&week.unknown.len().to_string()]));
    }
    let row_height = ui.spacing().interact_size.y + 2.0;
    // At most half the screen: the case list stays in view below it.
    let max = (ui.available_height() * 0.5).max(row_height * 3.0);
    egui::ScrollArea::vertical()
        .id_salt("week")
        .max_height(max)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in &rows[range] {
                // Exactly one row's height, so the rows shown are the rows in view.
                let (rect, _) = ui.allocate_exact_size(
                    egui::vec2(ui.available_width(), row_height),
                    egui::Sense::hover(),
                );
                let mut ui = ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(rect)
                        .layout(egui::Layout::left_to_right(egui::Align::Center)),
                );
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                match *row {
                    Row::Heading(group) => {
                        ui.label(RichText::new(group.title().get(lang)).strong());
                    }
                    Row::Line(i) => {
                        let Some(line) = week.lines.get(i) else {
                            continue;
                        };
                        let text = format!("{}: {}", line.name, line.due.describe(lang, clock));
                        ui.add_space(16.0);
                        if ui
                            .link(text)
                            .on_hover_text(S::WeekOpensAt.get(lang))
                            .clicked()
                        {
                            out.push(Command::View(ViewCommand::OpenCaseAt(
                                line.case,
                                tab(line.place),
                            )));
                        }
                    }
                }
            }
        });
    ui.separator();
}
