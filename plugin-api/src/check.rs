//! The form's own rules, derived from the form definition: visibility,
//! required fields, JSON types, number ranges, known choice values, date
//! format and row counts. The export glue runs these before a plugin's own
//! `validate`, so a plugin only writes its domain rules.
//!
//! Fields that are not part of the form are ignored: data written by another
//! version of the form stays valid.

use serde_json::Value;

use crate::logic::{self, Match, is_answered};
use crate::{
    Condition, Date, FieldKind, FieldMessage, FormDefinition, MatchValue, Record, Severity,
    TimeOfDay, ValueKind, fmt, loc,
};

/// Whether a `show-when` condition holds for `record` (the whole form, or the
/// row a sub-field belongs to). No condition means always visible. The rule is
/// [`logic::holds`], which the host's form renderer uses too.
pub fn is_visible(condition: Option<&Condition>, record: Record<'_>) -> bool {
    let Some(condition) = condition else {
        return true;
    };
    let is = match &condition.is {
        MatchValue::YesNo(expected) => Match::YesNo(*expected),
        MatchValue::Answered => Match::Answered,
        MatchValue::OneOf(values) => Match::OneOf(values),
    };
    logic::holds(&condition.field, is, record.map())
}

/// Messages for every visible field whose value breaks the form's rules.
pub fn against_form(form: &FormDefinition, data: Record<'_>) -> Vec<FieldMessage> {
    let mut out = Vec::new();
    for section in &form.sections {
        if !is_visible(section.show_when.as_ref(), data) {
            continue;
        }
        for field in &section.fields {
            if !is_visible(field.show_when.as_ref(), data) {
                continue;
            }
            let value = data.raw(&field.id);
            let answered = value.is_some_and(is_answered);
            if !answered {
                if field.required {
                    out.push(required(&field.id));
                }
                continue;
            }
            let Some(value) = value else { continue };
            match &field.kind {
                FieldKind::RepeatingGroup(group) => {
                    let Value::Array(rows) = value else {
                        out.push(error(
                            &field.id,
                            "Forventet en liste med rader.",
                            "Expected a list of rows.",
                        ));
                        continue;
                    };
                    if (rows.len() as u64) < u64::from(group.min_rows) {
                        out.push(FieldMessage {
                            path: field.id.clone(),
                            severity: Severity::Error,
                            message: loc(
                                format!("Minst {} rader kreves.", group.min_rows),
                                format!("At least {} rows are required.", group.min_rows),
                            ),
                        });
                    }
                    if let Some(max) = group.max_rows
                        && rows.len() as u64 > u64::from(max)
                    {
                        out.push(FieldMessage {
                            path: field.id.clone(),
                            severity: Severity::Error,
                            message: loc(
                                format!("Høyst {max} rader er tillatt."),
                                format!("At most {max} rows are allowed."),
                            ),
                        });
                    }
                    for (index, row) in rows.iter().enumerate() {
                        let Value::Object(map) = row else {
                            out.push(error(
                                &format!("{}[{index}]", field.id),
                                "Raden kan ikke leses.",
                                "The row cannot be read.",
                            ));
                            continue;
                        };
                        let row = Record::from_map(map);
                        for sub in &group.fields {
                            if !is_visible(sub.show_when.as_ref(), row) {
                                continue;
                            }
                            let path = FieldMessage::row_path(&field.id, index, &sub.id);
                            match row.raw(&sub.id).filter(|v| is_answered(v)) {
                                None if sub.required => out.push(required(&path)),
                                None => {}
                                Some(value) => check_value(&path, &sub.kind, value, &mut out),
                            }
                        }
                    }
                }
                other => {
                    if let Some(kind) = value_kind(other) {
                        check_value(&field.id, &kind, value, &mut out);
                    }
                }
            }
        }
    }
    out
}

