//! Checks that what a plugin declares is well-formed before the app relies on it.

use std::collections::HashSet;

use crate::i18n::Lang;
use crate::text::S;

use super::api::{Condition, FieldKind, FormDefinition, NumberSpec, PluginManifest, ValueKind};

const MAX_TEXT: usize = 4_000;

/// A field's kind as the kind of a single value; `None` for a repeating group, whose value is a
/// list of rows rather than one value.
pub fn value_kind(kind: &FieldKind) -> Option<ValueKind> {
    Some(match kind {
        FieldKind::ShortText => ValueKind::ShortText,
        FieldKind::LongText => ValueKind::LongText,
        FieldKind::Number(n) => ValueKind::Number(n.clone()),
        FieldKind::Date => ValueKind::Date,
        FieldKind::SingleChoice(o) => ValueKind::SingleChoice(o.clone()),
        FieldKind::MultipleChoice(o) => ValueKind::MultipleChoice(o.clone()),
        FieldKind::YesNo => ValueKind::YesNo,
        FieldKind::Scale(s) => ValueKind::Scale(s.clone()),
        FieldKind::TimeOfDay => ValueKind::TimeOfDay,
        FieldKind::RepeatingGroup(_) => return None,
    })
}

fn is_reverse_dns(id: &str) -> bool {
    let labels: Vec<&str> = id.split('.').collect();
    labels.len() >= 2
        && id.len() <= 120
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

/// What is wrong with a plugin's manifest or form, worded in the text catalogue so that the
/// whole message is in the user's language.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    NotReverseDns(String),
    NotSemver(String),
    NotSemverApi(String),
    EmptyName,
    EmptyPublisher,
    TooLong,
    NotPlainId(String),
    IdTwice(String),
    UnknownField(String),
    ChoiceTwice(String),
    NoOptions,
    MinAboveMax,
    NoFields,
    FewerRowsThanRequired(String),
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::NotReverseDns(id) => {
                S::ProblemNotReverseDns.fill(lang, &[&format!("{id:?}")]) + &not_ascii(id, lang)
            }
            Problem::NotSemver(v) => S::ProblemNotSemver.fill(lang, &[&format!("{v:?}")]),
            Problem::NotSemverApi(v) => S::ProblemNotSemverApi.fill(lang, &[&format!("{v:?}")]),
            Problem::EmptyName => S::ProblemEmptyName.get(lang).to_string(),
            Problem::EmptyPublisher => S::ProblemEmptyPublisher.get(lang).to_string(),
            Problem::TooLong => S::ProblemTooLong.get(lang).to_string(),
            Problem::NotPlainId(id) => {
                S::ProblemNotPlainId.fill(lang, &[&format!("{id:?}")]) + &not_ascii(id, lang)
            }
            Problem::IdTwice(id) => S::ProblemIdTwice.fill(lang, &[&format!("{id:?}")]),
            Problem::UnknownField(f) => S::ProblemUnknownField.fill(lang, &[&format!("{f:?}")]),
            Problem::ChoiceTwice(v) => S::ProblemChoiceTwice.fill(lang, &[&format!("{v:?}")]),
            Problem::NoOptions => S::ProblemNoOptions.get(lang).to_string(),
            Problem::MinAboveMax => S::ProblemMinAboveMax.get(lang).to_string(),
            Problem::NoFields => S::ProblemNoFields.get(lang).to_string(),
            Problem::FewerRowsThanRequired(id) => {
                S::ProblemFewerRows.fill(lang, &[&format!("{id:?}")])
            }
        }
    }
}

/// Points at the first letter outside ASCII ("ø"), the usual reason an id is refused.
fn not_ascii(id: &str, lang: Lang) -> String {
    match id.chars().find(|c| !c.is_ascii()) {
        Some(c) => S::ProblemNotAscii.fill(lang, &[&c.to_string()]),
        None => String::new(),
    }
}

