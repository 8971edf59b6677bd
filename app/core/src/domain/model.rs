//! The plan model: one [`Case`] per person, holding their individual plan and everything around it.
//!
//! Plain data with serde. Every struct takes `#[serde(default)]` so that a field added later reads
//! as its default from an older file.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A case's number in the store; short so that it can be typed on the command line.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CaseId(pub u64);

impl std::fmt::Display for CaseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

macro_rules! entity_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random id.
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

entity_id!(
    /// Identifies a [`Participant`] within a case.
    ParticipantId
);
entity_id!(
    /// Identifies a [`Goal`].
    GoalId
);
entity_id!(
    /// Identifies an [`Action`].
    ActionId
);
entity_id!(
    /// Identifies a [`Meeting`].
    MeetingId
);
entity_id!(
    /// Identifies an [`AgendaItem`] within a meeting.
    AgendaItemId
);
entity_id!(
    /// Identifies a [`Consent`].
    ConsentId
);
entity_id!(
    /// Identifies a crisis-plan [`Contact`].
    ContactId
);
entity_id!(
    /// Identifies an [`Evaluation`] of a goal.
    EvaluationId
);
entity_id!(
    /// Identifies a [`FormEntry`].
    FormEntryId
);

/// Everything about one person's plan work. Norwegian: the person's IP and responsibility group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Case {
    pub id: CaseId,
    pub person: Person,
    pub plan: Plan,
    pub participants: Vec<Participant>,
    pub consents: Vec<Consent>,
    pub goals: Vec<Goal>,
    pub actions: Vec<Action>,
    pub crisis_plan: CrisisPlan,
    pub meetings: Vec<Meeting>,
    pub forms: Vec<FormEntry>,
}

/// The person the plan is for (tjenestemottaker).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    pub name: String,
    pub birth_date: Option<NaiveDate>,
    pub phone: String,
    pub email: String,
    pub address: String,
    /// Fødselsnummer; optional, and masked wherever it is shown.
    pub national_id: String,
}

/// A national ID as its last two digits only: how it appears on every screen and in the history.
pub fn mask_national_id(id: &str) -> String {
    let digits: Vec<char> = id.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() < 3 {
        return "•".repeat(digits.len());
    }
    let tail: String = digits[digits.len() - 2..].iter().collect();
    format!("{}{tail}", "•".repeat(digits.len() - 2))
}

/// Whether `id` is a Norwegian national identity number (fødselsnummer, D-number or synthetic
/// test number): 11 digits whose two check digits agree (modulus 11).
pub fn is_valid_national_id(id: &str) -> bool {
    let digits: Vec<u32> = id.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 11 || id.chars().count() != 11 {
        return false;
    }
    let check = |weights: &[u32]| {
        let sum: u32 = weights.iter().zip(&digits).map(|(w, d)| w * d).sum();
        match 11 - sum % 11 {
            11 => Some(0),
            10 => None,
            k => Some(k),
        }
    };
    check(&[3, 7, 6, 1, 8, 9, 4, 5, 2]) == Some(digits[9])
        && check(&[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) == Some(digits[10])
}

/// The individual plan itself (individuell plan, regulation § 19).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    /// When the plan is next revised (revideres).
    pub revision_date: Option<NaiveDate>,
    pub coordinator: Option<ParticipantId>,
    /// The overall goal, in the person's own words (hovedmål).
    pub main_goal: String,
    pub resources: String,
    pub needs: String,
    /// How the actions are carried out (§ 19 point 6).
    pub implementation: String,
    /// Cooperation needed with other agencies (§ 19 point 9).
    pub cooperation: String,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The person the plan is for.
    Person,
    /// Pårørende.
    Relative,
    Coordinator,
    /// Fastlege.
    GeneralPractitioner,
    DpsTherapist,
    /// Kommunal rus- og psykisk helsetjeneste / TSB.
    SubstanceService,
    NavAdvisor,
    /// Boligkontor.
    HousingOffice,
    IpsJobSpecialist,
    /// Kriminalomsorgen.
    CorrectionalService,
    #[default]
    Other,
}

impl Role {
    pub const ALL: [Role; 11] = [
        Role::Person,
        Role::Relative,
        Role::Coordinator,
        Role::GeneralPractitioner,
        Role::DpsTherapist,
        Role::SubstanceService,
        Role::NavAdvisor,
        Role::HousingOffice,
        Role::IpsJobSpecialist,
        Role::CorrectionalService,
        Role::Other,
    ];
}

/// The service level an organisation belongs to.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Kommune.
    Municipality,
    /// Spesialisthelsetjenesten (DPS, TSB).
    SpecialistHealth,
    Nav,
    #[default]
    Other,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Municipality,
        Level::SpecialistHealth,
        Level::Nav,
        Level::Other,
    ];
}

