//! Goals, grouped by life domain: the person's own words first and large, status, target
//! date, the person's 1–10 ratings over time, and evaluations per meeting.

use egui::{RichText, Ui};
use egui_plot::{GridMark, Line, Plot, PlotPoints, Points};

use super::theme::{size, space};
use super::widgets::{choice, date_field, not_shared, text_field};
use super::{Command, S, View};
use crate::domain::*;
use crate::text::labels;

#[derive(Default)]
pub struct GoalsUi {
    pub new_domain: LifeDomain,
    pub new_words: String,
    pub by_person: bool,
}

/// A date on the chart's time axis, in the UI language.
fn chart_date(lang: crate::i18n::Lang, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    S::ChartDate.fill(
        lang,
        &[
            &d.day().to_string(),
            &d.month().to_string(),
            &format!("{:02}", d.year() % 100),
        ],
    )
}

/// The days since the common era's start: the chart's x value for a date.
fn day_number(d: chrono::NaiveDate) -> f64 {
    use chrono::Datelike;
    d.num_days_from_ce() as f64
}

/// A small chart of the person's ratings over time, as wide as the space it is given, with
/// the rating dates on the time axis (at most four, the first and the latest always).
pub fn rating_chart(ui: &mut Ui, lang: crate::i18n::Lang, goal: &Goal, height: f32) {
    if goal.ratings.len() < 2 {
        return;
    }
    let points: Vec<[f64; 2]> = goal
        .ratings
        .iter()
        .map(|r| [day_number(r.date), r.value as f64])
        .collect();
    let mut dates: Vec<chrono::NaiveDate> = goal.ratings.iter().map(|r| r.date).collect();
    dates.sort();
    dates.dedup();
    let (Some(first), Some(last)) = (dates.first().copied(), dates.last().copied()) else {
        return;
    };
    let span = (day_number(last) - day_number(first)).max(1.0);
    // Marks a third of the span apart at least, so their labels never overlap.
    let mut marks: Vec<chrono::NaiveDate> = Vec::new();
    for d in &dates {
        let far_enough = marks
            .last()
            .is_none_or(|m| day_number(*d) - day_number(*m) >= span / 3.0);
        let before_last = day_number(last) - day_number(*d) >= span / 3.0 || *d == last;
        if far_enough && before_last {
            marks.push(*d);
        }
    }
    let width = ui.available_width().max(160.0);
    // Plots are the dearest thing on the page: lay out their space always, draw them only
    // when they are on screen.
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let mut plot_ui = ui.new_child(egui::UiBuilder::new().max_rect(rect));
    let ui = &mut plot_ui;
    // Room either side for the first and last date's label.
    let pad = span * 0.12;
    Plot::new(("ratings", goal.id))
        .height(height)
        .width(width)
        .include_y(1.0)
        .include_y(10.0)
        .include_x(day_number(first) - pad)
        .include_x(day_number(last) + pad)
        .show_axes([true, true])
        .x_grid_spacer(move |_| {
            marks
                .iter()
                .map(|d| GridMark {
                    value: day_number(*d),
                    // The least gap between marks: wide enough for every label to be drawn
                    // (egui_plot hides labels closer than that), thin grid lines.
                    step_size: span / 3.0,
                })
                .collect()
        })
        .x_axis_formatter(move |mark, _| {
            // Marks are whole days; anything else is not a date we put there.
            let days = mark.value.round();
            if (mark.value - days).abs() > 1e-6 {
                return String::new();
            }
            chrono::NaiveDate::from_num_days_from_ce_opt(days as i32)
                .map(|d| chart_date(lang, d))
                .unwrap_or_default()
        })
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.line(Line::new("", PlotPoints::from(points.clone())));
            plot.points(Points::new("", PlotPoints::from(points)).radius(3.0));
        });
}

