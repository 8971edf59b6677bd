//! The edit log's file format: the JSON of every edit kind, frozen in
//! `tests/fixtures/edit-format-v1.json`.
//!
//! Every database stores its edit log as this JSON, and undo, the history and loading a case read
//! it back years later. Renaming a variant, a field or an enum value breaks every file written
//! before: these tests fail first. An addition (a new kind, a new field with a default) changes
//! what serialising writes but not what old files say: write the new form to
//! `edit-format-v2.json`, compare against that, and keep checking that v1 still reads.

use std::sync::Arc;

use ansvar_core::clock::Clock;
use ansvar_core::domain::edit::MAX_TEXT_CHARS;
use ansvar_core::domain::*;
use ansvar_core::session::Session;
use ansvar_core::store::Store;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

const FORMAT_V1: &str = include_str!("fixtures/edit-format-v1.json");
/// v1 and the kinds added since: a meeting's review of goals and actions.
const FORMAT_V2: &str = include_str!("fixtures/edit-format-v2.json");

const P1: ParticipantId = ParticipantId(Uuid::from_u64_pair(1, 1));
const P2: ParticipantId = ParticipantId(Uuid::from_u64_pair(1, 2));
const C1: ConsentId = ConsentId(Uuid::from_u64_pair(2, 1));
const C2: ConsentId = ConsentId(Uuid::from_u64_pair(2, 2));
const G1: GoalId = GoalId(Uuid::from_u64_pair(3, 1));
const G2: GoalId = GoalId(Uuid::from_u64_pair(3, 2));
const E1: EvaluationId = EvaluationId(Uuid::from_u64_pair(4, 1));
const E2: EvaluationId = EvaluationId(Uuid::from_u64_pair(4, 2));
const A1: ActionId = ActionId(Uuid::from_u64_pair(5, 1));
const A2: ActionId = ActionId(Uuid::from_u64_pair(5, 2));
const K1: ContactId = ContactId(Uuid::from_u64_pair(6, 1));
const M1: MeetingId = MeetingId(Uuid::from_u64_pair(7, 1));
const M2: MeetingId = MeetingId(Uuid::from_u64_pair(7, 2));
const I1: AgendaItemId = AgendaItemId(Uuid::from_u64_pair(8, 1));
const I2: AgendaItemId = AgendaItemId(Uuid::from_u64_pair(8, 2));
const F1: FormEntryId = FormEntryId(Uuid::from_u64_pair(9, 1));

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap()
}

fn text(field: TextField, value: &str) -> Edit {
    Edit::SetText {
        field,
        value: value.into(),
    }
}

fn date(field: DateField, value: Option<NaiveDate>) -> Edit {
    Edit::SetDate { field, value }
}

fn batch(edits: impl IntoIterator<Item = Edit>) -> Edit {
    Edit::Batch {
        edits: edits.into_iter().collect(),
    }
}

