//! The shared-screen case that `shared_screen.rs` and `room.rs` test: the person, the coordinator,
//! a NAV advisor (consent: work goals, actions and minutes) and a DPS therapist (consent: health
//! goals and forms), with the real IPS plugin installed; at the meeting NAV is present and DPS
//! absent. `hidden_from_nav` is what neither the room's screen nor NAV's documents may show.
// Each test file uses its own part of this.
#![allow(dead_code)]

use std::sync::Arc;

use ansvar::clock::Clock;
use ansvar::domain::*;
use ansvar::session::Session;
use ansvar::store::Store;
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn clock() -> Clock {
    Clock::at_noon(today())
}

pub const WORK_GOAL: &str = "Jobbe i gartneriet tre dager i uka";
pub const WORK_ACTION: &str = "Søke praksisplass i gartneriet";
pub const MINUTES: &str = "Praksisplassen kan starte i januar";
pub const HEALTH_GOAL: &str = "Sove gjennom natta uten sovepiller";
pub const HEALTH_ACTION: &str = "Bestille time hos fastlegen om søvnen";
pub const RED_SIGNS: &str = "Slutter å svare på telefonen";
pub const CONTACT_NAME: &str = "Sissel Lien";
pub const CONTACT_PHONE: &str = "93300111";
pub const PHONE: &str = "40011223";
pub const ADDRESS: &str = "Storgata 7, 8000 Nordvik";
pub const NATIONAL_ID: &str = "01819012365";
pub const MAIN_GOAL: &str = "Klare meg selv i egen leilighet";
pub const FORM_WORDS: &str = "Fast jobb som gartner innen to år";

/// What no one but the person and the coordinator may see in this case.
pub fn hidden_from_nav() -> Vec<String> {
    let mut hidden: Vec<String> = [
        HEALTH_GOAL,
        HEALTH_ACTION,
        RED_SIGNS,
        CONTACT_NAME,
        CONTACT_PHONE,
        PHONE,
        ADDRESS,
        NATIONAL_ID,
        MAIN_GOAL,
        FORM_WORDS,
    ]
    .map(String::from)
    .to_vec();
    hidden.push(mask_national_id(NATIONAL_ID));
    hidden
}

pub struct Fixture {
    _dir: tempfile::TempDir,
    pub cache: tempfile::TempDir,
    pub db: std::path::PathBuf,
    pub store: Arc<Store>,
    pub case: CaseId,
}

pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("room.redb");
    let store = Arc::new(Store::open_test(&db).unwrap());
    let case = store.create_case().unwrap().id;
    let cache = tempfile::tempdir().unwrap();
    install_ips(&store, &cache);
    let mut s = Session::open(store.clone(), case, clock()).unwrap();
    let who = |name: &str, role: Role, org: &str| Participant {
        id: ParticipantId::new(),
        name: name.into(),
        role,
        organisation: org.into(),
        ..Participant::default()
    };
    let person = who("Ola Testesen", Role::Person, "");
    let coordinator = who("Nina Koordinator", Role::Coordinator, "Nordvik kommune");
    let nav = who("Per Navesen", Role::NavAdvisor, "NAV Nordvik");
    let dps = who("Dag Terapeut", Role::DpsTherapist, "DPS Nordvik");
    let (pid, cid, nid, did) = (person.id, coordinator.id, nav.id, dps.id);
    let (work, health) = (GoalId::new(), GoalId::new());
    let meeting = MeetingId::new();
    let text = |field, value: &str| Edit::SetText {
        field,
        value: value.into(),
    };
    let t = clock().now();
    let mut edits = vec![
        text(TextField::PersonName, "Ola Testesen"),
        text(TextField::PersonPhone, PHONE),
        text(TextField::PersonAddress, ADDRESS),
        text(TextField::PersonNationalId, NATIONAL_ID),
        text(TextField::PlanMainGoal, MAIN_GOAL),
    ];
    for (i, p) in [person, coordinator, nav, dps].into_iter().enumerate() {
        edits.push(Edit::InsertParticipant {
            index: i,
            participant: p,
        });
    }
    edits.extend([
        Edit::SetCoordinator {
            participant: Some(cid),
        },
        Edit::InsertConsent {
            index: 0,
            consent: Consent {
                id: ConsentId::new(),
                recipient: ConsentRecipient::Organisation("NAV Nordvik".into()),
                sections: vec![
                    Section::Goals(LifeDomain::WorkAndActivity),
                    Section::Actions,
                    Section::Minutes,
                ],
                given: Some(today()),
                ..Consent::default()
            },
        },
        Edit::InsertConsent {
            index: 1,
            consent: Consent {
                id: ConsentId::new(),
                recipient: ConsentRecipient::Participant(did),
                sections: vec![Section::Goals(LifeDomain::Health), Section::Forms],
                given: Some(today()),
                ..Consent::default()
            },
        },
        Edit::InsertGoal {
            index: 0,
            goal: Goal {
                id: work,
                domain: LifeDomain::WorkAndActivity,
                own_words: WORK_GOAL.into(),
                expressed_by_person: true,
                ..Goal::default()
            },
        },
        Edit::InsertGoal {
            index: 1,
            goal: Goal {
                id: health,
                domain: LifeDomain::Health,
                own_words: HEALTH_GOAL.into(),
                expressed_by_person: true,
                ..Goal::default()
            },
        },
        Edit::InsertAction {
            index: 0,
            action: Action {
                id: ActionId::new(),
                what: WORK_ACTION.into(),
                responsible: Some(nid),
                goals: vec![work],
                ..Action::default()
            },
        },
        Edit::InsertAction {
            index: 1,
            action: Action {
                id: ActionId::new(),
                what: HEALTH_ACTION.into(),
                responsible: Some(cid),
                goals: vec![health],
                ..Action::default()
            },
        },
        text(TextField::ZoneSigns(Zone::Red), RED_SIGNS),
        Edit::InsertContact {
            index: 0,
            contact: Contact {
                id: ContactId::new(),
                name: CONTACT_NAME.into(),
                role: "Søster".into(),
                phone: CONTACT_PHONE.into(),
                ..Contact::default()
            },
        },
        Edit::InsertFormEntry {
            index: 0,
            entry: FormEntry {
                id: FormEntryId::new(),
                plugin_id: "no.fjordvik.ips-oppfolging".into(),
                plugin_version: "1.2.0".into(),
                data: serde_json::json!({
                    "job-goal": FORM_WORDS,
                })
                .to_string(),
                created: t,
                updated: t,
            },
        },
        Edit::InsertMeeting {
            index: 0,
            meeting: Meeting {
                id: meeting,
                starts_at: t,
                place: "Nordvik rådhus".into(),
                attendance: [
                    (pid, Attendance::Present),
                    (cid, Attendance::Present),
                    (nid, Attendance::Present),
                    (did, Attendance::Absent),
                ]
                .into(),
                agenda: vec![AgendaItem {
                    id: AgendaItemId::new(),
                    title: "Arbeid og aktivitet".into(),
                    minutes: MINUTES.into(),
                    goals: vec![work, health],
                    ..AgendaItem::default()
                }],
                ..Meeting::default()
            },
        },
    ]);
    let author = Author::Staff {
        name: "Nina Koordinator".into(),
        organisation: "Nordvik kommune".into(),
    };
    for e in edits {
        s.apply(e, &author).unwrap();
    }
    Fixture {
        _dir: dir,
        cache,
        db,
        store,
        case,
    }
}

/// Installs the real IPS plugin, granted what it asks for: the work goals and who takes part.
pub fn install_ips(store: &Store, cache: &tempfile::TempDir) {
    use ansvar::plugins::context::Capability;
    use ansvar::plugins::host::PluginHost;
    use ansvar::plugins::package::{Package, SecretKey};
    use ansvar::plugins::registry;
    let host = PluginHost::new(Some(cache.path().to_path_buf())).unwrap();
    let wasm = crate::common::wasm("ips-follow-up");
    let plugin = host.load(&wasm).unwrap();
    let grant: Vec<Capability> = plugin
        .manifest
        .capabilities
        .iter()
        .map(Capability::from_api)
        .collect();
    let key = SecretKey::generate().unwrap();
    let package = Package::sign(serde_json::to_vec(&plugin.manifest).unwrap(), wasm, &key);
    registry::trust_key(store, key.public(), "Test", clock().now()).unwrap();
    registry::install(store, &host, &package.to_bytes(), &grant, clock().now()).unwrap();
}
