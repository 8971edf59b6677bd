//! The responsibility group: its participants and the coordinator role.

use super::list::{ListEntity, check_referrers, check_refs, check_texts, list_entity};
use super::text::check_order;
use super::{DateKind, Edit, EditError, EntityKind, Referrer};
use crate::domain::model::*;

impl ListEntity for Participant {
    list_entity! {
        Participant: ParticipantId in participants,
        InsertParticipant { participant } / RemoveParticipant
    }

    fn check(&self, _: &Case) -> Result<(), EditError> {
        check_order(
            (DateKind::ActiveFrom, self.active_from),
            (DateKind::ActiveTo, self.active_to),
        )?;
        check_texts([
            &self.name,
            &self.organisation,
            &self.phone,
            &self.email,
            &self.contributes,
        ])
    }

    fn check_unreferenced(case: &Case, id: ParticipantId) -> Result<(), EditError> {
        let in_meeting = |m: &Meeting| {
            m.chair == Some(id)
                || m.note_taker == Some(id)
                || m.attendance.contains_key(&id)
                || m.minutes_recipients.contains(&id)
        };
        let recipient = ConsentRecipient::Participant(id);
        check_referrers::<Self>([
            (Referrer::CoordinatorRole, case.plan.coordinator == Some(id)),
            (
                Referrer::Entities(EntityKind::Action),
                case.actions.iter().any(|a| a.responsible == Some(id)),
            ),
            (
                Referrer::Entities(EntityKind::Meeting),
                case.meetings.iter().any(in_meeting),
            ),
            (
                Referrer::Entities(EntityKind::Consent),
                case.consents.iter().any(|c| c.recipient == recipient),
            ),
        ])
    }
}

/// Swaps `participant` with the plan's coordinator, as a setter's inverse wants it.
pub(super) fn set_coordinator(
    case: &mut Case,
    participant: &mut Option<ParticipantId>,
) -> Result<(), EditError> {
    check_refs(&case.participants, &*participant)?;
    std::mem::swap(&mut case.plan.coordinator, participant);
    Ok(())
}
