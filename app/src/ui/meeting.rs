//! Meeting mode: start a meeting → attendance → the agenda, one item in focus with its minutes
//! and a running timer → agreements become actions in one step → end → approve.

use std::time::Instant;

use chrono::NaiveTime;
use egui::{RichText, Ui};

use super::actions::{new_action_form, participant_picker};
use super::goals::rating_buttons;
use super::review;
use super::theme::size;
use super::widgets::{not_shared, parse_date, text_field};
use super::{CaseCommand, Command, S, View};
use crate::domain::agenda::standard_agenda;
use crate::domain::*;
use crate::text::labels;

#[derive(Default)]
pub struct MeetingUi {
    /// The meeting shown: the one running, or one looked back at.
    pub current: Option<MeetingId>,
    /// The agenda item in focus, and since when (its timer runs while it is in focus).
    pub item: Option<AgendaItemId>,
    pub item_since: Option<Instant>,
    pub agreement_what: String,
    pub agreement_who: Option<ParticipantId>,
    pub agreement_due: String,
    pub next_date: String,
    pub next_time: String,
    /// The review of goals and actions, and whether ending waits for "end anyway".
    pub review: super::review::ReviewUi,
    pub confirm_end: bool,
    /// A correction of approved minutes being written: which text, its new wording, and what
    /// was corrected and why.
    pub correcting: Option<TextField>,
    pub correction_text: String,
    pub correction_reason: String,
}

impl MeetingUi {
    /// Opens on the meeting that is running, if any.
    pub fn for_case(case: &Case) -> MeetingUi {
        MeetingUi {
            current: case.open_meeting().map(|m| m.id),
            next_time: "09:00".into(),
            ..MeetingUi::default()
        }
    }

    /// Seconds the item in focus has been in focus, not yet recorded.
    fn running_seconds(&self) -> u32 {
        self.item_since
            .map(|t| t.elapsed().as_secs() as u32)
            .unwrap_or(0)
    }

    /// Records the time on the item in focus and moves the focus to `next`.
    fn focus(&mut self, meeting: &Meeting, next: Option<AgendaItemId>, out: &mut Vec<Command>) {
        if let Some(item) = self
            .item
            .and_then(|id| meeting.agenda.iter().find(|i| i.id == id))
        {
            let spent = self.running_seconds();
            if spent > 0 {
                out.push(Command::edit(Edit::SetAgendaItemTime {
                    meeting: meeting.id,
                    id: item.id,
                    seconds: item
                        .seconds_spent
                        .saturating_add(spent)
                        .min(MAX_AGENDA_ITEM_SECONDS),
                }));
            }
        }
        self.item = next;
        self.item_since = next.map(|_| Instant::now());
        // The room's window shows the item in focus too.
        out.push(Command::View(super::ViewCommand::FocusAgendaItem(next)));
    }
}

