//! Checks that what a plugin declares is well-formed before the app relies on it.

use std::collections::HashSet;

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

pub fn manifest(m: &PluginManifest) -> Result<(), String> {
    if !is_reverse_dns(&m.id) {
        return Err(format!(
            "the id {:?} is not a reverse-DNS name such as no.kommune.skjema",
            m.id
        ));
    }
    semver::Version::parse(&m.version)
        .map_err(|_| format!("the version {:?} is not a semantic version", m.version))?;
    semver::Version::parse(&m.api_version).map_err(|_| {
        format!(
            "the API version {:?} is not a semantic version",
            m.api_version
        )
    })?;
    for (what, text) in [
        ("name (nb)", &m.name.nb),
        ("name (en)", &m.name.en),
        ("publisher", &m.publisher),
    ] {
        if text.trim().is_empty() {
            return Err(format!("the {what} is empty"));
        }
    }
    for text in [
        &m.name.nb,
        &m.name.en,
        &m.description.nb,
        &m.description.en,
        &m.publisher,
    ] {
        if text.len() > MAX_TEXT {
            return Err("a text is too long".into());
        }
    }
    Ok(())
}

fn check_id(id: &str, seen: &mut HashSet<String>) -> Result<(), String> {
    if id.is_empty()
        || id.len() > 64
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(format!("the id {id:?} is not a plain identifier"));
    }
    if !seen.insert(id.to_string()) {
        return Err(format!("the id {id:?} is used twice"));
    }
    Ok(())
}

fn check_condition(c: &Option<Condition>, known: &HashSet<String>) -> Result<(), String> {
    match c {
        Some(c) if !known.contains(&c.field) => Err(format!(
            "a condition refers to the unknown field {:?}",
            c.field
        )),
        _ => Ok(()),
    }
}

fn check_options(values: &mut dyn Iterator<Item = &String>) -> Result<(), String> {
    let mut seen = HashSet::new();
    let mut n = 0;
    for v in values {
        n += 1;
        if !seen.insert(v.clone()) {
            return Err(format!("the choice {v:?} is listed twice"));
        }
    }
    if n == 0 {
        return Err("a choice field has no options".into());
    }
    Ok(())
}

fn check_number(n: &NumberSpec) -> Result<(), String> {
    match (n.min, n.max) {
        (Some(a), Some(b)) if a > b => Err("a number's minimum is above its maximum".into()),
        _ => Ok(()),
    }
}

fn check_value_kind(kind: &ValueKind) -> Result<(), String> {
    match kind {
        ValueKind::SingleChoice(o) | ValueKind::MultipleChoice(o) => {
            check_options(&mut o.iter().map(|o| &o.value))
        }
        ValueKind::Number(n) => check_number(n),
        _ => Ok(()),
    }
}

pub fn form(f: &FormDefinition) -> Result<(), String> {
    let mut ids = HashSet::new();
    for s in &f.sections {
        check_id(&s.id, &mut HashSet::new())?;
        for field in &s.fields {
            check_id(&field.id, &mut ids)?;
        }
    }
    if ids.is_empty() {
        return Err("the form has no fields".into());
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
                        return Err(format!(
                            "group {:?} allows fewer rows than it requires",
                            field.id
                        ));
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
    fn reverse_dns_ids() {
        assert!(is_reverse_dns("no.nordvik.ips-oppfolging"));
        assert!(!is_reverse_dns("ips"));
        assert!(!is_reverse_dns("No.Nordvik.IPS"));
        assert!(!is_reverse_dns("no..x"));
    }
}