/// Buttons 1–10 that record a rating for today.
pub fn rating_buttons(
    ui: &mut Ui,
    view: &View,
    goal: &Goal,
    as_person: bool,
    out: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(view.t(S::RateNow));
        let current = goal.ratings.last().map(|r| r.value);
        for v in 1..=10u8 {
            let button =
                egui::Button::new(RichText::new(v.to_string()).size(if view.presentation {
                    size::RATING_PRESENTATION
                } else {
                    size::RATING
                }))
                .selected(current == Some(v));
            let response = ui
                .add(button)
                .on_hover_text(format!("{} {v}", view.t(S::Rating)));
            if response.clicked() {
                let edit = Edit::InsertRating {
                    goal: goal.id,
                    index: AT_END,
                    rating: Rating {
                        date: view.today,
                        value: v,
                    },
                };
                out.push(if as_person {
                    Command::edit_as_person(edit)
                } else {
                    Command::edit(edit)
                });
            }
        }
    });
}

pub fn show(ui: &mut Ui, view: &View, state: &mut GoalsUi, out: &mut Vec<Command>) {
    let case = view.case;
    for domain in LifeDomain::ALL {
        let goals: Vec<&Goal> = case.goals.iter().filter(|g| g.domain == domain).collect();
        if goals.is_empty() {
            continue;
        }
        ui.heading(view.t(labels::domain(domain)));
        if !view.shows(Section::Goals(domain)) {
            not_shared(ui, view.lang);
            ui.separator();
            continue;
        }
        goal_grid(ui, view, &goals, out);
        ui.separator();
    }
    new_goal(ui, view, state, out);
}

/// The goals of one domain as cards in columns that fill the panel: every card the same
/// width, the cards of a row the same height.
fn goal_grid(ui: &mut Ui, view: &View, goals: &[&Goal], out: &mut Vec<Command>) {
    let gap = ui.spacing().item_spacing.x;
    let available = ui.available_width();
    let columns = ((available + gap) / (space::CARD_MIN_WIDTH + gap))
        .floor()
        .max(1.0) as usize;
    let width = ((available - gap * (columns as f32 - 1.0)) / columns as f32).floor();
    for row in goals.chunks(columns) {
        let Some(first) = row.first() else {
            continue;
        };
        // A row off screen takes the height it had last time and is not laid out: a plan
        // with sixty goals then costs what the few on screen cost.
        let height_id = ui.make_persistent_id(("goal_row_height", first.id));
        let last: Option<f32> = ui.data(|d| d.get_temp(height_id));
        if let Some(h) = last {
            let rect = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(available, h));
            if !ui.is_rect_visible(rect) {
                ui.allocate_space(egui::vec2(available, h));
                continue;
            }
        }
        let height = ui
            .horizontal_top(|ui| {
                let mut tallest: f32 = 0.0;
                for goal in row {
                    let needs = ui
                        .allocate_ui_with_layout(
                            egui::vec2(width, 0.0),
                            egui::Layout::top_down(egui::Align::Min),
                            |ui| {
                                ui.push_id(goal.id, |ui| {
                                    goal_card(ui, view, goal, width, last, out)
                                })
                                .inner
                            },
                        )
                        .inner;
                    tallest = tallest.max(needs);
                }
                tallest
            })
            .inner;
        ui.data_mut(|d| d.insert_temp(height_id, height));
    }
}

