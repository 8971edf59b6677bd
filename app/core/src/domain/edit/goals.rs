//! The person's goals, with the ratings and evaluations each goal collects.

use std::convert::Infallible;

use super::list::{
    ListEntity, check_all, check_referrers, check_refs, check_texts, find, list_entity,
};
use super::{Edit, EditError, EntityKind, Referrer};
use crate::domain::model::*;

impl ListEntity for Goal {
    list_entity! {
        Goal: GoalId in goals,
        InsertGoal { goal } / RemoveGoal
    }

    fn check(&self, case: &Case) -> Result<(), EditError> {
        check_texts([&self.own_words, &self.professional_wording])?;
        check_all(case, &self.ratings)?;
        check_all(case, &self.evaluations)
    }

    fn check_unreferenced(case: &Case, id: GoalId) -> Result<(), EditError> {
        let on_agenda = |m: &Meeting| m.agenda.iter().any(|i| i.goals.contains(&id));
        check_referrers::<Self>([
            (
                Referrer::Entities(EntityKind::Action),
                case.actions.iter().any(|a| a.goals.contains(&id)),
            ),
            (
                Referrer::Entities(EntityKind::AgendaItem),
                case.meetings.iter().any(on_agenda),
            ),
            (
                Referrer::Entities(EntityKind::Meeting),
                case.meetings
                    .iter()
                    .any(|m| m.outcome(Subject::Goal(id)).is_some()),
            ),
        ])
    }
}

/// The person's own rating, 1 to 10. Ratings have no id: they are addressed by position.
impl ListEntity for Rating {
    const KIND: EntityKind = EntityKind::Rating;
    type Owner = GoalId;
    type Id = Infallible;

    fn id(&self) -> Option<Infallible> {
        None
    }

    fn list(case: &mut Case, goal: GoalId) -> Result<&mut Vec<Self>, EditError> {
        Ok(&mut find(case, goal)?.ratings)
    }

    fn check(&self, _: &Case) -> Result<(), EditError> {
        if !(1..=10).contains(&self.value) {
            return Err(EditError::RatingOutOfRange(self.value));
        }
        Ok(())
    }

    fn insertion(goal: GoalId, index: usize, rating: Self) -> Edit {
        Edit::InsertRating {
            goal,
            index,
            rating,
        }
    }

    fn removal(goal: GoalId, index: usize, _: &Self) -> Edit {
        Edit::RemoveRating { goal, index }
    }
}

impl ListEntity for Evaluation {
    list_entity! {
        Evaluation: EvaluationId in Goal(goal).evaluations,
        InsertEvaluation { evaluation } / RemoveEvaluation
    }

    fn check(&self, case: &Case) -> Result<(), EditError> {
        check_refs(&case.meetings, &self.meeting)?;
        check_texts([&self.text])
    }
}
