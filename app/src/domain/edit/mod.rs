//! Edits: the only way a [`Case`] changes.
//!
//! [`apply`] validates an edit against the case, performs it, and returns the edit that undoes it.
//! Undo, redo, the audit log and "what changed since last meeting" are all built on that pair.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::*;
pub use error::{DateKind, EditError, EntityKind, InvalidReason, Referrer};

mod error;

/// The longest text a single field takes; longer input is refused rather than truncated.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// A free-text field of the case, addressed by the ids that lead to it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "field", content = "at")]
pub enum TextField {
    PersonName,
    PersonPhone,
    PersonEmail,
    PersonAddress,
    PersonNationalId,
    PlanMainGoal,
    PlanResources,
    PlanNeeds,
    PlanImplementation,
    PlanCooperation,
    ParticipantName(ParticipantId),
    ParticipantOrganisation(ParticipantId),
    ParticipantPhone(ParticipantId),
    ParticipantEmail(ParticipantId),
    ParticipantContributes(ParticipantId),
    ConsentNote(ConsentId),
    GoalOwnWords(GoalId),
    GoalProfessionalWording(GoalId),
    EvaluationText(GoalId, EvaluationId),
    ActionWhat(ActionId),
    ZoneSigns(Zone),
    ZoneWhatIDo(Zone),
    ZoneWhatOthersDo(Zone),
    CrisisTriggers,
    CrisisHowIWantToBeMet,
    CrisisWhatDoesNotHelp,
    CrisisTreatmentWishes,
    CrisisPracticalMatters,
    CrisisReviewedBy,
    ContactName(ContactId),
    ContactRole(ContactId),
    ContactPhone(ContactId),
    ContactNote(ContactId),
    MeetingPlace(MeetingId),
    MeetingAgreements(MeetingId),
    AgendaItemTitle(MeetingId, AgendaItemId),
    AgendaItemMinutes(MeetingId, AgendaItemId),
}

/// A date field of the case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "field", content = "at")]
pub enum DateField {
    PersonBirthDate,
    PlanStart,
    PlanEnd,
    PlanRevision,
    ParticipantFrom(ParticipantId),
    ParticipantTo(ParticipantId),
    ConsentGiven(ConsentId),
    ConsentWithdrawn(ConsentId),
    GoalTarget(GoalId),
    ActionDue(ActionId),
    CrisisPlanReviewed,
}

/// One change to a case. Every variant has an exact inverse, produced by [`apply`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "edit")]
pub enum Edit {
    SetText {
        field: TextField,
        value: String,
    },
    SetDate {
        field: DateField,
        value: Option<NaiveDate>,
    },
    SetCoordinator {
        participant: Option<ParticipantId>,
    },

    InsertParticipant {
        index: usize,
        participant: Participant,
    },
    RemoveParticipant {
        id: ParticipantId,
    },
    SetParticipantRole {
        id: ParticipantId,
        role: Role,
    },
    SetParticipantLevel {
        id: ParticipantId,
        level: Level,
    },

    InsertConsent {
        index: usize,
        consent: Consent,
    },
    RemoveConsent {
        id: ConsentId,
    },
    SetConsentSections {
        id: ConsentId,
        sections: Vec<Section>,
    },
    SetConsentMethod {
        id: ConsentId,
        method: ConsentMethod,
    },

    InsertGoal {
        index: usize,
        goal: Goal,
    },
    RemoveGoal {
        id: GoalId,
    },
    SetGoalDomain {
        id: GoalId,
        domain: LifeDomain,
    },
    SetGoalStatus {
        id: GoalId,
        status: GoalStatus,
    },
    InsertRating {
        goal: GoalId,
        index: usize,
        rating: Rating,
    },
    RemoveRating {
        goal: GoalId,
        index: usize,
    },
    InsertEvaluation {
        goal: GoalId,
        index: usize,
        evaluation: Evaluation,
    },
    RemoveEvaluation {
        goal: GoalId,
        id: EvaluationId,
    },

    InsertAction {
        index: usize,
        action: Action,
    },
    RemoveAction {
        id: ActionId,
    },
    SetActionStatus {
        id: ActionId,
        status: ActionStatus,
    },
    SetActionResponsible {
        id: ActionId,
        responsible: Option<ParticipantId>,
    },
    SetActionGoals {
        id: ActionId,
        goals: Vec<GoalId>,
    },
    SetActionFollowedUp {
        id: ActionId,
        meeting: Option<MeetingId>,
    },

    InsertContact {
        index: usize,
        contact: Contact,
    },
    RemoveContact {
        id: ContactId,
    },

