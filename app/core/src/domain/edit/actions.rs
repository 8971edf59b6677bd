//! Actions: what a named party does, by a date, towards the goals.

use super::list::{ListEntity, check_referrers, check_refs, check_texts, list_entity};
use super::{Edit, EditError, EntityKind, Referrer};
use crate::domain::model::*;

impl ListEntity for Action {
    list_entity! {
        Action: ActionId in actions,
        InsertAction { action } / RemoveAction
    }

    fn check(&self, case: &Case) -> Result<(), EditError> {
        check_texts([&self.what])?;
        check_refs(&case.participants, &self.responsible)?;
        check_refs(&case.goals, &self.goals)?;
        check_refs(
            &case.meetings,
            self.agreed_in.iter().chain(&self.followed_up_in),
        )
    }

    fn check_unreferenced(case: &Case, id: ActionId) -> Result<(), EditError> {
        let on_agenda = |m: &Meeting| m.agenda.iter().any(|i| i.actions.contains(&id));
        check_referrers::<Self>([
            (
                Referrer::Entities(EntityKind::AgendaItem),
                case.meetings.iter().any(on_agenda),
            ),
            (
                Referrer::Entities(EntityKind::Meeting),
                case.meetings
                    .iter()
                    .any(|m| m.outcome(Subject::Action(id)).is_some()),
            ),
        ])
    }
}
