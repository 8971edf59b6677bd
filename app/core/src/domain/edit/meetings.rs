//! Meetings: who comes, the agenda and its minutes, what was agreed and who approved it.

use super::list::{
    ListEntity, check_all, check_referrers, check_refs, check_texts, find, list_entity, modify,
};
use super::{Edit, EditError, EntityKind, InvalidReason, Referrer};
use crate::domain::model::*;

/// Time recorded on one agenda item; more than a day is a damaged or hostile value.
pub const MAX_AGENDA_ITEM_SECONDS: u32 = 24 * 60 * 60;

impl ListEntity for Meeting {
    list_entity! {
        Meeting: MeetingId in meetings,
        InsertMeeting { meeting } / RemoveMeeting
    }

    fn check(&self, case: &Case) -> Result<(), EditError> {
        let people = self.chair.iter().chain(&self.note_taker);
        let people = people.chain(self.attendance.keys());
        check_refs(&case.participants, people.chain(&self.minutes_recipients))?;
        check_texts([&self.place, &self.agreements])?;
        check_texts(self.approved.iter().map(|a| &a.by))?;
        check_texts(self.corrections.iter().flat_map(|c| [&c.by, &c.what]))?;
        if !self.reviews.is_sorted_by(|a, b| a.subject < b.subject) {
            return Err(EditError::Invalid(InvalidReason::ReviewsOutOfOrder));
        }
        for r in &self.reviews {
            check_subject(case, r.subject)?;
            if let Outcome::Deferred { reason } = &r.outcome {
                check_texts([reason])?;
            }
        }
        check_all(case, &self.agenda)
    }

    fn check_unreferenced(case: &Case, id: MeetingId) -> Result<(), EditError> {
        let in_action = |a: &Action| a.agreed_in == Some(id) || a.followed_up_in == Some(id);
        let in_evaluation = |g: &Goal| g.evaluations.iter().any(|e| e.meeting == Some(id));
        check_referrers::<Self>([
            (
                Referrer::Entities(EntityKind::Action),
                case.actions.iter().any(in_action),
            ),
            (
                Referrer::Entities(EntityKind::Evaluation),
                case.goals.iter().any(in_evaluation),
            ),
        ])
    }
}

impl ListEntity for AgendaItem {
    list_entity! {
        AgendaItem: AgendaItemId in Meeting(meeting).agenda,
        InsertAgendaItem { item } / RemoveAgendaItem
    }

    fn check(&self, case: &Case) -> Result<(), EditError> {
        if self.seconds_spent > MAX_AGENDA_ITEM_SECONDS {
            return Err(EditError::Invalid(InvalidReason::AgendaItemOverADay));
        }
        check_texts([&self.title, &self.minutes])?;
        check_refs(&case.goals, &self.goals)?;
        check_refs(&case.actions, &self.actions)
    }
}

/// Marks a participant present, sent apologies or absent, or takes the mark away (`None`);
/// `attendance` gets the mark there was.
pub(super) fn set_attendance(
    case: &mut Case,
    meeting: MeetingId,
    participant: ParticipantId,
    attendance: &mut Option<Attendance>,
) -> Result<(), EditError> {
    // Also when the mark is taken away: a participant the case does not have is an error.
    check_refs(&case.participants, [&participant])?;
    let mark = *attendance;
    *attendance = modify(case, meeting, |m| match mark {
        Some(a) => m.attendance.insert(participant, a),
        None => m.attendance.remove(&participant),
    })?;
    Ok(())
}

/// The meeting whose minutes `e` changes, if it changes any: what the minutes say (place,
/// chair, note taker, time, attendance, items and their minutes, the review, agreements, who gets
/// them, the approval, ending).
fn minutes_changed_by(e: &Edit) -> Option<MeetingId> {
    use super::TextField as T;
    use Edit as E;
    match e {
        E::SetText {
            field:
                T::MeetingPlace(m)
                | T::MeetingAgreements(m)
                | T::AgendaItemTitle(m, _)
                | T::AgendaItemMinutes(m, _),
            ..
        } => Some(*m),
        E::SetMeetingStart { id, .. }
        | E::SetMeetingChair { id, .. }
        | E::SetMeetingNoteTaker { id, .. }
        | E::RemoveMeeting { id } => Some(*id),
        E::SetAttendance { meeting, .. }
        | E::InsertAgendaItem { meeting, .. }
        | E::RemoveAgendaItem { meeting, .. }
        | E::SetAgendaItemTime { meeting, .. }
        | E::SetAgendaItemLinks { meeting, .. }
        | E::SetMinutesRecipients { meeting, .. }
        | E::SetMeetingEnded { meeting, .. }
        | E::SetMeetingApproval { meeting, .. }
        | E::SetReview { meeting, .. } => Some(*meeting),
        _ => None,
    }
}