    InsertMeeting {
        index: usize,
        meeting: Meeting,
    },
    RemoveMeeting {
        id: MeetingId,
    },
    SetMeetingStart {
        id: MeetingId,
        starts_at: DateTime<Utc>,
    },
    SetNextMeeting {
        id: MeetingId,
        at: Option<DateTime<Utc>>,
    },
    SetMeetingChair {
        id: MeetingId,
        chair: Option<ParticipantId>,
    },
    SetMeetingNoteTaker {
        id: MeetingId,
        note_taker: Option<ParticipantId>,
    },
    SetAttendance {
        meeting: MeetingId,
        participant: ParticipantId,
        attendance: Option<Attendance>,
    },
    InsertAgendaItem {
        meeting: MeetingId,
        index: usize,
        item: AgendaItem,
    },
    RemoveAgendaItem {
        meeting: MeetingId,
        id: AgendaItemId,
    },
    SetAgendaItemTime {
        meeting: MeetingId,
        id: AgendaItemId,
        seconds: u32,
    },
    SetAgendaItemLinks {
        meeting: MeetingId,
        id: AgendaItemId,
        goals: Vec<GoalId>,
        actions: Vec<ActionId>,
    },
    SetMinutesRecipients {
        meeting: MeetingId,
        recipients: Vec<ParticipantId>,
    },
    SetMeetingEnded {
        meeting: MeetingId,
        ended: bool,
    },
    SetMeetingApproval {
        meeting: MeetingId,
        approval: Option<Approval>,
    },

    InsertFormEntry {
        index: usize,
        entry: FormEntry,
    },
    RemoveFormEntry {
        id: FormEntryId,
    },
    SetFormData {
        id: FormEntryId,
        data: String,
        plugin_version: String,
        updated: DateTime<Utc>,
    },

    /// Several edits as one step: all apply or none, one log entry, one undo.
    /// E.g. an agreement in a meeting that becomes an action linked to the agenda item.
    Batch {
        edits: Vec<Edit>,
    },
}

impl Edit {
    /// Edits of the same text field may be merged into one log entry while someone types.
    pub fn text_field(&self) -> Option<&TextField> {
        match self {
            Edit::SetText { field, .. } => Some(field),
            _ => None,
        }
    }
}

fn unknown(kind: EntityKind, id: impl ToString) -> EditError {
    EditError::Unknown {
        kind,
        id: id.to_string(),
    }
}

fn check_text(value: &str) -> Result<(), EditError> {
    let n = value.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(EditError::TextTooLong(n));
    }
    Ok(())
}

fn check_index(kind: EntityKind, index: usize, len: usize) -> Result<(), EditError> {
    if index > len {
        return Err(EditError::BadIndex { kind, index, len });
    }
    Ok(())
}

fn check_after_plan_start(
    case: &Case,
    what: DateKind,
    date: Option<NaiveDate>,
) -> Result<(), EditError> {
    if let (Some(date), Some(plan_start)) = (date, case.plan.period_start)
        && date < plan_start
    {
        return Err(EditError::BeforePlanStart {
            what,
            date,
            plan_start,
        });
    }
    Ok(())
}

fn check_order(
    earlier_name: DateKind,
    earlier: Option<NaiveDate>,
    later_name: DateKind,
    later: Option<NaiveDate>,
) -> Result<(), EditError> {
    if let (Some(e), Some(l)) = (earlier, later)
        && l < e
    {
        return Err(EditError::DateOrder {
            later: later_name,
            date: l,
            earlier: earlier_name,
            other: e,
        });
    }
    Ok(())
}

fn position<T>(
    items: &[T],
    kind: EntityKind,
    id: impl ToString,
    is: impl Fn(&T) -> bool,
) -> Result<usize, EditError> {
    items.iter().position(is).ok_or_else(|| unknown(kind, id))
}

fn participant_mut(case: &mut Case, id: ParticipantId) -> Result<&mut Participant, EditError> {
    case.participants
        .iter_mut()
        .find(|p| p.id == id)
        .ok_or_else(|| unknown(EntityKind::Participant, id))
}

fn consent_mut(case: &mut Case, id: ConsentId) -> Result<&mut Consent, EditError> {
    case.consents
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| unknown(EntityKind::Consent, id))
}

fn goal_mut(case: &mut Case, id: GoalId) -> Result<&mut Goal, EditError> {
    case.goals
        .iter_mut()
        .find(|g| g.id == id)
        .ok_or_else(|| unknown(EntityKind::Goal, id))
}

fn action_mut(case: &mut Case, id: ActionId) -> Result<&mut Action, EditError> {
    case.actions
        .iter_mut()
        .find(|a| a.id == id)
        .ok_or_else(|| unknown(EntityKind::Action, id))
}

fn contact_mut(case: &mut Case, id: ContactId) -> Result<&mut Contact, EditError> {
    case.crisis_plan
        .contacts
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| unknown(EntityKind::Contact, id))
}

