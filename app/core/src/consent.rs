//! What the person has consented to share with whom. Used by the shared screen (what may be
//! shown to everyone present) and by every export (what may go to a recipient).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::domain::{Case, Consent, ConsentRecipient, LifeDomain, ParticipantId, Role, Section};

/// Every section there is.
pub fn all_sections() -> BTreeSet<Section> {
    let mut all: BTreeSet<Section> = LifeDomain::ALL.iter().map(|d| Section::Goals(*d)).collect();
    all.extend([
        Section::Actions,
        Section::CrisisPlan,
        Section::Forms,
        Section::Minutes,
    ]);
    all
}

/// In force on `today`: given (on or before today, or with no date) and not withdrawn.
pub fn in_force(c: &Consent, today: NaiveDate) -> bool {
    c.given.is_none_or(|g| g <= today) && c.withdrawn.is_none_or(|w| w > today)
}

fn same_organisation(a: &str, b: &str) -> bool {
    !a.trim().is_empty() && a.trim().eq_ignore_ascii_case(b.trim())
}

/// The sections one participant may see. The person and the coordinator see everything.
pub fn visible_to(case: &Case, participant: ParticipantId, today: NaiveDate) -> BTreeSet<Section> {
    let Some(p) = case.participant(participant) else {
        return BTreeSet::new();
    };
    if p.role == Role::Person || case.plan.coordinator == Some(participant) {
        return all_sections();
    }
    case.consents
        .iter()
        .filter(|c| in_force(c, today))
        .filter(|c| match &c.recipient {
            ConsentRecipient::Participant(id) => *id == participant,
            ConsentRecipient::Organisation(org) => same_organisation(org, &p.organisation),
        })
        .flat_map(|c| c.sections.iter().copied())
        .collect()
}

/// The sections everyone in `present` may see: what can go on the shared screen.
pub fn visible_to_all(
    case: &Case,
    present: &[ParticipantId],
    today: NaiveDate,
) -> BTreeSet<Section> {
    let mut visible = all_sections();
    for p in present {
        let theirs = visible_to(case, *p, today);
        visible.retain(|s| theirs.contains(s));
    }
    visible
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::*;

    fn participant(role: Role, org: &str) -> Participant {
        Participant {
            id: ParticipantId::new(),
            name: format!("{role:?}"),
            role,
            organisation: org.into(),
            ..Participant::default()
        }
    }

    #[test]
    fn sharing_follows_consent_per_participant_and_organisation() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let person = participant(Role::Person, "");
        let coordinator = participant(Role::Coordinator, "Nordvik kommune");
        let nav = participant(Role::NavAdvisor, "NAV Nordvik");
        let brother = participant(Role::Relative, "");
        let mut case = Case::default();
        case.plan.coordinator = Some(coordinator.id);
        case.consents.push(Consent {
            id: ConsentId::new(),
            recipient: ConsentRecipient::Organisation("nav nordvik".into()),
            sections: vec![
                Section::Goals(LifeDomain::WorkAndActivity),
                Section::Minutes,
            ],
            given: Some(today),
            ..Consent::default()
        });
        case.consents.push(Consent {
            id: ConsentId::new(),
            recipient: ConsentRecipient::Participant(brother.id),
            sections: vec![Section::CrisisPlan],
            given: Some(today),
            withdrawn: Some(today),
            ..Consent::default()
        });
        let ids = [person.id, coordinator.id, nav.id, brother.id];
        case.participants = vec![person, coordinator, nav, brother];
        assert_eq!(visible_to(&case, ids[0], today), all_sections());
        assert_eq!(visible_to(&case, ids[1], today), all_sections());
        let nav_sees = visible_to(&case, ids[2], today);
        assert!(nav_sees.contains(&Section::Goals(LifeDomain::WorkAndActivity)));
        assert!(!nav_sees.contains(&Section::CrisisPlan));
        // Withdrawn today: no longer shared.
        assert!(visible_to(&case, ids[3], today).is_empty());
        let room = visible_to_all(&case, &[ids[0], ids[1], ids[2]], today);
        assert!(room.contains(&Section::Minutes));
        assert!(!room.contains(&Section::Goals(LifeDomain::Health)));
    }
}