fn mmss(seconds: u32) -> String {
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

pub fn show(ui: &mut Ui, view: &View, state: &mut MeetingUi, out: &mut Vec<Command>) {
    let case = view.case;
    let meeting = state.current.and_then(|id| case.meeting(id));
    match meeting {
        None => start(ui, view, state, out),
        Some(m) if m.ended => ended(ui, view, m, state, out),
        Some(m) => running(ui, view, m, state, out),
    }
    past_meetings(ui, view, state);
}

fn start(ui: &mut Ui, view: &View, state: &mut MeetingUi, out: &mut Vec<Command>) {
    ui.heading(view.t(S::TabMeeting));
    ui.label(view.t(S::NoMeetingRunning));
    if ui
        .button(RichText::new(view.t(S::StartMeeting)).size(size::ACTION))
        .clicked()
    {
        let case = view.case;
        let meeting = Meeting {
            id: MeetingId::new(),
            starts_at: view.clock.now(),
            chair: case.plan.coordinator,
            agenda: standard_agenda(case, view.today, view.lang),
            ..Meeting::default()
        };
        state.current = Some(meeting.id);
        state.item = None;
        state.item_since = None;
        out.push(Command::edit(Edit::InsertMeeting {
            index: AT_END,
            meeting,
        }));
    }
    send_notice_button(ui, view, out);
}

/// Only when there is a next meeting to call the group to.
fn send_notice_button(ui: &mut Ui, view: &View, out: &mut Vec<Command>) {
    if view.case.next_meeting().is_some() && ui.button(view.t(S::SendNotice)).clicked() {
        out.push(Command::Case(CaseCommand::SendNotice));
    }
}

fn running(ui: &mut Ui, view: &View, m: &Meeting, state: &mut MeetingUi, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading(format!(
            "{} {}",
            view.t(S::MeetingOf),
            crate::i18n::date(view.clock.local_date(m.starts_at))
        ));
        if ui.button(view.t(S::EndMeeting)).clicked() {
            // What is still untouched is asked about once; otherwise the meeting ends.
            if review::untouched(view, m).is_empty() {
                state.focus(m, None, out);
                out.push(review::end(m, &[]));
            } else {
                state.confirm_end = true;
            }
        }
    });
    if state.confirm_end {
        let untouched = review::untouched(view, m);
        let names: Vec<String> = untouched.iter().map(|s| review::name(view, *s)).collect();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new(
                    S::ReviewUntouchedAtEnd
                        .fill(view.lang, &[&labels::join_and(&names, view.lang)]),
                )
                .color(super::theme::warn_color()),
            );
            ui.horizontal(|ui| {
                if ui.button(view.t(S::ReviewEndAnyway)).clicked() {
                    state.confirm_end = false;
                    state.focus(m, None, out);
                    out.push(review::end(m, &untouched));
                }
                if ui.button(view.t(S::ReviewBack)).clicked() {
                    state.confirm_end = false;
                }
            });
        });
    }

    if !view.presentation {
        text_field(
            ui,
            view.t(S::Place),
            &m.place,
            TextField::MeetingPlace(m.id),
            false,
            out,
        );
        ui.horizontal(|ui| {
            let mut chair = m.chair;
            participant_picker(ui, view, "chair", S::Chair, &mut chair);
            if chair != m.chair {
                out.push(Command::edit(Edit::SetMeetingChair { id: m.id, chair }));
            }
            let mut note_taker = m.note_taker;
            participant_picker(ui, view, "note_taker", S::NoteTaker, &mut note_taker);
            if note_taker != m.note_taker {
                out.push(Command::edit(Edit::SetMeetingNoteTaker {
                    id: m.id,
                    note_taker,
                }));
            }
        });
    }
    egui::CollapsingHeader::new(view.t(S::Attendance))
        .default_open(!view.presentation)
        .show(ui, |ui| attendance(ui, view, m, out));

    ui.separator();
    ui.columns(2, |cols| {
        agenda_list(&mut cols[0], view, m, state, out);
        focused_item(&mut cols[1], view, m, state, out);
    });
    ui.separator();
    review::show(ui, view, m, &mut state.review, out);
    ui.separator();
    closing(ui, view, m, state, out);
}

/// The mark after `a` when its button is pressed: round from not marked through present,
/// sent apologies and absent back to not marked.
fn next_attendance(a: Option<Attendance>) -> Option<Attendance> {
    match a {
        None => Some(Attendance::Present),
        Some(Attendance::Present) => Some(Attendance::SentApologies),
        Some(Attendance::SentApologies) => Some(Attendance::Absent),
        Some(Attendance::Absent) => None,
    }
}

/// One large button per participant whose colour, icon and word say their mark: readable
/// as one choice from across the room. A click (or Space/Enter) moves to the next mark.
fn attendance(ui: &mut Ui, view: &View, m: &Meeting, out: &mut Vec<Command>) {
    use egui_material_icons::icons;
    let text_size = if view.presentation {
        size::ATTENDANCE_PRESENTATION
    } else {
        size::ATTENDANCE
    };
    ui.horizontal_wrapped(|ui| {
        for p in &view.case.participants {
            let mark = m.attendance.get(&p.id).copied();
            let (icon, word) = match mark {
                Some(Attendance::Present) => (icons::ICON_CHECK_CIRCLE, S::Present),
                Some(Attendance::SentApologies) => (icons::ICON_EVENT_BUSY, S::SentApologies),
                Some(Attendance::Absent) => (icons::ICON_CANCEL, S::Absent),
                None => (icons::ICON_RADIO_BUTTON_UNCHECKED, S::NotMarked),
            };
            // Marked: white on the mark's colour. Not marked: the text colour on the panel,
            // outlined, so it reads as still to do in either look.
            let (fg, fill, colour) = match mark {
                Some(_) => {
                    let colour = super::theme::attendance_color(mark);
                    (egui::Color32::WHITE, colour, colour)
                }
                None => {
                    let text = ui.visuals().text_color();
                    (text, ui.visuals().panel_fill, text)
                }
            };
            let button = egui::Button::new((
                super::theme::icon(icon, text_size).color(fg),
                RichText::new(&p.name).size(text_size).strong().color(fg),
                RichText::new("·").size(text_size).color(fg),
                RichText::new(view.t(word)).size(text_size).color(fg),
            ))
            .fill(fill)
            .stroke(egui::Stroke::new(2.0, colour))
            // One width for all (unless a name is long), so the rows line up as a grid.
            .min_size(egui::vec2(text_size * 18.0, text_size * 2.2));
            let response = ui.add(button).on_hover_text(view.t(S::AttendanceCycle));
            super::widgets::name_for_a11y(&response, None, format!("{}: {}", p.name, view.t(word)));
            if response.clicked() {
                out.push(Command::edit(Edit::SetAttendance {
                    meeting: m.id,
                    participant: p.id,
                    attendance: next_attendance(mark),
                }));
            }
        }
    });
}