fn meeting_mut(case: &mut Case, id: MeetingId) -> Result<&mut Meeting, EditError> {
    case.meetings
        .iter_mut()
        .find(|m| m.id == id)
        .ok_or_else(|| unknown(EntityKind::Meeting, id))
}

fn agenda_item_mut(
    case: &mut Case,
    meeting: MeetingId,
    id: AgendaItemId,
) -> Result<&mut AgendaItem, EditError> {
    meeting_mut(case, meeting)?
        .agenda
        .iter_mut()
        .find(|i| i.id == id)
        .ok_or_else(|| unknown(EntityKind::AgendaItem, id))
}

fn form_mut(case: &mut Case, id: FormEntryId) -> Result<&mut FormEntry, EditError> {
    case.forms
        .iter_mut()
        .find(|f| f.id == id)
        .ok_or_else(|| unknown(EntityKind::FormEntry, id))
}

fn text_mut<'c>(case: &'c mut Case, field: &TextField) -> Result<&'c mut String, EditError> {
    use TextField as F;
    Ok(match field {
        F::PersonName => &mut case.person.name,
        F::PersonPhone => &mut case.person.phone,
        F::PersonEmail => &mut case.person.email,
        F::PersonAddress => &mut case.person.address,
        F::PersonNationalId => &mut case.person.national_id,
        F::PlanMainGoal => &mut case.plan.main_goal,
        F::PlanResources => &mut case.plan.resources,
        F::PlanNeeds => &mut case.plan.needs,
        F::PlanImplementation => &mut case.plan.implementation,
        F::PlanCooperation => &mut case.plan.cooperation,
        F::ParticipantName(id) => &mut participant_mut(case, *id)?.name,
        F::ParticipantOrganisation(id) => &mut participant_mut(case, *id)?.organisation,
        F::ParticipantPhone(id) => &mut participant_mut(case, *id)?.phone,
        F::ParticipantEmail(id) => &mut participant_mut(case, *id)?.email,
        F::ParticipantContributes(id) => &mut participant_mut(case, *id)?.contributes,
        F::ConsentNote(id) => &mut consent_mut(case, *id)?.note,
        F::GoalOwnWords(id) => &mut goal_mut(case, *id)?.own_words,
        F::GoalProfessionalWording(id) => &mut goal_mut(case, *id)?.professional_wording,
        F::EvaluationText(goal, id) => {
            &mut goal_mut(case, *goal)?
                .evaluations
                .iter_mut()
                .find(|e| e.id == *id)
                .ok_or_else(|| unknown(EntityKind::Evaluation, id))?
                .text
        }
        F::ActionWhat(id) => &mut action_mut(case, *id)?.what,
        F::ZoneSigns(zone) => &mut case.crisis_plan.zone_mut(*zone).signs,
        F::ZoneWhatIDo(zone) => &mut case.crisis_plan.zone_mut(*zone).what_i_do,
        F::ZoneWhatOthersDo(zone) => &mut case.crisis_plan.zone_mut(*zone).what_others_do,
        F::CrisisTriggers => &mut case.crisis_plan.triggers,
        F::CrisisHowIWantToBeMet => &mut case.crisis_plan.how_i_want_to_be_met,
        F::CrisisWhatDoesNotHelp => &mut case.crisis_plan.what_does_not_help,
        F::CrisisTreatmentWishes => &mut case.crisis_plan.treatment_wishes,
        F::CrisisPracticalMatters => &mut case.crisis_plan.practical_matters,
        F::CrisisReviewedBy => &mut case.crisis_plan.reviewed_by,
        F::ContactName(id) => &mut contact_mut(case, *id)?.name,
        F::ContactRole(id) => &mut contact_mut(case, *id)?.role,
        F::ContactPhone(id) => &mut contact_mut(case, *id)?.phone,
        F::ContactNote(id) => &mut contact_mut(case, *id)?.note,
        F::MeetingPlace(id) => &mut meeting_mut(case, *id)?.place,
        F::MeetingAgreements(id) => &mut meeting_mut(case, *id)?.agreements,
        F::AgendaItemTitle(m, i) => &mut agenda_item_mut(case, *m, *i)?.title,
        F::AgendaItemMinutes(m, i) => &mut agenda_item_mut(case, *m, *i)?.minutes,
    })
}