/// Approved minutes do not change, except in one step with a new correction that says what was
/// changed and why (an edit that only adds corrections is one too). Corrections are only ever
/// added. Asked by the window for what a user does; not by `apply_new`, because a log is
/// replayed as it was written (a log from before corrections existed may change approved minutes)
/// and undo and redo give back exact states.
pub fn check_approved_minutes(case: &Case, edit: &Edit) -> Result<(), EditError> {
    let edits: Vec<&Edit> = match edit {
        Edit::Batch { edits } => edits.iter().collect(),
        e => vec![e],
    };
    let approved = |m: MeetingId| case.meeting(m).is_some_and(|m| m.approved.is_some());
    for e in &edits {
        if let Edit::SetCorrections {
            meeting,
            corrections,
        } = e
        {
            let before = case.meeting(*meeting).map_or(&[][..], |m| &m.corrections);
            if corrections.len() <= before.len() || !corrections.starts_with(before) {
                return Err(EditError::Invalid(InvalidReason::CorrectionsOnlyAdded));
            }
        }
    }
    let corrected = |m: MeetingId| {
        edits
            .iter()
            .any(|e| matches!(e, Edit::SetCorrections { meeting, .. } if *meeting == m))
    };
    for e in &edits {
        if let Some(m) = minutes_changed_by(e)
            && approved(m)
            && !corrected(m)
        {
            return Err(EditError::Invalid(InvalidReason::MinutesApproved));
        }
    }
    Ok(())
}

fn check_subject(case: &Case, subject: Subject) -> Result<(), EditError> {
    match subject {
        Subject::Goal(g) => check_refs(&case.goals, [&g]),
        Subject::Action(a) => check_refs(&case.actions, [&a]),
    }
}

/// Records what the meeting did with a goal or action (`None`: untouched); `outcome` gets the
/// outcome there was. One review per subject.
pub(super) fn set_review(
    case: &mut Case,
    meeting: MeetingId,
    subject: Subject,
    outcome: &mut Option<Outcome>,
) -> Result<(), EditError> {
    check_subject(case, subject)?;
    if let Some(Outcome::Deferred { reason }) = outcome {
        check_texts([&*reason])?;
    }
    let new = outcome.take();
    // Kept in the subjects' order, so that an edit and its inverse give back the same list.
    *outcome = modify(case, meeting, |m| {
        match (m.reviews.binary_search_by_key(&subject, |r| r.subject), new) {
            (Ok(i), Some(outcome)) => Some(std::mem::replace(&mut m.reviews[i].outcome, outcome)),
            (Ok(i), None) => Some(m.reviews.remove(i).outcome),
            (Err(i), Some(outcome)) => {
                m.reviews.insert(i, Review { subject, outcome });
                None
            }
            (Err(_), None) => None,
        }
    })?;
    Ok(())
}

/// The goals and actions an agenda item is about; `goals` and `actions` get the old ones.
pub(super) fn set_links(
    case: &mut Case,
    at: (MeetingId, AgendaItemId),
    goals: &mut Vec<GoalId>,
    actions: &mut Vec<ActionId>,
) -> Result<(), EditError> {
    modify(case, at, |item| {
        std::mem::swap(&mut item.goals, goals);
        std::mem::swap(&mut item.actions, actions);
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TextField;

    /// A new edit as the window makes it.
    fn apply_new(case: &mut Case, e: &Edit) -> Result<Edit, EditError> {
        check_approved_minutes(case, e)?;
        crate::domain::apply_new(case, e)
    }

    fn approved_meeting() -> (Case, MeetingId, AgendaItemId) {
        let (m, i) = (MeetingId::new(), AgendaItemId::new());
        let case = Case {
            meetings: vec![Meeting {
                id: m,
                ended: true,
                approved: Some(Approval::default()),
                agenda: vec![AgendaItem {
                    id: i,
                    minutes: "Søknaden er sendt".into(),
                    ..AgendaItem::default()
                }],
                ..Meeting::default()
            }],
            ..Case::default()
        };
        (case, m, i)
    }

    #[test]
    fn approved_minutes_change_only_with_a_correction_and_corrections_stay() {
        let (mut case, m, i) = approved_meeting();
        let text = Edit::SetText {
            field: TextField::AgendaItemMinutes(m, i),
            value: "Søknaden sendes neste uke".into(),
        };
        assert_eq!(
            apply_new(&mut case, &text),
            Err(EditError::Invalid(InvalidReason::MinutesApproved))
        );
        let reopen = Edit::SetMeetingEnded {
            meeting: m,
            ended: false,
        };
        assert!(apply_new(&mut case, &reopen).is_err(), "nor reopened");
        let correction = Correction {
            on: chrono::NaiveDate::MIN,
            by: "Nina".into(),
            what: "Søknaden var ikke sendt".into(),
        };
        let corrected = Edit::Batch {
            edits: vec![
                text.clone(),
                Edit::SetCorrections {
                    meeting: m,
                    corrections: vec![correction.clone()],
                },
            ],
        };
        let undo = apply_new(&mut case, &corrected).unwrap();
        assert_eq!(
            case.meetings[0].agenda[0].minutes,
            "Søknaden sendes neste uke"
        );
        // Taking the correction away again is refused; undo (not a new edit) may.
        let away = Edit::SetCorrections {
            meeting: m,
            corrections: vec![],
        };
        assert_eq!(
            apply_new(&mut case, &away),
            Err(EditError::Invalid(InvalidReason::CorrectionsOnlyAdded))
        );
        crate::domain::apply(&mut case, &undo).unwrap();
        assert_eq!(case.meetings[0].agenda[0].minutes, "Søknaden er sendt");
        assert!(case.meetings[0].corrections.is_empty());
    }
}