fn agenda_list(
    ui: &mut Ui,
    view: &View,
    m: &Meeting,
    state: &mut MeetingUi,
    out: &mut Vec<Command>,
) {
    ui.strong(view.t(S::Agenda));
    for (n, item) in m.agenda.iter().enumerate() {
        let focused = state.item == Some(item.id);
        let running = if focused { state.running_seconds() } else { 0 };
        let spent = item.seconds_spent.saturating_add(running);
        // On the shared screen whole minutes: a ticking clock draws the eye.
        let time = if view.presentation {
            format!("{} min", spent / 60)
        } else {
            mmss(spent)
        };
        let text = format!("{}. {}  ({time})", n + 1, item.title);
        let text = if focused {
            RichText::new(text).strong()
        } else {
            RichText::new(text)
        };
        if ui.selectable_label(focused, text).clicked() && !focused {
            state.focus(m, Some(item.id), out);
        }
    }
}

fn focused_item(
    ui: &mut Ui,
    view: &View,
    m: &Meeting,
    state: &mut MeetingUi,
    out: &mut Vec<Command>,
) {
    let Some(item) = state
        .item
        .and_then(|id| m.agenda.iter().find(|i| i.id == id))
    else {
        ui.label(view.t(S::ChooseAgendaItem));
        return;
    };
    let (size, words) = if view.presentation {
        (
            size::AGENDA_ITEM_PRESENTATION,
            size::GOAL_WORDS_PRESENTATION,
        )
    } else {
        (size::AGENDA_ITEM, size::GOAL_WORDS)
    };
    ui.label(RichText::new(&item.title).size(size).strong());
    let spent = item.seconds_spent.saturating_add(state.running_seconds());
    let time = if view.presentation {
        format!("{} min", spent / 60)
    } else {
        mmss(spent)
    };
    ui.label(format!("{} {time}", view.t(S::TimeSpent)));
    text_field(
        ui,
        view.t(S::Minutes),
        &item.minutes,
        TextField::AgendaItemMinutes(m.id, item.id),
        true,
        out,
    );
    for goal in item.goals.iter().filter_map(|g| view.case.goal(*g)) {
        ui.separator();
        if !view.shows(Section::Goals(goal.domain)) {
            not_shared(ui, view.lang);
            continue;
        }
        ui.label(RichText::new(&goal.own_words).size(words).strong());
        rating_buttons(ui, view, goal, false, out);
    }
    if !item.actions.is_empty() {
        ui.separator();
        if view.shows(Section::Actions) {
            for a in item.actions.iter().filter_map(|a| view.case.action(*a)) {
                ui.horizontal_wrapped(|ui| {
                    ui.label(&a.what);
                    ui.label(RichText::new(view.t(labels::action_status(a.status))).weak());
                    if a.status == ActionStatus::Open
                        && ui.small_button(view.t(S::MarkDone)).clicked()
                    {
                        out.push(Command::edit(Edit::Batch {
                            edits: vec![
                                Edit::SetActionStatus {
                                    id: a.id,
                                    status: ActionStatus::Done,
                                },
                                Edit::SetActionFollowedUp {
                                    id: a.id,
                                    meeting: Some(m.id),
                                },
                            ],
                        }));
                    }
                });
            }
        } else {
            not_shared(ui, view.lang);
        }
    }
    ui.separator();
    ui.strong(view.t(S::AgreementToAction));
    if let Some(action) = new_action_form(
        ui,
        view,
        &mut state.agreement_what,
        &mut state.agreement_who,
        &mut state.agreement_due,
        Some(m.id),
        out,
    ) {
        // The action and its place on this agenda item: one step, one undo.
        let mut actions = item.actions.clone();
        actions.push(action.id);
        out.push(Command::edit(Edit::Batch {
            edits: vec![
                Edit::InsertAction {
                    index: AT_END,
                    action,
                },
                Edit::SetAgendaItemLinks {
                    meeting: m.id,
                    id: item.id,
                    goals: item.goals.clone(),
                    actions,
                },
            ],
        }));
    }
    let agreed: Vec<&Action> = view
        .case
        .actions
        .iter()
        .filter(|a| a.agreed_in == Some(m.id))
        .collect();
    if !agreed.is_empty() {
        ui.label(RichText::new(view.t(S::AgreedThisMeeting)).weak());
        for a in agreed {
            let who = a
                .responsible
                .and_then(|p| view.case.participant(p))
                .map(|p| p.name.as_str())
                .unwrap_or("");
            ui.label(format!(
                "• {} – {} – {}",
                a.what,
                who,
                a.due.map(crate::i18n::date).unwrap_or_default()
            ));
        }
    }
}

