//! Demo cases: three fictional people, each with a history of meetings, built through the
//! same edit path as everything else so that the log and history are real.
//!
//! The content is data: one TOML file per case in `app/core/assets/demo/`, read into a
//! [`CaseSpec`]. [`Writer`] plays it through a [`Session`] with a clock that is moved to the
//! moment each edit plausibly happened: plan setup about five months before `today`, the
//! meetings every four to eight weeks after that, and the odd edit between meetings (an
//! action marked done, a due date moved, the person rewording a goal). All dates are relative
//! to `today`, so the demo stays current whenever it is written.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use serde::Deserialize;

use crate::clock::Clock;
use crate::domain::{
    Action, ActionId, ActionStatus, AgendaItem, AgendaItemId, Approval, Attendance, Author, CaseId,
    Consent, ConsentId, ConsentMethod, ConsentRecipient, Contact, ContactId, DateField, Edit,
    Evaluation, EvaluationId, Goal, GoalId, GoalStatus, Level, LifeDomain, Meeting, MeetingId,
    Participant, ParticipantId, Rating, Role, Section, TextField,
};
use crate::session::Session;
use crate::store::{Store, StoreError};

/// The demo cases' data files, in the order they are written.
const CASE_FILES: [(&str, &str); 3] = [
    ("ola.toml", include_str!("../assets/demo/ola.toml")),
    ("lise.toml", include_str!("../assets/demo/lise.toml")),
    ("mona.toml", include_str!("../assets/demo/mona.toml")),
];

/// The demo cases, read once. A file that does not parse is a bug in the shipped data; it is
/// reported as an error, not a panic.
static CASES: LazyLock<Result<Vec<CaseSpec>, String>> = LazyLock::new(|| {
    CASE_FILES
        .iter()
        .map(|(name, text)| toml::from_str(text).map_err(|e| format!("demo/{name}: {e}")))
        .collect()
});

/// Writes the demo cases into `store` and returns their ids. Every call adds three new cases.
pub fn write_demo(store: &Arc<Store>, today: NaiveDate) -> Result<Vec<CaseId>, StoreError> {
    let specs = CASES
        .as_ref()
        .map_err(|e| StoreError::Encoding(e.clone()))?;
    specs
        .iter()
        .map(|spec| write_case(store, today, spec))
        .collect()
}

fn write_case(
    store: &Arc<Store>,
    today: NaiveDate,
    spec: &'static CaseSpec,
) -> Result<CaseId, StoreError> {
    // Played in memory and written in one transaction: a crash leaves the whole case or none.
    let staging = Arc::new(Store::in_memory()?);
    let draft = staging.create_case()?;
    // The demo's own clock, moved to the moment each edit plausibly happened.
    let clock = Clock::fixed(at(today, 12, 0));
    let session = Session::open(Arc::clone(&staging), draft.id, clock.clone())?;
    Writer::new(spec, today, session, clock).run()?;
    let case = staging.load_case(draft.id)?;
    let log = staging.log(draft.id)?;
    Ok(store.insert_case_with_log(&case, &log)?.id)
}

// ---------------------------------------------------------------------------------------------
// The shape of the demo data
// ---------------------------------------------------------------------------------------------

/// The standard agenda of a responsibility-group meeting.
const AGENDA: [&str; 9] = [
    "Velkommen og hvem som er til stede",
    "Siden sist (personens egen fortelling)",
    "Gjennomgang av mål og tiltak",
    "Åpne tiltak fra forrige møte",
    "Kriseplan",
    "Lokale skjema",
    "Avtaler: hvem gjør hva innen når",
    "Neste møte",
    "Hvem får referatet",
];
const WELCOME: usize = 0;
const SINCE: usize = 1;
const REVIEW: usize = 2;
const OPEN_ACTIONS: usize = 3;
const CRISIS: usize = 4;
const FORMS: usize = 5;
const AGREEMENTS: usize = 6;
const NEXT: usize = 7;
const RECIPIENTS: usize = 8;

