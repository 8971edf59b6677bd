//! Goals, grouped by life domain: the person's own words first and large, status, target
//! date, the person's 1–10 ratings over time, and evaluations per meeting.

use egui::{RichText, Ui};
use egui_plot::{Line, Plot, PlotPoints, Points};

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

/// A small chart of the person's ratings over time.
pub fn rating_chart(ui: &mut Ui, goal: &Goal, height: f32) {
    if goal.ratings.len() < 2 {
        return;
    }
    let points: Vec<[f64; 2]> = goal
        .ratings
        .iter()
        .enumerate()
        .map(|(i, r)| [i as f64, r.value as f64])
        .collect();
    // Plots are the dearest thing on the page: lay out their space always, draw them only
    // when they are on screen.
    let (rect, _) = ui.allocate_exact_size(egui::vec2(260.0, height), egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let mut plot_ui = ui.new_child(egui::UiBuilder::new().max_rect(rect));
    let ui = &mut plot_ui;
    Plot::new(("ratings", goal.id))
        .height(height)
        .width(260.0)
        .include_y(1.0)
        .include_y(10.0)
        .show_axes([false, true])
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
                    22.0
                } else {
                    16.0
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
        for goal in goals {
            // A card off screen takes the height it had last time and is not laid out: a plan
            // with sixty goals then costs what the few on screen cost.
            let height_id = ui.make_persistent_id(("goal_card_height", goal.id));
            let last: Option<f32> = ui.data(|d| d.get_temp(height_id));
            if let Some(h) = last {
                let rect =
                    egui::Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), h));
                if !ui.is_rect_visible(rect) {
                    let spacing = ui.spacing().item_spacing.y;
                    ui.allocate_space(egui::vec2(ui.available_width(), (h - spacing).max(0.0)));
                    continue;
                }
            }
            let top = ui.cursor().min.y;
            ui.push_id(goal.id, |ui| goal_card(ui, view, goal, out));
            let h = ui.cursor().min.y - top;
            ui.data_mut(|d| d.insert_temp(height_id, h));
        }
        ui.separator();
    }
    new_goal(ui, view, state, out);
}

fn goal_card(ui: &mut Ui, view: &View, goal: &Goal, out: &mut Vec<Command>) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(
            RichText::new(&goal.own_words)
                .size(if view.presentation { 28.0 } else { 20.0 })
                .strong(),
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
        ui.horizontal(|ui| {
            if let Some(last) = goal.ratings.last() {
                ui.label(format!(
                    "{}: {} ({})",
                    view.t(S::LatestRating),
                    last.value,
                    crate::i18n::date(last.date)
                ));
            }
            rating_chart(ui, goal, 80.0);
        });
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
    });
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