fn closing(ui: &mut Ui, view: &View, m: &Meeting, state: &mut MeetingUi, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(view.t(S::NextMeeting));
        ui.add(
            egui::TextEdit::singleline(&mut state.next_date)
                .hint_text(view.t(S::DateHint))
                .desired_width(110.0),
        )
        .labelled_by(l.id);
        let l = ui.label(view.t(S::Time));
        ui.add(egui::TextEdit::singleline(&mut state.next_time).desired_width(60.0))
            .labelled_by(l.id);
        if ui.button(view.t(S::SetNextMeeting)).clicked() {
            let time = NaiveTime::parse_from_str(state.next_time.trim(), "%H:%M").ok();
            match (parse_date(&state.next_date), time) {
                (Some(d), Some(t)) => match view.clock.from_local(d.and_time(t)) {
                    Some(at) => out.push(Command::edit(Edit::SetNextMeeting {
                        id: m.id,
                        at: Some(at),
                    })),
                    None => out.push(Command::notify(view.t(S::BadDate))),
                },
                _ => out.push(Command::notify(format!(
                    "{}: «{} {}»",
                    view.t(S::BadDate),
                    state.next_date,
                    state.next_time
                ))),
            }
        }
        if let Some(next) = m.next_meeting {
            ui.label(view.clock.date_time(next));
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(view.t(S::MinutesTo));
        for p in &view.case.participants {
            let mut on = m.minutes_recipients.contains(&p.id);
            if ui.checkbox(&mut on, &p.name).changed() {
                let mut recipients = m.minutes_recipients.clone();
                if on {
                    recipients.push(p.id);
                } else {
                    recipients.retain(|r| *r != p.id);
                }
                out.push(Command::edit(Edit::SetMinutesRecipients {
                    meeting: m.id,
                    recipients,
                }));
            }
        }
    });
}

