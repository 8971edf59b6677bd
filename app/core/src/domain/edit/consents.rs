//! What the person consents to share, and with whom.

use super::list::{ListEntity, check_refs, check_texts, list_entity};
use super::text::check_order;
use super::{DateKind, Edit, EditError, EntityKind};
use crate::domain::model::*;

impl ListEntity for Consent {
    list_entity! {
        Consent: ConsentId in consents,
        InsertConsent { consent } / RemoveConsent
    }

    fn check(&self, case: &Case) -> Result<(), EditError> {
        match &self.recipient {
            ConsentRecipient::Participant(p) => check_refs(&case.participants, [p])?,
            ConsentRecipient::Organisation(name) => check_texts([name])?,
        }
        check_order(
            (DateKind::ConsentGiven, self.given),
            (DateKind::ConsentWithdrawn, self.withdrawn),
        )?;
        check_texts([&self.note])
    }
}
