//! Short constructors for the WIT records, so that a plugin reads as its
//! domain content.

use crate::{
    Capability, CaseContext, ChoiceOption, ComputedValue, Condition, Date, Field, FieldKind,
    FieldMessage, FormDefinition, Goal, GroupSpec, LifeDomain, Localized, MatchValue, NumberSpec,
    PluginManifest, ScaleSpec, Section, Severity, SubField, SummaryLine, Tone, ValueKind,
};

/// Text in bokmål and English.
pub fn loc(nb: impl Into<String>, en: impl Into<String>) -> Localized {
    Localized {
        nb: nb.into(),
        en: en.into(),
    }
}

/// A choice option: the stored value and its label.
pub fn opt(value: &str, nb: &str, en: &str) -> ChoiceOption {
    ChoiceOption {
        value: value.to_string(),
        label: loc(nb, en),
    }
}

/// The label of the option with `value`, if there is one.
pub fn label_of<'a>(options: &'a [ChoiceOption], value: &str) -> Option<&'a Localized> {
    options.iter().find(|o| o.value == value).map(|o| &o.label)
}

/// Field kinds. The value kinds can be used for top-level fields and for the
/// sub-fields of a repeating group; [`kind::group`] only for top-level fields.
pub mod kind {
    use super::*;

    pub fn short_text() -> ValueKind {
        ValueKind::ShortText
    }

    pub fn long_text() -> ValueKind {
        ValueKind::LongText
    }

    /// A number; see [`NumberSpec::range`] and friends.
    pub fn number(spec: NumberSpec) -> ValueKind {
        ValueKind::Number(spec)
    }

    pub fn date() -> ValueKind {
        ValueKind::Date
    }

    pub fn single_choice(options: Vec<ChoiceOption>) -> ValueKind {
        ValueKind::SingleChoice(options)
    }

    pub fn multiple_choice(options: Vec<ChoiceOption>) -> ValueKind {
        ValueKind::MultipleChoice(options)
    }

    pub fn yes_no() -> ValueKind {
        ValueKind::YesNo
    }

    /// A 1–5 scale without end labels.
    pub fn scale() -> ValueKind {
        ValueKind::Scale(ScaleSpec {
            low_label: None,
            high_label: None,
        })
    }

    /// A 1–5 scale with labels for 1 and 5.
    pub fn scale_labeled(low: Localized, high: Localized) -> ValueKind {
        ValueKind::Scale(ScaleSpec {
            low_label: Some(low),
            high_label: Some(high),
        })
    }

    /// A time of day, "HH:MM" (API 0.2).
    pub fn time_of_day() -> ValueKind {
        ValueKind::TimeOfDay
    }

    /// A repeating group of sub-fields (a list of rows).
    pub fn group(add_label: Localized, fields: Vec<SubField>) -> FieldKind {
        FieldKind::RepeatingGroup(GroupSpec {
            fields,
            add_label,
            min_rows: 0,
            max_rows: None,
        })
    }
}

impl From<ValueKind> for FieldKind {
    fn from(kind: ValueKind) -> Self {
        match kind {
            ValueKind::ShortText => FieldKind::ShortText,
            ValueKind::LongText => FieldKind::LongText,
            ValueKind::Number(spec) => FieldKind::Number(spec),
            ValueKind::Date => FieldKind::Date,
            ValueKind::SingleChoice(options) => FieldKind::SingleChoice(options),
            ValueKind::MultipleChoice(options) => FieldKind::MultipleChoice(options),
            ValueKind::YesNo => FieldKind::YesNo,
            ValueKind::Scale(spec) => FieldKind::Scale(spec),
            ValueKind::TimeOfDay => FieldKind::TimeOfDay,
        }
    }
}

impl NumberSpec {
    /// Any number.
    pub fn any() -> Self {
        NumberSpec {
            min: None,
            max: None,
            integer: false,
            unit: None,
        }
    }

    /// A number in `min..=max`.
    pub fn range(min: f64, max: f64) -> Self {
        NumberSpec {
            min: Some(min),
            max: Some(max),
            ..Self::any()
        }
    }

    /// A number of at least `min`.
    pub fn at_least(min: f64) -> Self {
        NumberSpec {
            min: Some(min),
            ..Self::any()
        }
    }

    /// Whole numbers only.
    pub fn integer(mut self) -> Self {
        self.integer = true;
        self
    }

    /// The unit shown next to the input.
    pub fn unit(mut self, nb: &str, en: &str) -> Self {
        self.unit = Some(loc(nb, en));
        self
    }
}

impl Condition {
    /// Shown when the yes/no field `field` is answered `value`.
    pub fn yes_no(field: &str, value: bool) -> Self {
        Condition {
            field: field.to_string(),
            is: MatchValue::YesNo(value),
        }
    }

    /// Shown when the choice field `field` has one of `values`.
    pub fn one_of(field: &str, values: &[&str]) -> Self {
        Condition {
            field: field.to_string(),
            is: MatchValue::OneOf(values.iter().map(|v| v.to_string()).collect()),
        }
    }

    /// Shown when `field` has any value.
    pub fn answered(field: &str) -> Self {
        Condition {
            field: field.to_string(),
            is: MatchValue::Answered,
        }
    }
}