fn ended(ui: &mut Ui, view: &View, m: &Meeting, state: &mut MeetingUi, out: &mut Vec<Command>) {
    let case = view.case;
    ui.heading(format!(
        "{} {}",
        view.t(S::MinutesOf),
        crate::i18n::date(view.clock.local_date(m.starts_at))
    ));
    match &m.approved {
        Some(a) => {
            ui.label(format!(
                "{} {} ({})",
                view.t(S::ApprovedBy),
                a.by,
                crate::i18n::date(a.on)
            ));
        }
        None => {
            ui.label(view.t(S::MinutesReady));
            ui.horizontal(|ui| {
                if ui.button(view.t(S::ApproveMinutes)).clicked() {
                    out.push(Command::edit(Edit::SetMeetingApproval {
                        meeting: m.id,
                        approval: Some(Approval {
                            on: view.today,
                            by: view.user.clone(),
                        }),
                    }));
                }
                if ui.button(view.t(S::ApproveAndSendMinutes)).clicked() {
                    out.push(Command::Case(CaseCommand::ApproveAndSendMinutes(m.id)));
                }
                if ui.button(view.t(S::ExportMinutes)).clicked() {
                    out.push(Command::Case(CaseCommand::ExportPdf(Some(m.id))));
                }
                if ui.button(view.t(S::ReopenMeeting)).clicked() {
                    out.push(Command::edit(Edit::SetMeetingEnded {
                        meeting: m.id,
                        ended: false,
                    }));
                }
            });
        }
    }
    if m.approved.is_some() {
        ui.horizontal(|ui| {
            if ui.button(view.t(S::SendMinutes)).clicked() {
                out.push(Command::Case(CaseCommand::ApproveAndSendMinutes(m.id)));
            }
            if ui.button(view.t(S::ExportMinutes)).clicked() {
                out.push(Command::Case(CaseCommand::ExportPdf(Some(m.id))));
            }
        });
    }
    send_notice_button(ui, view, out);
    let names = |a: Attendance| {
        m.attendance
            .iter()
            .filter(|(_, x)| **x == a)
            .filter_map(|(p, _)| case.participant(*p))
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    ui.label(format!(
        "{}: {}",
        view.t(S::Present),
        names(Attendance::Present)
    ));
    ui.label(format!(
        "{}: {}",
        view.t(S::SentApologies),
        names(Attendance::SentApologies)
    ));
    for item in &m.agenda {
        ui.label(RichText::new(&item.title).strong());
        if !item.minutes.is_empty() {
            ui.label(&item.minutes);
        }
    }
    for c in &m.corrections {
        ui.label(
            RichText::new(
                S::CorrectionLine.fill(view.lang, &[&crate::i18n::date(c.on), &c.by, &c.what]),
            )
            .italics(),
        );
    }
    if m.approved.is_some() && !view.presentation {
        correct(ui, view, m, state, out);
    }
    if ui.button(view.t(S::NewMeeting)).clicked() {
        state.current = None;
    }
}

/// Approved minutes change only through a correction: the new wording of one text, and what
/// was corrected and why, saved in one step. The next minutes mention it.
fn correct(ui: &mut Ui, view: &View, m: &Meeting, state: &mut MeetingUi, out: &mut Vec<Command>) {
    let texts: Vec<(TextField, String, &str)> = m
        .agenda
        .iter()
        .map(|i| {
            (
                TextField::AgendaItemMinutes(m.id, i.id),
                i.title.clone(),
                i.minutes.as_str(),
            )
        })
        .chain([(
            TextField::MeetingAgreements(m.id),
            view.t(S::PdfAgreements).to_string(),
            m.agreements.as_str(),
        )])
        .collect();
    ui.collapsing(view.t(S::CorrectMinutes), |ui| {
        let current = state
            .correcting
            .as_ref()
            .and_then(|f| texts.iter().find(|(t, _, _)| t == f));
        let shown = current
            .map(|(_, title, _)| title.clone())
            .unwrap_or_default();
        let l = ui.label(view.t(S::CorrectWhich));
        egui::ComboBox::from_id_salt("correct_which")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for (field, title, text) in &texts {
                    if ui
                        .selectable_label(state.correcting.as_ref() == Some(field), title)
                        .clicked()
                    {
                        state.correcting = Some(field.clone());
                        state.correction_text = text.to_string();
                    }
                }
            })
            .response
            .labelled_by(l.id);
        let Some((field, _, before)) = current else {
            return;
        };
        let l = ui.label(view.t(S::Minutes));
        ui.add(egui::TextEdit::multiline(&mut state.correction_text).desired_width(f32::INFINITY))
            .labelled_by(l.id);
        let l = ui.label(view.t(S::CorrectReason));
        ui.add(egui::TextEdit::singleline(&mut state.correction_reason).desired_width(400.0))
            .labelled_by(l.id);
        if ui.button(view.t(S::CorrectSave)).clicked() {
            let what = state.correction_reason.trim().to_string();
            if what.is_empty() || state.correction_text == *before {
                out.push(Command::notify(view.t(S::CorrectReasonNeeded)));
                return;
            }
            let mut corrections = m.corrections.clone();
            corrections.push(Correction {
                on: view.today,
                by: view.user.clone(),
                what,
            });
            out.push(Command::edit(Edit::Batch {
                edits: vec![
                    Edit::SetText {
                        field: field.clone(),
                        value: state.correction_text.clone(),
                    },
                    Edit::SetCorrections {
                        meeting: m.id,
                        corrections,
                    },
                ],
            }));
            state.correcting = None;
            state.correction_reason.clear();
        }
    });
}

fn past_meetings(ui: &mut Ui, view: &View, state: &mut MeetingUi) {
    if view.presentation {
        return;
    }
    ui.separator();
    ui.collapsing(view.t(S::EarlierMeetings), |ui| {
        let mut meetings: Vec<&Meeting> = view.case.meetings.iter().collect();
        meetings.sort_by_key(|m| std::cmp::Reverse(m.starts_at));
        for m in meetings {
            let label = format!(
                "{} {}",
                crate::i18n::date(view.clock.local_date(m.starts_at)),
                // In words: the text font has no "✔" (an approved meeting drew a missing glyph).
                if m.approved.is_some() {
                    view.t(S::MinutesApprovedMark)
                } else {
                    ""
                }
            );
            if ui
                .selectable_label(state.current == Some(m.id), label)
                .clicked()
            {
                state.current = Some(m.id);
                state.item = None;
                state.item_since = None;
            }
        }
    });
}

impl super::panel::Panel for MeetingUi {
    fn title(&self) -> S {
        S::TabMeeting
    }

    fn show(&mut self, ui: &mut Ui, view: &View, out: &mut Vec<Command>) {
        show(ui, view, self, out)
    }
}