fn goal_card(
    ui: &mut Ui,
    view: &View,
    goal: &Goal,
    width: f32,
    row_height: Option<f32>,
    out: &mut Vec<Command>,
) -> f32 {
    let frame = egui::Frame::group(ui.style());
    let margins = frame.total_margin().sum();
    frame
        .show(ui, |ui| {
            ui.set_width(width - margins.x);
            // As tall as the row's tallest card was: the row reads as one line of cards.
            if let Some(h) = row_height {
                ui.set_min_height(h - margins.y);
            }
            let top = ui.cursor().min.y;
            ui.add(
                egui::Label::new(
                    RichText::new(&goal.own_words)
                        .size(if view.presentation {
                            size::GOAL_WORDS_PRESENTATION
                        } else {
                            size::GOAL_WORDS
                        })
                        .strong(),
                )
                .wrap(),
            );
            ui.collapsing(view.t(S::EditGoal), |ui| {
                text_field(
                    ui,
                    view.t(S::OwnWords),
                    &goal.own_words,
                    TextField::GoalOwnWords(goal.id),
                    true,
                    out,
                );
                text_field(
                    ui,
                    view.t(S::ProfessionalWording),
                    &goal.professional_wording,
                    TextField::GoalProfessionalWording(goal.id),
                    true,
                    out,
                );
            });
            ui.horizontal(|ui| {
                let name = |s| view.t(labels::goal_status(s)).to_string();
                let salt = ("status", goal.id);
                if let Some(status) = choice(
                    ui,
                    salt,
                    view.t(S::Status),
                    goal.status,
                    GoalStatus::ALL,
                    name,
                ) {
                    out.push(Command::edit(Edit::SetGoalStatus {
                        id: goal.id,
                        status,
                    }));
                }
                date_field(
                    ui,
                    view.lang,
                    view.t(S::TargetDate),
                    goal.target_date,
                    DateField::GoalTarget(goal.id),
                    out,
                );
            });
            rating_buttons(ui, view, goal, false, out);
            if let Some(last) = goal.ratings.last() {
                ui.label(format!(
                    "{}: {} ({})",
                    view.t(S::LatestRating),
                    last.value,
                    crate::i18n::date(last.date)
                ));
            }
            rating_chart(ui, view.lang, goal, 90.0);
            if !goal.evaluations.is_empty() {
                ui.collapsing(
                    format!("{} ({})", view.t(S::Evaluations), goal.evaluations.len()),
                    |ui| {
                        for e in goal.evaluations.iter().rev() {
                            ui.label(RichText::new(crate::i18n::date(e.date)).strong());
                            ui.label(&e.text);
                        }
                    },
                );
            }
            // What the card's content needs, whatever height it was stretched to: the next
            // frame's row height, so a card that shrinks (a section folded) lets its row shrink.
            ui.cursor().min.y - top - ui.spacing().item_spacing.y + margins.y
        })
        .inner
}

fn new_goal(ui: &mut Ui, view: &View, state: &mut GoalsUi, out: &mut Vec<Command>) {
    ui.heading(view.t(S::NewGoal));
    ui.horizontal(|ui| {
        let name = |d| view.t(labels::domain(d)).to_string();
        let current = state.new_domain;
        let label = view.t(S::LifeDomain);
        if let Some(d) = choice(ui, "new_goal_domain", label, current, LifeDomain::ALL, name) {
            state.new_domain = d;
        }
    });
    let label = ui.label(view.t(S::NewGoalWords));
    ui.add(
        egui::TextEdit::multiline(&mut state.new_words)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.checkbox(&mut state.by_person, view.t(S::WrittenByPerson));
    if ui.button(view.t(S::AddGoal)).clicked() && !state.new_words.trim().is_empty() {
        let goal = Goal {
            id: GoalId::new(),
            domain: state.new_domain,
            own_words: state.new_words.trim().to_string(),
            expressed_by_person: state.by_person,
            ..Goal::default()
        };
        let edit = Edit::InsertGoal {
            index: AT_END,
            goal,
        };
        out.push(if state.by_person {
            Command::edit_as_person(edit)
        } else {
            Command::edit(edit)
        });
        state.new_words.clear();
    }
}

impl super::panel::Panel for GoalsUi {
    fn title(&self) -> S {
        S::TabGoals
    }

    fn show(&mut self, ui: &mut Ui, view: &View, out: &mut Vec<Command>) {
        show(ui, view, self, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_time_axis_writes_dates_in_the_ui_language() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 4).unwrap();
        assert_eq!(chart_date(Lang::Nb, d), "4.11.26");
        assert_eq!(chart_date(Lang::En, d), "4/11/26");
        assert_eq!(
            chrono::NaiveDate::from_num_days_from_ce_opt(day_number(d) as i32),
            Some(d),
            "an axis mark reads back as the date it was put at"
        );
    }
}
