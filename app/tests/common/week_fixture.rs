//! The cases the week's tests share (`week.rs`, `week_cli.rs`), dated from `today`: one with
//! something due in every group of the week, one with nothing due.
#![allow(dead_code)]

use ansvar::domain::*;
use ansvar::store::Store;
use chrono::{Months, NaiveDate, TimeDelta};

pub const PERSON: &str = "Kari Testesen";
pub const CALM: &str = "Rolf Roligsen";
pub const NAV: &str = "Per Navesen";
pub const NAV_ORG: &str = "NAV Nordvik";
pub const ACTION: &str = "Søke praksisplass i gartneriet";
pub const OTHER_ACTION: &str = "Ringe boligkontoret";
pub const GOAL: &str = "Finne en fast jobb";
pub const EVALUATED_GOAL: &str = "Sove gjennom natta";
pub const TRIGGERS: &str = "Søvnmangel og mye stress";
pub const MAIN_GOAL: &str = "Et trygt og aktivt liv";

fn days(today: NaiveDate, n: i64) -> NaiveDate {
    today + TimeDelta::days(n)
}

/// With `today` 24.11.2026: a meeting on 01.12.2026 09:00 UTC; NAV's action due 10.11.2026
/// (14 days late) and one without anyone responsible due yesterday; the revision date
/// 01.11.2026 passed; the crisis plan last reviewed 01.03.2026; NAV Nordvik's consent given
/// 10.12.2025 (to be renewed by 10.12.2026); and a goal that neither of the two meetings held
/// evaluated.
pub fn due_case(today: NaiveDate) -> Case {
    let nav = Participant {
        id: ParticipantId::new(),
        name: NAV.into(),
        role: Role::NavAdvisor,
        organisation: NAV_ORG.into(),
        ..Participant::default()
    };
    let (job, sleep) = (GoalId::new(), GoalId::new());
    let held = |n| {
        let at = days(today, n).and_hms_opt(9, 0, 0).unwrap().and_utc();
        Meeting {
            id: MeetingId::new(),
            starts_at: at,
            ended: true,
            ..Meeting::default()
        }
    };
    let (first, last) = (held(-60), held(-20));
    let mut last = last;
    last.next_meeting = Some(days(today, 7).and_hms_opt(9, 0, 0).unwrap().and_utc());
    let action = |what: &str, responsible, due| Action {
        id: ActionId::new(),
        what: what.into(),
        responsible,
        due: Some(due),
        goals: vec![job],
        ..Action::default()
    };
    Case {
        person: Person {
            name: PERSON.into(),
            ..Person::default()
        },
        plan: Plan {
            period_start: today.checked_sub_months(Months::new(10)),
            period_end: today.checked_add_months(Months::new(6)),
            revision_date: Some(days(today, -23)),
            main_goal: MAIN_GOAL.into(),
            ..Plan::default()
        },
        participants: vec![nav.clone()],
        consents: vec![Consent {
            id: ConsentId::new(),
            recipient: ConsentRecipient::Organisation(NAV_ORG.into()),
            sections: vec![
                Section::Goals(LifeDomain::WorkAndActivity),
                Section::Actions,
            ],
            given: Some(days(today, -349)),
            ..Consent::default()
        }],
        goals: vec![
            Goal {
                id: job,
                domain: LifeDomain::WorkAndActivity,
                own_words: GOAL.into(),
                status: GoalStatus::InProgress,
                ..Goal::default()
            },
            Goal {
                id: sleep,
                domain: LifeDomain::Health,
                own_words: EVALUATED_GOAL.into(),
                status: GoalStatus::InProgress,
                evaluations: vec![Evaluation {
                    id: EvaluationId::new(),
                    date: last.starts_at.date_naive(),
                    meeting: Some(last.id),
                    text: "Bedre".into(),
                }],
                ..Goal::default()
            },
        ],
        actions: vec![
            action(ACTION, Some(nav.id), days(today, -14)),
            action(OTHER_ACTION, None, days(today, -1)),
            // Not yet due: not in the week.
            action("Lage CV", Some(nav.id), days(today, 10)),
        ],
        crisis_plan: CrisisPlan {
            triggers: TRIGGERS.into(),
            reviewed_on: Some(days(today, -268)),
            ..CrisisPlan::default()
        },
        meetings: vec![first, last],
        ..Case::default()
    }
}

/// A case with nothing due: no meeting soon, no action late, a fresh crisis plan and consent.
pub fn calm_case(today: NaiveDate) -> Case {
    Case {
        person: Person {
            name: CALM.into(),
            ..Person::default()
        },
        plan: Plan {
            period_end: today.checked_add_months(Months::new(8)),
            revision_date: Some(days(today, 90)),
            ..Plan::default()
        },
        consents: vec![Consent {
            id: ConsentId::new(),
            recipient: ConsentRecipient::Organisation(NAV_ORG.into()),
            sections: vec![Section::Actions],
            given: Some(days(today, -30)),
            ..Consent::default()
        }],
        actions: vec![Action {
            id: ActionId::new(),
            what: "Søke om bostøtte".into(),
            due: Some(days(today, 3)),
            ..Action::default()
        }],
        crisis_plan: CrisisPlan {
            triggers: "Ensomhet".into(),
            reviewed_on: Some(days(today, -20)),
            ..CrisisPlan::default()
        },
        ..Case::default()
    }
}

pub fn insert_due_case(store: &Store, today: NaiveDate) -> CaseId {
    store
        .insert_case_with_log(&due_case(today), &[])
        .unwrap()
        .id
}

pub fn insert_calm_case(store: &Store, today: NaiveDate) -> CaseId {
    store
        .insert_case_with_log(&calm_case(today), &[])
        .unwrap()
        .id
}
