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
