//! The plugin API in the app's own types: what the rest of the app reads and passes.
//!
//! They follow the newest WIT (`plugin-api/wit/since_v0.2.0`). Each host module
//! (`host::v0_1`, `host::v0_2`) converts its generated bindings to and from these, so that no
//! generated type is seen outside `plugins/`, and an older plugin's values arrive in the same
//! shape as a newer one's. The names are those of the generated types they replaced, so the
//! JSON stored with installed plugins and signed into packages reads as before.

use serde::{Deserialize, Serialize};

/// User-facing text in Norwegian bokmål and English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Localized {
    pub nb: String,
    pub en: String,
}

impl Localized {
    /// The plugin's own text in `lang` (the plugin words it, not the text catalogue).
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Nb => &self.nb,
            crate::i18n::Lang::En => &self.en,
        }
    }
}

/// The life domains that IP goals belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LifeDomain {
    Health,
    SubstanceUse,
    Housing,
    WorkAndActivity,
    Finances,
    SocialNetworkAndFamily,
    Leisure,
    LegalMatters,
}

/// Case data a plugin asks to read (see [`super::context::Capability`] for what was granted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Capability {
    GoalsInDomain(LifeDomain),
    ParticipantNamesAndRoles,
    PersonName,
    PlanPeriod,
    Actions,
    /// API 0.2: the roles of the crisis plan's contacts (no names or numbers).
    CrisisContactRoles,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PluginManifest {
    pub id: String,
    pub name: Localized,
    pub description: Localized,
    pub version: String,
    pub publisher: String,
    /// The API version the plugin was built against, e.g. `0.1.0`.
    pub api_version: String,
    pub capabilities: Vec<Capability>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Localized,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NumberSpec {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub integer: bool,
    pub unit: Option<Localized>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleSpec {
    pub low_label: Option<Localized>,
    pub high_label: Option<Localized>,
}

/// The kind of a single value (a top-level field, or a sub-field of a repeating group).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ValueKind {
    ShortText,
    LongText,
    Number(NumberSpec),
    /// "YYYY-MM-DD".
    Date,
    SingleChoice(Vec<ChoiceOption>),
    MultipleChoice(Vec<ChoiceOption>),
    YesNo,
    /// Integer 1..=5.
    Scale(ScaleSpec),
    /// API 0.2: "HH:MM", 24-hour clock.
    TimeOfDay,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MatchValue {
    OneOf(Vec<String>),
    YesNo(bool),
    Answered,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub field: String,
    pub is: MatchValue,
}

impl Condition {
    /// Whether the condition holds for `record` (the form data, or one row of a group). The
    /// rule itself is the SDK's, the one the plugin's own checks use.
    pub fn holds(&self, record: &serde_json::Map<String, serde_json::Value>) -> bool {
        use ansvar_plugin_api::logic::Match;
        let is = match &self.is {
            MatchValue::OneOf(values) => Match::OneOf(values),
            MatchValue::YesNo(b) => Match::YesNo(*b),
            MatchValue::Answered => Match::Answered,
        };
        ansvar_plugin_api::logic::holds(&self.field, is, Some(record))
    }
}

/// Whether an optional condition holds (none: always shown).
pub fn visible(
    condition: &Option<Condition>,
    record: &serde_json::Map<String, serde_json::Value>,
) -> bool {
    condition.as_ref().is_none_or(|c| c.holds(record))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubField {
    pub id: String,
    pub label: Localized,
    pub help: Option<Localized>,
    pub required: bool,
    pub kind: ValueKind,
    pub show_when: Option<Condition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupSpec {
    pub fields: Vec<SubField>,
    pub add_label: Localized,
    pub min_rows: u32,
    pub max_rows: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FieldKind {
    ShortText,
    LongText,
    Number(NumberSpec),
    Date,
    SingleChoice(Vec<ChoiceOption>),
    MultipleChoice(Vec<ChoiceOption>),
    YesNo,
    Scale(ScaleSpec),
    RepeatingGroup(GroupSpec),
    /// API 0.2: "HH:MM".
    TimeOfDay,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub id: String,
    pub label: Localized,
    pub help: Option<Localized>,
    pub required: bool,
    pub kind: FieldKind,
    pub show_when: Option<Condition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: Localized,
    pub help: Option<Localized>,
    pub fields: Vec<Field>,
    pub show_when: Option<Condition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormDefinition {
    pub title: Localized,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub role: String,
    pub organisation: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GoalStatus {
    NotStarted,
    InProgress,
    Achieved,
    Paused,
    Discontinued,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: String,
    pub domain: LifeDomain,
    pub text: String,
    pub status: GoalStatus,
    pub target_date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanPeriod {
    pub start: String,
    pub end: Option<String>,
    pub next_revision: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub description: String,
    pub responsible: String,
    pub due: Option<String>,
    pub done: bool,
    pub goal_id: Option<String>,
}

/// The case data one call may see. A plugin on an older API gets the fields its API has.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseContext {
    /// "YYYY-MM-DD".
    pub today: String,
    pub person_name: Option<String>,
    pub participants: Option<Vec<Participant>>,
    pub goals: Option<Vec<Goal>>,
    pub plan_period: Option<PlanPeriod>,
    pub actions: Option<Vec<Action>>,
    /// API 0.2: the roles of the crisis plan's contacts, e.g. "Fastlege", "DPS akutteam".
    pub crisis_contact_roles: Option<Vec<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldMessage {
    /// "" for the whole form, "field-id", or "group-id[2].sub-id".
    pub path: String,
    pub severity: Severity,
    pub message: Localized,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryLine {
    pub text: Localized,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tone {
    Neutral,
    Good,
    Caution,
    Alert,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComputedValue {
    pub id: String,
    pub label: Localized,
    pub value: Localized,
    pub number: Option<f64>,
    pub tone: Tone,
    pub reasons: Vec<Localized>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A manifest as Ansvar stored it (and signed it into packages) when these were the
    /// generated 0.1 types: it still reads, and writes back the same.
    #[test]
    fn manifests_stored_by_earlier_versions_still_read() {
        let stored = r#"{"id":"no.fjordvik.ips-oppfolging","name":{"nb":"IPS","en":"IPS"},
            "description":{"nb":"d","en":"d"},"version":"1.0.0","publisher":"Fjordvik kommune",
            "api_version":"0.1.0","capabilities":[{"GoalsInDomain":"WorkAndActivity"},
            "ParticipantNamesAndRoles"]}"#;
        let m: PluginManifest = serde_json::from_str(stored).unwrap();
        assert_eq!(
            m.capabilities,
            vec![
                Capability::GoalsInDomain(LifeDomain::WorkAndActivity),
                Capability::ParticipantNamesAndRoles
            ]
        );
        let again: serde_json::Value = serde_json::to_value(&m).unwrap();
        let stored: serde_json::Value = serde_json::from_str(stored).unwrap();
        assert_eq!(again, stored);
    }
}