fn value_kind(kind: &FieldKind) -> Option<ValueKind> {
    Some(match kind {
        FieldKind::ShortText => ValueKind::ShortText,
        FieldKind::LongText => ValueKind::LongText,
        FieldKind::Number(spec) => ValueKind::Number(spec.clone()),
        FieldKind::Date => ValueKind::Date,
        FieldKind::SingleChoice(options) => ValueKind::SingleChoice(options.clone()),
        FieldKind::MultipleChoice(options) => ValueKind::MultipleChoice(options.clone()),
        FieldKind::YesNo => ValueKind::YesNo,
        FieldKind::Scale(spec) => ValueKind::Scale(spec.clone()),
        FieldKind::TimeOfDay => ValueKind::TimeOfDay,
        FieldKind::RepeatingGroup(_) => return None,
    })
}

fn check_value(path: &str, kind: &ValueKind, value: &Value, out: &mut Vec<FieldMessage>) {
    match kind {
        ValueKind::ShortText | ValueKind::LongText => {
            if !value.is_string() {
                out.push(error(path, "Forventet tekst.", "Expected text."));
            }
        }
        ValueKind::Number(spec) => {
            let Some(n) = value.as_f64().filter(|n| n.is_finite()) else {
                out.push(error(path, "Forventet et tall.", "Expected a number."));
                return;
            };
            if spec.integer && n.fract() != 0.0 {
                out.push(error(
                    path,
                    "Må være et helt tall.",
                    "Must be a whole number.",
                ));
            }
            if let Some(min) = spec.min
                && n < min
            {
                out.push(FieldMessage {
                    path: path.to_string(),
                    severity: Severity::Error,
                    message: loc(
                        format!("Må være minst {}.", fmt::compact_nb(min)),
                        format!("Must be at least {}.", fmt::compact_en(min)),
                    ),
                });
            }
            if let Some(max) = spec.max
                && n > max
            {
                out.push(FieldMessage {
                    path: path.to_string(),
                    severity: Severity::Error,
                    message: loc(
                        format!("Kan ikke være mer enn {}.", fmt::compact_nb(max)),
                        format!("Must be at most {}.", fmt::compact_en(max)),
                    ),
                });
            }
        }
        ValueKind::Date => {
            if value.as_str().and_then(Date::parse).is_none() {
                out.push(error(
                    path,
                    "Ugyldig dato (bruk ÅÅÅÅ-MM-DD).",
                    "Invalid date (use YYYY-MM-DD).",
                ));
            }
        }
        ValueKind::TimeOfDay => {
            if value.as_str().and_then(TimeOfDay::parse).is_none() {
                out.push(error(
                    path,
                    "Ugyldig klokkeslett (bruk TT:MM).",
                    "Invalid time of day (use HH:MM).",
                ));
            }
        }
        ValueKind::SingleChoice(options) => match value.as_str() {
            Some(s) if options.iter().any(|o| o.value == s) => {}
            Some(s) => out.push(unknown_option(path, s)),
            None => out.push(error(path, "Forventet ett valg.", "Expected one option.")),
        },
        ValueKind::MultipleChoice(options) => {
            let Value::Array(items) = value else {
                out.push(error(
                    path,
                    "Forventet en liste med valg.",
                    "Expected a list of options.",
                ));
                return;
            };
            for item in items {
                match item.as_str() {
                    Some(s) if options.iter().any(|o| o.value == s) => {}
                    Some(s) => out.push(unknown_option(path, s)),
                    None => out.push(error(
                        path,
                        "Forventet en liste med valg.",
                        "Expected a list of options.",
                    )),
                }
            }
        }
        ValueKind::YesNo => {
            if !value.is_boolean() {
                out.push(error(
                    path,
                    "Forventet ja eller nei.",
                    "Expected yes or no.",
                ));
            }
        }
        ValueKind::Scale(_) => {
            if !value.as_u64().is_some_and(|n| (1..=5).contains(&n)) {
                out.push(error(
                    path,
                    "Må være et helt tall fra 1 til 5.",
                    "Must be a whole number from 1 to 5.",
                ));
            }
        }
    }
}

