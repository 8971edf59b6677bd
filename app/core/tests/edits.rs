//! Edits: inverses, undo/redo through the session, coalescing, and the store round trip.

use std::sync::{Arc, LazyLock};

use ansvar_core::clock::Clock;
use ansvar_core::domain::*;
use ansvar_core::session::{COALESCE_WINDOW, Session};
use ansvar_core::store::{Cause, Store};
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

/// Every edit of the format file (`tests/edit_format.rs` checks that it has every kind), grouped
/// by kind: the generator makes an edit like one of a group, so it takes the file's values too
/// (every text and date field, role, status, …).
static KINDS: LazyLock<Vec<Vec<Edit>>> = LazyLock::new(|| {
    fn add(groups: &mut Vec<Vec<Edit>>, edit: &Edit) {
        if let Edit::Batch { edits } = edit {
            edits.iter().for_each(|e| add(groups, e));
        }
        let kind = std::mem::discriminant(edit);
        match groups
            .iter_mut()
            .find(|g| std::mem::discriminant(&g[0]) == kind)
        {
            Some(group) => group.push(edit.clone()),
            None => groups.push(vec![edit.clone()]),
        }
    }
    let file: Vec<Edit> =
        serde_json::from_str(include_str!("fixtures/edit-format-v1.json")).unwrap();
    let mut groups = Vec::new();
    file.iter().for_each(|e| add(&mut groups, e));
    groups
});

/// Ids of the case to aim an edit at: an existing one mostly, a fresh one now and then (and
/// whenever there is none), so that edits about nothing are tried too.
struct Ids {
    participant: ParticipantId,
    consent: ConsentId,
    goal: GoalId,
    evaluation: (GoalId, EvaluationId),
    rating: (GoalId, usize),
    action: ActionId,
    contact: ContactId,
    meeting: MeetingId,
    item: (MeetingId, AgendaItemId),
    form: FormEntryId,
}

impl Ids {
    fn of(case: &Case, op: &Op) -> Ids {
        let fresh = uuid_from(op.b);
        // Different picks for different kinds, all from the op.
        let n = |salt: u32| {
            if op.b.is_multiple_of(13) {
                u64::MAX
            } else {
                op.a.rotate_left(salt * 7)
            }
        };
        let ids = |salt, items: Vec<uuid::Uuid>| {
            if n(salt) == u64::MAX {
                fresh
            } else {
                pick(&items, n(salt)).unwrap_or(fresh)
            }
        };
        let evaluations: Vec<_> = case
            .goals
            .iter()
            .flat_map(|g| g.evaluations.iter().map(|e| (g.id, e.id)))
            .collect();
        let ratings: Vec<_> = case
            .goals
            .iter()
            .filter(|g| !g.ratings.is_empty())
            .map(|g| (g.id, g.ratings.len()))
            .collect();
        let items: Vec<_> = case
            .meetings
            .iter()
            .flat_map(|m| m.agenda.iter().map(|i| (m.id, i.id)))
            .collect();
        Ids {
            participant: ParticipantId(ids(1, case.participants.iter().map(|p| p.id.0).collect())),
            consent: ConsentId(ids(2, case.consents.iter().map(|c| c.id.0).collect())),
            goal: GoalId(ids(3, case.goals.iter().map(|g| g.id.0).collect())),
            evaluation: pick(&evaluations, n(4)).unwrap_or((GoalId(fresh), EvaluationId(fresh))),
            rating: pick(&ratings, n(5)).unwrap_or((GoalId(fresh), 0)),
            action: ActionId(ids(6, case.actions.iter().map(|a| a.id.0).collect())),
            contact: ContactId(ids(
                7,
                case.crisis_plan.contacts.iter().map(|c| c.id.0).collect(),
            )),
            meeting: MeetingId(ids(8, case.meetings.iter().map(|m| m.id.0).collect())),
            item: pick(&items, n(9)).unwrap_or((MeetingId(fresh), AgendaItemId(fresh))),
            form: FormEntryId(ids(10, case.forms.iter().map(|f| f.id.0).collect())),
        }
    }

