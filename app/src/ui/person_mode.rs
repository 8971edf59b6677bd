//! The person's own mode: plain language and big controls, where the person writes their goals
//! in their own words and sets their ratings. These edits are logged as the person's.

use egui::{RichText, Ui};

use super::goals::rating_buttons;
use super::widgets::text_field_as;
use super::{Command, S, View};
use crate::domain::*;
use crate::text::labels;

pub fn show(ui: &mut Ui, view: &View, out: &mut Vec<Command>) {
    ui.label(RichText::new(view.t(S::PersonModeIntro)).size(super::theme::size::INTRO));
    ui.add_space(10.0);
    for goal in &view.case.goals {
        if !view.shows(Section::Goals(goal.domain)) {
            continue;
        }
        egui::Frame::group(ui.style())
            .inner_margin(12.0)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(view.t(labels::domain(goal.domain)))
                        .size(super::theme::size::SUBHEADING)
                        .weak(),
                );
                ui.style_mut().override_text_style = Some(egui::TextStyle::Heading);
                text_field_as(
                    ui,
                    view.t(S::MyGoalInMyWords),
                    &goal.own_words,
                    TextField::GoalOwnWords(goal.id),
                    true,
                    true,
                    out,
                );
                ui.style_mut().override_text_style = None;
                ui.label(RichText::new(view.t(S::HowIsItGoing)).size(super::theme::size::ACTION));
                rating_buttons(ui, view, goal, true, out);
            });
        ui.add_space(8.0);
    }
    ui.add_space(10.0);
    if ui
        .button(RichText::new(view.t(S::AddMyGoal)).size(super::theme::size::ACTION))
        .clicked()
    {
        out.push(Command::edit_as_person(Edit::InsertGoal {
            index: AT_END,
            goal: Goal {
                id: GoalId::new(),
                own_words: String::new(),
                expressed_by_person: true,
                ..Goal::default()
            },
        }));
    }
}
