//! Plain text and date fields: those of the person, the plan and the crisis plan, and one text
//! or date of an entity in a list.

use chrono::NaiveDate;

use super::list::{check_text, find, set};
use super::{DateField, DateKind, EditError, InvalidReason, TextField};
use crate::domain::model::*;

/// Swaps `value` with the text in `field`.
pub(super) fn set_text(
    case: &mut Case,
    field: &TextField,
    value: &mut String,
) -> Result<(), EditError> {
    check_text(value)?;
    std::mem::swap(text_mut(case, field)?, value);
    Ok(())
}

fn text_mut<'c>(case: &'c mut Case, field: &TextField) -> Result<&'c mut String, EditError> {
    use TextField as F;
    Ok(match *field {
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
        F::CrisisTriggers => &mut case.crisis_plan.triggers,
        F::CrisisHowIWantToBeMet => &mut case.crisis_plan.how_i_want_to_be_met,
        F::CrisisWhatDoesNotHelp => &mut case.crisis_plan.what_does_not_help,
        F::CrisisTreatmentWishes => &mut case.crisis_plan.treatment_wishes,
        F::CrisisPracticalMatters => &mut case.crisis_plan.practical_matters,
        F::CrisisReviewedBy => &mut case.crisis_plan.reviewed_by,
        F::ZoneSigns(zone) => &mut case.crisis_plan.zone_mut(zone).signs,
        F::ZoneWhatIDo(zone) => &mut case.crisis_plan.zone_mut(zone).what_i_do,
        F::ZoneWhatOthersDo(zone) => &mut case.crisis_plan.zone_mut(zone).what_others_do,
        F::ParticipantName(id) => &mut find(case, id)?.name,
        F::ParticipantOrganisation(id) => &mut find(case, id)?.organisation,
        F::ParticipantPhone(id) => &mut find(case, id)?.phone,
        F::ParticipantEmail(id) => &mut find(case, id)?.email,
        F::ParticipantContributes(id) => &mut find(case, id)?.contributes,
        F::ConsentNote(id) => &mut find(case, id)?.note,
        F::GoalOwnWords(id) => &mut find(case, id)?.own_words,
        F::GoalProfessionalWording(id) => &mut find(case, id)?.professional_wording,
        F::ActionWhat(id) => &mut find(case, id)?.what,
        F::ContactName(id) => &mut find(case, id)?.name,
        F::ContactRole(id) => &mut find(case, id)?.role,
        F::ContactPhone(id) => &mut find(case, id)?.phone,
        F::ContactNote(id) => &mut find(case, id)?.note,
        F::MeetingPlace(id) => &mut find(case, id)?.place,
        F::MeetingAgreements(id) => &mut find(case, id)?.agreements,
        F::EvaluationText(goal, id) => &mut find(case, (goal, id))?.text,
        F::AgendaItemTitle(meeting, id) => &mut find(case, (meeting, id))?.title,
        F::AgendaItemMinutes(meeting, id) => &mut find(case, (meeting, id))?.minutes,
    })
}

/// Swaps `value` with the date in `field`. A date of an entity is checked with the entity (a
/// period's end not before its start); the plan period's ends are checked here.
pub(super) fn set_date(
    case: &mut Case,
    field: &DateField,
    value: &mut Option<NaiveDate>,
) -> Result<(), EditError> {
    use DateField as F;
    use DateKind as D;
    use std::mem::swap;
    let plan = &mut case.plan;
    match *field {
        F::PersonBirthDate => {
            if value.is_some_and(|d| d < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default()) {
                return Err(EditError::Invalid(InvalidReason::ImplausibleBirthDate));
            }
            swap(&mut case.person.birth_date, value);
        }
        F::PlanStart => {
            check_order((D::PlanStart, *value), (D::PlanEnd, plan.period_end))?;
            swap(&mut plan.period_start, value);
        }
        F::PlanEnd => {
            check_order((D::PlanStart, plan.period_start), (D::PlanEnd, *value))?;
            swap(&mut plan.period_end, value);
        }
        F::PlanRevision => swap(&mut plan.revision_date, value),
        F::CrisisPlanReviewed => swap(&mut case.crisis_plan.reviewed_on, value),
        F::ParticipantFrom(id) => set(case, id, |p| &mut p.active_from, value)?,
        F::ParticipantTo(id) => set(case, id, |p| &mut p.active_to, value)?,
        F::ConsentGiven(id) => set(case, id, |c| &mut c.given, value)?,
        F::ConsentWithdrawn(id) => set(case, id, |c| &mut c.withdrawn, value)?,
        F::GoalTarget(id) => set(case, id, |g| &mut g.target_date, value)?,
        F::ActionDue(id) => set(case, id, |a| &mut a.due, value)?,
    }
    Ok(())
}

/// Refuses an `earlier` date that comes after the `later` one; a missing date fits any.
pub(super) fn check_order(
    earlier: (DateKind, Option<NaiveDate>),
    later: (DateKind, Option<NaiveDate>),
) -> Result<(), EditError> {
    match (earlier, later) {
        ((earlier, Some(other)), (later, Some(date))) if date < other => {
            Err(EditError::DateOrder {
                later,
                date,
                earlier,
                other,
            })
        }
        _ => Ok(()),
    }
}

/// Refuses a new date before the plan period starts.
pub(super) fn check_after_plan_start(
    case: &Case,
    what: DateKind,
    date: Option<NaiveDate>,
) -> Result<(), EditError> {
    match (date, case.plan.period_start) {
        (Some(date), Some(plan_start)) if date < plan_start => Err(EditError::BeforePlanStart {
            what,
            date,
            plan_start,
        }),
        _ => Ok(()),
    }
}