    /// The same field, of this case's entities.
    fn text_field(&self, field: &TextField) -> TextField {
        use TextField as F;
        let (goal, evaluation) = self.evaluation;
        let (meeting, item) = self.item;
        match field {
            F::PersonName
            | F::PersonPhone
            | F::PersonEmail
            | F::PersonAddress
            | F::PersonNationalId
            | F::PlanMainGoal
            | F::PlanResources
            | F::PlanNeeds
            | F::PlanImplementation
            | F::PlanCooperation
            | F::ZoneSigns(_)
            | F::ZoneWhatIDo(_)
            | F::ZoneWhatOthersDo(_)
            | F::CrisisTriggers
            | F::CrisisHowIWantToBeMet
            | F::CrisisWhatDoesNotHelp
            | F::CrisisTreatmentWishes
            | F::CrisisPracticalMatters
            | F::CrisisReviewedBy => field.clone(),
            F::ParticipantName(_) => F::ParticipantName(self.participant),
            F::ParticipantOrganisation(_) => F::ParticipantOrganisation(self.participant),
            F::ParticipantPhone(_) => F::ParticipantPhone(self.participant),
            F::ParticipantEmail(_) => F::ParticipantEmail(self.participant),
            F::ParticipantContributes(_) => F::ParticipantContributes(self.participant),
            F::ConsentNote(_) => F::ConsentNote(self.consent),
            F::GoalOwnWords(_) => F::GoalOwnWords(self.goal),
            F::GoalProfessionalWording(_) => F::GoalProfessionalWording(self.goal),
            F::EvaluationText(..) => F::EvaluationText(goal, evaluation),
            F::ActionWhat(_) => F::ActionWhat(self.action),
            F::ContactName(_) => F::ContactName(self.contact),
            F::ContactRole(_) => F::ContactRole(self.contact),
            F::ContactPhone(_) => F::ContactPhone(self.contact),
            F::ContactNote(_) => F::ContactNote(self.contact),
            F::MeetingPlace(_) => F::MeetingPlace(self.meeting),
            F::MeetingAgreements(_) => F::MeetingAgreements(self.meeting),
            F::AgendaItemTitle(..) => F::AgendaItemTitle(meeting, item),
            F::AgendaItemMinutes(..) => F::AgendaItemMinutes(meeting, item),
        }
    }

    /// The same field, of this case's entities.
    fn date_field(&self, field: &DateField) -> DateField {
        use DateField as F;
        match field {
            F::PersonBirthDate
            | F::PlanStart
            | F::PlanEnd
            | F::PlanRevision
            | F::CrisisPlanReviewed => field.clone(),
            F::ParticipantFrom(_) => F::ParticipantFrom(self.participant),
            F::ParticipantTo(_) => F::ParticipantTo(self.participant),
            F::ConsentGiven(_) => F::ConsentGiven(self.consent),
            F::ConsentWithdrawn(_) => F::ConsentWithdrawn(self.consent),
            F::GoalTarget(_) => F::GoalTarget(self.goal),
            F::ActionDue(_) => F::ActionDue(self.action),
        }
    }
}

