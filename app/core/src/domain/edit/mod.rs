//! Edits: the only way a [`Case`] changes.
//!
//! [`apply`] validates an edit against the case, performs it, and returns the edit that undoes it.
//! Undo, redo, the audit log and "what changed since last meeting" are all built on that pair.
//!
//! [`Edit`] and the types in it are a file format: every database keeps its edit log as their
//! JSON, and `tests/edit_format.rs` holds that JSON to `tests/fixtures/edit-format-v1.json`.
//! Add variants and fields (with defaults); never rename or remove one.
//!
//! This module keeps the format and the dispatch; the rules live with their entity:
//! `participants`, `consents`, `goals` (with ratings and evaluations), `actions`, `crisis_plan`,
//! `meetings` (with the agenda), `forms`, and `text` for plain text and date fields. Every
//! entity kept in a list enters and leaves it through `list`, which checks them all alike.

mod actions;
mod consents;
mod crisis_plan;
mod error;
mod forms;
mod goals;
mod list;
mod meetings;
mod participants;
mod text;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::*;
pub use error::{DateKind, EditError, EntityKind, InvalidReason, Referrer};
use list::{insert, remove, remove_at, set};
pub use meetings::MAX_AGENDA_ITEM_SECONDS;

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
    /// The corrections of a meeting's approved minutes (new ones are only ever added).
    SetCorrections {
        meeting: MeetingId,
        corrections: Vec<Correction>,
    },
    /// What the meeting did with a goal or action; `None` takes the review away (untouched).
    SetReview {
        meeting: MeetingId,
        subject: Subject,
        outcome: Option<Outcome>,
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

/// The index of an insertion at the end of its list, whatever its length: what the window asks
/// for, since its panels see a filtered copy of the case whose lists may be shorter. Resolved by
/// [`Edit::placed`] against the whole case; an edit still carrying it is refused (bad index).
pub const AT_END: usize = usize::MAX;

impl Edit {
    /// The same edit with every [`AT_END`] index replaced by the length of its list in `case`.
    pub fn placed(mut self, case: &Case) -> Edit {
        fn end(index: &mut usize, len: usize) {
            if *index == AT_END {
                *index = len;
            }
        }
        match &mut self {
            Edit::InsertParticipant { index, .. } => end(index, case.participants.len()),
            Edit::InsertConsent { index, .. } => end(index, case.consents.len()),
            Edit::InsertGoal { index, .. } => end(index, case.goals.len()),
            Edit::InsertRating { goal, index, .. } => {
                end(index, case.goal(*goal).map_or(0, |g| g.ratings.len()))
            }
            Edit::InsertEvaluation { goal, index, .. } => {
                end(index, case.goal(*goal).map_or(0, |g| g.evaluations.len()))
            }
            Edit::InsertAction { index, .. } => end(index, case.actions.len()),
            Edit::InsertContact { index, .. } => end(index, case.crisis_plan.contacts.len()),
            Edit::InsertMeeting { index, .. } => end(index, case.meetings.len()),
            Edit::InsertAgendaItem { meeting, index, .. } => {
                end(index, case.meeting(*meeting).map_or(0, |m| m.agenda.len()))
            }
            Edit::InsertFormEntry { index, .. } => end(index, case.forms.len()),
            Edit::Batch { edits } => {
                let inserts = edits.iter().filter(|e| e.is_insertion()).count();
                if inserts <= 1 {
                    for e in edits.iter_mut() {
                        *e = std::mem::replace(e, Edit::Batch { edits: vec![] }).placed(case);
                    }
                } else {
                    // Later insertions see the lists as the earlier ones left them.
                    let mut scratch = case.clone();
                    for e in edits.iter_mut() {
                        *e = std::mem::replace(e, Edit::Batch { edits: vec![] }).placed(&scratch);
                        if apply(&mut scratch, e).is_err() {
                            // Applying the batch refuses it with the real error.
                            break;
                        }
                    }
                }
            }
            _ => {}
        }
        self
    }

    fn is_insertion(&self) -> bool {
        matches!(
            self,
            Edit::InsertParticipant { .. }
                | Edit::InsertConsent { .. }
                | Edit::InsertGoal { .. }
                | Edit::InsertRating { .. }
                | Edit::InsertEvaluation { .. }
                | Edit::InsertAction { .. }
                | Edit::InsertContact { .. }
                | Edit::InsertMeeting { .. }
                | Edit::InsertAgendaItem { .. }
                | Edit::InsertFormEntry { .. }
                | Edit::Batch { .. }
        )
    }

    /// Edits of the same text field may be merged into one log entry while someone types.
    pub fn text_field(&self) -> Option<&TextField> {
        match self {
            Edit::SetText { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// Rules for new input that the case as a whole need not keep: a plan period may move past
/// older actions, but a due date typed now must fall in the plan period. Checked for fresh edits
/// only; undo and redo replay exact states and skip it.
pub fn check_new(case: &Case, edit: &Edit) -> Result<(), EditError> {
    use text::check_after_plan_start as after_plan_start;
    match edit {
        Edit::SetDate {
            field: DateField::ActionDue(_),
            value,
        } => after_plan_start(case, DateKind::DueDate, *value),
        Edit::InsertAction { action, .. } => after_plan_start(case, DateKind::DueDate, action.due),
        Edit::SetDate {
            field: DateField::GoalTarget(_),
            value,
        } => after_plan_start(case, DateKind::TargetDate, *value),
        Edit::InsertGoal { goal, .. } => {
            after_plan_start(case, DateKind::TargetDate, goal.target_date)
        }
        Edit::SetText {
            field: TextField::PersonNationalId,
            value,
        } if !value.is_empty() && !is_valid_national_id(value) => {
            Err(EditError::Invalid(InvalidReason::NationalIdCheckDigits))
        }
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

pub use meetings::check_approved_minutes;

fn apply_inner(case: &mut Case, edit: &Edit, fresh: bool) -> Result<Edit, EditError> {
    use Edit as E;
    if fresh {
        check_new(case, edit)?;
    }
    // An edit that sets values swaps the new ones in and the old ones into `inverse`, which
    // then is the same edit setting them back; the others return their inverse.
    let mut inverse = edit.clone();
    match &mut inverse {
        E::Batch { edits } => return batch(case, edits, fresh),

        E::InsertParticipant { index, participant } => {
            return insert(case, (), *index, participant.clone());
        }
        E::InsertConsent { index, consent } => return insert(case, (), *index, consent.clone()),
        E::InsertGoal { index, goal } => return insert(case, (), *index, goal.clone()),
        E::InsertAction { index, action } => return insert(case, (), *index, action.clone()),
        E::InsertContact { index, contact } => return insert(case, (), *index, contact.clone()),
        E::InsertMeeting { index, meeting } => return insert(case, (), *index, meeting.clone()),
        E::InsertFormEntry { index, entry } => return insert(case, (), *index, entry.clone()),
        E::InsertRating {
            goal,
            index,
            rating,
        } => return insert(case, *goal, *index, rating.clone()),
        E::InsertEvaluation {
            goal,
            index,
            evaluation,
        } => return insert(case, *goal, *index, evaluation.clone()),
        E::InsertAgendaItem {
            meeting,
            index,
            item,
        } => return insert(case, *meeting, *index, item.clone()),

        E::RemoveParticipant { id } => return remove(case, *id),
        E::RemoveConsent { id } => return remove(case, *id),
        E::RemoveGoal { id } => return remove(case, *id),
        E::RemoveAction { id } => return remove(case, *id),
        E::RemoveContact { id } => return remove(case, *id),
        E::RemoveMeeting { id } => return remove(case, *id),
        E::RemoveFormEntry { id } => return remove(case, *id),
        E::RemoveRating { goal, index } => return remove_at::<Rating>(case, *goal, *index),
        E::RemoveEvaluation { goal, id } => return remove(case, (*goal, *id)),
        E::RemoveAgendaItem { meeting, id } => return remove(case, (*meeting, *id)),

        E::SetText { field, value } => text::set_text(case, field, value)?,
        E::SetDate { field, value } => text::set_date(case, field, value)?,
        E::SetCoordinator { participant } => participants::set_coordinator(case, participant)?,
        E::SetParticipantRole { id, role } => set(case, *id, |p| &mut p.role, role)?,
        E::SetParticipantLevel { id, level } => set(case, *id, |p| &mut p.level, level)?,
        E::SetConsentSections { id, sections } => set(case, *id, |c| &mut c.sections, sections)?,
        E::SetConsentMethod { id, method } => set(case, *id, |c| &mut c.method, method)?,
        E::SetGoalDomain { id, domain } => set(case, *id, |g| &mut g.domain, domain)?,
        E::SetGoalStatus { id, status } => set(case, *id, |g| &mut g.status, status)?,
        E::SetActionStatus { id, status } => set(case, *id, |a| &mut a.status, status)?,
        E::SetActionResponsible { id, responsible } => {
            set(case, *id, |a| &mut a.responsible, responsible)?;
        }
        E::SetActionGoals { id, goals } => set(case, *id, |a| &mut a.goals, goals)?,
        E::SetActionFollowedUp { id, meeting } => {
            set(case, *id, |a| &mut a.followed_up_in, meeting)?;
        }
        E::SetMeetingStart { id, starts_at } => set(case, *id, |m| &mut m.starts_at, starts_at)?,
        E::SetNextMeeting { id, at } => set(case, *id, |m| &mut m.next_meeting, at)?,
        E::SetMeetingChair { id, chair } => set(case, *id, |m| &mut m.chair, chair)?,
        E::SetMeetingNoteTaker { id, note_taker } => {
            set(case, *id, |m| &mut m.note_taker, note_taker)?;
        }
        E::SetMinutesRecipients {
            meeting,
            recipients,
        } => set(case, *meeting, |m| &mut m.minutes_recipients, recipients)?,
        E::SetMeetingApproval { meeting, approval } => {
            set(case, *meeting, |m| &mut m.approved, approval)?;
        }
        E::SetMeetingEnded { meeting, ended } => set(case, *meeting, |m| &mut m.ended, ended)?,
        E::SetReview {
            meeting,
            subject,
            outcome,
        } => meetings::set_review(case, *meeting, *subject, outcome)?,
        E::SetCorrections {
            meeting,
            corrections,
        } => set(case, *meeting, |m| &mut m.corrections, corrections)?,
        E::SetAttendance {
            meeting,
            participant,
            attendance,
        } => meetings::set_attendance(case, *meeting, *participant, attendance)?,
        E::SetAgendaItemTime {
            meeting,
            id,
            seconds,
        } => set(case, (*meeting, *id), |i| &mut i.seconds_spent, seconds)?,
        E::SetAgendaItemLinks {
            meeting,
            id,
            goals,
            actions,
        } => meetings::set_links(case, (*meeting, *id), goals, actions)?,
        E::SetFormData {
            id,
            data,
            plugin_version,
            updated,
        } => forms::set_data(case, *id, data, plugin_version, updated)?,
    }
    Ok(inverse)
}

/// Several edits as one: all apply or none. The inverse undoes them in reverse order.
fn batch(case: &mut Case, edits: &[Edit], fresh: bool) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for e in edits {
        match apply_inner(case, e, fresh) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                // Take back what this batch did so far; each inverse fits the state its edit
                // left, so these apply.
                for inverse in inverses.iter().rev() {
                    let _ = apply_inner(case, inverse, false);
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch { edits: inverses })
}
