//! One entry point per decoder of outside input, for the fuzz targets in `tests/fuzz/` and for
//! the regression test that replays what they found (`tests/fuzz_regressions.rs`). Each decodes
//! the bytes the way the app does and checks what must hold beyond "no panic": an `Err` names
//! a broken property (the caller panics on it), while refused input is `Ok`.

use chrono::{DateTime, Utc};

use crate::domain::{self, Case, Edit};
use crate::export::{PluginSections, fhir};
use crate::plugins::package::Package;
use crate::plugins::{api, validate};
use crate::store;

/// A fuzz entry point: one decoder with its properties.
pub type Target = fn(&[u8]) -> Result<(), String>;

/// Every target by name (the name of its fuzz target and of its regression folder).
pub const TARGETS: &[(&str, Target)] = &[
    ("store_value", store_value),
    ("edit_log", edit_log),
    ("fhir_bundle", fhir_bundle),
    ("plugin_package", plugin_package),
    ("plugin_result", plugin_result),
];

fn same<T: PartialEq + std::fmt::Debug>(what: &str, a: &T, b: &T) -> Result<(), String> {
    if a == b {
        Ok(())
    } else {
        Err(format!("{what}: {a:?} != {b:?}"))
    }
}

/// A stored case value, as `Store::load_case` reads it: what decodes encodes back to itself.
pub fn store_value(bytes: &[u8]) -> Result<(), String> {
    let Ok((case, snapshot)) = store::decode_stored_case(bytes) else {
        return Ok(());
    };
    let again = store::encode_stored_case(&case, snapshot).map_err(|e| e.to_string())?;
    let back = store::decode_stored_case(&again).map_err(|e| e.to_string())?;
    same("case round trip", &(case, snapshot), &back)
}

/// An edit log entry, as `Store::log` and the replay in `load_case` read it: it round-trips,
/// and its edit applied to an empty case either is refused or is undone by its inverse.
pub fn edit_log(bytes: &[u8]) -> Result<(), String> {
    let Ok(entry) = store::decode_log_entry(bytes) else {
        return Ok(());
    };
    let again = store::encode_log_entry(&entry).map_err(|e| e.to_string())?;
    let back = store::decode_log_entry(&again).map_err(|e| e.to_string())?;
    same("log entry round trip", &entry, &back)?;
    let mut case = Case::default();
    if let Ok(inverse) = domain::apply(&mut case, &entry.edit) {
        domain::apply(&mut case, &inverse).map_err(|e| format!("inverse refused: {e}"))?;
        same("edit then inverse", &Case::default(), &case)?;
    }
    Ok(())
}

/// A FHIR Bundle, as `import fhir` reads it: parse, then the edits on an empty case; what
/// imports exports to a Bundle that imports again.
pub fn fhir_bundle(bytes: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let Ok(parsed) = fhir::parse_bundle(text, today()) else {
        return Ok(());
    };
    let batch = Edit::Batch {
        edits: fhir::edits_for(&parsed),
    };
    let mut case = Case::default();
    if domain::apply_new(&mut case, &batch).is_err() {
        return Ok(());
    }
    let at = DateTime::<Utc>::UNIX_EPOCH;
    let json = fhir::export_json(
        &crate::consent::CaseView::everything(&case),
        &PluginSections::none(),
        at,
    )
    .map_err(|e| e.to_string())?;
    fhir::parse_bundle(&json, today()).map_err(|e| format!("own export refused: {e}"))?;
    Ok(())
}

/// A fixed "today" for the date checks, so that a run is the same on any day.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default()
}

/// A plugin package, as `plugin check`/`install` read it before running anything: parse,
/// verify the signature, read the manifest inside and validate it. A parsed package written
/// out again parses to the same package.
pub fn plugin_package(bytes: &[u8]) -> Result<(), String> {
    let Ok(package) = Package::parse(bytes) else {
        return Ok(());
    };
    let again = Package::parse(&package.to_bytes()).map_err(|e| e.to_string())?;
    same("package round trip", &package.to_bytes(), &again.to_bytes())?;
    let _ = package.verify();
    if let Ok(manifest) = serde_json::from_slice::<api::PluginManifest>(&package.manifest_json) {
        let _ = validate::manifest(&manifest);
    }
    Ok(())
}

/// What a plugin returns (manifest, form, messages, summary, computed values), in the app's
/// own types, checked as the host checks them. The first byte picks the kind, the rest is its
/// JSON; what decodes round-trips.
pub fn plugin_result(bytes: &[u8]) -> Result<(), String> {
    let Some((&kind, json)) = bytes.split_first() else {
        return Ok(());
    };
    match kind % 5 {
        0 => result::<api::PluginManifest>(json, |m| {
            let _ = validate::manifest(m);
        }),
        1 => result::<api::FormDefinition>(json, |f| {
            if validate::form(f).is_ok() {
                // The form renderer asks every field whether it shows.
                let record = serde_json::Map::new();
                for section in &f.sections {
                    for field in &section.fields {
                        let _ = api::visible(&field.show_when, &record);
                    }
                }
            }
        }),
        2 => result::<Vec<api::FieldMessage>>(json, |_| ()),
        3 => result::<Vec<api::SummaryLine>>(json, |_| ()),
        _ => result::<Vec<api::ComputedValue>>(json, |_| ()),
    }
}

fn result<T>(json: &[u8], check: impl Fn(&T)) -> Result<(), String>
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let Ok(value) = serde_json::from_slice::<T>(json) else {
        return Ok(());
    };
    check(&value);
    let again = serde_json::to_vec(&value).map_err(|e| e.to_string())?;
    let back: T =
        serde_json::from_slice(&again).map_err(|e| format!("own encoding refused: {e}"))?;
    same("result round trip", &value, &back)
}
