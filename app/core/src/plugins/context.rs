//! The case data a plugin sees: only what its manifest asked for and the user granted.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::api;
use crate::domain::{ActionStatus, Case, GoalStatus, LifeDomain, Role};

/// A capability in the app's own terms, as stored with an installed plugin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "capability", content = "domain")]
pub enum Capability {
    GoalsInDomain(LifeDomain),
    ParticipantNamesAndRoles,
    PersonName,
    PlanPeriod,
    Actions,
    /// The roles of the crisis plan's contacts ("Fastlege", "DPS akutteam"); not their names
    /// or numbers. API 0.2.
    CrisisContactRoles,
}

impl Capability {
    pub fn from_api(c: &api::Capability) -> Capability {
        match c {
            api::Capability::GoalsInDomain(d) => Capability::GoalsInDomain(domain_from_api(*d)),
            api::Capability::ParticipantNamesAndRoles => Capability::ParticipantNamesAndRoles,
            api::Capability::PersonName => Capability::PersonName,
            api::Capability::PlanPeriod => Capability::PlanPeriod,
            api::Capability::Actions => Capability::Actions,
            api::Capability::CrisisContactRoles => Capability::CrisisContactRoles,
        }
    }

    /// What the user is asked to approve, in words.
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        use crate::text::{S, labels};
        match self {
            Capability::GoalsInDomain(d) => {
                S::GoalsInDomain.fill(lang, &[&labels::domain(*d).get(lang).to_lowercase()])
            }
            Capability::ParticipantNamesAndRoles => {
                S::CapParticipantNamesAndRoles.get(lang).to_string()
            }
            Capability::PersonName => S::CapPersonName.get(lang).to_string(),
            Capability::PlanPeriod => S::CapPlanPeriod.get(lang).to_string(),
            Capability::Actions => S::CapActions.get(lang).to_string(),
            Capability::CrisisContactRoles => S::CapCrisisContactRoles.get(lang).to_string(),
        }
    }
}

pub fn domain_from_api(d: api::LifeDomain) -> LifeDomain {
    match d {
        api::LifeDomain::Health => LifeDomain::Health,
        api::LifeDomain::SubstanceUse => LifeDomain::SubstanceUse,
        api::LifeDomain::Housing => LifeDomain::Housing,
        api::LifeDomain::WorkAndActivity => LifeDomain::WorkAndActivity,
        api::LifeDomain::Finances => LifeDomain::Finances,
        api::LifeDomain::SocialNetworkAndFamily => LifeDomain::NetworkAndFamily,
        api::LifeDomain::Leisure => LifeDomain::Leisure,
        api::LifeDomain::LegalMatters => LifeDomain::Legal,
    }
}

