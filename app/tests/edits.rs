//! Edits: inverses, undo/redo through the session, coalescing, and the store round trip.

use std::sync::Arc;

use ansvar::clock::Clock;
use ansvar::domain::*;
use ansvar::session::{COALESCE_WINDOW, Session};
use ansvar::store::{Cause, Store};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

fn staff() -> Author {
    Author::Staff {
        name: "Nina Koordinator".into(),
        organisation: "Nordvik kommune".into(),
    }
}

fn person() -> Author {
    Author::Person {
        name: "Ola Testesen".into(),
    }
}

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(n as u64)
}

fn uuid_from(n: u64) -> uuid::Uuid {
    uuid::Uuid::from_u64_pair(n, n.wrapping_mul(31))
}

/// One step of a random edit sequence, turned into an edit against the current case.
#[derive(Clone, Debug)]
struct Op {
    kind: u8,
    a: u64,
    b: u64,
    text: String,
}

fn op() -> impl Strategy<Value = Op> {
    (any::<u8>(), any::<u64>(), any::<u64>(), "[a-zæøå ]{0,12}").prop_map(|(kind, a, b, text)| Op {
        kind,
        a,
        b,
        text,
    })
}

fn pick<T: Copy>(items: &[T], n: u64) -> Option<T> {
    (!items.is_empty()).then(|| items[(n % items.len() as u64) as usize])
}