impl PluginManifest {
    /// A manifest that asks for no case data. `api_version` is filled in on
    /// export.
    pub fn new(
        id: &str,
        name: Localized,
        description: Localized,
        version: &str,
        publisher: &str,
    ) -> Self {
        PluginManifest {
            id: id.to_string(),
            name,
            description,
            version: version.to_string(),
            publisher: publisher.to_string(),
            api_version: crate::API_VERSION.to_string(),
            capabilities: Vec::new(),
        }
    }

    /// Asks for one kind of case data.
    pub fn capability(mut self, capability: Capability) -> Self {
        self.capabilities.push(capability);
        self
    }
}

impl FormDefinition {
    pub fn new(title: Localized) -> Self {
        FormDefinition {
            title,
            sections: Vec::new(),
        }
    }

    pub fn section(mut self, section: Section) -> Self {
        self.sections.push(section);
        self
    }

    /// All top-level fields, in order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }
}

impl Section {
    pub fn new(id: &str, title: Localized) -> Self {
        Section {
            id: id.to_string(),
            title,
            help: None,
            fields: Vec::new(),
            show_when: None,
        }
    }

    pub fn help(mut self, nb: &str, en: &str) -> Self {
        self.help = Some(loc(nb, en));
        self
    }

    pub fn field(mut self, field: Field) -> Self {
        self.fields.push(field);
        self
    }

    pub fn show_when(mut self, condition: Condition) -> Self {
        self.show_when = Some(condition);
        self
    }
}

impl Field {
    pub fn new(id: &str, label: Localized, kind: impl Into<FieldKind>) -> Self {
        Field {
            id: id.to_string(),
            label,
            help: None,
            required: false,
            kind: kind.into(),
            show_when: None,
        }
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn help(mut self, nb: &str, en: &str) -> Self {
        self.help = Some(loc(nb, en));
        self
    }

    pub fn show_when(mut self, condition: Condition) -> Self {
        self.show_when = Some(condition);
        self
    }
}

impl SubField {
    pub fn new(id: &str, label: Localized, kind: ValueKind) -> Self {
        SubField {
            id: id.to_string(),
            label,
            help: None,
            required: false,
            kind,
            show_when: None,
        }
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn help(mut self, nb: &str, en: &str) -> Self {
        self.help = Some(loc(nb, en));
        self
    }

    pub fn show_when(mut self, condition: Condition) -> Self {
        self.show_when = Some(condition);
        self
    }
}

impl FieldMessage {
    pub fn new(path: impl Into<String>, severity: Severity, nb: &str, en: &str) -> Self {
        FieldMessage {
            path: path.into(),
            severity,
            message: loc(nb, en),
        }
    }

    pub fn error(path: impl Into<String>, nb: &str, en: &str) -> Self {
        Self::new(path, Severity::Error, nb, en)
    }

    pub fn warning(path: impl Into<String>, nb: &str, en: &str) -> Self {
        Self::new(path, Severity::Warning, nb, en)
    }

    pub fn info(path: impl Into<String>, nb: &str, en: &str) -> Self {
        Self::new(path, Severity::Info, nb, en)
    }

    /// The path of a sub-field in a repeating group: "group[index].field".
    pub fn row_path(group: &str, index: usize, field: &str) -> String {
        format!("{group}[{index}].{field}")
    }
}

impl SummaryLine {
    pub fn new(nb: impl Into<String>, en: impl Into<String>) -> Self {
        SummaryLine { text: loc(nb, en) }
    }
}

impl ComputedValue {
    pub fn new(id: &str, label: Localized, value: Localized) -> Self {
        ComputedValue {
            id: id.to_string(),
            label,
            value,
            number: None,
            tone: Tone::Neutral,
            reasons: Vec::new(),
        }
    }

    pub fn number(mut self, number: f64) -> Self {
        self.number = Some(number);
        self
    }

    pub fn tone(mut self, tone: Tone) -> Self {
        self.tone = tone;
        self
    }

    pub fn reason(mut self, reason: Localized) -> Self {
        self.reasons.push(reason);
        self
    }
}

impl CaseContext {
    /// A context with only today's date, as the host sends it when the
    /// manifest asks for nothing. Handy in tests.
    pub fn today_only(today: &str) -> Self {
        CaseContext {
            today: today.to_string(),
            person_name: None,
            participants: None,
            goals: None,
            plan_period: None,
            actions: None,
            crisis_contact_roles: None,
        }
    }

    /// The roles of the crisis plan's contacts (none unless asked for with
    /// [`Capability::CrisisContactRoles`]).
    pub fn crisis_contact_roles(&self) -> impl Iterator<Item = &str> {
        self.crisis_contact_roles
            .iter()
            .flatten()
            .map(String::as_str)
    }

    /// Today's date, if the host sent a valid one.
    pub fn today_date(&self) -> Option<Date> {
        Date::parse(&self.today)
    }

    /// The goals the host passed in `domain` (none unless asked for).
    pub fn goals_in(&self, domain: LifeDomain) -> impl Iterator<Item = &Goal> {
        self.goals
            .iter()
            .flatten()
            .filter(move |goal| goal.domain == domain)
    }
}