/// An edit like one of the format file's, aimed at `case`. The match names every kind and has
/// no wildcard: a new kind does not compile until it is generated here, and
/// `the_generator_applies_every_edit_kind` fails until the format file has it.
fn make_edit(case: &Case, op: &Op, depth: u32) -> Edit {
    let group = &KINDS[op.kind as usize % KINDS.len()];
    let template = group[(op.a % group.len() as u64) as usize].clone();
    let ids = Ids::of(case, op);
    let fresh = uuid_from(op.b);
    let text = op.text.clone();
    // Now and then missing, now and then before another date.
    let date = (!op.b.is_multiple_of(7)).then(|| day((op.b % 400) as u32));
    let later = (!op.a.is_multiple_of(5)).then(|| day((op.a % 500) as u32));
    let time = Utc
        .timestamp_opt(1_760_000_000 + (op.a % 10_000_000) as i64, 0)
        .unwrap();
    // Now and then past the end of the list.
    let index = |len: usize| (op.b % (len as u64 + 2)) as usize;
    let maybe = |n: u64| !op.b.is_multiple_of(n);
    // References to what the case has, mostly; now and then to what it does not have.
    let dangling = op.b.is_multiple_of(13);
    let refer = |exists: bool, n| dangling || (exists && maybe(n));
    let participant = refer(!case.participants.is_empty(), 5).then_some(ids.participant);
    let other_participant = refer(!case.participants.is_empty(), 3).then_some(ids.participant);
    let meeting = refer(!case.meetings.is_empty(), 4).then_some(ids.meeting);
    let other_meeting = refer(!case.meetings.is_empty(), 2).then_some(ids.meeting);
    let goals: Vec<GoalId> = refer(!case.goals.is_empty(), 3)
        .then_some(ids.goal)
        .into_iter()
        .collect();
    let actions: Vec<ActionId> = refer(!case.actions.is_empty(), 3)
        .then_some(ids.action)
        .into_iter()
        .collect();
    match template {
        Edit::SetText { field, .. } => Edit::SetText {
            field: ids.text_field(&field),
            value: text,
        },
        Edit::SetDate { field, .. } => Edit::SetDate {
            field: ids.date_field(&field),
            value: date,
        },
        Edit::SetCoordinator { .. } => Edit::SetCoordinator { participant },
        Edit::InsertParticipant { participant, .. } => Edit::InsertParticipant {
            index: index(case.participants.len()),
            participant: Participant {
                id: ParticipantId(fresh),
                name: text,
                active_from: date,
                active_to: later,
                ..participant
            },
        },
        Edit::RemoveParticipant { .. } => Edit::RemoveParticipant {
            id: ids.participant,
        },
        Edit::SetParticipantRole { role, .. } => Edit::SetParticipantRole {
            id: ids.participant,
            role,
        },
        Edit::SetParticipantLevel { level, .. } => Edit::SetParticipantLevel {
            id: ids.participant,
            level,
        },
        Edit::InsertConsent { consent, .. } => Edit::InsertConsent {
            index: index(case.consents.len()),
            consent: Consent {
                id: ConsentId(fresh),
                recipient: match op.a % 3 {
                    0 => ConsentRecipient::Organisation(text),
                    _ => ConsentRecipient::Participant(ids.participant),
                },
                given: date,
                withdrawn: later,
                ..consent
            },
        },
        Edit::RemoveConsent { .. } => Edit::RemoveConsent { id: ids.consent },
        Edit::SetConsentSections { sections, .. } => Edit::SetConsentSections {
            id: ids.consent,
            sections,
        },
        Edit::SetConsentMethod { method, .. } => Edit::SetConsentMethod {
            id: ids.consent,
            method,
        },
        Edit::InsertGoal { goal, .. } => Edit::InsertGoal {
            index: index(case.goals.len()),
            goal: Goal {
                id: GoalId(fresh),
                own_words: text,
                target_date: date,
                ratings: vec![Rating {
                    date: day((op.a % 300) as u32),
                    value: (op.a % 12) as u8,
                }],
                evaluations: (0..op.a % 3)
                    .map(|n| Evaluation {
                        // Twice the same id now and then: refused.
                        id: EvaluationId(uuid_from(op.b.wrapping_add(n % 2 * (op.a % 2)))),
                        meeting,
                        ..Evaluation::default()
                    })
                    .collect(),
                ..goal
            },
        },
        Edit::RemoveGoal { .. } => Edit::RemoveGoal { id: ids.goal },
        Edit::SetGoalDomain { domain, .. } => Edit::SetGoalDomain {
            id: ids.goal,
            domain,
        },
        Edit::SetGoalStatus { status, .. } => Edit::SetGoalStatus {
            id: ids.goal,
            status,
        },
        Edit::InsertRating { .. } => Edit::InsertRating {
            goal: ids.goal,
            index: index(case.goal(ids.goal).map_or(0, |g| g.ratings.len())),
            rating: Rating {
                date: day((op.a % 300) as u32),
                value: (op.b % 12) as u8,
            },
        },
        Edit::RemoveRating { .. } => Edit::RemoveRating {
            goal: ids.rating.0,
            index: (op.b % (ids.rating.1 as u64 + 1)) as usize,
        },
        Edit::InsertEvaluation { evaluation, .. } => Edit::InsertEvaluation {
            goal: ids.goal,
            index: index(case.goal(ids.goal).map_or(0, |g| g.evaluations.len())),
            evaluation: Evaluation {
                id: EvaluationId(fresh),
                meeting,
                text,
                ..evaluation
            },
        },
        Edit::RemoveEvaluation { .. } => Edit::RemoveEvaluation {
            goal: ids.evaluation.0,
            id: ids.evaluation.1,
        },
        Edit::InsertAction { action, .. } => Edit::InsertAction {
            index: index(case.actions.len()),
            action: Action {
                id: ActionId(fresh),
                what: text,
                responsible: participant,
                due: date,
                goals,
                agreed_in: meeting,
                followed_up_in: other_meeting,
                ..action
            },
        },
        Edit::RemoveAction { .. } => Edit::RemoveAction { id: ids.action },
        Edit::SetActionStatus { status, .. } => Edit::SetActionStatus {
            id: ids.action,
            status,
        },
        Edit::SetActionResponsible { .. } => Edit::SetActionResponsible {
            id: ids.action,
            responsible: participant,
        },
        Edit::SetActionGoals { .. } => Edit::SetActionGoals {
            id: ids.action,
            goals,
        },
        Edit::SetActionFollowedUp { .. } => Edit::SetActionFollowedUp {
            id: ids.action,
            meeting,
        },
        Edit::InsertContact { contact, .. } => Edit::InsertContact {
            index: index(case.crisis_plan.contacts.len()),
            contact: Contact {
                id: ContactId(fresh),
                name: text,
                phone: format!("4{:07}", op.b % 10_000_000),
                ..contact
            },
        },
        Edit::RemoveContact { .. } => Edit::RemoveContact { id: ids.contact },
        Edit::InsertMeeting { meeting: m, .. } => Edit::InsertMeeting {
            index: index(case.meetings.len()),
            meeting: Meeting {
                id: MeetingId(fresh),
                starts_at: time,
                place: text.clone(),
                chair: participant,
                note_taker: other_participant,
                attendance: participant
                    .map(|p| (p, Attendance::SentApologies))
                    .into_iter()
                    .collect(),
                agenda: vec![AgendaItem {
                    id: AgendaItemId(fresh),
                    title: text,
                    seconds_spent: (op.a % 4000) as u32,
                    goals,
                    actions,
                    ..AgendaItem::default()
                }],
                minutes_recipients: participant.into_iter().collect(),
                ended: maybe(2),
                ..m
            },
        },
        Edit::RemoveMeeting { .. } => Edit::RemoveMeeting { id: ids.meeting },
        Edit::SetMeetingStart { .. } => Edit::SetMeetingStart {
            id: ids.meeting,
            starts_at: time,
        },
        Edit::SetNextMeeting { .. } => Edit::SetNextMeeting {
            id: ids.meeting,
            at: maybe(3).then_some(time),
        },
        Edit::SetMeetingChair { .. } => Edit::SetMeetingChair {
            id: ids.meeting,
            chair: participant,
        },
        Edit::SetMeetingNoteTaker { .. } => Edit::SetMeetingNoteTaker {
            id: ids.meeting,
            note_taker: participant,
        },
        Edit::SetAttendance { attendance, .. } => Edit::SetAttendance {
            meeting: ids.meeting,
            participant: ids.participant,
            attendance,
        },
        Edit::InsertAgendaItem { item, .. } => Edit::InsertAgendaItem {
            meeting: ids.meeting,
            index: index(case.meeting(ids.meeting).map_or(0, |m| m.agenda.len())),
            item: AgendaItem {
                id: AgendaItemId(fresh),
                title: text,
                goals,
                actions,
                ..item
            },
        },
        Edit::RemoveAgendaItem { .. } => Edit::RemoveAgendaItem {
            meeting: ids.item.0,
            id: ids.item.1,
        },
        Edit::SetAgendaItemTime { .. } => Edit::SetAgendaItemTime {
            meeting: ids.item.0,
            id: ids.item.1,
            // Over a day now and then: refused.
            seconds: (op.b % (MAX_AGENDA_ITEM_SECONDS as u64 + 100)) as u32,
        },
        Edit::SetAgendaItemLinks { .. } => Edit::SetAgendaItemLinks {
            meeting: ids.item.0,
            id: ids.item.1,
            goals,
            actions,
        },
        Edit::SetMinutesRecipients { .. } => Edit::SetMinutesRecipients {
            meeting: ids.meeting,
            recipients: participant.into_iter().collect(),
        },
        Edit::SetMeetingEnded { .. } => Edit::SetMeetingEnded {
            meeting: ids.meeting,
            ended: maybe(2),
        },
        Edit::SetMeetingApproval { approval, .. } => Edit::SetMeetingApproval {
            meeting: ids.meeting,
            approval: maybe(3).then_some(approval).flatten(),
        },
        Edit::SetCorrections { corrections, .. } => Edit::SetCorrections {
            meeting: ids.meeting,
            // Now and then none: taking corrections away is refused for new edits.
            corrections: if maybe(3) { corrections } else { Vec::new() },
        },
        Edit::SetReview { .. } => Edit::SetReview {
            meeting: ids.meeting,
            subject: if maybe(2) {
                Subject::Goal(ids.goal)
            } else {
                Subject::Action(ids.action)
            },
            outcome: maybe(3).then(|| {
                if maybe(4) {
                    Outcome::Reviewed
                } else {
                    Outcome::Deferred {
                        reason: text.clone(),
                    }
                }
            }),
        },
        Edit::InsertFormEntry { entry, .. } => Edit::InsertFormEntry {
            index: index(case.forms.len()),
            entry: FormEntry {
                id: FormEntryId(fresh),
                data: text,
                ..entry
            },
        },
        Edit::RemoveFormEntry { .. } => Edit::RemoveFormEntry { id: ids.form },
        Edit::SetFormData { plugin_version, .. } => Edit::SetFormData {
            id: ids.form,
            data: text,
            plugin_version,
            updated: time,
        },
        // Two edits, the second made against what the first leaves: it may depend on it.
        Edit::Batch { .. } if depth == 0 => {
            let mut scratch = case.clone();
            let edits = (1..=2u64)
                .map(|k| {
                    let sub = Op {
                        kind: op.kind.wrapping_add(k as u8 * 17),
                        a: op.a.rotate_left(k as u32 * 11),
                        b: op.b ^ k,
                        text: op.text.clone(),
                    };
                    let edit = make_edit(&scratch, &sub, depth + 1);
                    let _ = apply(&mut scratch, &edit);
                    edit
                })
                .collect();
            Edit::Batch { edits }
        }
        Edit::Batch { .. } => Edit::Batch { edits: vec![] },
    }
}

