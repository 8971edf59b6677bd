//! Norwegian bokmål words for the model's enums, as the documents print them.

use crate::domain::{
    ActionStatus, Attendance, ConsentMethod, GoalStatus, LifeDomain, Role, Section,
};

pub fn domain(d: LifeDomain) -> &'static str {
    match d {
        LifeDomain::Health => "Helse",
        LifeDomain::SubstanceUse => "Rus",
        LifeDomain::Housing => "Bolig",
        LifeDomain::WorkAndActivity => "Arbeid og aktivitet",
        LifeDomain::Finances => "Økonomi",
        LifeDomain::NetworkAndFamily => "Nettverk og familie",
        LifeDomain::Leisure => "Fritid",
        LifeDomain::Legal => "Juridiske forhold",
    }
}

pub fn role(r: Role) -> &'static str {
    match r {
        Role::Person => "Personen selv",
        Role::Relative => "Pårørende",
        Role::Coordinator => "Koordinator",
        Role::GeneralPractitioner => "Fastlege",
        Role::DpsTherapist => "Behandler DPS",
        Role::SubstanceService => "Rustjeneste",
        Role::NavAdvisor => "NAV-veileder",
        Role::HousingOffice => "Boligkontor",
        Role::IpsJobSpecialist => "Jobbspesialist (IPS)",
        Role::CorrectionalService => "Kriminalomsorgen",
        Role::Other => "Annen",
    }
}

/// The role inside a sentence: "Erik Dahl (IPS-jobbspesialist, Nordvik kommune)".
pub fn role_in_text(r: Role) -> &'static str {
    match r {
        Role::Person => "personen selv",
        Role::Relative => "pårørende",
        Role::Coordinator => "koordinator",
        Role::GeneralPractitioner => "fastlege",
        Role::DpsTherapist => "behandler ved DPS",
        Role::SubstanceService => "rustjenesten",
        Role::NavAdvisor => "NAV-veileder",
        Role::HousingOffice => "boligkontoret",
        Role::IpsJobSpecialist => "IPS-jobbspesialist",
        Role::CorrectionalService => "kriminalomsorgen",
        Role::Other => "deltaker",
    }
}

pub fn goal_status(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::NotStarted => "Ikke startet",
        GoalStatus::InProgress => "Pågår",
        GoalStatus::Achieved => "Nådd",
        GoalStatus::Paused => "Satt på pause",
        GoalStatus::Dropped => "Avsluttet",
    }
}

pub fn action_status(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => "Åpen",
        ActionStatus::Done => "Utført",
        ActionStatus::Cancelled => "Avlyst",
    }
}

pub fn attendance(a: Attendance) -> &'static str {
    match a {
        Attendance::Present => "Til stede",
        Attendance::SentApologies => "Meldt forfall",
        Attendance::Absent => "Ikke møtt",
    }
}

pub fn consent_method(m: ConsentMethod) -> &'static str {
    match m {
        ConsentMethod::VerbalInMeeting => "muntlig i møte",
        ConsentMethod::Signed => "skriftlig",
    }
}

/// A section as it reads in a sentence: "mål innen helse", "kriseplanen".
pub fn section(s: Section) -> String {
    match s {
        Section::Goals(d) => format!("mål innen {}", domain(d).to_lowercase()),
        Section::Actions => "tiltak".into(),
        Section::CrisisPlan => "kriseplanen".into(),
        Section::Forms => "lokale skjema".into(),
        Section::Minutes => "møtereferater".into(),
    }
}

/// "a, b og c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} og {last}", rest.join(", ")),
    }
}