/// One example of every edit kind, and every text field, date field and enum value an edit can
/// carry, in an order that applies to an empty case.
fn examples_v1() -> Vec<Edit> {
    use TextField as T;
    vec![
        // The person and the plan.
        batch([
            text(T::PersonName, "Ærlig Øyvind Ås"),
            text(T::PersonPhone, "+47 400 00 000"),
            text(T::PersonEmail, "oyvind@example.no"),
            text(T::PersonAddress, "Storgata 1, 8000 Nordvik"),
            text(T::PersonNationalId, "01819012365"),
            text(T::PlanMainGoal, "Bo trygt i egen leilighet"),
            text(T::PlanResources, "Liker å lage mat"),
            text(T::PlanNeeds, "Hjelp med økonomi"),
            text(T::PlanImplementation, "Ukentlige samtaler"),
            text(T::PlanCooperation, "NAV og boligkontoret"),
        ]),
        batch([
            date(DateField::PersonBirthDate, Some(day(1990, 5, 17))),
            date(DateField::PlanStart, Some(day(2026, 1, 1))),
            date(DateField::PlanEnd, Some(day(2027, 12, 31))),
            date(DateField::PlanRevision, Some(day(2026, 6, 1))),
        ]),
        // Participants.
        Edit::InsertParticipant {
            index: 0,
            participant: Participant {
                id: P1,
                name: "Kari Koordinator".into(),
                role: Role::Coordinator,
                organisation: "Nordvik kommune".into(),
                level: Level::Municipality,
                phone: "400 00 001".into(),
                email: "kari@nordvik.kommune.no".into(),
                contributes: "Koordinerer planen".into(),
                active_from: Some(day(2026, 1, 1)),
                active_to: None,
            },
        },
        Edit::InsertParticipant {
            index: 1,
            participant: Participant {
                id: P2,
                name: "Per".into(),
                ..Participant::default()
            },
        },
        Edit::SetCoordinator {
            participant: Some(P1),
        },
        batch(
            [
                Role::Person,
                Role::Relative,
                Role::Coordinator,
                Role::GeneralPractitioner,
                Role::DpsTherapist,
                Role::SubstanceService,
                Role::HousingOffice,
                Role::IpsJobSpecialist,
                Role::CorrectionalService,
                Role::Other,
                Role::NavAdvisor,
            ]
            .map(|role| Edit::SetParticipantRole { id: P2, role }),
        ),
        batch(
            [
                Level::Municipality,
                Level::SpecialistHealth,
                Level::Other,
                Level::Nav,
            ]
            .map(|level| Edit::SetParticipantLevel { id: P2, level }),
        ),
        batch([
            text(T::ParticipantName(P2), "Per Veileder"),
            text(T::ParticipantOrganisation(P2), "NAV Nordvik"),
            text(T::ParticipantPhone(P2), "400 00 002"),
            text(T::ParticipantEmail(P2), "per@nav.no"),
            text(T::ParticipantContributes(P2), "Arbeid og økonomi"),
            date(DateField::ParticipantFrom(P2), Some(day(2026, 2, 1))),
            date(DateField::ParticipantTo(P2), Some(day(2027, 6, 30))),
        ]),
        // Consents.
        Edit::InsertConsent {
            index: 0,
            consent: Consent {
                id: C1,
                recipient: ConsentRecipient::Participant(P2),
                sections: vec![
                    Section::Goals(LifeDomain::WorkAndActivity),
                    Section::Actions,
                    Section::CrisisPlan,
                    Section::Forms,
                    Section::Minutes,
                ],
                given: Some(day(2026, 2, 1)),
                withdrawn: None,
                method: ConsentMethod::Signed,
                note: "Gjelder arbeid".into(),
            },
        },
        Edit::InsertConsent {
            index: 1,
            consent: Consent {
                id: C2,
                recipient: ConsentRecipient::Organisation("Boligkontoret".into()),
                ..Consent::default()
            },
        },
        Edit::SetConsentSections {
            id: C2,
            sections: vec![Section::Goals(LifeDomain::Housing)],
        },
        batch(
            [ConsentMethod::Signed, ConsentMethod::VerbalInMeeting]
                .map(|method| Edit::SetConsentMethod { id: C2, method }),
        ),
        batch([
            text(T::ConsentNote(C2), "Muntlig i møtet"),
            date(DateField::ConsentGiven(C2), Some(day(2026, 2, 3))),
            date(DateField::ConsentWithdrawn(C2), Some(day(2026, 9, 1))),
        ]),
        // A meeting, before the goals and actions that refer to it.
        Edit::InsertMeeting {
            index: 0,
            meeting: Meeting {
                id: M1,
                starts_at: at(2, 10, 9),
                place: "Rådhuset".into(),
                chair: Some(P1),
                note_taker: Some(P2),
                attendance: [(P1, Attendance::Present), (P2, Attendance::Absent)].into(),
                agenda: vec![AgendaItem {
                    id: I1,
                    title: "Siden sist".into(),
                    minutes: "Alt vel".into(),
                    seconds_spent: 120,
                    goals: vec![],
                    actions: vec![],
                }],
                agreements: "Neste møte om seks uker".into(),
                next_meeting: Some(at(3, 24, 9)),
                minutes_recipients: vec![P1],
                ended: false,
                approved: None,
                reviews: vec![],
                corrections: vec![],
            },
        },
        // Goals, their ratings and evaluations.
        Edit::InsertGoal {
            index: 0,
            goal: Goal {
                id: G1,
                domain: LifeDomain::Housing,
                own_words: "Egen leilighet".into(),
                expressed_by_person: true,
                professional_wording: "Etablere seg i egen bolig".into(),
                status: GoalStatus::NotStarted,
                target_date: Some(day(2026, 12, 1)),
                ratings: vec![Rating {
                    date: day(2026, 2, 10),
                    value: 3,
                }],
                evaluations: vec![Evaluation {
                    id: E1,
                    date: day(2026, 2, 10),
                    meeting: Some(M1),
                    text: "Har søkt".into(),
                }],
            },
        },
        Edit::InsertGoal {
            index: 1,
            goal: Goal {
                id: G2,
                ..Goal::default()
            },
        },
        batch(
            [
                LifeDomain::Health,
                LifeDomain::SubstanceUse,
                LifeDomain::Housing,
                LifeDomain::Finances,
                LifeDomain::NetworkAndFamily,
                LifeDomain::Leisure,
                LifeDomain::Legal,
                LifeDomain::WorkAndActivity,
            ]
            .map(|domain| Edit::SetGoalDomain { id: G2, domain }),
        ),
        batch(
            [
                GoalStatus::NotStarted,
                GoalStatus::Achieved,
                GoalStatus::Paused,
                GoalStatus::Dropped,
                GoalStatus::InProgress,
            ]
            .map(|status| Edit::SetGoalStatus { id: G2, status }),
        ),
        Edit::InsertRating {
            goal: G1,
            index: 1,
            rating: Rating {
                date: day(2026, 3, 24),
                value: 6,
            },
        },
        Edit::RemoveRating { goal: G1, index: 0 },
        Edit::InsertEvaluation {
            goal: G1,
            index: 1,
            evaluation: Evaluation {
                id: E2,
                date: day(2026, 3, 24),
                meeting: None,
                text: "Fått visning".into(),
            },
        },
        Edit::RemoveEvaluation { goal: G1, id: E1 },
        batch([
            text(T::GoalOwnWords(G2), "Få meg jobb"),
            text(T::GoalProfessionalWording(G2), "Arbeidsrettet aktivitet"),
            text(T::EvaluationText(G1, E2), "Fått visning i Storgata"),
            date(DateField::GoalTarget(G2), Some(day(2026, 10, 1))),
        ]),
        // Actions.
        Edit::InsertAction {
            index: 0,
            action: Action {
                id: A1,
                what: "Søke bostøtte".into(),
                responsible: Some(P2),
                due: Some(day(2026, 3, 1)),
                status: ActionStatus::Open,
                goals: vec![G1],
                agreed_in: Some(M1),
                followed_up_in: None,
            },
        },
        batch(
            [
                ActionStatus::Done,
                ActionStatus::Cancelled,
                ActionStatus::Open,
            ]
            .map(|status| Edit::SetActionStatus { id: A1, status }),
        ),
        Edit::SetActionResponsible {
            id: A1,
            responsible: Some(P1),
        },
        Edit::SetActionGoals {
            id: A1,
            goals: vec![G1, G2],
        },
        Edit::SetActionFollowedUp {
            id: A1,
            meeting: Some(M1),
        },
        batch([
            text(T::ActionWhat(A1), "Søke bostøtte hos Husbanken"),
            date(DateField::ActionDue(A1), Some(day(2026, 3, 15))),
        ]),
        // The crisis plan.
        batch([
            text(T::ZoneSigns(Zone::Green), "Sover godt"),
            text(T::ZoneWhatIDo(Zone::Yellow), "Ringer søsteren min"),
            text(T::ZoneWhatOthersDo(Zone::Red), "Ringer legevakten"),
            text(T::CrisisTriggers, "Brev fra NAV"),
            text(T::CrisisHowIWantToBeMet, "Rolig"),
            text(T::CrisisWhatDoesNotHelp, "Mas"),
            text(T::CrisisTreatmentWishes, "Ikke innleggelse"),
            text(T::CrisisPracticalMatters, "Katten må mates"),
            text(T::CrisisReviewedBy, "Kari"),
            date(DateField::CrisisPlanReviewed, Some(day(2026, 2, 10))),
        ]),
        Edit::InsertContact {
            index: 0,
            contact: Contact {
                id: K1,
                name: "Legevakt".into(),
                role: "Akutt".into(),
                phone: "116 117".into(),
                note: "Hele døgnet".into(),
            },
        },
        batch([
            text(T::ContactName(K1), "Nordvik legevakt"),
            text(T::ContactRole(K1), "Legevakt"),
            text(T::ContactPhone(K1), "116117"),
            text(T::ContactNote(K1), "Døgnåpen"),
        ]),
        // The meeting.
        Edit::SetMeetingStart {
            id: M1,
            starts_at: at(2, 10, 10),
        },
        Edit::SetNextMeeting {
            id: M1,
            at: Some(at(3, 24, 10)),
        },
        Edit::SetMeetingChair {
            id: M1,
            chair: Some(P2),
        },
        Edit::SetMeetingNoteTaker {
            id: M1,
            note_taker: Some(P1),
        },
        batch(
            [
                Some(Attendance::Present),
                Some(Attendance::Absent),
                None,
                Some(Attendance::SentApologies),
            ]
            .map(|attendance| Edit::SetAttendance {
                meeting: M1,
                participant: P2,
                attendance,
            }),
        ),
        Edit::InsertAgendaItem {
            meeting: M1,
            index: 1,
            item: AgendaItem {
                id: I2,
                title: "Bolig".into(),
                minutes: String::new(),
                seconds_spent: 0,
                goals: vec![G1],
                actions: vec![A1],
            },
        },
        Edit::SetAgendaItemTime {
            meeting: M1,
            id: I2,
            seconds: 600,
        },
        Edit::SetAgendaItemLinks {
            meeting: M1,
            id: I1,
            goals: vec![G2],
            actions: vec![A1],
        },
        batch([
            text(T::MeetingPlace(M1), "NAV-kontoret"),
            text(T::MeetingAgreements(M1), "Per sender søknaden"),
            text(T::AgendaItemTitle(M1, I2), "Bolig og økonomi"),
            text(T::AgendaItemMinutes(M1, I2), "Søknad sendt"),
        ]),
        Edit::SetMinutesRecipients {
            meeting: M1,
            recipients: vec![P1, P2],
        },
        Edit::SetMeetingEnded {
            meeting: M1,
            ended: true,
        },
        Edit::SetMeetingApproval {
            meeting: M1,
            approval: Some(Approval {
                on: day(2026, 2, 12),
                by: "Ærlig Øyvind Ås".into(),
            }),
        },
        // A plugin form.
        Edit::InsertFormEntry {
            index: 0,
            entry: FormEntry {
                id: F1,
                plugin_id: "no.nordvik.ips".into(),
                plugin_version: "1.0.0".into(),
                data: "{}".into(),
                created: at(2, 10, 11),
                updated: at(2, 10, 11),
            },
        },
        Edit::SetFormData {
            id: F1,
            data: r#"{"job_goal":"Lager"}"#.into(),
            plugin_version: "1.1.0".into(),
            updated: at(2, 11, 8),
        },
        // Taking it apart again, references first.
        Edit::RemoveFormEntry { id: F1 },
        Edit::RemoveAgendaItem {
            meeting: M1,
            id: I2,
        },
        Edit::RemoveContact { id: K1 },
        Edit::RemoveConsent { id: C1 },
        Edit::SetAgendaItemLinks {
            meeting: M1,
            id: I1,
            goals: vec![],
            actions: vec![],
        },
        Edit::RemoveAction { id: A1 },
        Edit::RemoveGoal { id: G2 },
        Edit::RemoveMeeting { id: M1 },
        Edit::SetCoordinator { participant: None },
        Edit::RemoveParticipant { id: P2 },
        // A batch whose second edit needs the first: an agreed action for a new goal.
        batch([
            Edit::InsertGoal {
                index: 1,
                goal: Goal {
                    id: G2,
                    own_words: "Ny start".into(),
                    ..Goal::default()
                },
            },
            Edit::InsertAction {
                index: 0,
                action: Action {
                    id: A2,
                    what: "Avtale fra møtet".into(),
                    responsible: Some(P1),
                    goals: vec![G2],
                    ..Action::default()
                },
            },
        ]),
    ]
}