/// A member of the responsibility group (ansvarsgruppe), the person included.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
    pub role: Role,
    pub organisation: String,
    pub level: Level,
    pub phone: String,
    pub email: String,
    /// What they contribute to the plan (§ 19 point 4).
    pub contributes: String,
    pub active_from: Option<NaiveDate>,
    pub active_to: Option<NaiveDate>,
}

/// A life domain a goal belongs to.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum LifeDomain {
    #[default]
    Health,
    SubstanceUse,
    Housing,
    WorkAndActivity,
    Finances,
    NetworkAndFamily,
    Leisure,
    Legal,
}

impl LifeDomain {
    pub const ALL: [LifeDomain; 8] = [
        LifeDomain::Health,
        LifeDomain::SubstanceUse,
        LifeDomain::Housing,
        LifeDomain::WorkAndActivity,
        LifeDomain::Finances,
        LifeDomain::NetworkAndFamily,
        LifeDomain::Leisure,
        LifeDomain::Legal,
    ];
}

/// A part of the plan that consent is given for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "section", content = "domain")]
pub enum Section {
    Goals(LifeDomain),
    Actions,
    CrisisPlan,
    Forms,
    Minutes,
}

/// Who a consent is given to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum ConsentRecipient {
    Participant(ParticipantId),
    /// Everyone from one organisation, e.g. "NAV Asker".
    Organisation(String),
}

impl Default for ConsentRecipient {
    fn default() -> Self {
        ConsentRecipient::Organisation(String::new())
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentMethod {
    #[default]
    VerbalInMeeting,
    Signed,
}

/// What the person consents to share with whom (samtykke).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Consent {
    pub id: ConsentId,
    pub recipient: ConsentRecipient,
    pub sections: Vec<Section>,
    pub given: Option<NaiveDate>,
    pub withdrawn: Option<NaiveDate>,
    pub method: ConsentMethod,
    pub note: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    #[default]
    NotStarted,
    InProgress,
    Achieved,
    Paused,
    Dropped,
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 5] = [
        GoalStatus::NotStarted,
        GoalStatus::InProgress,
        GoalStatus::Achieved,
        GoalStatus::Paused,
        GoalStatus::Dropped,
    ];
}

/// The person's own rating of a goal, 1 to 10.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rating {
    pub date: NaiveDate,
    pub value: u8,
}

/// How a goal went, recorded at a meeting (evaluering).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Evaluation {
    pub id: EvaluationId,
    pub date: NaiveDate,
    pub meeting: Option<MeetingId>,
    pub text: String,
}

/// One of the person's goals (mål).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Goal {
    pub id: GoalId,
    pub domain: LifeDomain,
    /// The goal as the person puts it. Shown first and largest.
    pub own_words: String,
    /// True when the person wrote the goal themselves (FHIR `expressedBy`).
    pub expressed_by_person: bool,
    pub professional_wording: String,
    pub status: GoalStatus,
    pub target_date: Option<NaiveDate>,
    pub ratings: Vec<Rating>,
    pub evaluations: Vec<Evaluation>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
    Cancelled,
}

/// Something a named party does, by a date, towards a goal (tiltak).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Action {
    pub id: ActionId,
    pub what: String,
    pub responsible: Option<ParticipantId>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    pub goals: Vec<GoalId>,
    /// The meeting where it was agreed.
    pub agreed_in: Option<MeetingId>,
    /// The meeting where it was last followed up.
    pub followed_up_in: Option<MeetingId>,
}

impl Action {
    /// Open and past its due date. Derived, never stored.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due.is_some_and(|due| due < today)
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// Things are fine: what keeps me well.
    #[default]
    Green,
    /// Early warning signs.
    Yellow,
    /// Crisis.
    Red,
}

impl Zone {
    pub const ALL: [Zone; 3] = [Zone::Green, Zone::Yellow, Zone::Red];
}

/// One zone of the crisis plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ZonePlan {
    /// Signs that I am in this zone.
    pub signs: String,
    pub what_i_do: String,
    /// What others do, and who.
    pub what_others_do: String,
}

/// Someone to call in a crisis.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub id: ContactId,
    pub name: String,
    /// E.g. "Fastlege", "DPS akutteam", "Søster".
    pub role: String,
    pub phone: String,
    pub note: String,
}

/// The crisis plan (kriseplan), agreed in advance by the person, the municipality and the DPS.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CrisisPlan {
    pub green: ZonePlan,
    pub yellow: ZonePlan,
    pub red: ZonePlan,
    pub triggers: String,
    pub how_i_want_to_be_met: String,
    pub what_does_not_help: String,
    pub treatment_wishes: String,
    /// Children, pets, home, bills.
    pub practical_matters: String,
    pub contacts: Vec<Contact>,
    pub reviewed_on: Option<NaiveDate>,
    pub reviewed_by: String,
}

