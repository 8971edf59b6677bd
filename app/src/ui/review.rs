//! The meeting's review: a walk through every open goal and every open action the screen may
//! show. Each ends the meeting gone through (a rating, a status change, a new due date, done, or
//! marked so), put off to the next meeting with a reason, or untouched. Every change here is one
//! edit together with its review mark (a batch: one undo).

use std::collections::HashMap;

use egui::{RichText, Ui};

use super::goals::rating_buttons;
use super::theme::size;
use super::widgets::{choice, parse_date};
use super::{CaseCommand, Command, S, View};
use crate::domain::*;
use crate::text::labels;

#[derive(Default)]
pub struct ReviewUi {
    /// The goal or action in focus; the first untouched one when none is chosen.
    at: Option<Subject>,
    /// What is typed as the reason for putting a subject off, and as an action's new due date.
    reasons: HashMap<Subject, String>,
    due: HashMap<Subject, String>,
    /// An evaluation of a goal being written.
    evaluations: HashMap<Subject, String>,
}

/// The open goals and actions the view shows that the meeting has not yet reviewed or put off.
pub fn untouched(view: &View, m: &Meeting) -> Vec<Subject> {
    view.case
        .open_subjects()
        .into_iter()
        .filter(|s| {
            !matches!(
                m.outcome(*s),
                Some(Outcome::Reviewed | Outcome::Deferred { .. })
            )
        })
        .collect()
}

/// A subject by its words, for lists.
pub fn name(view: &View, s: Subject) -> String {
    match s {
        Subject::Goal(g) => view
            .case
            .goal(g)
            .map(|g| format!("«{}»", g.own_words))
            .unwrap_or_default(),
        Subject::Action(a) => view
            .case
            .action(a)
            .map(|a| format!("«{}»", a.what))
            .unwrap_or_default(),
    }
}

/// The edit `e` together with the mark that the meeting went through `subject`.
fn reviewed(m: &Meeting, subject: Subject, edits: Vec<Edit>) -> Command {
    let mut edits = edits;
    edits.push(Edit::SetReview {
        meeting: m.id,
        subject,
        outcome: Some(Outcome::Reviewed),
    });
    Command::edit(Edit::Batch { edits })
}

/// The walk-through: the goal or action in focus with everything that reviews it, the way on
/// to the next, and every open goal and action in a list that says how each stands (drawn a
/// screenful at a time: a plan may have hundreds of open actions).
pub fn show(ui: &mut Ui, view: &View, m: &Meeting, state: &mut ReviewUi, out: &mut Vec<Command>) {
    let subjects = view.case.open_subjects();
    let left = untouched(view, m);
    let done = subjects.len() - left.len();
    egui::CollapsingHeader::new(
        S::ReviewHeading.fill(view.lang, &[&done.to_string(), &subjects.len().to_string()]),
    )
    .id_salt("review")
    .default_open(true)
    .show(ui, |ui| {
        // The focus stays where the user put it; a subject gone (done, removed) gives way to
        // the first one still untouched.
        let at = state
            .at
            .filter(|s| subjects.contains(s))
            .or_else(|| left.first().copied())
            .or_else(|| subjects.first().copied());
        let Some(at) = at else {
            return;
        };
        state.at = Some(at);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.push_id(at, |ui| row(ui, view, m, at, state, out));
        });
        let position = subjects.iter().position(|s| *s == at).unwrap_or(0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(position > 0, egui::Button::new(view.t(S::ReviewPrevious)))
                .clicked()
            {
                state.at = subjects.get(position.saturating_sub(1)).copied();
            }
            if ui
                .add_enabled(
                    position + 1 < subjects.len(),
                    egui::Button::new(view.t(S::ReviewNext)),
                )
                .clicked()
            {
                state.at = subjects.get(position + 1).copied();
            }
            let next_left = left.iter().find(|s| **s != at).copied();
            if ui
                .add_enabled(
                    next_left.is_some(),
                    egui::Button::new(view.t(S::ReviewNextUntouched)),
                )
                .clicked()
            {
                state.at = next_left;
            }
        });
        let height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
        egui::ScrollArea::vertical()
            .id_salt("review_list")
            .max_height(height * 8.0)
            .auto_shrink([false, true])
            .show_rows(ui, height, subjects.len(), |ui, range| {
                for s in &subjects[range] {
                    let line = format!("{} – {}", name(view, *s), outcome_text(view, m, *s));
                    if ui.selectable_label(*s == at, line).clicked() {
                        state.at = Some(*s);
                    }
                }
            });
    });
}

/// How `s` stands at the meeting, in words.
fn outcome_text(view: &View, m: &Meeting, s: Subject) -> String {
    match m.outcome(s) {
        Some(Outcome::Reviewed) => view.t(S::ReviewReviewed).to_string(),
        Some(Outcome::Deferred { reason }) => S::ReviewDeferred.fill(view.lang, &[reason]),
        Some(Outcome::Untouched) | None => view.t(S::ReviewUntouched).to_string(),
    }
}

