//! The crisis plan's contacts. Its zones and other texts are plain text fields (`text.rs`).

use super::list::{ListEntity, check_texts, list_entity};
use super::{Edit, EditError, EntityKind};
use crate::domain::model::*;

impl ListEntity for Contact {
    list_entity! {
        Contact: ContactId in crisis_plan.contacts,
        InsertContact { contact } / RemoveContact
    }

    fn check(&self, _: &Case) -> Result<(), EditError> {
        check_texts([&self.name, &self.role, &self.phone, &self.note])
    }
}