fn error(path: &str, nb: &str, en: &str) -> FieldMessage {
    FieldMessage::error(path, nb, en)
}

fn required(path: &str) -> FieldMessage {
    error(path, "Må fylles ut.", "Required.")
}

fn unknown_option(path: &str, value: &str) -> FieldMessage {
    FieldMessage {
        path: path.to_string(),
        severity: Severity::Error,
        message: loc(
            format!("Ukjent valg «{value}»."),
            format!("Unknown option \"{value}\"."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Field, FormData, NumberSpec, Section, SubField, kind, opt};

    fn form() -> FormDefinition {
        FormDefinition::new(loc("Test", "Test")).section(
            Section::new("s", loc("S", "S"))
                .field(Field::new("working", loc("I jobb", "Working"), kind::yes_no()).required())
                .field(
                    Field::new(
                        "hours",
                        loc("Timer", "Hours"),
                        kind::number(NumberSpec::range(1.0, 60.0).integer()),
                    )
                    .required()
                    .show_when(Condition::yes_no("working", true)),
                )
                .field(Field::new(
                    "kind",
                    loc("Type", "Kind"),
                    kind::single_choice(vec![opt("a", "A", "A"), opt("b", "B", "B")]),
                ))
                .field(Field::new(
                    "log",
                    loc("Logg", "Log"),
                    kind::group(
                        loc("Ny", "New"),
                        vec![
                            SubField::new("date", loc("Dato", "Date"), kind::date()).required(),
                            SubField::new("note", loc("Notat", "Note"), kind::short_text())
                                .show_when(Condition::answered("date")),
                        ],
                    ),
                )),
        )
    }

    fn paths(json: &str) -> Vec<String> {
        let data = FormData::parse(json).unwrap();
        against_form(&form(), data.record())
            .into_iter()
            .map(|m| m.path)
            .collect()
    }

    #[test]
    fn required_respects_visibility() {
        assert_eq!(paths("{}"), vec!["working"]);
        assert_eq!(paths(r#"{"working":false}"#), Vec::<String>::new());
        assert_eq!(paths(r#"{"working":true}"#), vec!["hours"]);
    }

    #[test]
    fn types_ranges_and_options() {
        assert_eq!(
            paths(r#"{"working":true,"hours":61.5,"kind":"c"}"#),
            vec!["hours", "hours", "kind"]
        );
        assert_eq!(
            paths(r#"{"working":"yes","kind":["a"]}"#),
            vec!["working", "kind"]
        );
    }

    #[test]
    fn times_of_day_are_hh_mm() {
        let form = FormDefinition::new(loc("T", "T")).section(
            Section::new("s", loc("S", "S")).field(Field::new(
                "at",
                loc("Klokka", "At"),
                kind::time_of_day(),
            )),
        );
        let check = |json: &str| {
            let data = FormData::parse(json).unwrap();
            against_form(&form, data.record())
        };
        assert_eq!(check(r#"{"at":"09:30"}"#), vec![]);
        assert_eq!(check(r#"{"at":""}"#), vec![]);
        for bad in [r#"{"at":"9:30"}"#, r#"{"at":"25:00"}"#, r#"{"at":930}"#] {
            let messages = check(bad);
            assert_eq!(messages.len(), 1, "{bad}");
            assert_eq!(messages[0].path, "at");
            assert!(messages[0].message.en.contains("HH:MM"));
        }
    }

    #[test]
    fn rows_are_checked_with_paths() {
        assert_eq!(
            paths(
                r#"{"working":false,"log":[{"date":"2025-01-01"},{"note":"x"},3,{"date":"1.1.25"}]}"#
            ),
            vec!["log[1].date", "log[2]", "log[3].date"]
        );
    }
}