fn row(
    ui: &mut Ui,
    view: &View,
    m: &Meeting,
    s: Subject,
    state: &mut ReviewUi,
    out: &mut Vec<Command>,
) {
    let words = if view.presentation {
        size::GOAL_WORDS_PRESENTATION
    } else {
        size::EMPHASIS
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(name(view, s)).size(words).strong());
        let colour = match m.outcome(s) {
            Some(Outcome::Reviewed) => super::theme::attendance_color(Some(Attendance::Present)),
            Some(Outcome::Deferred { .. }) => super::theme::warn_color(),
            Some(Outcome::Untouched) | None => ui.visuals().weak_text_color(),
        };
        ui.label(
            RichText::new(outcome_text(view, m, s))
                .color(colour)
                .strong(),
        );
    });
    match s {
        Subject::Goal(id) => {
            let Some(goal) = view.case.goal(id) else {
                return;
            };
            // A rating given here is the review of the goal.
            let mut rated = Vec::new();
            rating_buttons(ui, view, goal, false, &mut rated);
            for c in rated {
                if let Command::Case(CaseCommand::Edit(e)) = c {
                    out.push(reviewed(m, s, vec![e]));
                }
            }
            ui.horizontal_wrapped(|ui| {
                let name = |st| view.t(labels::goal_status(st)).to_string();
                let picked = choice(
                    ui,
                    "status",
                    view.t(S::Status),
                    goal.status,
                    GoalStatus::ALL,
                    name,
                );
                if let Some(status) = picked.filter(|st| *st != goal.status) {
                    out.push(reviewed(m, s, vec![Edit::SetGoalStatus { id, status }]));
                }
                marks(ui, view, m, s, state, out);
            });
            // How it went, in words: the goal's evaluation at this meeting (evaluering).
            ui.horizontal_wrapped(|ui| {
                let text = state.evaluations.entry(s).or_default();
                let l = ui.label(view.t(S::ReviewEvaluation));
                ui.add(egui::TextEdit::singleline(text).desired_width(420.0))
                    .labelled_by(l.id);
                if ui.button(view.t(S::ReviewSaveEvaluation)).clicked() && !text.trim().is_empty() {
                    out.push(reviewed(
                        m,
                        s,
                        vec![Edit::InsertEvaluation {
                            goal: id,
                            index: AT_END,
                            evaluation: Evaluation {
                                id: EvaluationId::new(),
                                date: view.today,
                                meeting: Some(m.id),
                                text: text.trim().to_string(),
                            },
                        }],
                    ));
                    text.clear();
                }
            });
        }
        Subject::Action(id) => {
            let Some(action) = view.case.action(id) else {
                return;
            };
            ui.horizontal_wrapped(|ui| {
                if let Some(who) = action.responsible.and_then(|p| view.case.participant(p)) {
                    ui.label(&who.name);
                }
                if let Some(due) = action.due {
                    ui.label(format!("{} {}", view.t(S::Due), crate::i18n::date(due)));
                }
                if ui.button(view.t(S::MarkDone)).clicked() {
                    out.push(reviewed(
                        m,
                        s,
                        vec![
                            Edit::SetActionStatus {
                                id,
                                status: ActionStatus::Done,
                            },
                            Edit::SetActionFollowedUp {
                                id,
                                meeting: Some(m.id),
                            },
                        ],
                    ));
                }
                let typed = state.due.entry(s).or_default();
                let l = ui.label(view.t(S::ReviewNewDue));
                ui.add(
                    egui::TextEdit::singleline(typed)
                        .hint_text("dd.mm.åååå")
                        .desired_width(110.0),
                )
                .labelled_by(l.id);
                if ui.button(view.t(S::ReviewSetDue)).clicked() {
                    match parse_date(typed) {
                        Some(due) => {
                            out.push(reviewed(
                                m,
                                s,
                                vec![
                                    Edit::SetDate {
                                        field: DateField::ActionDue(id),
                                        value: Some(due),
                                    },
                                    Edit::SetActionFollowedUp {
                                        id,
                                        meeting: Some(m.id),
                                    },
                                ],
                            ));
                            typed.clear();
                        }
                        None => out.push(Command::notify(view.t(S::BadDate))),
                    }
                }
                marks(ui, view, m, s, state, out);
            });
        }
    }
}

/// "Gone through" as it stands, and putting off with a reason.
fn marks(
    ui: &mut Ui,
    view: &View,
    m: &Meeting,
    s: Subject,
    state: &mut ReviewUi,
    out: &mut Vec<Command>,
) {
    if m.outcome(s) != Some(&Outcome::Reviewed)
        && ui.button(view.t(S::ReviewMarkReviewed)).clicked()
    {
        out.push(reviewed(m, s, Vec::new()));
    }
    let reason = state.reasons.entry(s).or_default();
    let l = ui.label(view.t(S::ReviewReason));
    ui.add(egui::TextEdit::singleline(reason).desired_width(220.0))
        .labelled_by(l.id);
    if ui.button(view.t(S::ReviewDefer)).clicked() {
        if reason.trim().is_empty() {
            out.push(Command::notify(view.t(S::ReviewReasonNeeded)));
        } else {
            out.push(Command::edit(Edit::SetReview {
                meeting: m.id,
                subject: s,
                outcome: Some(Outcome::Deferred {
                    reason: reason.trim().to_string(),
                }),
            }));
            reason.clear();
        }
    }
}

/// Ending the meeting: the untouched goals and actions are recorded as such, then the meeting
/// ends, as one step.
pub fn end(m: &Meeting, untouched: &[Subject]) -> Command {
    let mut edits: Vec<Edit> = untouched
        .iter()
        .map(|s| Edit::SetReview {
            meeting: m.id,
            subject: *s,
            outcome: Some(Outcome::Untouched),
        })
        .collect();
    edits.push(Edit::SetMeetingEnded {
        meeting: m.id,
        ended: true,
    });
    Command::edit(Edit::Batch { edits })
}