pub fn manifest(m: &PluginManifest) -> Result<(), Problem> {
    if !is_reverse_dns(&m.id) {
        return Err(Problem::NotReverseDns(m.id.clone()));
    }
    semver::Version::parse(&m.version).map_err(|_| Problem::NotSemver(m.version.clone()))?;
    semver::Version::parse(&m.api_version)
        .map_err(|_| Problem::NotSemverApi(m.api_version.clone()))?;
    if m.name.nb.trim().is_empty() || m.name.en.trim().is_empty() {
        return Err(Problem::EmptyName);
    }
    if m.publisher.trim().is_empty() {
        return Err(Problem::EmptyPublisher);
    }
    for text in [
        &m.name.nb,
        &m.name.en,
        &m.description.nb,
        &m.description.en,
        &m.publisher,
    ] {
        if text.len() > MAX_TEXT {
            return Err(Problem::TooLong);
        }
    }
    Ok(())
}

fn check_id(id: &str, seen: &mut HashSet<String>) -> Result<(), Problem> {
    if id.is_empty()
        || id.len() > 64
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(Problem::NotPlainId(id.to_string()));
    }
    if !seen.insert(id.to_string()) {
        return Err(Problem::IdTwice(id.to_string()));
    }
    Ok(())
}

fn check_condition(c: &Option<Condition>, known: &HashSet<String>) -> Result<(), Problem> {
    match c {
        Some(c) if !known.contains(&c.field) => Err(Problem::UnknownField(c.field.clone())),
        _ => Ok(()),
    }
}

fn check_options(values: &mut dyn Iterator<Item = &String>) -> Result<(), Problem> {
    let mut seen = HashSet::new();
    let mut n = 0;
    for v in values {
        n += 1;
        if !seen.insert(v.clone()) {
            return Err(Problem::ChoiceTwice(v.clone()));
        }
    }
    if n == 0 {
        return Err(Problem::NoOptions);
    }
    Ok(())
}

fn check_number(n: &NumberSpec) -> Result<(), Problem> {
    match (n.min, n.max) {
        (Some(a), Some(b)) if a > b => Err(Problem::MinAboveMax),
        _ => Ok(()),
    }
}

fn check_value_kind(kind: &ValueKind) -> Result<(), Problem> {
    match kind {
        ValueKind::SingleChoice(o) | ValueKind::MultipleChoice(o) => {
            check_options(&mut o.iter().map(|o| &o.value))
        }
        ValueKind::Number(n) => check_number(n),
        _ => Ok(()),
    }
}

pub fn form(f: &FormDefinition) -> Result<(), Problem> {
    let mut ids = HashSet::new();
    for s in &f.sections {
        check_id(&s.id, &mut HashSet::new())?;
        for field in &s.fields {
            check_id(&field.id, &mut ids)?;
        }
    }
    if ids.is_empty() {
        return Err(Problem::NoFields);
    }
    for s in &f.sections {
        check_condition(&s.show_when, &ids)?;
        for field in &s.fields {
            check_condition(&field.show_when, &ids)?;
            match &field.kind {
                FieldKind::SingleChoice(o) | FieldKind::MultipleChoice(o) => {
                    check_options(&mut o.iter().map(|o| &o.value))?
                }
                FieldKind::Number(n) => check_number(n)?,
                FieldKind::RepeatingGroup(g) => {
                    let mut sub_ids = HashSet::new();
                    for sub in &g.fields {
                        check_id(&sub.id, &mut sub_ids)?;
                        check_value_kind(&sub.kind)?;
                    }
                    for sub in &g.fields {
                        check_condition(&sub.show_when, &sub_ids)?;
                    }
                    if g.max_rows.is_some_and(|m| m < g.min_rows) {
                        return Err(Problem::FewerRowsThanRequired(field.id.clone()));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_with_a_norwegian_letter_is_refused_naming_the_letter_in_one_language() {
        let p = Problem::NotReverseDns("no.nordvik.rusoppfølging".into());
        let nb = p.message(Lang::Nb);
        let en = p.message(Lang::En);
        assert!(nb.contains("«ø» kan ikke brukes i en id"), "{nb}");
        assert!(!nb.contains("reverse-DNS"), "{nb}");
        assert!(en.contains("«ø» cannot be used in an id"), "{en}");
        let p = Problem::NotPlainId("første-felt".into());
        assert!(p.message(Lang::Nb).contains("«ø»"));
    }

    #[test]
    fn reverse_dns_ids() {
        assert!(is_reverse_dns("no.nordvik.ips-oppfolging"));
        assert!(!is_reverse_dns("ips"));
        assert!(!is_reverse_dns("No.Nordvik.IPS"));
        assert!(!is_reverse_dns("no..x"));
    }
}