/// Checks a date edit against the dates it must agree with, then returns the slot to write.
fn date_mut<'c>(
    case: &'c mut Case,
    field: &DateField,
    value: Option<NaiveDate>,
) -> Result<&'c mut Option<NaiveDate>, EditError> {
    use DateField as F;
    match field {
        F::PersonBirthDate => {
            if value.is_some_and(|d| d < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default()) {
                return Err(EditError::Invalid(InvalidReason::ImplausibleBirthDate));
            }
            Ok(&mut case.person.birth_date)
        }
        F::PlanStart => {
            check_order(DateKind::PlanStart, value, DateKind::PlanEnd, case.plan.period_end)?;
            Ok(&mut case.plan.period_start)
        }
        F::PlanEnd => {
            check_order(DateKind::PlanStart, case.plan.period_start, DateKind::PlanEnd, value)?;
            Ok(&mut case.plan.period_end)
        }
        F::PlanRevision => Ok(&mut case.plan.revision_date),
        F::ParticipantFrom(id) => {
            let p = participant_mut(case, *id)?;
            check_order(DateKind::ActiveFrom, value, DateKind::ActiveTo, p.active_to)?;
            Ok(&mut p.active_from)
        }
        F::ParticipantTo(id) => {
            let p = participant_mut(case, *id)?;
            check_order(DateKind::ActiveFrom, p.active_from, DateKind::ActiveTo, value)?;
            Ok(&mut p.active_to)
        }
        F::ConsentGiven(id) => {
            let c = consent_mut(case, *id)?;
            check_order(DateKind::ConsentGiven, value, DateKind::ConsentWithdrawn, c.withdrawn)?;
            Ok(&mut c.given)
        }
        F::ConsentWithdrawn(id) => {
            let c = consent_mut(case, *id)?;
            check_order(DateKind::ConsentGiven, c.given, DateKind::ConsentWithdrawn, value)?;
            Ok(&mut c.withdrawn)
        }
        F::GoalTarget(id) => Ok(&mut goal_mut(case, *id)?.target_date),
        F::ActionDue(id) => Ok(&mut action_mut(case, *id)?.due),
        F::CrisisPlanReviewed => Ok(&mut case.crisis_plan.reviewed_on),
    }
}

fn check_participant(case: &Case, id: Option<ParticipantId>) -> Result<(), EditError> {
    match id {
        Some(id) if case.participant(id).is_none() => Err(unknown(EntityKind::Participant, id)),
        _ => Ok(()),
    }
}

fn check_goals(case: &Case, goals: &[GoalId]) -> Result<(), EditError> {
    match goals.iter().find(|g| case.goal(**g).is_none()) {
        Some(g) => Err(unknown(EntityKind::Goal, g)),
        None => Ok(()),
    }
}

fn check_actions(case: &Case, actions: &[ActionId]) -> Result<(), EditError> {
    match actions.iter().find(|a| case.action(**a).is_none()) {
        Some(a) => Err(unknown(EntityKind::Action, a)),
        None => Ok(()),
    }
}

fn check_meeting(case: &Case, id: Option<MeetingId>) -> Result<(), EditError> {
    match id {
        Some(id) if case.meeting(id).is_none() => Err(unknown(EntityKind::Meeting, id)),
        _ => Ok(()),
    }
}

fn check_rating(value: u8) -> Result<(), EditError> {
    if !(1..=10).contains(&value) {
        return Err(EditError::RatingOutOfRange(value));
    }
    Ok(())
}

fn check_participant_refs(case: &Case, id: ParticipantId) -> Result<(), EditError> {
    let referenced = |by| {
        Err(EditError::StillReferenced {
            kind: EntityKind::Participant,
            by,
        })
    };
    if case.plan.coordinator == Some(id) {
        return referenced(Referrer::CoordinatorRole);
    }
    if case.actions.iter().any(|a| a.responsible == Some(id)) {
        return referenced(Referrer::Entities(EntityKind::Action));
    }
    if case.meetings.iter().any(|m| {
        m.chair == Some(id)
            || m.note_taker == Some(id)
            || m.attendance.contains_key(&id)
            || m.minutes_recipients.contains(&id)
    }) {
        return referenced(Referrer::Entities(EntityKind::Meeting));
    }
    if case
        .consents
        .iter()
        .any(|c| c.recipient == ConsentRecipient::Participant(id))
    {
        return referenced(Referrer::Entities(EntityKind::Consent));
    }
    Ok(())
}

fn check_meeting_refs(meeting: &Meeting, case: &Case) -> Result<(), EditError> {
    let participants = meeting
        .chair
        .iter()
        .chain(meeting.note_taker.iter())
        .chain(meeting.attendance.keys())
        .chain(meeting.minutes_recipients.iter());
    for p in participants {
        check_participant(case, Some(*p))?;
    }
    for item in &meeting.agenda {
        check_agenda_item(case, item)?;
    }
    Ok(())
}

/// Time recorded on one agenda item; more than a day is a damaged or hostile value.
pub const MAX_AGENDA_ITEM_SECONDS: u32 = 24 * 60 * 60;