/// The kind of an edit, as its JSON names it.
fn tag(edit: &Edit) -> String {
    serde_json::to_value(edit).unwrap()["edit"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_generator_applies_every_edit_kind() {
    let mut applied = std::collections::BTreeMap::<String, usize>::new();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        // xorshift64*: the same sequence every run.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    for _ in 0..60 {
        let mut case = Case::default();
        for _ in 0..80 {
            let op = Op {
                kind: next() as u8,
                a: next(),
                b: next(),
                text: "tekst".into(),
            };
            let edit = make_edit(&case, &op, 0);
            if apply(&mut case, &edit).is_ok() {
                *applied.entry(tag(&edit)).or_default() += 1;
            }
        }
    }
    let never: Vec<String> = KINDS
        .iter()
        .map(|group| tag(&group[0]))
        .filter(|kind| !applied.contains_key(kind))
        .collect();
    assert!(
        never.is_empty(),
        "never applied: {never:?}; applied: {applied:?}"
    );
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
            let edit = make_edit(&case, op, 0);
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
    Arc::new(Store::open_test(dir.path().join("t.redb")).unwrap())
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
            let edit = make_edit(s.case(), op, 0);
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
        err.message(ansvar_core::i18n::Lang::Nb)
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
        err.message(ansvar_core::i18n::Lang::Nb)
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
        err.message(ansvar_core::i18n::Lang::Nb)
            .contains("kontrollsiffer"),
        "{err}"
    );
    s.apply(set("01819012365"), &staff()).unwrap();
    s.apply(set(""), &staff()).unwrap();
    assert_eq!(store.load_case(id).unwrap().person.national_id, "");
    assert_eq!(mask_national_id("01819012365"), "•••••••••65");
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

#[test]
fn an_entity_cannot_bring_one_id_twice() {
    // A goal with two evaluations of one id used to go in; removing one left an inverse that
    // could not apply (the other still had the id), so undo failed. Likewise a meeting's agenda.
    let evaluation = Evaluation {
        id: EvaluationId::new(),
        ..Evaluation::default()
    };
    let item = AgendaItem {
        id: AgendaItemId::new(),
        ..AgendaItem::default()
    };
    let twice = [
        Edit::InsertGoal {
            index: 0,
            goal: Goal {
                evaluations: vec![evaluation.clone(), evaluation],
                ..Goal::default()
            },
        },
        Edit::InsertMeeting {
            index: 0,
            meeting: Meeting {
                agenda: vec![item.clone(), item],
                ..Meeting::default()
            },
        },
    ];
    for (edit, kind) in twice
        .iter()
        .zip([EntityKind::Evaluation, EntityKind::AgendaItem])
    {
        let mut case = Case::default();
        let err = apply(&mut case, edit).unwrap_err();
        assert!(
            matches!(err, EditError::Duplicate { kind: k, .. } if k == kind),
            "{err}"
        );
        assert_eq!(case, Case::default());
    }
}
