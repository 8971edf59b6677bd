//! The model's enums in words: which catalogue entry names each value. The UI, the
//! documents, the history and the CLI all name them through these functions.

use super::S;
use crate::domain::{
    ActionStatus, Attendance, ConsentMethod, GoalStatus, Level, LifeDomain, Role, Section,
};
use crate::i18n::Lang;

pub fn domain(d: LifeDomain) -> S {
    match d {
        LifeDomain::Health => S::DomainHealth,
        LifeDomain::SubstanceUse => S::DomainSubstance,
        LifeDomain::Housing => S::DomainHousing,
        LifeDomain::WorkAndActivity => S::DomainWork,
        LifeDomain::Finances => S::DomainFinances,
        LifeDomain::NetworkAndFamily => S::DomainNetwork,
        LifeDomain::Leisure => S::DomainLeisure,
        LifeDomain::Legal => S::DomainLegal,
    }
}

pub fn role(r: Role) -> S {
    match r {
        Role::Person => S::RolePerson,
        Role::Relative => S::RoleRelative,
        Role::Coordinator => S::RoleCoordinator,
        Role::GeneralPractitioner => S::RoleGp,
        Role::DpsTherapist => S::RoleDps,
        Role::SubstanceService => S::RoleSubstance,
        Role::NavAdvisor => S::RoleNav,
        Role::HousingOffice => S::RoleHousing,
        Role::IpsJobSpecialist => S::RoleIps,
        Role::CorrectionalService => S::RoleCorrectional,
        Role::Other => S::RoleOther,
    }
}

/// The role inside a sentence: "Erik Dahl (IPS-jobbspesialist, Nordvik kommune)".
pub fn role_in_text(r: Role) -> S {
    match r {
        Role::Person => S::RolePersonInText,
        Role::Relative => S::RoleRelativeInText,
        Role::Coordinator => S::RoleCoordinatorInText,
        Role::GeneralPractitioner => S::RoleGpInText,
        Role::DpsTherapist => S::RoleDpsInText,
        Role::SubstanceService => S::RoleSubstanceInText,
        Role::NavAdvisor => S::RoleNavInText,
        Role::HousingOffice => S::RoleHousingInText,
        Role::IpsJobSpecialist => S::RoleIpsInText,
        Role::CorrectionalService => S::RoleCorrectionalInText,
        Role::Other => S::RoleOtherInText,
    }
}

pub fn level(l: Level) -> S {
    match l {
        Level::Municipality => S::LevelMunicipality,
        Level::SpecialistHealth => S::LevelSpecialist,
        Level::Nav => S::LevelNav,
        Level::Other => S::LevelOther,
    }
}

pub fn goal_status(s: GoalStatus) -> S {
    match s {
        GoalStatus::NotStarted => S::GoalNotStarted,
        GoalStatus::InProgress => S::GoalInProgress,
        GoalStatus::Achieved => S::GoalAchieved,
        GoalStatus::Paused => S::GoalPaused,
        GoalStatus::Dropped => S::GoalDropped,
    }
}

pub fn action_status(s: ActionStatus) -> S {
    match s {
        ActionStatus::Open => S::StatusOpen,
        ActionStatus::Done => S::StatusDone,
        ActionStatus::Cancelled => S::StatusCancelled,
    }
}

pub fn attendance(a: Attendance) -> S {
    match a {
        Attendance::Present => S::Present,
        Attendance::SentApologies => S::SentApologies,
        Attendance::Absent => S::Absent,
    }
}

pub fn consent_method(m: ConsentMethod) -> S {
    match m {
        ConsentMethod::VerbalInMeeting => S::MethodVerbal,
        ConsentMethod::Signed => S::MethodSigned,
    }
}

/// A section as a heading: "Mål: Helse", "Kriseplan".
pub fn section(s: Section, lang: Lang) -> String {
    match s {
        Section::Goals(d) => format!("{}: {}", S::TabGoals.get(lang), domain(d).get(lang)),
        Section::Actions => S::TabActions.get(lang).into(),
        Section::CrisisPlan => S::TabCrisisPlan.get(lang).into(),
        Section::Forms => S::TabForms.get(lang).into(),
        Section::Minutes => S::Minutes.get(lang).into(),
    }
}

/// A section as it reads in a sentence: "mål innen helse", "kriseplanen".
pub fn section_in_text(s: Section, lang: Lang) -> String {
    match s {
        Section::Goals(d) => S::GoalsInDomain.fill(lang, &[&domain(d).get(lang).to_lowercase()]),
        Section::Actions => S::ActionsInText.get(lang).into(),
        Section::CrisisPlan => S::CrisisPlanInText.get(lang).into(),
        Section::Forms => S::FormsInText.get(lang).into(),
        Section::Minutes => S::MinutesInText.get(lang).into(),
    }
}

/// "a, b og c".
pub fn join_and(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), S::And.get(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        let items = ["a".to_string(), "b".into(), "c".into()];
        assert_eq!(join_and(&items, Lang::Nb), "a, b og c");
        assert_eq!(join_and(&items[..1], Lang::En), "a");
        assert_eq!(
            section_in_text(Section::Goals(LifeDomain::Health), Lang::Nb),
            "mål innen helse"
        );
    }
}