fn check_seconds(seconds: u32) -> Result<(), EditError> {
    if seconds > MAX_AGENDA_ITEM_SECONDS {
        return Err(EditError::Invalid(InvalidReason::AgendaItemOverADay));
    }
    Ok(())
}

fn check_agenda_item(case: &Case, item: &AgendaItem) -> Result<(), EditError> {
    check_seconds(item.seconds_spent)?;
    check_text(&item.title)?;
    check_text(&item.minutes)?;
    check_goals(case, &item.goals)?;
    check_actions(case, &item.actions)
}

/// Rules for new input that the case as a whole need not keep: a plan period may move past
/// older actions, but a due date typed now must fall in the plan period. Checked for fresh edits
/// only; undo and redo replay exact states and skip it.
pub fn check_new(case: &Case, edit: &Edit) -> Result<(), EditError> {
    match edit {
        Edit::SetDate {
            field: DateField::ActionDue(_),
            value,
        } => check_after_plan_start(case, DateKind::DueDate, *value),
        Edit::InsertAction { action, .. } => check_after_plan_start(case, DateKind::DueDate, action.due),
        Edit::SetDate {
            field: DateField::GoalTarget(_),
            value,
        } => check_after_plan_start(case, DateKind::TargetDate, *value),
        Edit::InsertGoal { goal, .. } => {
            check_after_plan_start(case, DateKind::TargetDate, goal.target_date)
        }
        Edit::SetText {
            field: TextField::PersonNationalId,
            value,
        } if !value.is_empty() && !super::model::is_valid_national_id(value) => Err(
            EditError::Invalid(InvalidReason::NationalIdCheckDigits),
        ),
        _ => Ok(()),
    }
}

/// Applies `edit` to `case` and returns its inverse. On error the case is unchanged.
///
/// Checks what every state of a case keeps (references resolve, ratings are 1–10, a period ends
/// after it starts), so the inverse of an applied edit always applies to the state it left.
pub fn apply(case: &mut Case, edit: &Edit) -> Result<Edit, EditError> {
    apply_inner(case, edit, false)
}

/// Applies a fresh edit someone just made: [`check_new`], then [`apply`].
pub fn apply_new(case: &mut Case, edit: &Edit) -> Result<Edit, EditError> {
    apply_inner(case, edit, true)
}