/// Every kind: v1's examples, then the kinds added in v2 (after them, so v1 stays a prefix).
fn examples() -> Vec<Edit> {
    let mut all = examples_v1();
    all.extend([
        Edit::InsertMeeting {
            index: 0,
            meeting: Meeting {
                id: M2,
                starts_at: at(4, 2, 9),
                ..Meeting::default()
            },
        },
        Edit::SetReview {
            meeting: M2,
            subject: Subject::Goal(G2),
            outcome: Some(Outcome::Deferred {
                reason: "Tas opp når Åse er tilbake".into(),
            }),
        },
        Edit::SetReview {
            meeting: M2,
            subject: Subject::Action(A2),
            outcome: Some(Outcome::Reviewed),
        },
        Edit::SetCorrections {
            meeting: M2,
            corrections: vec![Correction {
                on: day(2026, 4, 3),
                by: "Kari Koordinator".into(),
                what: "Rettet hvem som var til stede".into(),
            }],
        },
    ]);
    all
}

/// The edit kinds serde knows, by their tag: asked for one it does not know, it names them all.
fn every_kind() -> Vec<String> {
    let err = serde_json::from_str::<Edit>(r#"{"edit":"?"}"#).unwrap_err();
    let message = err.to_string();
    let expected = message
        .split_once("expected one of ")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("serde's message changed: {message}"));
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The tag of an edit and of the edits inside it.
fn kinds_in(edit: &Edit, out: &mut Vec<String>) {
    let json = serde_json::to_value(edit).unwrap();
    out.push(json["edit"].as_str().unwrap().to_string());
    if let Edit::Batch { edits } = edit {
        for e in edits {
            kinds_in(e, out);
        }
    }
}

#[test]
fn the_examples_hold_every_edit_kind() {
    let mut seen = Vec::new();
    for edit in examples() {
        kinds_in(&edit, &mut seen);
    }
    let kinds = every_kind();
    assert_eq!(kinds.len(), 47, "{kinds:?}");
    let missing: Vec<_> = kinds.iter().filter(|k| !seen.contains(k)).collect();
    assert!(missing.is_empty(), "no example of {missing:?}");
}

#[test]
fn serialising_the_examples_gives_the_files() {
    for (examples, file, name) in [
        (examples_v1(), FORMAT_V1, "edit-format-v1.json"),
        (examples(), FORMAT_V2, "edit-format-v2.json"),
    ] {
        let actual = serde_json::to_string_pretty(&examples).unwrap() + "\n";
        if actual != file {
            let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
            std::fs::write(&out, &actual).unwrap();
            panic!(
                "the edits serialise differently from tests/fixtures/{name}; \
                 what they give now is in {} (see this file's header before changing anything)",
                out.display()
            );
        }
    }
}

#[test]
fn the_files_read_back_as_the_examples() {
    let read: Vec<Edit> = serde_json::from_str(FORMAT_V1).unwrap();
    assert_eq!(read, examples_v1());
    let read: Vec<Edit> = serde_json::from_str(FORMAT_V2).unwrap();
    assert_eq!(read, examples());
}

#[test]
fn the_examples_apply_in_order_and_undo_back_to_an_empty_case() {
    let mut case = Case::default();
    let mut inverses = Vec::new();
    for edit in examples() {
        let inverse = apply_new(&mut case, &edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        inverses.push(inverse);
    }
    let last = case.clone();
    for inverse in inverses.iter().rev() {
        apply(&mut case, inverse).unwrap_or_else(|e| panic!("{inverse:?}: {e}"));
    }
    assert_eq!(case, Case::default());
    for edit in examples() {
        apply(&mut case, &edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    }
    assert_eq!(case, last);
}

#[test]
fn the_examples_round_trip_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open_test(dir.path().join("t.redb")).unwrap());
    let id = store.create_case().unwrap().id;
    let clock = Clock::fixed(at(3, 1, 9));
    let mut s = Session::open(store.clone(), id, clock).unwrap();
    let staff = Author::Staff {
        name: "Nina Koordinator".into(),
        organisation: "Nordvik kommune".into(),
    };
    for edit in examples() {
        s.apply(edit.clone(), &staff)
            .unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        // Disk equals memory after every edit.
        assert_eq!(&store.load_case(id).unwrap(), s.case());
    }
    let log = store.log(id).unwrap();
    assert_eq!(
        log.iter().map(|e| e.edit.clone()).collect::<Vec<_>>(),
        examples()
    );
    // All of it undoes back to the empty case, through the store.
    while s.undo(&staff).unwrap() {}
    let empty = Case {
        id,
        ..Case::default()
    };
    assert_eq!(store.load_case(id).unwrap(), empty);
}

/// Every string leaf of `value`, as a path of object keys and array positions.
fn string_leaves(value: &serde_json::Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        serde_json::Value::String(_) => out.push(path.clone()),
        serde_json::Value::Array(items) => {
            for (n, item) in items.iter().enumerate() {
                path.push(n.to_string());
                string_leaves(item, path, out);
                path.pop();
            }
        }
        serde_json::Value::Object(fields) => {
            for (key, item) in fields {
                path.push(key.clone());
                string_leaves(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Every text an edit brings into the case is held to `MAX_TEXT_CHARS`, whichever entity or
/// field it is in: each string of each example that still reads as an edit when too long (ids,
/// dates and tags do not) makes the edit refused.
#[test]
fn every_text_an_edit_carries_is_length_checked() {
    let too_long = "x".repeat(MAX_TEXT_CHARS + 1);
    let mut case = Case::default();
    let mut checked = 0;
    for edit in examples() {
        let json = serde_json::to_value(&edit).unwrap();
        let mut leaves = Vec::new();
        string_leaves(&json, &mut Vec::new(), &mut leaves);
        for path in leaves {
            let mut long = json.clone();
            let leaf = path.iter().fold(&mut long, |v, key| match v {
                serde_json::Value::Array(items) => &mut items[key.parse::<usize>().unwrap()],
                other => &mut other[key.as_str()],
            });
            *leaf = serde_json::Value::String(too_long.clone());
            let Ok(long) = serde_json::from_value::<Edit>(long) else {
                continue;
            };
            let mut probe = case.clone();
            assert_eq!(
                apply(&mut probe, &long),
                Err(EditError::TextTooLong(MAX_TEXT_CHARS + 1)),
                "{path:?} of {edit:?}"
            );
            assert_eq!(probe, case);
            checked += 1;
        }
        apply_new(&mut case, &edit).unwrap();
    }
    // Each text field of the format, at least (the file has more texts than that).
    assert!(checked >= 60, "only {checked} texts");
}
