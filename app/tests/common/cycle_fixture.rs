//! The case the meeting-cycle tests share (`cycle_cli.rs`, `cycle_app.rs`): the person, the
//! coordinator, a NAV advisor (consent: work goals and actions) and a DPS therapist (consent:
//! health goals and the minutes). The last meeting, held 19.11.2026, agreed the next one for
//! 10.12.2026 09:00 UTC and chose NAV, DPS and the person as the minutes' recipients.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use ansvar::clock::Clock;
use ansvar::domain::*;
use ansvar::session::Session;
use ansvar::store::Store;
use chrono::{NaiveDate, TimeZone, Utc};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

pub fn clock() -> Clock {
    Clock::at_noon(today())
}

pub const WORK_GOAL: &str = "Jobbe i gartneriet tre dager i uka";
pub const WORK_ACTION: &str = "Søke praksisplass i gartneriet";
pub const HEALTH_GOAL: &str = "Sove gjennom natta uten sovepiller";
pub const HEALTH_ACTION: &str = "Bestille time hos fastlegen om søvnen";
pub const MINUTES: &str = "Søvnen er bedre etter at medisinen ble endret";
pub const NAV_MAIL: &str = "per.navesen@nav.example";
pub const COORDINATOR_MAIL: &str = "nina.koordinator@nordvik.example";

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub store: Arc<Store>,
    pub case: CaseId,
    pub last: MeetingId,
}

pub fn author() -> Author {
    Author::Staff {
        name: "Nina Koordinator".into(),
        organisation: "Nordvik kommune".into(),
    }
}

pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cycle.redb");
    let store = Arc::new(Store::open_test(&db).unwrap());
    let case = store.create_case().unwrap().id;
    let mut s = Session::open(store.clone(), case, clock()).unwrap();
    let who = |name: &str, role: Role, org: &str, email: &str| Participant {
        id: ParticipantId::new(),
        name: name.into(),
        role,
        organisation: org.into(),
        email: email.into(),
        ..Participant::default()
    };
    let person = who("Ola Testesen", Role::Person, "", "ola@privat.example");
    let coordinator = who(
        "Nina Koordinator",
        Role::Coordinator,
        "Nordvik kommune",
        COORDINATOR_MAIL,
    );
    let nav = who("Per Navesen", Role::NavAdvisor, "NAV Nordvik", NAV_MAIL);
    let dps = who(
        "Dag Terapeut",
        Role::DpsTherapist,
        "DPS Nordvik",
        "dag.terapeut@dps.example",
    );
    let (pid, cid, nid, did) = (person.id, coordinator.id, nav.id, dps.id);
    let (work, health) = (GoalId::new(), GoalId::new());
    let last = MeetingId::new();
    let held = Utc.with_ymd_and_hms(2026, 11, 19, 9, 0, 0).unwrap();
    let mut edits = vec![Edit::SetText {
        field: TextField::PersonName,
        value: "Ola Testesen".into(),
    }];
    for (i, p) in [person, coordinator, nav, dps].into_iter().enumerate() {
        edits.push(Edit::InsertParticipant {
            index: i,
            participant: p,
        });
    }
    let consent = |recipient, sections| Consent {
        id: ConsentId::new(),
        recipient,
        sections,
        given: Some(today()),
        ..Consent::default()
    };
    edits.extend([
        Edit::SetCoordinator {
            participant: Some(cid),
        },
        Edit::InsertConsent {
            index: 0,
            consent: consent(
                ConsentRecipient::Organisation("NAV Nordvik".into()),
                vec![
                    Section::Goals(LifeDomain::WorkAndActivity),
                    Section::Actions,
                ],
            ),
        },
        Edit::InsertConsent {
            index: 1,
            consent: consent(
                ConsentRecipient::Participant(did),
                vec![Section::Goals(LifeDomain::Health), Section::Minutes],
            ),
        },
        Edit::InsertGoal {
            index: 0,
            goal: Goal {
                id: work,
                domain: LifeDomain::WorkAndActivity,
                own_words: WORK_GOAL.into(),
                status: GoalStatus::InProgress,
                ..Goal::default()
            },
        },
        Edit::InsertGoal {
            index: 1,
            goal: Goal {
                id: health,
                domain: LifeDomain::Health,
                own_words: HEALTH_GOAL.into(),
                status: GoalStatus::InProgress,
                ..Goal::default()
            },
        },
        Edit::InsertMeeting {
            index: 0,
            meeting: Meeting {
                id: last,
                starts_at: held,
                place: "Nordvik rådhus, møterom 3".into(),
                attendance: [
                    (pid, Attendance::Present),
                    (cid, Attendance::Present),
                    (nid, Attendance::Present),
                    (did, Attendance::Present),
                ]
                .into(),
                agenda: vec![AgendaItem {
                    id: AgendaItemId::new(),
                    title: "Helse".into(),
                    minutes: MINUTES.into(),
                    goals: vec![health],
                    ..AgendaItem::default()
                }],
                minutes_recipients: vec![nid, did, pid],
                ended: true,
                ..Meeting::default()
            },
        },
        Edit::InsertAction {
            index: 0,
            action: Action {
                id: ActionId::new(),
                what: WORK_ACTION.into(),
                responsible: Some(nid),
                due: NaiveDate::from_ymd_opt(2026, 12, 5),
                goals: vec![work],
                agreed_in: Some(last),
                ..Action::default()
            },
        },
        Edit::InsertAction {
            index: 1,
            action: Action {
                id: ActionId::new(),
                what: HEALTH_ACTION.into(),
                responsible: Some(cid),
                due: NaiveDate::from_ymd_opt(2026, 12, 1),
                goals: vec![health],
                agreed_in: Some(last),
                ..Action::default()
            },
        },
        Edit::SetNextMeeting {
            id: last,
            at: Some(Utc.with_ymd_and_hms(2026, 12, 10, 9, 0, 0).unwrap()),
        },
    ]);
    for e in edits {
        s.apply(e, &author()).unwrap();
    }
    Fixture {
        dir,
        db,
        store,
        case,
        last,
    }
}

impl Fixture {
    /// Applies edits to the case, as the app would between two runs of the command.
    pub fn edit(&self, edits: Vec<Edit>) {
        let mut s = Session::open(self.store.clone(), self.case, clock()).unwrap();
        for e in edits {
            s.apply(e, &author()).unwrap();
        }
    }
}