impl CrisisPlan {
    pub fn zone(&self, zone: Zone) -> &ZonePlan {
        match zone {
            Zone::Green => &self.green,
            Zone::Yellow => &self.yellow,
            Zone::Red => &self.red,
        }
    }

    pub fn zone_mut(&mut self, zone: Zone) -> &mut ZonePlan {
        match zone {
            Zone::Green => &mut self.green,
            Zone::Yellow => &mut self.yellow,
            Zone::Red => &mut self.red,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    #[default]
    Present,
    /// Meldt forfall.
    SentApologies,
    Absent,
}

/// One item on a meeting's agenda (sak).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub title: String,
    pub minutes: String,
    pub seconds_spent: u32,
    pub goals: Vec<GoalId>,
    pub actions: Vec<ActionId>,
}

/// Who approved the minutes, and when.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Approval {
    pub on: NaiveDate,
    pub by: String,
}

/// A change to minutes after they were approved (rettelse): when, by whom, what and why. The
/// next meeting's minutes mention it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Correction {
    pub on: NaiveDate,
    pub by: String,
    pub what: String,
}

/// A goal or an action, as the meeting's review walks through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Subject {
    Goal(GoalId),
    Action(ActionId),
}

/// How the meeting left a goal or an action: gone through (rated, evaluated, its status or due
/// date changed, done), put off to the next meeting with a reason (utsatt), or left untouched
/// (recorded when the meeting ends without it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    Reviewed,
    Deferred { reason: String },
    Untouched,
}

/// One goal's or action's outcome at a meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub subject: Subject,
    pub outcome: Outcome,
}

/// A responsibility-group meeting (ansvarsgruppemøte).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meeting {
    pub id: MeetingId,
    pub starts_at: DateTime<Utc>,
    pub place: String,
    pub chair: Option<ParticipantId>,
    pub note_taker: Option<ParticipantId>,
    pub attendance: BTreeMap<ParticipantId, Attendance>,
    pub agenda: Vec<AgendaItem>,
    /// Agreements that are not actions; actions agreed here carry `agreed_in`.
    pub agreements: String,
    pub next_meeting: Option<DateTime<Utc>>,
    pub minutes_recipients: Vec<ParticipantId>,
    pub ended: bool,
    pub approved: Option<Approval>,
    /// What the review did with each open goal and action (none: untouched). Left out of the
    /// JSON when empty, so a meeting without one is written as before the review existed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// Changes made to the minutes after their approval, oldest first (none: left out of the
    /// JSON, as before corrections existed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
}

impl Meeting {
    /// What the meeting did with `subject`; `None`: untouched.
    pub fn outcome(&self, subject: Subject) -> Option<&Outcome> {
        self.reviews
            .iter()
            .find(|r| r.subject == subject)
            .map(|r| &r.outcome)
    }
}

/// A plugin form's data on a case.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormEntry {
    pub id: FormEntryId,
    pub plugin_id: String,
    pub plugin_version: String,
    /// JSON object keyed by field id, as the plugin declared its form.
    pub data: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

impl Case {
    /// The goals still being worked on and the open actions: what a meeting's review goes
    /// through, goals first, in the plan's order.
    pub fn open_subjects(&self) -> Vec<Subject> {
        let goals = self
            .goals
            .iter()
            .filter(|g| {
                matches!(
                    g.status,
                    GoalStatus::NotStarted | GoalStatus::InProgress | GoalStatus::Paused
                )
            })
            .map(|g| Subject::Goal(g.id));
        let actions = self
            .actions
            .iter()
            .filter(|a| a.status == ActionStatus::Open)
            .map(|a| Subject::Action(a.id));
        goals.chain(actions).collect()
    }

    pub fn participant(&self, id: ParticipantId) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    pub fn goal(&self, id: GoalId) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }

    pub fn action(&self, id: ActionId) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    pub fn meeting(&self, id: MeetingId) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// The meeting that has not ended, the latest if several: the one the room is in.
    pub fn open_meeting(&self) -> Option<&Meeting> {
        self.meetings
            .iter()
            .filter(|m| !m.ended)
            .max_by_key(|m| m.starts_at)
    }

    pub fn coordinator(&self) -> Option<&Participant> {
        self.plan.coordinator.and_then(|id| self.participant(id))
    }

    /// The next meeting: the `next_meeting` agreed at the latest meeting, or a planned meeting
    /// that has not ended.
    pub fn next_meeting(&self) -> Option<DateTime<Utc>> {
        let planned = self
            .meetings
            .iter()
            .filter(|m| !m.ended)
            .map(|m| m.starts_at)
            .min();
        let agreed = self
            .meetings
            .iter()
            .filter(|m| m.ended)
            .max_by_key(|m| m.starts_at)
            .and_then(|m| m.next_meeting);
        match (planned, agreed) {
            (Some(p), Some(a)) => Some(p.min(a)),
            (p, a) => p.or(a),
        }
    }
}