fn apply_inner(case: &mut Case, edit: &Edit, fresh: bool) -> Result<Edit, EditError> {
    use Edit as E;
    if fresh {
        check_new(case, edit)?;
    }
    Ok(match edit.clone() {
        E::Batch { edits } => {
            let mut inverses = Vec::with_capacity(edits.len());
            for e in &edits {
                match apply_inner(case, e, fresh) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(err) => {
                        // Take back what this batch did so far; each inverse fits the state
                        // its edit left, so these apply.
                        for inverse in inverses.iter().rev() {
                            let _ = apply_inner(case, inverse, false);
                        }
                        return Err(err);
                    }
                }
            }
            inverses.reverse();
            E::Batch { edits: inverses }
        }
        E::SetText { field, value } => {
            check_text(&value)?;
            let old = std::mem::replace(text_mut(case, &field)?, value);
            E::SetText { field, value: old }
        }
        E::SetDate { field, value } => {
            let old = std::mem::replace(date_mut(case, &field, value)?, value);
            E::SetDate { field, value: old }
        }
        E::SetCoordinator { participant } => {
            check_participant(case, participant)?;
            let old = std::mem::replace(&mut case.plan.coordinator, participant);
            E::SetCoordinator { participant: old }
        }

        E::InsertParticipant { index, participant } => {
            check_index(EntityKind::Participant, index, case.participants.len())?;
            if case.participant(participant.id).is_some() {
                return Err(EditError::Duplicate {
                    kind: EntityKind::Participant,
                    id: participant.id.to_string(),
                });
            }
            check_order(
                DateKind::ActiveFrom,
                participant.active_from,
                DateKind::ActiveTo,
                participant.active_to,
            )?;
            for t in [
                &participant.name,
                &participant.organisation,
                &participant.contributes,
            ] {
                check_text(t)?;
            }
            let id = participant.id;
            case.participants.insert(index, participant);
            E::RemoveParticipant { id }
        }
        E::RemoveParticipant { id } => {
            let index = position(&case.participants, EntityKind::Participant, id, |p| p.id == id)?;
            check_participant_refs(case, id)?;
            let participant = case.participants.remove(index);
            E::InsertParticipant { index, participant }
        }
        E::SetParticipantRole { id, role } => {
            let old = std::mem::replace(&mut participant_mut(case, id)?.role, role);
            E::SetParticipantRole { id, role: old }
        }
        E::SetParticipantLevel { id, level } => {
            let old = std::mem::replace(&mut participant_mut(case, id)?.level, level);
            E::SetParticipantLevel { id, level: old }
        }

        E::InsertConsent { index, consent } => {
            check_index(EntityKind::Consent, index, case.consents.len())?;
            if case.consents.iter().any(|c| c.id == consent.id) {
                return Err(EditError::Duplicate {
                    kind: EntityKind::Consent,
                    id: consent.id.to_string(),
                });
            }
            if let ConsentRecipient::Participant(p) = &consent.recipient {
                check_participant(case, Some(*p))?;
            }
            check_order(DateKind::ConsentGiven, consent.given, DateKind::ConsentWithdrawn, consent.withdrawn)?;
            check_text(&consent.note)?;
            let id = consent.id;
            case.consents.insert(index, consent);
            E::RemoveConsent { id }
        }
        E::RemoveConsent { id } => {
            let index = position(&case.consents, EntityKind::Consent, id, |c| c.id == id)?;
            let consent = case.consents.remove(index);
            E::InsertConsent { index, consent }
        }
        E::SetConsentSections { id, sections } => {
            let old = std::mem::replace(&mut consent_mut(case, id)?.sections, sections);
            E::SetConsentSections { id, sections: old }
        }
        E::SetConsentMethod { id, method } => {
            let old = std::mem::replace(&mut consent_mut(case, id)?.method, method);
            E::SetConsentMethod { id, method: old }
        }

        E::InsertGoal { index, goal } => {
            check_index(EntityKind::Goal, index, case.goals.len())?;
            if case.goal(goal.id).is_some() {
                return Err(EditError::Duplicate {
                    kind: EntityKind::Goal,
                    id: goal.id.to_string(),
                });
            }
            check_text(&goal.own_words)?;
            check_text(&goal.professional_wording)?;
            for r in &goal.ratings {
                check_rating(r.value)?;
            }
            for e in &goal.evaluations {
                check_meeting(case, e.meeting)?;
                check_text(&e.text)?;
            }
            let id = goal.id;
            case.goals.insert(index, goal);
            E::RemoveGoal { id }
        }
        E::RemoveGoal { id } => {
            let index = position(&case.goals, EntityKind::Goal, id, |g| g.id == id)?;
            if case.actions.iter().any(|a| a.goals.contains(&id)) {
                return Err(EditError::StillReferenced {
                    kind: EntityKind::Goal,
                    by: Referrer::Entities(EntityKind::Action),
                });
            }
            if case
                .meetings
                .iter()
                .any(|m| m.agenda.iter().any(|i| i.goals.contains(&id)))
            {
                return Err(EditError::StillReferenced {
                    kind: EntityKind::Goal,
                    by: Referrer::Entities(EntityKind::AgendaItem),
                });
            }
            let goal = case.goals.remove(index);
            E::InsertGoal { index, goal }
        }
        E::SetGoalDomain { id, domain } => {
            let old = std::mem::replace(&mut goal_mut(case, id)?.domain, domain);
            E::SetGoalDomain { id, domain: old }
        }
        E::SetGoalStatus { id, status } => {
            let old = std::mem::replace(&mut goal_mut(case, id)?.status, status);
            E::SetGoalStatus { id, status: old }
        }
        E::InsertRating {
            goal,
            index,
            rating,
        } => {
            check_rating(rating.value)?;
            let g = goal_mut(case, goal)?;
            check_index(EntityKind::Rating, index, g.ratings.len())?;
            g.ratings.insert(index, rating);
            E::RemoveRating { goal, index }
        }
        E::RemoveRating { goal, index } => {
            let g = goal_mut(case, goal)?;
            if index >= g.ratings.len() {
                return Err(EditError::BadIndex {
                    kind: EntityKind::Rating,
                    index,
                    len: g.ratings.len(),
                });
            }
            let rating = g.ratings.remove(index);
            E::InsertRating {
                goal,
                index,
                rating,
            }
        }
        E::InsertEvaluation {
            goal,
            index,
            evaluation,
        } => {
            check_meeting(case, evaluation.meeting)?;
            check_text(&evaluation.text)?;
            let g = goal_mut(case, goal)?;
            check_index(EntityKind::Evaluation, index, g.evaluations.len())?;
            if g.evaluations.iter().any(|e| e.id == evaluation.id) {
                return Err(EditError::Duplicate {
                    kind: EntityKind::Evaluation,
                    id: evaluation.id.to_string(),
                });
            }
            let id = evaluation.id;
            g.evaluations.insert(index, evaluation);
            E::RemoveEvaluation { goal, id }
        }
        E::RemoveEvaluation { goal, id } => {
            let g = goal_mut(case, goal)?;
            let index = position(&g.evaluations, EntityKind::Evaluation, id, |e| e.id == id)?;
            let evaluation = g.evaluations.remove(index);
            E::InsertEvaluation {
                goal,
                index,
                evaluation,
            }
        }

        E::InsertAction { index, action } => {
            check_index(EntityKind::Action, index, case.actions.len())?;
            if case.action(action.id).is_some() {
                return Err(EditError::Duplicate {
                    kind: EntityKind::Action,
                    id: action.id.to_string(),
                });
            }
            check_text(&action.what)?;
            check_participant(case, action.responsible)?;
            check_goals(case, &action.goals)?;
            check_meeting(case, action.agreed_in)?;
            check_meeting(case, action.followed_up_in)?;
            let id = action.id;
            case.actions.insert(index, action);
            E::RemoveAction { id }
        }
        E::RemoveAction { id } => {
            let index = position(&case.actions, EntityKind::Action, id, |a| a.id == id)?;
            if case
                .meetings
                .iter()
                .any(|m| m.agenda.iter().any(|i| i.actions.contains(&id)))
            {
                return Err(EditError::StillReferenced {
                    kind: EntityKind::Action,
                    by: Referrer::Entities(EntityKind::AgendaItem),
                });
            }
            let action = case.actions.remove(index);
            E::InsertAction { index, action }
        }
        E::SetActionStatus { id, status } => {
            let old = std::mem::replace(&mut action_mut(case, id)?.status, status);
            E::SetActionStatus { id, status: old }
        }
        E::SetActionResponsible { id, responsible } => {
            check_participant(case, responsible)?;
            let old = std::mem::replace(&mut action_mut(case, id)?.responsible, responsible);
            E::SetActionResponsible {
                id,
                responsible: old,
            }
        }
        E::SetActionGoals { id, goals } => {
            check_goals(case, &goals)?;
            let old = std::mem::replace(&mut action_mut(case, id)?.goals, goals);
            E::SetActionGoals { id, goals: old }
        }
        E::SetActionFollowedUp { id, meeting } => {
            check_meeting(case, meeting)?;
            let old = std::mem::replace(&mut action_mut(case, id)?.followed_up_in, meeting);
            E::SetActionFollowedUp { id, meeting: old }
        }

        E::InsertContact { index, contact } => {
            let contacts = &mut case.crisis_plan.contacts;
            check_index(EntityKind::Contact, index, contacts.len())?;
            if contacts.iter().any(|c| c.id == contact.id) {
                return Err(EditError::Duplicate {
                    kind: EntityKind::Contact,
                    id: contact.id.to_string(),
                });
            }
            for t in [&contact.name, &contact.role, &contact.phone, &contact.note] {
                check_text(t)?;
            }
            let id = contact.id;
            contacts.insert(index, contact);
            E::RemoveContact { id }
        }
        E::RemoveContact { id } => {
            let contacts = &mut case.crisis_plan.contacts;
            let index = position(contacts, EntityKind::Contact, id, |c| c.id == id)?;
            let contact = contacts.remove(index);
            E::InsertContact { index, contact }
        }

        E::InsertMeeting { index, meeting } => {
            check_index(EntityKind::Meeting, index, case.meetings.len())?;
            if case.meeting(meeting.id).is_some() {
                return Err(EditError::Duplicate {
                    kind: EntityKind::Meeting,
                    id: meeting.id.to_string(),
                });
            }
            check_meeting_refs(&meeting, case)?;
            check_text(&meeting.place)?;
            check_text(&meeting.agreements)?;
            let id = meeting.id;
            case.meetings.insert(index, meeting);
            E::RemoveMeeting { id }
        }
        E::RemoveMeeting { id } => {
            let index = position(&case.meetings, EntityKind::Meeting, id, |m| m.id == id)?;
            if case
                .actions
                .iter()
                .any(|a| a.agreed_in == Some(id) || a.followed_up_in == Some(id))
            {
                return Err(EditError::StillReferenced {
                    kind: EntityKind::Meeting,
                    by: Referrer::Entities(EntityKind::Action),
                });
            }
            if case
                .goals
                .iter()
                .any(|g| g.evaluations.iter().any(|e| e.meeting == Some(id)))
            {
                return Err(EditError::StillReferenced {
                    kind: EntityKind::Meeting,
                    by: Referrer::Entities(EntityKind::Evaluation),
                });
            }
            let meeting = case.meetings.remove(index);
            E::InsertMeeting { index, meeting }
        }
        E::SetMeetingStart { id, starts_at } => {
            let old = std::mem::replace(&mut meeting_mut(case, id)?.starts_at, starts_at);
            E::SetMeetingStart { id, starts_at: old }
        }
        E::SetNextMeeting { id, at } => {
            let old = std::mem::replace(&mut meeting_mut(case, id)?.next_meeting, at);
            E::SetNextMeeting { id, at: old }
        }
        E::SetMeetingChair { id, chair } => {
            check_participant(case, chair)?;
            let old = std::mem::replace(&mut meeting_mut(case, id)?.chair, chair);
            E::SetMeetingChair { id, chair: old }
        }
        E::SetMeetingNoteTaker { id, note_taker } => {
            check_participant(case, note_taker)?;
            let old = std::mem::replace(&mut meeting_mut(case, id)?.note_taker, note_taker);
            E::SetMeetingNoteTaker {
                id,
                note_taker: old,
            }
        }
        E::SetAttendance {
            meeting,
            participant,
            attendance,
        } => {
            check_participant(case, Some(participant))?;
            let m = meeting_mut(case, meeting)?;
            let old = match attendance {
                Some(a) => m.attendance.insert(participant, a),
                None => m.attendance.remove(&participant),
            };
            E::SetAttendance {
                meeting,
                participant,
                attendance: old,
            }
        }
        E::InsertAgendaItem {
            meeting,
            index,
            item,
        } => {
            check_agenda_item(case, &item)?;
            let m = meeting_mut(case, meeting)?;
            check_index(EntityKind::AgendaItem, index, m.agenda.len())?;
            if m.agenda.iter().any(|i| i.id == item.id) {
                return Err(EditError::Duplicate {
                    kind: EntityKind::AgendaItem,
                    id: item.id.to_string(),
                });
            }
            let id = item.id;
            m.agenda.insert(index, item);
            E::RemoveAgendaItem { meeting, id }
        }
        E::RemoveAgendaItem { meeting, id } => {
            let m = meeting_mut(case, meeting)?;
            let index = position(&m.agenda, EntityKind::AgendaItem, id, |i| i.id == id)?;
            let item = m.agenda.remove(index);
            E::InsertAgendaItem {
                meeting,
                index,
                item,
            }
        }
        E::SetAgendaItemTime {
            meeting,
            id,
            seconds,
        } => {
            check_seconds(seconds)?;
            let item = agenda_item_mut(case, meeting, id)?;
            let old = std::mem::replace(&mut item.seconds_spent, seconds);
            E::SetAgendaItemTime {
                meeting,
                id,
                seconds: old,
            }
        }
        E::SetAgendaItemLinks {
            meeting,
            id,
            goals,
            actions,
        } => {
            check_goals(case, &goals)?;
            check_actions(case, &actions)?;
            let item = agenda_item_mut(case, meeting, id)?;
            let old_goals = std::mem::replace(&mut item.goals, goals);
            let old_actions = std::mem::replace(&mut item.actions, actions);
            E::SetAgendaItemLinks {
                meeting,
                id,
                goals: old_goals,
                actions: old_actions,
            }
        }
        E::SetMinutesRecipients {
            meeting,
            recipients,
        } => {
            for p in &recipients {
                check_participant(case, Some(*p))?;
            }
            let old = std::mem::replace(
                &mut meeting_mut(case, meeting)?.minutes_recipients,
                recipients,
            );
            E::SetMinutesRecipients {
                meeting,
                recipients: old,
            }
        }
        E::SetMeetingEnded { meeting, ended } => {
            let old = std::mem::replace(&mut meeting_mut(case, meeting)?.ended, ended);
            E::SetMeetingEnded {
                meeting,
                ended: old,
            }
        }
        E::SetMeetingApproval { meeting, approval } => {
            let old = std::mem::replace(&mut meeting_mut(case, meeting)?.approved, approval);
            E::SetMeetingApproval {
                meeting,
                approval: old,
            }
        }

        E::InsertFormEntry { index, entry } => {
            check_index(EntityKind::FormEntry, index, case.forms.len())?;
            if case.forms.iter().any(|f| f.id == entry.id) {
                return Err(EditError::Duplicate {
                    kind: EntityKind::FormEntry,
                    id: entry.id.to_string(),
                });
            }
            check_text(&entry.data)?;
            let id = entry.id;
            case.forms.insert(index, entry);
            E::RemoveFormEntry { id }
        }
        E::RemoveFormEntry { id } => {
            let index = position(&case.forms, EntityKind::FormEntry, id, |f| f.id == id)?;
            let entry = case.forms.remove(index);
            E::InsertFormEntry { index, entry }
        }
        E::SetFormData {
            id,
            data,
            plugin_version,
            updated,
        } => {
            check_text(&data)?;
            let f = form_mut(case, id)?;
            let old_data = std::mem::replace(&mut f.data, data);
            let old_version = std::mem::replace(&mut f.plugin_version, plugin_version);
            let old_updated = std::mem::replace(&mut f.updated, updated);
            E::SetFormData {
                id,
                data: old_data,
                plugin_version: old_version,
                updated: old_updated,
            }
        }
    })
}