fn domain_to_api(d: LifeDomain) -> api::LifeDomain {
    match d {
        LifeDomain::Health => api::LifeDomain::Health,
        LifeDomain::SubstanceUse => api::LifeDomain::SubstanceUse,
        LifeDomain::Housing => api::LifeDomain::Housing,
        LifeDomain::WorkAndActivity => api::LifeDomain::WorkAndActivity,
        LifeDomain::Finances => api::LifeDomain::Finances,
        LifeDomain::NetworkAndFamily => api::LifeDomain::SocialNetworkAndFamily,
        LifeDomain::Leisure => api::LifeDomain::Leisure,
        LifeDomain::Legal => api::LifeDomain::LegalMatters,
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn role_nb(r: Role) -> &'static str {
    match r {
        Role::Person => "personen selv",
        Role::Relative => "pårørende",
        Role::Coordinator => "koordinator",
        Role::GeneralPractitioner => "fastlege",
        Role::DpsTherapist => "behandler DPS",
        Role::SubstanceService => "rustjeneste",
        Role::NavAdvisor => "NAV-veileder",
        Role::HousingOffice => "boligkontor",
        Role::IpsJobSpecialist => "jobbspesialist",
        Role::CorrectionalService => "kriminalomsorgen",
        Role::Other => "annen",
    }
}

/// Builds the context for one call. `granted` is what the user approved at install time; a
/// capability the plugin did not ask for is never granted, so `granted` alone decides.
pub fn build(case: &Case, granted: &[Capability], today: NaiveDate) -> api::CaseContext {
    let has = |c: Capability| granted.contains(&c);
    let goal_domains: Vec<LifeDomain> = granted
        .iter()
        .filter_map(|c| match c {
            Capability::GoalsInDomain(d) => Some(*d),
            _ => None,
        })
        .collect();
    let name_of = |id| {
        case.participant(id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    api::CaseContext {
        today: iso(today),
        person_name: has(Capability::PersonName).then(|| case.person.name.clone()),
        participants: has(Capability::ParticipantNamesAndRoles).then(|| {
            case.participants
                .iter()
                .map(|p| api::Participant {
                    name: p.name.clone(),
                    role: role_nb(p.role).into(),
                    organisation: (!p.organisation.is_empty()).then(|| p.organisation.clone()),
                })
                .collect()
        }),
        goals: (!goal_domains.is_empty()).then(|| {
            case.goals
                .iter()
                .filter(|g| goal_domains.contains(&g.domain))
                .map(|g| api::Goal {
                    id: g.id.to_string(),
                    domain: domain_to_api(g.domain),
                    text: g.own_words.clone(),
                    status: match g.status {
                        GoalStatus::NotStarted => api::GoalStatus::NotStarted,
                        GoalStatus::InProgress => api::GoalStatus::InProgress,
                        GoalStatus::Achieved => api::GoalStatus::Achieved,
                        GoalStatus::Paused => api::GoalStatus::Paused,
                        GoalStatus::Dropped => api::GoalStatus::Discontinued,
                    },
                    target_date: g.target_date.map(iso),
                })
                .collect()
        }),
        plan_period: if has(Capability::PlanPeriod) {
            case.plan.period_start.map(|start| api::PlanPeriod {
                start: iso(start),
                end: case.plan.period_end.map(iso),
                next_revision: case.plan.revision_date.map(iso),
            })
        } else {
            None
        },
        actions: has(Capability::Actions).then(|| {
            case.actions
                .iter()
                .map(|a| api::Action {
                    description: a.what.clone(),
                    responsible: a.responsible.map(name_of).unwrap_or_default(),
                    due: a.due.map(iso),
                    done: a.status == ActionStatus::Done,
                    goal_id: a.goals.first().map(|g| g.to_string()),
                })
                .collect()
        }),
        crisis_contact_roles: has(Capability::CrisisContactRoles).then(|| {
            case.crisis_plan
                .contacts
                .iter()
                .map(|c| c.role.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::*;

    #[test]
    fn only_granted_data_is_passed() {
        let mut case = Case::default();
        case.person.name = "Ola".into();
        case.goals.push(Goal {
            id: GoalId::new(),
            domain: LifeDomain::WorkAndActivity,
            own_words: "Jobb".into(),
            ..Goal::default()
        });
        case.goals.push(Goal {
            id: GoalId::new(),
            domain: LifeDomain::Health,
            own_words: "Sove bedre".into(),
            ..Goal::default()
        });
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let none = build(&case, &[], today);
        assert_eq!(none.person_name, None);
        assert_eq!(none.goals, None);
        assert_eq!(none.participants, None);
        assert_eq!(none.actions, None);
        assert_eq!(none.crisis_contact_roles, None);
        assert_eq!(none.today, "2026-11-24");
        let work = build(
            &case,
            &[Capability::GoalsInDomain(LifeDomain::WorkAndActivity)],
            today,
        );
        let goals = work.goals.unwrap();
        assert_eq!(goals.len(), 1);
        assert_eq!(goals[0].text, "Jobb");
        assert_eq!(work.person_name, None);
    }

    #[test]
    fn crisis_contacts_are_passed_as_roles_only() {
        let mut case = Case::default();
        for (name, role) in [("Kari Lege", "Fastlege"), ("Per", " "), ("Eva", "Søster")] {
            case.crisis_plan.contacts.push(Contact {
                name: name.into(),
                role: role.into(),
                phone: "99 99 99 99".into(),
                ..Contact::default()
            });
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(build(&case, &[], today).crisis_contact_roles, None);
        let ctx = build(&case, &[Capability::CrisisContactRoles], today);
        assert_eq!(
            ctx.crisis_contact_roles,
            Some(vec!["Fastlege".to_string(), "Søster".to_string()])
        );
        let json = serde_json::to_string(&ctx).unwrap();
        assert!(!json.contains("Kari") && !json.contains("99 99"), "{json}");
    }
}
