//! What may be shown or exported to whom, for the documents: the person's consents
//! (samtykke) as the app judges them everywhere ([`crate::consent`]: the person themself and the
//! coordinator see everything; anyone else sees the sections of the consents in force that name
//! them or their organisation), plus the rules a document needs on top:
//!
//! - An action is shown only when actions are shared and every goal it serves is shared, so a
//!   health action does not leak through a shared action list.
//! - The plan's free-text parts (main goal, resources, needs, how the actions are carried out,
//!   cooperation) and the person's contact details have no section of their own and may hold
//!   anything; they are shown only to those who see everything.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::domain::{
    Action, Case, Consent, ConsentRecipient, Goal, Participant, ParticipantId, Role, Section,
};

pub use crate::consent::all_sections;

/// What one reader may see of a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visibility {
    /// The person or the coordinator: everything, the plan's free text included.
    pub full: bool,
    pub sections: BTreeSet<Section>,
}

impl Visibility {
    /// Everything: for the person, the coordinator, or an internal copy.
    pub fn everything() -> Self {
        Visibility {
            full: true,
            sections: all_sections(),
        }
    }

    pub fn shows(&self, section: Section) -> bool {
        self.full || self.sections.contains(&section)
    }

    pub fn shows_goal(&self, goal: &Goal) -> bool {
        self.shows(Section::Goals(goal.domain))
    }

    /// Actions are shared, and so is every goal the action serves.
    pub fn shows_action(&self, case: &Case, action: &Action) -> bool {
        self.shows(Section::Actions)
            && action
                .goals
                .iter()
                .all(|g| case.goal(*g).is_none_or(|g| self.shows_goal(g)))
    }

    /// The sections left out, in a stable order.
    pub fn hidden(&self) -> Vec<Section> {
        all_sections()
            .into_iter()
            .filter(|s| !self.shows(*s))
            .collect()
    }
}

/// True when the consent is given to this participant, by name or through their organisation.
pub fn consent_applies_to(consent: &Consent, participant: &Participant) -> bool {
    match &consent.recipient {
        ConsentRecipient::Participant(id) => *id == participant.id,
        ConsentRecipient::Organisation(org) => {
            !org.trim().is_empty()
                && org
                    .trim()
                    .eq_ignore_ascii_case(participant.organisation.trim())
        }
    }
}

/// The person themself and the coordinator see the whole plan.
pub fn has_full_access(case: &Case, participant: &Participant) -> bool {
    participant.role == Role::Person || case.plan.coordinator == Some(participant.id)
}

/// What `reader` may see on `on`. `None` is the complete, internal copy.
/// A reader who is not a participant of the case sees nothing of the consent-governed sections.
pub fn visible_sections(case: &Case, reader: Option<ParticipantId>, on: NaiveDate) -> Visibility {
    let Some(reader) = reader else {
        return Visibility::everything();
    };
    let Some(participant) = case.participant(reader) else {
        return Visibility {
            full: false,
            sections: BTreeSet::new(),
        };
    };
    Visibility {
        full: has_full_access(case, participant),
        sections: crate::consent::visible_to(case, reader, on),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ConsentId, LifeDomain};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default()
    }

    fn case() -> (Case, ParticipantId, ParticipantId, ParticipantId) {
        let person = Participant {
            id: ParticipantId::new(),
            name: "Kari".into(),
            role: Role::Person,
            ..Participant::default()
        };
        let nav = Participant {
            id: ParticipantId::new(),
            name: "Nina".into(),
            role: Role::NavAdvisor,
            organisation: "NAV Nordvik".into(),
            ..Participant::default()
        };
        let gp = Participant {
            id: ParticipantId::new(),
            name: "Sigurd".into(),
            role: Role::GeneralPractitioner,
            ..Participant::default()
        };
        let ids = (person.id, nav.id, gp.id);
        let case = Case {
            participants: vec![person, nav, gp],
            consents: vec![
                Consent {
                    id: ConsentId::new(),
                    recipient: ConsentRecipient::Organisation("nav nordvik ".into()),
                    sections: vec![
                        Section::Goals(LifeDomain::WorkAndActivity),
                        Section::Actions,
                    ],
                    given: Some(day(1)),
                    withdrawn: Some(day(20)),
                    ..Consent::default()
                },
                Consent {
                    id: ConsentId::new(),
                    recipient: ConsentRecipient::Participant(ids.2),
                    sections: vec![Section::CrisisPlan],
                    given: None,
                    ..Consent::default()
                },
            ],
            ..Case::default()
        };
        (case, ids.0, ids.1, ids.2)
    }

    #[test]
    fn person_sees_everything_and_others_what_they_were_given() {
        let (case, person, nav, gp) = case();
        assert!(visible_sections(&case, Some(person), day(5)).full);
        let v = visible_sections(&case, Some(nav), day(5));
        assert!(!v.full);
        assert!(v.shows(Section::Actions));
        assert!(v.shows(Section::Goals(LifeDomain::WorkAndActivity)));
        assert!(!v.shows(Section::CrisisPlan));
        // Withdrawn on the 20th.
        assert!(
            visible_sections(&case, Some(nav), day(20))
                .sections
                .is_empty()
        );
        // An action serving a goal that is not shared stays out.
        let mut case = case;
        let health = Goal {
            id: crate::domain::GoalId::new(),
            domain: LifeDomain::Health,
            ..Goal::default()
        };
        let action = Action {
            goals: vec![health.id],
            ..Action::default()
        };
        case.goals.push(health);
        assert!(!v.shows_action(&case, &action));
        assert!(v.shows_action(&case, &Action::default()));
        assert!(visible_sections(&case, Some(gp), day(5)).shows(Section::CrisisPlan));
        assert!(
            visible_sections(&case, Some(ParticipantId::new()), day(5))
                .sections
                .is_empty()
        );
    }
}