/// The person is always participant 0.
const PERSON: usize = 0;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonSpec {
    name: String,
    birth: (i32, u32, u32),
    phone: String,
    email: String,
    address: String,
    national_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanSpec {
    main_goal: String,
    resources: String,
    needs: String,
    implementation: String,
    cooperation: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartSpec {
    name: String,
    role: Role,
    org: String,
    level: Level,
    phone: String,
    email: String,
    contributes: String,
    /// The meeting at which they join the group.
    from: usize,
    /// Days from `today` when their part ends.
    to: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum To {
    Participant(usize),
    Organisation(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsentSpec {
    to: To,
    sections: Vec<Section>,
    method: ConsentMethod,
    note: String,
    /// The meeting where it is given.
    at: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalSpec {
    domain: LifeDomain,
    own_words: String,
    professional: String,
    /// The meeting where the goal is set.
    from: usize,
    /// Target date, days from `today`.
    target: i64,
    /// The person's rating at each meeting from `from` on.
    ratings: Vec<u8>,
    /// Evaluation at each meeting from `from` on; empty for none.
    evals: Vec<String>,
    /// Status changes: (meeting, status).
    status: Vec<(usize, GoalStatus)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionSpec {
    what: String,
    who: usize,
    goals: Vec<usize>,
    /// The meeting where it is agreed.
    agreed: usize,
    /// Due date, days from `today`.
    due: i64,
    /// The meeting where it is closed, and how.
    result: Option<(usize, ActionStatus)>,
}

/// Something that happens between meetings.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Event {
    /// The responsible party marks an action done.
    Done(usize),
    /// A due date is moved (days from `today`).
    MoveDue(usize, i64),
    /// The person rewords a goal.
    Reword(usize, String),
    /// What a consent covers changes.
    ConsentSections(usize, Vec<Section>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Interim {
    /// Days from `today`.
    day: i64,
    by: usize,
    event: Event,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingSpec {
    /// Days from `today` (moved to the nearest weekday).
    day: i64,
    place: String,
    note_taker: usize,
    /// Everyone active is present except these.
    away: Vec<(usize, Attendance)>,
    since: String,
    review: String,
    open_note: String,
    crisis: String,
    forms: String,
    agreements: String,
    /// Minutes spent on each agenda item.
    mins: [u32; 9],
}

/// Crisis-plan text written at a meeting, or before the first one (`meeting` left out).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CrisisText {
    meeting: Option<usize>,
    field: TextField,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CrisisContact {
    meeting: Option<usize>,
    name: String,
    role: String,
    phone: String,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CrisisReview {
    meeting: Option<usize>,
    by: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CrisisSpec {
    texts: Vec<CrisisText>,
    contacts: Vec<CrisisContact>,
    reviews: Vec<CrisisReview>,
    /// For a review before the first meeting: days from `today`.
    old_review: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseSpec {
    person: PersonSpec,
    plan: PlanSpec,
    coordinator: usize,
    participants: Vec<PartSpec>,
    consents: Vec<ConsentSpec>,
    goals: Vec<GoalSpec>,
    actions: Vec<ActionSpec>,
    crisis: CrisisSpec,
    meetings: Vec<MeetingSpec>,
    /// Sorted by day.
    interim: Vec<Interim>,
    /// The next meeting after the last one: days from `today`, place.
    next: (i64, String),
    /// Whether the next meeting is already set up as a planned meeting.
    upcoming: bool,
}

use TextField as T;

// ---------------------------------------------------------------------------------------------
// Playing a case through a session
// ---------------------------------------------------------------------------------------------

/// `days` from `today`; stays at `today` in the impossible case of leaving chrono's range.
fn rel(today: NaiveDate, days: i64) -> NaiveDate {
    let shifted = if days >= 0 {
        today.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    shifted.unwrap_or(today)
}

/// Moves a Saturday back to Friday and a Sunday on to Monday.
fn workday(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day.pred_opt().unwrap_or(day),
        Weekday::Sun => day.succ_opt().unwrap_or(day),
        _ => day,
    }
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN))
        .and_utc()
}

fn nb_date(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

fn nb_weekday(day: NaiveDate) -> &'static str {
    match day.weekday() {
        Weekday::Mon => "mandag",
        Weekday::Tue => "tirsdag",
        Weekday::Wed => "onsdag",
        Weekday::Thu => "torsdag",
        Weekday::Fri => "fredag",
        Weekday::Sat => "lørdag",
        Weekday::Sun => "søndag",
    }
}

/// "Ola" → "Olas", "Lars" → "Lars'".
fn genitive(name: &str) -> String {
    if name.ends_with(['s', 'x', 'z']) {
        format!("{name}'")
    } else {
        format!("{name}s")
    }
}

/// Ratings given in a meeting: the goal's own words and the value.
type Ratings = Vec<(String, u8)>;

struct Writer {
    spec: &'static CaseSpec,
    today: NaiveDate,
    s: Session,
    now: Clock,
    authors: Vec<Author>,
    pid: Vec<ParticipantId>,
    gid: Vec<GoalId>,
    aid: Vec<ActionId>,
    cid: Vec<ConsentId>,
    mid: Vec<MeetingId>,
    items: Vec<[AgendaItemId; 9]>,
    dates: Vec<NaiveDate>,
    next_event: usize,
}

impl Writer {
    fn new(spec: &'static CaseSpec, today: NaiveDate, s: Session, now: Clock) -> Self {
        let authors = spec
            .participants
            .iter()
            .map(|p| match p.role {
                Role::Person => Author::Person {
                    name: spec.person.name.to_string(),
                },
                _ => Author::Staff {
                    name: p.name.to_string(),
                    organisation: p.org.to_string(),
                },
            })
            .collect();
        Writer {
            spec,
            today,
            s,
            now,
            authors,
            pid: spec
                .participants
                .iter()
                .map(|_| ParticipantId::new())
                .collect(),
            gid: spec.goals.iter().map(|_| GoalId::new()).collect(),
            aid: spec.actions.iter().map(|_| ActionId::new()).collect(),
            cid: spec.consents.iter().map(|_| ConsentId::new()).collect(),
            mid: spec.meetings.iter().map(|_| MeetingId::new()).collect(),
            items: spec
                .meetings
                .iter()
                .map(|_| std::array::from_fn(|_| AgendaItemId::new()))
                .collect(),
            dates: spec
                .meetings
                .iter()
                .map(|m| workday(rel(today, m.day)))
                .collect(),
            next_event: 0,
        }
    }

    // --- time -------------------------------------------------------------------------------

    fn day(&self, days: i64) -> NaiveDate {
        rel(self.today, days)
    }

    fn clock(&self) -> DateTime<Utc> {
        self.now.now()
    }

    fn set_clock(&self, t: DateTime<Utc>) {
        self.now.set(t);
    }

    fn wait(&self, seconds: i64) {
        let t = self.clock() + TimeDelta::try_seconds(seconds).unwrap_or_default();
        self.set_clock(t);
    }

    // --- edits ------------------------------------------------------------------------------

    /// Applies one edit as participant `by`, then lets a little time pass.
    fn edit(&mut self, by: usize, edit: Edit) -> Result<(), StoreError> {
        let author = self.authors[by].clone();
        self.s.apply(edit, &author)?;
        self.wait(40);
        Ok(())
    }

    fn text(&mut self, by: usize, field: TextField, value: &str) -> Result<(), StoreError> {
        self.edit(
            by,
            Edit::SetText {
                field,
                value: value.to_string(),
            },
        )
    }

    fn date(&mut self, by: usize, field: DateField, value: NaiveDate) -> Result<(), StoreError> {
        self.edit(
            by,
            Edit::SetDate {
                field,
                value: Some(value),
            },
        )
    }

    // --- names ------------------------------------------------------------------------------

    fn name(&self, k: usize) -> &'static str {
        let spec: &'static CaseSpec = self.spec;
        &spec.participants[k].name
    }

    fn first_name(&self) -> &'static str {
        let spec: &'static CaseSpec = self.spec;
        let name = spec.person.name.as_str();
        name.split(' ').next().unwrap_or(name)
    }

    /// "Name (Organisation)", as the minutes list people.
    fn label(&self, k: usize) -> String {
        let p = &self.spec.participants[k];
        match (p.role, p.org.as_str()) {
            (Role::Person, _) => p.name.to_string(),
            (Role::Relative, "") => format!("{} (pårørende)", p.name),
            (_, "") => p.name.to_string(),
            (_, org) => format!("{} ({org})", p.name),
        }
    }

    fn active_at(&self, k: usize, i: usize) -> bool {
        let p = &self.spec.participants[k];
        p.from <= i && p.to.is_none_or(|to| self.day(to) >= self.dates[i])
    }

    // --- the case ---------------------------------------------------------------------------

    fn run(mut self) -> Result<(), StoreError> {
        self.setup()?;
        for i in 0..self.spec.meetings.len() {
            self.meeting(i)?;
        }
        let tomorrow = self.day(1);
        self.interim_until(tomorrow)
    }

    /// The coordinator registers the person and the plan about a week before the first meeting.
    fn setup(&mut self) -> Result<(), StoreError> {
        let spec = self.spec;
        let c = spec.coordinator;
        let start = self.dates[0];
        let setup_day = workday(rel(start, -8));
        self.set_clock(at(setup_day, 11, 0));

        let p = &spec.person;
        self.text(c, T::PersonName, &p.name)?;
        let (y, m, d) = p.birth;
        if let Some(birth) = NaiveDate::from_ymd_opt(y, m, d) {
            self.date(c, DateField::PersonBirthDate, birth)?;
        }
        self.text(c, T::PersonPhone, &p.phone)?;
        self.text(c, T::PersonEmail, &p.email)?;
        self.text(c, T::PersonAddress, &p.address)?;
        if !p.national_id.is_empty() {
            self.text(c, T::PersonNationalId, &p.national_id)?;
        }

        self.date(c, DateField::PlanStart, start)?;
        self.date(c, DateField::PlanEnd, rel(start, 365))?;
        self.date(c, DateField::PlanRevision, rel(start, 182))?;

        for k in 0..spec.participants.len() {
            if spec.participants[k].from == 0 {
                self.add_participant(k, start)?;
            }
        }
        self.edit(
            c,
            Edit::SetCoordinator {
                participant: Some(self.pid[c]),
            },
        )?;
        self.text(c, T::PlanResources, &spec.plan.resources)?;
        self.text(c, T::PlanNeeds, &spec.plan.needs)?;
        self.text(c, T::PlanImplementation, &spec.plan.implementation)?;
        self.text(c, T::PlanCooperation, &spec.plan.cooperation)?;

        let old_review = self.day(spec.crisis.old_review);
        self.crisis(None, old_review)
    }

    fn add_participant(&mut self, k: usize, from: NaiveDate) -> Result<(), StoreError> {
        let p = &self.spec.participants[k];
        let participant = Participant {
            id: self.pid[k],
            name: p.name.clone(),
            role: p.role,
            organisation: p.org.clone(),
            level: p.level,
            phone: p.phone.clone(),
            email: p.email.clone(),
            contributes: p.contributes.clone(),
            active_from: Some(from),
            active_to: p.to.map(|d| self.day(d)),
        };
        let index = self.s.case().participants.len();
        self.edit(
            self.spec.coordinator,
            Edit::InsertParticipant { index, participant },
        )
    }

    /// Writes the crisis-plan content that belongs to meeting `at` (`None`: before the first).
    fn crisis(&mut self, at: Option<usize>, reviewed: NaiveDate) -> Result<(), StoreError> {
        let spec: &'static CrisisSpec = &self.spec.crisis;
        let c = self.spec.coordinator;
        for CrisisText { field, text, .. } in spec.texts.iter().filter(|t| t.meeting == at) {
            // In a meeting the person writes their own parts; carried-over text is entered
            // by the coordinator.
            let by = match field {
                T::ZoneWhatIDo(_) | T::CrisisHowIWantToBeMet | T::CrisisTreatmentWishes
                    if at.is_some() =>
                {
                    PERSON
                }
                _ => c,
            };
            self.text(by, field.clone(), text)?;
        }
        for k in spec.contacts.iter().filter(|t| t.meeting == at) {
            let contact = Contact {
                id: ContactId::new(),
                name: k.name.clone(),
                role: k.role.clone(),
                phone: k.phone.clone(),
                note: k.note.clone(),
            };
            let index = self.s.case().crisis_plan.contacts.len();
            self.edit(c, Edit::InsertContact { index, contact })?;
        }
        for CrisisReview { by, .. } in spec.reviews.iter().filter(|t| t.meeting == at) {
            self.date(c, DateField::CrisisPlanReviewed, reviewed)?;
            self.text(c, T::CrisisReviewedBy, by)?;
        }
        Ok(())
    }

    /// Plays the edits that happen between meetings, up to (not including) `before`.
    fn interim_until(&mut self, before: NaiveDate) -> Result<(), StoreError> {
        while let Some(ev) = self.spec.interim.get(self.next_event) {
            let day = self.day(ev.day);
            if day >= before {
                break;
            }
            self.set_clock(at(day, 13, 0));
            let edit = match &ev.event {
                Event::Done(a) => Edit::SetActionStatus {
                    id: self.aid[*a],
                    status: ActionStatus::Done,
                },
                Event::MoveDue(a, due) => Edit::SetDate {
                    field: DateField::ActionDue(self.aid[*a]),
                    value: Some(self.day(*due)),
                },
                Event::Reword(g, words) => Edit::SetText {
                    field: T::GoalOwnWords(self.gid[*g]),
                    value: words.clone(),
                },
                Event::ConsentSections(k, sections) => Edit::SetConsentSections {
                    id: self.cid[*k],
                    sections: sections.clone(),
                },
            };
            self.edit(ev.by, edit)?;
            self.next_event += 1;
        }
        Ok(())
    }

    /// Writes an agenda item's minutes and time, and moves the clock to the item's end.
    fn finish_item(
        &mut self,
        i: usize,
        item: usize,
        minutes: &str,
        started: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let ms = &self.spec.meetings[i];
        let (meeting, id) = (self.mid[i], self.items[i][item]);
        self.text(
            ms.note_taker,
            T::AgendaItemMinutes(meeting, id),
            minutes.trim(),
        )?;
        let seconds = ms.mins[item] * 60;
        self.edit(
            ms.note_taker,
            Edit::SetAgendaItemTime {
                meeting,
                id,
                seconds,
            },
        )?;
        let end = started + TimeDelta::try_seconds(seconds.into()).unwrap_or_default();
        if self.clock() < end {
            self.set_clock(end);
        }
        Ok(())
    }

    fn link(
        &mut self,
        i: usize,
        item: usize,
        goals: Vec<GoalId>,
        actions: Vec<ActionId>,
    ) -> Result<(), StoreError> {
        let edit = Edit::SetAgendaItemLinks {
            meeting: self.mid[i],
            id: self.items[i][item],
            goals,
            actions,
        };
        self.edit(self.spec.meetings[i].note_taker, edit)
    }

    /// One meeting, item by item, as it would be written during the meeting.
    fn meeting(&mut self, i: usize) -> Result<(), StoreError> {
        let spec = self.spec;
        let ms = &spec.meetings[i];
        let date = self.dates[i];
        let c = spec.coordinator;
        let nt = ms.note_taker;
        let mid = self.mid[i];
        let last = i + 1 == spec.meetings.len();

        self.interim_until(date)?;

        // New members are added just before the meeting.
        self.set_clock(at(date, 8, 40));
        let joining: Vec<usize> = (0..spec.participants.len())
            .filter(|&k| i > 0 && spec.participants[k].from == i)
            .collect();
        for &k in &joining {
            self.add_participant(k, date)?;
        }

        self.set_clock(at(date, 9, 0));
        let attendance: BTreeMap<ParticipantId, Attendance> = (0..spec.participants.len())
            .filter(|&k| self.active_at(k, i))
            .map(|k| {
                let a = ms
                    .away
                    .iter()
                    .find(|(who, _)| *who == k)
                    .map_or(Attendance::Present, |(_, a)| *a);
                (self.pid[k], a)
            })
            .collect();
        let agenda = AGENDA
            .iter()
            .zip(self.items[i])
            .map(|(title, id)| AgendaItem {
                id,
                title: (*title).into(),
                ..AgendaItem::default()
            })
            .collect();
        let meeting = Meeting {
            id: mid,
            starts_at: at(date, 9, 0),
            place: ms.place.clone(),
            chair: Some(self.pid[c]),
            note_taker: Some(self.pid[nt]),
            attendance: attendance.clone(),
            agenda,
            ..Meeting::default()
        };
        let index = self.s.case().meetings.len();
        self.edit(c, Edit::InsertMeeting { index, meeting })?;

        // Welcome and who is present.
        let started = self.clock();
        if i > 0 {
            let approval = Approval {
                on: date,
                by: format!("{} og {}", spec.person.name, self.name(c)),
            };
            self.edit(
                c,
                Edit::SetMeetingApproval {
                    meeting: self.mid[i - 1],
                    approval: Some(approval),
                },
            )?;
        }
        let mut consented = Vec::new();
        for (k, cs) in spec
            .consents
            .iter()
            .enumerate()
            .filter(|(_, cs)| cs.at == i)
        {
            let recipient = match &cs.to {
                &To::Participant(p) => {
                    consented.push(self.name(p).to_string());
                    ConsentRecipient::Participant(self.pid[p])
                }
                To::Organisation(org) => {
                    consented.push(org.to_string());
                    ConsentRecipient::Organisation(org.into())
                }
            };
            let consent = Consent {
                id: self.cid[k],
                recipient,
                sections: cs.sections.to_vec(),
                given: Some(date),
                withdrawn: None,
                method: cs.method,
                note: cs.note.clone(),
            };
            let index = self.s.case().consents.len();
            self.edit(c, Edit::InsertConsent { index, consent })?;
        }
        let welcome = self.welcome_text(i, &attendance, &joining, &consented);
        self.finish_item(i, WELCOME, &welcome, started)?;

        // Since last time, in the person's own words.
        let started = self.clock();
        if i == 0 {
            self.text(PERSON, T::PlanMainGoal, &spec.plan.main_goal)?;
        }
        self.finish_item(i, SINCE, &ms.since, started)?;

        // Goals: new goals, the person's ratings, evaluations and status.
        let started = self.clock();
        let (goals, rated) = self.review_goals(i)?;
        let mut review = ms.review.to_string();
        if !rated.is_empty() {
            review.push_str(&format!(
                "\n\n{} egen vurdering (1–10):",
                genitive(self.first_name())
            ));
            for (words, value) in rated {
                review.push_str(&format!("\n– «{words}» {value}"));
            }
        }
        self.finish_item(i, REVIEW, &review, started)?;
        self.link(i, REVIEW, goals, Vec::new())?;

        // Open actions from earlier meetings.
        let started = self.clock();
        let (followed, text) = self.follow_up_actions(i)?;
        self.finish_item(i, OPEN_ACTIONS, &text, started)?;
        if !followed.is_empty() {
            self.link(i, OPEN_ACTIONS, Vec::new(), followed)?;
        }

        // Crisis plan.
        let started = self.clock();
        self.crisis(Some(i), date)?;
        self.finish_item(i, CRISIS, &ms.crisis, started)?;

        // Local forms.
        let started = self.clock();
        self.finish_item(i, FORMS, &ms.forms, started)?;

        // Agreements: who does what by when.
        let started = self.clock();
        let (goals, actions, text) = self.agree_actions(i)?;
        self.finish_item(i, AGREEMENTS, &text, started)?;
        if !actions.is_empty() {
            self.link(i, AGREEMENTS, goals, actions)?;
        }

        // Next meeting.
        let started = self.clock();
        let (next_day, next_place) = match spec.meetings.get(i + 1) {
            Some(next) => (self.dates[i + 1], next.place.as_str()),
            None => (workday(self.day(spec.next.0)), spec.next.1.as_str()),
        };
        self.edit(
            c,
            Edit::SetNextMeeting {
                id: mid,
                at: Some(at(next_day, 9, 0)),
            },
        )?;
        let text = format!(
            "Neste møte: {} {}, {next_place}.",
            nb_weekday(next_day),
            nb_date(next_day)
        );
        self.finish_item(i, NEXT, &text, started)?;

        // Who receives the minutes: the person, and whoever the person has consented to.
        let started = self.clock();
        let (to, not_to) = self.minutes_recipients(i);
        self.edit(
            c,
            Edit::SetMinutesRecipients {
                meeting: mid,
                recipients: to.iter().map(|&k| self.pid[k]).collect(),
            },
        )?;
        let names = |ks: &[usize]| {
            ks.iter()
                .map(|&k| self.name(k))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut text = format!("Referatet sendes til: {}.", names(&to));
        if !not_to.is_empty() {
            text.push_str(&format!(
                "\nFår ikke referatet (ikke samtykke til det): {}.",
                names(&not_to)
            ));
        }
        self.finish_item(i, RECIPIENTS, &text, started)?;

        self.text(nt, T::MeetingAgreements(mid), &ms.agreements)?;
        self.edit(
            c,
            Edit::SetMeetingEnded {
                meeting: mid,
                ended: true,
            },
        )?;

        if last && spec.upcoming {
            self.wait(20 * 60);
            self.plan_meeting(next_day, next_place)?;
        }
        Ok(())
    }

    fn welcome_text(
        &self,
        i: usize,
        attendance: &BTreeMap<ParticipantId, Attendance>,
        joining: &[usize],
        consented: &[String],
    ) -> String {
        let spec = self.spec;
        let with = |wanted: Attendance| {
            (0..spec.participants.len())
                .filter(|&k| attendance.get(&self.pid[k]) == Some(&wanted))
                .map(|k| self.label(k))
                .collect::<Vec<_>>()
        };
        let mut lines = vec![format!(
            "Til stede: {}.",
            with(Attendance::Present).join(", ")
        )];
        let apologies = with(Attendance::SentApologies);
        if !apologies.is_empty() {
            lines.push(format!("Meldt forfall: {}.", apologies.join(", ")));
        }
        let absent = with(Attendance::Absent);
        if !absent.is_empty() {
            lines.push(format!("Ikke møtt: {}.", absent.join(", ")));
        }
        let ms = &spec.meetings[i];
        lines.push(format!(
            "Møteleder: {}. Referent: {}.",
            self.name(spec.coordinator),
            self.name(ms.note_taker)
        ));
        if i == 0 {
            lines.push(format!(
                "Oppstartsmøte for individuell plan. {} har selv valgt hvem som skal være med i \
                 ansvarsgruppen.",
                self.first_name()
            ));
        } else {
            lines.push("Referatet fra forrige møte ble godkjent.".into());
        }
        for &k in joining {
            lines.push(format!("Ny i gruppen: {}.", self.label(k)));
        }
        if !consented.is_empty() {
            lines.push(format!(
                "Samtykke gjennomgått og registrert for: {}.",
                consented.join("; ")
            ));
        }
        lines.join("\n")
    }

    /// Returns the goals reviewed and the ratings given (the goal's own words, value).
    fn review_goals(&mut self, i: usize) -> Result<(Vec<GoalId>, Ratings), StoreError> {
        let spec = self.spec;
        let date = self.dates[i];
        let nt = spec.meetings[i].note_taker;
        let mut reviewed = Vec::new();
        let mut rated = Vec::new();
        for (k, g) in spec.goals.iter().enumerate() {
            if g.from > i {
                continue;
            }
            let id = self.gid[k];
            if g.from == i {
                let goal = Goal {
                    id,
                    domain: g.domain,
                    own_words: g.own_words.clone(),
                    expressed_by_person: true,
                    target_date: Some(self.day(g.target)),
                    ..Goal::default()
                };
                let index = self.s.case().goals.len();
                self.edit(PERSON, Edit::InsertGoal { index, goal })?;
                self.text(
                    spec.coordinator,
                    T::GoalProfessionalWording(id),
                    &g.professional,
                )?;
            }
            let n = i - g.from;
            if let Some(&value) = g.ratings.get(n) {
                let index = self.s.case().goal(id).map_or(0, |g| g.ratings.len());
                self.edit(
                    PERSON,
                    Edit::InsertRating {
                        goal: id,
                        index,
                        rating: Rating { date, value },
                    },
                )?;
                let words = self
                    .s
                    .case()
                    .goal(id)
                    .map(|g| g.own_words.clone())
                    .unwrap_or_default();
                rated.push((words, value));
            }
            if let Some(text) = g.evals.get(n).filter(|t| !t.is_empty()) {
                let index = self.s.case().goal(id).map_or(0, |g| g.evaluations.len());
                let evaluation = Evaluation {
                    id: EvaluationId::new(),
                    date,
                    meeting: Some(self.mid[i]),
                    text: text.clone(),
                };
                self.edit(
                    nt,
                    Edit::InsertEvaluation {
                        goal: id,
                        index,
                        evaluation,
                    },
                )?;
            }
            for (_, status) in g.status.iter().filter(|(m, _)| *m == i) {
                self.edit(
                    nt,
                    Edit::SetGoalStatus {
                        id,
                        status: *status,
                    },
                )?;
            }
            reviewed.push(id);
        }
        Ok((reviewed, rated))
    }

    /// Follows up the actions from earlier meetings that were open, or that were closed since.
    fn follow_up_actions(&mut self, i: usize) -> Result<(Vec<ActionId>, String), StoreError> {
        let spec = self.spec;
        let date = self.dates[i];
        let nt = spec.meetings[i].note_taker;
        let mut followed = Vec::new();
        let mut lines = Vec::new();
        for (k, a) in spec.actions.iter().enumerate() {
            if a.agreed >= i {
                continue;
            }
            let id = self.aid[k];
            let Some(current) = self.s.case().action(id).map(|x| x.status) else {
                continue;
            };
            let result = a.result.filter(|(m, _)| *m == i).map(|(_, s)| s);
            if current != ActionStatus::Open && result.is_none() {
                continue;
            }
            if let Some(status) = result
                && status != current
            {
                self.edit(nt, Edit::SetActionStatus { id, status })?;
            }
            self.edit(
                nt,
                Edit::SetActionFollowedUp {
                    id,
                    meeting: Some(self.mid[i]),
                },
            )?;
            let due = self.s.case().action(id).and_then(|x| x.due);
            let how = match (result.unwrap_or(current), due) {
                (ActionStatus::Done, _) => "utført.".to_string(),
                (ActionStatus::Cancelled, _) => "avsluttet uten å bli gjennomført.".to_string(),
                (ActionStatus::Open, Some(due)) if due < date => {
                    format!("ikke gjort ennå; fristen {} er passert.", nb_date(due))
                }
                (ActionStatus::Open, Some(due)) => format!("pågår, frist {}.", nb_date(due)),
                (ActionStatus::Open, None) => "pågår.".to_string(),
            };
            lines.push(format!("– {} ({}): {how}", a.what, self.name(a.who)));
            followed.push(id);
        }
        let mut text = if lines.is_empty() {
            if i == 0 {
                "Første møte; ingen tiltak fra før.".to_string()
            } else {
                "Ingen åpne tiltak.".to_string()
            }
        } else {
            format!("Fulgt opp fra tidligere møter:\n{}", lines.join("\n"))
        };
        let note = &spec.meetings[i].open_note;
        if !note.is_empty() {
            text.push_str("\n\n");
            text.push_str(note);
        }
        Ok((followed, text))
    }

    /// Inserts the actions agreed in meeting `i`.
    fn agree_actions(
        &mut self,
        i: usize,
    ) -> Result<(Vec<GoalId>, Vec<ActionId>, String), StoreError> {
        let spec = self.spec;
        let nt = spec.meetings[i].note_taker;
        let mut goals = Vec::new();
        let mut actions = Vec::new();
        let mut lines = Vec::new();
        for (k, a) in spec.actions.iter().enumerate() {
            if a.agreed != i {
                continue;
            }
            let due = self.day(a.due);
            let action = Action {
                id: self.aid[k],
                what: a.what.clone(),
                responsible: Some(self.pid[a.who]),
                due: Some(due),
                status: ActionStatus::Open,
                goals: a.goals.iter().map(|&g| self.gid[g]).collect(),
                agreed_in: Some(self.mid[i]),
                followed_up_in: None,
            };
            for g in &action.goals {
                if !goals.contains(g) {
                    goals.push(*g);
                }
            }
            let index = self.s.case().actions.len();
            self.edit(nt, Edit::InsertAction { index, action })?;
            lines.push(format!(
                "– {}: {}. Frist {}.",
                self.name(a.who),
                a.what,
                nb_date(due)
            ));
            actions.push(self.aid[k]);
        }
        let text = if lines.is_empty() {
            "Ingen nye tiltak.".to_string()
        } else {
            format!("Nye tiltak:\n{}", lines.join("\n"))
        };
        Ok((goals, actions, text))
    }

    /// Active participants who get the minutes, and those who do not.
    fn minutes_recipients(&self, i: usize) -> (Vec<usize>, Vec<usize>) {
        let case = self.s.case();
        (0..self.spec.participants.len())
            .filter(|&k| self.active_at(k, i))
            .partition(|&k| {
                let p = &self.spec.participants[k];
                p.role == Role::Person
                    || case.consents.iter().any(|c| {
                        c.withdrawn.is_none()
                            && c.sections.contains(&Section::Minutes)
                            && match &c.recipient {
                                ConsentRecipient::Participant(id) => *id == self.pid[k],
                                ConsentRecipient::Organisation(org) => *org == p.org,
                            }
                    })
            })
    }

    /// The coordinator sets up the next meeting with the standard agenda.
    fn plan_meeting(&mut self, day: NaiveDate, place: &str) -> Result<(), StoreError> {
        let c = self.spec.coordinator;
        let meeting = Meeting {
            id: MeetingId::new(),
            starts_at: at(day, 9, 0),
            place: place.into(),
            chair: Some(self.pid[c]),
            agenda: AGENDA
                .iter()
                .map(|title| AgendaItem {
                    id: AgendaItemId::new(),
                    title: (*title).into(),
                    ..AgendaItem::default()
                })
                .collect(),
            ..Meeting::default()
        };
        let index = self.s.case().meetings.len();
        self.edit(c, Edit::InsertMeeting { index, meeting })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Case;

    fn demo_store() -> (tempfile::TempDir, Arc<Store>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open_test(dir.path().join("demo.redb")).unwrap());
        (dir, store)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn demo_cases_are_complete_and_have_real_history() {
        let (_dir, store) = demo_store();
        let today = today();
        let ids = write_demo(&store, today).unwrap();
        assert_eq!(ids.len(), 3);

        let mut any_overdue = false;
        let mut old_crisis_plan = false;
        let mut all_text = String::new();
        for &id in &ids {
            let case: Case = store.load_case(id).unwrap();
            let who = &case.person.name;
            assert!(!who.is_empty());
            assert!(case.person.birth_date.is_some(), "{who}");
            assert!(case.coordinator().is_some(), "{who}");
            assert!(!case.plan.main_goal.is_empty(), "{who}");
            assert!((4..=7).contains(&case.participants.len()), "{who}");
            assert!(
                case.participants.iter().any(|p| p.role == Role::Person),
                "{who}"
            );

            assert!(case.goals.len() >= 4, "{who}");
            for g in &case.goals {
                assert!(!g.own_words.is_empty(), "{who}");
                assert!(!g.ratings.is_empty() && g.ratings.len() <= 10, "{who}");
                assert!(g.ratings.iter().all(|r| (1..=10).contains(&r.value)));
            }
            assert!(case.actions.len() >= 6, "{who}");
            assert!(case.actions.iter().any(|a| a.status == ActionStatus::Done));
            assert!(case.actions.iter().any(|a| a.status == ActionStatus::Open));
            assert!(
                case.actions
                    .iter()
                    .any(|a| a.status == ActionStatus::Cancelled)
            );
            any_overdue |= case.actions.iter().any(|a| a.is_overdue(today));

            let mut ended: Vec<_> = case.meetings.iter().filter(|m| m.ended).collect();
            assert!(ended.len() >= 3, "{who}");
            ended.sort_by_key(|m| m.starts_at);
            let (latest, earlier) = ended.split_last().unwrap();
            assert!(latest.approved.is_none(), "{who}");
            assert!(earlier.iter().all(|m| m.approved.is_some()), "{who}");
            assert!(latest.next_meeting.unwrap().date_naive() > today, "{who}");
            assert!(case.next_meeting().unwrap().date_naive() > today, "{who}");
            for m in &ended {
                assert_eq!(m.agenda.len(), AGENDA.len());
                assert!(
                    m.agenda
                        .iter()
                        .all(|a| !a.minutes.is_empty() && a.seconds_spent > 0)
                );
                assert!(!m.minutes_recipients.is_empty());
                assert!(m.starts_at.date_naive() < today);
            }

            let cp = &case.crisis_plan;
            assert!(cp.contacts.len() >= 3, "{who}");
            assert!(cp.contacts.iter().all(|c| !c.phone.is_empty()), "{who}");
            assert!(!cp.red.signs.is_empty() && !cp.yellow.what_others_do.is_empty());
            let reviewed = cp.reviewed_on.unwrap();
            old_crisis_plan |= reviewed < today - Days::new(183);
            assert!(!case.consents.is_empty(), "{who}");

            let log = store.log(id).unwrap();
            assert!(log.len() >= 100, "{who}: only {} log entries", log.len());
            assert!(
                log.iter()
                    .any(|e| matches!(e.author, Author::Person { .. })),
                "{who}"
            );
            assert!(
                log.windows(2).all(|w| w[0].at <= w[1].at),
                "{who}: the log goes back in time"
            );
            assert!(log.last().unwrap().at.date_naive() <= today);

            all_text.push_str(&serde_json::to_string(&case).unwrap());
        }
        assert!(any_overdue);
        assert!(old_crisis_plan);
        for ch in ['æ', 'ø', 'å'] {
            assert!(all_text.contains(ch), "no {ch} in the demo");
        }
    }

    #[test]
    fn demo_can_be_written_twice() {
        let (_dir, store) = demo_store();
        let first = write_demo(&store, today()).unwrap();
        let second = write_demo(&store, today()).unwrap();
        assert_eq!(store.list_cases().unwrap().len(), 6);
        assert!(first.iter().all(|id| !second.contains(id)));
    }
}