fn make_edit(case: &Case, op: &Op) -> Edit {
    let participants: Vec<_> = case.participants.iter().map(|p| p.id).collect();
    let goals: Vec<_> = case.goals.iter().map(|g| g.id).collect();
    let actions: Vec<_> = case.actions.iter().map(|a| a.id).collect();
    let meetings: Vec<_> = case.meetings.iter().map(|m| m.id).collect();
    let fresh = uuid_from(op.b);
    let any_goal = pick(&goals, op.a).unwrap_or(GoalId(fresh));
    let any_participant = pick(&participants, op.a).unwrap_or(ParticipantId(fresh));
    let any_action = pick(&actions, op.a).unwrap_or(ActionId(fresh));
    let any_meeting = pick(&meetings, op.a).unwrap_or(MeetingId(fresh));
    let date = Some(day((op.b % 400) as u32));
    match op.kind % 23 {
        22 => {
            // A batch whose second part depends on the first: an action for a new goal.
            let goal = GoalId(uuid_from(op.a));
            Edit::Batch {
                edits: vec![
                    Edit::InsertGoal {
                        index: 0,
                        goal: Goal {
                            id: goal,
                            own_words: op.text.clone(),
                            ..Goal::default()
                        },
                    },
                    Edit::InsertAction {
                        index: 0,
                        action: Action {
                            id: ActionId(fresh),
                            goals: vec![goal],
                            responsible: pick(&participants, op.b),
                            due: date,
                            ..Action::default()
                        },
                    },
                ],
            }
        }
        0 => Edit::SetText {
            field: TextField::PersonName,
            value: op.text.clone(),
        },
        1 => Edit::SetText {
            field: TextField::GoalOwnWords(any_goal),
            value: op.text.clone(),
        },
        2 => Edit::InsertParticipant {
            index: (op.a % (participants.len() as u64 + 2)) as usize,
            participant: Participant {
                id: ParticipantId(fresh),
                name: op.text.clone(),
                role: Role::ALL[(op.a % 11) as usize],
                ..Participant::default()
            },
        },
        3 => Edit::RemoveParticipant {
            id: any_participant,
        },
        4 => Edit::InsertGoal {
            index: (op.a % (goals.len() as u64 + 1)) as usize,
            goal: Goal {
                id: GoalId(fresh),
                domain: LifeDomain::ALL[(op.a % 8) as usize],
                own_words: op.text.clone(),
                target_date: date,
                ..Goal::default()
            },
        },
        5 => Edit::RemoveGoal { id: any_goal },
        6 => Edit::SetGoalStatus {
            id: any_goal,
            status: GoalStatus::ALL[(op.b % 5) as usize],
        },
        7 => Edit::InsertRating {
            goal: any_goal,
            index: 0,
            rating: Rating {
                date: day(op.a as u32 % 300),
                value: (op.b % 12) as u8,
            },
        },
        8 => Edit::InsertAction {
            index: (op.a % (actions.len() as u64 + 1)) as usize,
            action: Action {
                id: ActionId(fresh),
                what: op.text.clone(),
                responsible: pick(&participants, op.b),
                due: date,
                goals: pick(&goals, op.b).into_iter().collect(),
                ..Action::default()
            },
        },
        9 => Edit::RemoveAction { id: any_action },
        10 => Edit::SetDate {
            field: DateField::ActionDue(any_action),
            value: date,
        },
        11 => Edit::SetDate {
            field: DateField::PlanStart,
            value: date,
        },
        12 => Edit::SetDate {
            field: DateField::PlanEnd,
            value: date,
        },
        13 => Edit::SetCoordinator {
            participant: pick(&participants, op.b),
        },
        14 => Edit::InsertMeeting {
            index: 0,
            meeting: Meeting {
                id: MeetingId(fresh),
                starts_at: Utc
                    .timestamp_opt(1_760_000_000 + (op.a % 10_000_000) as i64, 0)
                    .unwrap(),
                place: op.text.clone(),
                ..Meeting::default()
            },
        },
        15 => Edit::SetAttendance {
            meeting: any_meeting,
            participant: any_participant,
            attendance: match op.b % 4 {
                0 => None,
                1 => Some(Attendance::Present),
                2 => Some(Attendance::SentApologies),
                _ => Some(Attendance::Absent),
            },
        },
        16 => Edit::InsertAgendaItem {
            meeting: any_meeting,
            index: 0,
            item: AgendaItem {
                id: AgendaItemId(fresh),
                title: op.text.clone(),
                goals: pick(&goals, op.b).into_iter().collect(),
                ..AgendaItem::default()
            },
        },
        17 => Edit::SetText {
            field: TextField::ZoneSigns(Zone::ALL[(op.a % 3) as usize]),
            value: op.text.clone(),
        },
        18 => Edit::InsertContact {
            index: 0,
            contact: Contact {
                id: ContactId(fresh),
                name: op.text.clone(),
                phone: format!("4{:07}", op.b % 10_000_000),
                ..Contact::default()
            },
        },
        19 => Edit::SetActionStatus {
            id: any_action,
            status: [
                ActionStatus::Open,
                ActionStatus::Done,
                ActionStatus::Cancelled,
            ][(op.b % 3) as usize],
        },
        20 => Edit::RemoveMeeting { id: any_meeting },
        _ => Edit::InsertConsent {
            index: 0,
            consent: Consent {
                id: ConsentId(fresh),
                recipient: ConsentRecipient::Participant(any_participant),
                sections: vec![Section::CrisisPlan, Section::Goals(LifeDomain::Housing)],
                given: date,
                ..Consent::default()
            },
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Pure domain: apply all, then the inverses in reverse order → the initial state exactly;
    /// then the edits again → the final state. A refused edit leaves the case as it was.
    #[test]
    fn inverses_restore_exactly(ops in prop::collection::vec(op(), 1..60)) {
        let initial = Case::default();
        let mut case = initial.clone();
        let mut applied = Vec::new();
        for op in &ops {
            let edit = make_edit(&case, op);
            let before = case.clone();
            match apply(&mut case, &edit) {
                Ok(inverse) => applied.push((edit, inverse)),
                Err(_) => prop_assert_eq!(&case, &before),
            }
        }
        let last = case.clone();
        for (_, inverse) in applied.iter().rev() {
            apply(&mut case, inverse).expect("an inverse always applies");
        }
        prop_assert_eq!(&case, &initial);
        for (edit, _) in &applied {
            apply(&mut case, edit).expect("a redo always applies");
        }
        prop_assert_eq!(&case, &last);
    }
}

/// A clock standing still, and a handle that moves it.
fn fixed_clock(start: DateTime<Utc>) -> (Clock, Clock) {
    let clock = Clock::fixed(start);
    (clock.clone(), clock)
}

fn clock() -> Clock {
    Clock::fixed(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap())
}

fn store_in(dir: &tempfile::TempDir) -> Arc<Store> {
    Arc::new(Store::open(dir.path().join("t.redb")).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Through the session and the store: undo all → the initial state, redo all → the final
    /// state, and what is on disk always equals what is in memory.
    #[test]
    fn session_undo_redo_round_trip(ops in prop::collection::vec(op(), 1..25)) {
        let dir = tempfile::tempdir().unwrap();
        let store = store_in(&dir);
        let id = store.create_case().unwrap().id;
        let (clock, now) = fixed_clock(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap());
        let mut s = Session::open(store.clone(), id, clock).unwrap();
        let initial = s.case().clone();
        let mut count = 0;
        for op in &ops {
            // Past the coalescing window, so each edit is its own undo step.
            now.advance(Duration::seconds(60));
            let edit = make_edit(s.case(), op);
            if s.apply(edit, &staff()).is_ok() {
                count += 1;
            }
        }
        let last = s.case().clone();
        prop_assert_eq!(&store.load_case(id).unwrap(), &last);
        for _ in 0..count {
            prop_assert!(s.undo(&staff()).unwrap());
        }
        prop_assert!(!s.undo(&staff()).unwrap());
        prop_assert_eq!(s.case(), &initial);
        prop_assert_eq!(&store.load_case(id).unwrap(), &initial);
        for _ in 0..count {
            prop_assert!(s.redo(&staff()).unwrap());
        }
        prop_assert_eq!(s.case(), &last);
        prop_assert_eq!(&Session::open(store.clone(), id, now.clone()).unwrap().case().clone(), &last);
        // The log holds every step: edits, undos and redos.
        prop_assert_eq!(store.log(id).unwrap().len(), count * 3);
    }
}

#[test]
fn typing_in_one_field_coalesces_into_one_entry() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    let id = store.create_case().unwrap().id;
    let start = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let (clock, now) = fixed_clock(start);
    let mut s = Session::open(store.clone(), id, clock).unwrap();
    let goal = Goal {
        id: GoalId::new(),
        own_words: "Jeg".into(),
        ..Goal::default()
    };
    let gid = goal.id;
    s.apply(Edit::InsertGoal { index: 0, goal }, &staff())
        .unwrap();

    let text = "Jeg vil ha egen leilighet";
    for n in 4..=text.chars().count() {
        now.advance(Duration::milliseconds(300));
        let value: String = text.chars().take(n).collect();
        s.apply(
            Edit::SetText {
                field: TextField::GoalOwnWords(gid),
                value,
            },
            &person(),
        )
        .unwrap();
    }
    let log = store.log(id).unwrap();
    assert_eq!(log.len(), 2, "insert + one coalesced typing entry");
    let typing = &log[1];
    assert_eq!(typing.author, person());
    assert_eq!(
        typing.edit,
        Edit::SetText {
            field: TextField::GoalOwnWords(gid),
            value: text.into()
        }
    );
    assert_eq!(
        typing.inverse,
        Edit::SetText {
            field: TextField::GoalOwnWords(gid),
            value: "Jeg".into()
        }
    );
    assert!(typing.last_at > typing.at);

    // One undo takes the whole typing back.
    s.undo(&person()).unwrap();
    assert_eq!(s.case().goals[0].own_words, "Jeg");

    // Not coalesced: another author, another field, or after a pause.
    s.redo(&person()).unwrap();
    let n_before = store.log(id).unwrap().len();
    now.advance(Duration::milliseconds(100));
    s.apply(
        Edit::SetText {
            field: TextField::GoalOwnWords(gid),
            value: format!("{text}!"),
        },
        &person(),
    )
    .unwrap();
    // Directly after a redo the entry is a redo, not an edit: a new entry starts.
    assert_eq!(store.log(id).unwrap().len(), n_before + 1);
    now.advance(Duration::milliseconds(100));
    s.apply(
        Edit::SetText {
            field: TextField::GoalOwnWords(gid),
            value: format!("{text}!!"),
        },
        &staff(),
    )
    .unwrap();
    assert_eq!(store.log(id).unwrap().len(), n_before + 2, "another author");
    now.advance(COALESCE_WINDOW + Duration::seconds(1));
    s.apply(
        Edit::SetText {
            field: TextField::GoalOwnWords(gid),
            value: format!("{text}!!!"),
        },
        &staff(),
    )
    .unwrap();
    assert_eq!(store.log(id).unwrap().len(), n_before + 3, "after a pause");
    now.advance(Duration::milliseconds(100));
    s.apply(
        Edit::SetText {
            field: TextField::PlanMainGoal,
            value: "x".into(),
        },
        &staff(),
    )
    .unwrap();
    assert_eq!(store.log(id).unwrap().len(), n_before + 4, "another field");
    assert_eq!(store.log(id).unwrap().last().unwrap().cause, Cause::Edit);
}

#[test]
fn a_refused_edit_says_why_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    let id = store.create_case().unwrap().id;
    let mut s = Session::open(store.clone(), id, clock()).unwrap();
    s.apply(
        Edit::SetDate {
            field: DateField::PlanStart,
            value: Some(day(100)),
        },
        &staff(),
    )
    .unwrap();
    let before = s.case().clone();
    let err = s
        .apply(
            Edit::InsertAction {
                index: 0,
                action: Action {
                    id: ActionId::new(),
                    what: "Søke bostøtte".into(),
                    due: Some(day(10)),
                    ..Action::default()
                },
            },
            &staff(),
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("before the plan period starts"),
        "{err}"
    );
    assert!(
        err.message(ansvar::i18n::Lang::Nb)
            .contains("før planperioden starter")
    );
    let err = s
        .apply(
            Edit::SetText {
                field: TextField::GoalOwnWords(GoalId::new()),
                value: "x".into(),
            },
            &staff(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(s.case(), &before);
    assert_eq!(store.load_case(id).unwrap(), before);
    assert_eq!(store.log(id).unwrap().len(), 1);
}

#[test]
fn an_agenda_item_cannot_hold_more_than_a_day() {
    // A FHIR bundle or a damaged file could carry any number; the meeting timer adds to it.
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    let id = store.create_case().unwrap().id;
    let mut s = Session::open(store.clone(), id, clock()).unwrap();
    let item = AgendaItem {
        id: AgendaItemId::new(),
        title: "Bolig".into(),
        ..AgendaItem::default()
    };
    let meeting = Meeting {
        id: MeetingId::new(),
        agenda: vec![item.clone()],
        ..Meeting::default()
    };
    s.apply(
        Edit::InsertMeeting {
            index: 0,
            meeting: meeting.clone(),
        },
        &staff(),
    )
    .unwrap();
    let set = |seconds| Edit::SetAgendaItemTime {
        meeting: meeting.id,
        id: item.id,
        seconds,
    };
    s.apply(set(MAX_AGENDA_ITEM_SECONDS), &staff()).unwrap();
    let err = s.apply(set(u32::MAX), &staff()).unwrap_err();
    assert!(
        err.message(ansvar::i18n::Lang::Nb)
            .contains("over ett døgn"),
        "{err}"
    );
    let mut hostile = meeting.clone();
    hostile.id = MeetingId::new();
    hostile.agenda[0].id = AgendaItemId::new();
    hostile.agenda[0].seconds_spent = u32::MAX;
    assert!(
        s.apply(
            Edit::InsertMeeting {
                index: 0,
                meeting: hostile,
            },
            &staff(),
        )
        .is_err()
    );
    assert_eq!(
        s.case().meetings[0].agenda[0].seconds_spent,
        MAX_AGENDA_ITEM_SECONDS
    );
    assert_eq!(store.log(id).unwrap().len(), 2);
}

#[test]
fn a_national_id_needs_valid_check_digits() {
    assert!(is_valid_national_id("01819012365"));
    assert!(is_valid_national_id("15028550151"));
    for bad in [
        "01819012366",
        "0181901236",
        "018190123655",
        "0181901236a",
        " 1819012365",
    ] {
        assert!(!is_valid_national_id(bad), "{bad}");
    }
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    let id = store.create_case().unwrap().id;
    let mut s = Session::open(store.clone(), id, clock()).unwrap();
    let set = |value: &str| Edit::SetText {
        field: TextField::PersonNationalId,
        value: value.into(),
    };
    let err = s.apply(set("01819012366"), &staff()).unwrap_err();
    assert!(
        err.message(ansvar::i18n::Lang::Nb)
            .contains("kontrollsiffer"),
        "{err}"
    );
    s.apply(set("01819012365"), &staff()).unwrap();
    s.apply(set(""), &staff()).unwrap();
    assert_eq!(store.load_case(id).unwrap().person.national_id, "");
    assert_eq!(mask_national_id("01819012365"), "•••••••••65");
}

/// Names every edit kind; the match has no wildcard, so a new kind must be added here, and
/// `every_edit_kind_round_trips_through_the_store` then fails until it is exercised.
fn kind(edit: &Edit) -> &'static str {
    match edit {
        Edit::SetText { .. } => "SetText",
        Edit::SetDate { .. } => "SetDate",
        Edit::SetCoordinator { .. } => "SetCoordinator",
        Edit::InsertParticipant { .. } => "InsertParticipant",
        Edit::RemoveParticipant { .. } => "RemoveParticipant",
        Edit::SetParticipantRole { .. } => "SetParticipantRole",
        Edit::SetParticipantLevel { .. } => "SetParticipantLevel",
        Edit::InsertConsent { .. } => "InsertConsent",
        Edit::RemoveConsent { .. } => "RemoveConsent",
        Edit::SetConsentSections { .. } => "SetConsentSections",
        Edit::SetConsentMethod { .. } => "SetConsentMethod",
        Edit::InsertGoal { .. } => "InsertGoal",
        Edit::RemoveGoal { .. } => "RemoveGoal",
        Edit::SetGoalDomain { .. } => "SetGoalDomain",
        Edit::SetGoalStatus { .. } => "SetGoalStatus",
        Edit::InsertRating { .. } => "InsertRating",
        Edit::RemoveRating { .. } => "RemoveRating",
        Edit::InsertEvaluation { .. } => "InsertEvaluation",
        Edit::RemoveEvaluation { .. } => "RemoveEvaluation",
        Edit::InsertAction { .. } => "InsertAction",
        Edit::RemoveAction { .. } => "RemoveAction",
        Edit::SetActionStatus { .. } => "SetActionStatus",
        Edit::SetActionResponsible { .. } => "SetActionResponsible",
        Edit::SetActionGoals { .. } => "SetActionGoals",
        Edit::SetActionFollowedUp { .. } => "SetActionFollowedUp",
        Edit::InsertContact { .. } => "InsertContact",
        Edit::RemoveContact { .. } => "RemoveContact",
        Edit::InsertMeeting { .. } => "InsertMeeting",
        Edit::RemoveMeeting { .. } => "RemoveMeeting",
        Edit::SetMeetingStart { .. } => "SetMeetingStart",
        Edit::SetNextMeeting { .. } => "SetNextMeeting",
        Edit::SetMeetingChair { .. } => "SetMeetingChair",
        Edit::SetMeetingNoteTaker { .. } => "SetMeetingNoteTaker",
        Edit::SetAttendance { .. } => "SetAttendance",
        Edit::InsertAgendaItem { .. } => "InsertAgendaItem",
        Edit::RemoveAgendaItem { .. } => "RemoveAgendaItem",
        Edit::SetAgendaItemTime { .. } => "SetAgendaItemTime",
        Edit::SetAgendaItemLinks { .. } => "SetAgendaItemLinks",
        Edit::SetMinutesRecipients { .. } => "SetMinutesRecipients",
        Edit::SetMeetingEnded { .. } => "SetMeetingEnded",
        Edit::SetMeetingApproval { .. } => "SetMeetingApproval",
        Edit::InsertFormEntry { .. } => "InsertFormEntry",
        Edit::RemoveFormEntry { .. } => "RemoveFormEntry",
        Edit::SetFormData { .. } => "SetFormData",
        Edit::Batch { .. } => "Batch",
    }
}
const EDIT_KINDS: usize = 45;

#[test]
fn every_edit_kind_round_trips_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    let id = store.create_case().unwrap().id;
    let mut s = Session::open(store.clone(), id, clock()).unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 5, 4, 10, 0, 0).unwrap();
    let (p1, p2, g, a, m, item, c, consent, eval, form) = (
        ParticipantId::new(),
        ParticipantId::new(),
        GoalId::new(),
        ActionId::new(),
        MeetingId::new(),
        AgendaItemId::new(),
        ContactId::new(),
        ConsentId::new(),
        EvaluationId::new(),
        FormEntryId::new(),
    );
    let edits = vec![
        Edit::SetText {
            field: TextField::PersonName,
            value: "Ærlig Øyvind Ås".into(),
        },
        Edit::SetDate {
            field: DateField::PlanStart,
            value: Some(day(0)),
        },
        Edit::InsertParticipant {
            index: 0,
            participant: Participant {
                id: p1,
                name: "Kari".into(),
                ..Default::default()
            },
        },
        Edit::InsertParticipant {
            index: 1,
            participant: Participant {
                id: p2,
                name: "Per".into(),
                ..Default::default()
            },
        },
        Edit::SetCoordinator {
            participant: Some(p1),
        },
        Edit::SetParticipantRole {
            id: p2,
            role: Role::NavAdvisor,
        },
        Edit::SetParticipantLevel {
            id: p2,
            level: Level::Nav,
        },
        Edit::InsertConsent {
            index: 0,
            consent: Consent {
                id: consent,
                recipient: ConsentRecipient::Organisation("NAV Nordvik".into()),
                ..Default::default()
            },
        },
        Edit::SetConsentSections {
            id: consent,
            sections: vec![
                Section::Goals(LifeDomain::WorkAndActivity),
                Section::Minutes,
            ],
        },
        Edit::SetConsentMethod {
            id: consent,
            method: ConsentMethod::Signed,
        },
        Edit::InsertGoal {
            index: 0,
            goal: Goal {
                id: g,
                own_words: "Få meg jobb".into(),
                expressed_by_person: true,
                ..Default::default()
            },
        },
        Edit::SetGoalDomain {
            id: g,
            domain: LifeDomain::WorkAndActivity,
        },
        Edit::SetGoalStatus {
            id: g,
            status: GoalStatus::InProgress,
        },
        Edit::InsertRating {
            goal: g,
            index: 0,
            rating: Rating {
                date: day(3),
                value: 4,
            },
        },
        Edit::InsertRating {
            goal: g,
            index: 1,
            rating: Rating {
                date: day(40),
                value: 6,
            },
        },
        Edit::RemoveRating { goal: g, index: 1 },
        Edit::InsertMeeting {
            index: 0,
            meeting: Meeting {
                id: m,
                starts_at: t0,
                ..Default::default()
            },
        },
        Edit::InsertEvaluation {
            goal: g,
            index: 0,
            evaluation: Evaluation {
                id: eval,
                date: day(3),
                meeting: Some(m),
                text: "Godt i gang".into(),
            },
        },
        Edit::InsertAction {
            index: 0,
            action: Action {
                id: a,
                what: "Ringe arbeidsgiver".into(),
                responsible: Some(p2),
                due: Some(day(20)),
                agreed_in: Some(m),
                ..Default::default()
            },
        },
        Edit::SetActionStatus {
            id: a,
            status: ActionStatus::Done,
        },
        Edit::SetActionResponsible {
            id: a,
            responsible: Some(p1),
        },
        Edit::SetActionGoals {
            id: a,
            goals: vec![g],
        },
        Edit::SetActionFollowedUp {
            id: a,
            meeting: Some(m),
        },
        Edit::InsertContact {
            index: 0,
            contact: Contact {
                id: c,
                name: "Legevakt".into(),
                phone: "116 117".into(),
                ..Default::default()
            },
        },
        Edit::SetMeetingStart {
            id: m,
            starts_at: t0 + Duration::hours(1),
        },
        Edit::SetNextMeeting {
            id: m,
            at: Some(t0 + Duration::days(42)),
        },
        Edit::SetMeetingChair {
            id: m,
            chair: Some(p1),
        },
        Edit::SetMeetingNoteTaker {
            id: m,
            note_taker: Some(p2),
        },
        Edit::SetAttendance {
            meeting: m,
            participant: p2,
            attendance: Some(Attendance::SentApologies),
        },
        Edit::InsertAgendaItem {
            meeting: m,
            index: 0,
            item: AgendaItem {
                id: item,
                title: "Siden sist".into(),
                ..Default::default()
            },
        },
        Edit::SetAgendaItemTime {
            meeting: m,
            id: item,
            seconds: 300,
        },
        Edit::SetAgendaItemLinks {
            meeting: m,
            id: item,
            goals: vec![g],
            actions: vec![a],
        },
        Edit::SetMinutesRecipients {
            meeting: m,
            recipients: vec![p1, p2],
        },
        Edit::SetMeetingEnded {
            meeting: m,
            ended: true,
        },
        Edit::SetMeetingApproval {
            meeting: m,
            approval: Some(Approval {
                on: day(5),
                by: "Kari".into(),
            }),
        },
        Edit::InsertFormEntry {
            index: 0,
            entry: FormEntry {
                id: form,
                plugin_id: "no.nordvik.ips".into(),
                plugin_version: "1.0.0".into(),
                data: "{}".into(),
                created: t0,
                updated: t0,
            },
        },
        Edit::SetFormData {
            id: form,
            data: r#"{"job_goal":"Lager"}"#.into(),
            plugin_version: "1.1.0".into(),
            updated: t0 + Duration::days(1),
        },
        Edit::RemoveFormEntry { id: form },
        Edit::RemoveAgendaItem {
            meeting: m,
            id: item,
        },
        Edit::RemoveContact { id: c },
        Edit::RemoveEvaluation { goal: g, id: eval },
        Edit::RemoveConsent { id: consent },
        Edit::SetActionGoals {
            id: a,
            goals: vec![],
        },
        Edit::RemoveAction { id: a },
        Edit::RemoveGoal { id: g },
        Edit::RemoveMeeting { id: m },
        Edit::SetCoordinator { participant: None },
        Edit::RemoveParticipant { id: p2 },
        Edit::Batch {
            edits: vec![
                Edit::InsertGoal {
                    index: 0,
                    goal: Goal {
                        id: g,
                        own_words: "Ny start".into(),
                        ..Default::default()
                    },
                },
                Edit::InsertAction {
                    index: 0,
                    action: Action {
                        id: a,
                        what: "Avtale fra møtet".into(),
                        goals: vec![g],
                        responsible: Some(p1),
                        ..Default::default()
                    },
                },
            ],
        },
    ];
    let mut seen = std::collections::BTreeSet::new();
    for edit in &edits {
        seen.insert(kind(edit));
        s.apply(edit.clone(), &staff())
            .unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        // Disk equals memory after every edit.
        assert_eq!(&store.load_case(id).unwrap(), s.case());
    }
    assert_eq!(seen.len(), EDIT_KINDS, "every edit kind is exercised");
    let log = store.log(id).unwrap();
    assert_eq!(
        log.iter().map(|e| e.edit.clone()).collect::<Vec<_>>(),
        edits
    );
    // And all of it undoes back to the empty case, through the store.
    while s.undo(&staff()).unwrap() {}
    assert_eq!(
        store.load_case(id).unwrap(),
        Case {
            id,
            ..Case::default()
        }
    );
}

#[test]
fn a_batch_that_fails_part_way_changes_nothing() {
    let mut case = Case::default();
    let g = GoalId::new();
    let edit = Edit::Batch {
        edits: vec![
            Edit::InsertGoal {
                index: 0,
                goal: Goal {
                    id: g,
                    ..Goal::default()
                },
            },
            Edit::InsertRating {
                goal: g,
                index: 0,
                rating: Rating {
                    date: day(1),
                    value: 7,
                },
            },
            // Refused: no such participant.
            Edit::SetCoordinator {
                participant: Some(ParticipantId::new()),
            },
        ],
    };
    assert!(matches!(
        apply(&mut case, &edit),
        Err(EditError::Unknown { .. })
    ));
    assert_eq!(case, Case::default());
}
