//! `ansvar verify` and `ansvar audit`: the checks and the access log, for the privacy officer.

use std::path::Path;

use clap::ValueEnum;

use ansvar::domain::CaseId;
use ansvar::fsio::OutputOptions;
use ansvar::i18n::Lang;
use ansvar::store::AccessEntry;
use ansvar::text::S;

use crate::term::say;

#[derive(Clone, Copy, ValueEnum)]
pub enum AuditFormat {
    Csv,
    Json,
}

/// Checks every case's chain and every value, read-only; `Err` (exit status 1) with the
/// summary when anything is broken.
pub fn verify(db: &Path, lang: Lang) -> Result<(), String> {
    let store = crate::passphrase::get().open_for_verify(db)?;
    let report = store.verify(lang).map_err(|e| e.message(lang))?;
    for case in &report.cases {
        let id = case.id.to_string();
        let name = case
            .name
            .clone()
            .unwrap_or_else(|| S::CliVerifyUnnamed.get(lang).to_string());
        match (case.findings.as_slice(), case.chain_from) {
            ([], None) => say!("{}", S::CliVerifyIntact.fill(lang, &[&id, &name])),
            ([], Some(from)) => say!(
                "{}",
                S::CliVerifyIntactFrom.fill(lang, &[&id, &name, &from.to_string()])
            ),
            (findings, _) => {
                say!("{}", S::CliVerifyBroken.fill(lang, &[&id, &name]));
                for f in findings {
                    say!("  - {}", f.message(lang));
                }
            }
        }
    }
    for (what, key) in &report.other {
        say!("{}", S::CliVerifyOtherValue.fill(lang, &[what, key]));
    }
    let cases = report.cases.len().to_string();
    if report.intact() {
        say!("{}", S::CliVerifyAllIntact.fill(lang, &[&cases]));
        return Ok(());
    }
    let broken = report
        .cases
        .iter()
        .filter(|c| !c.findings.is_empty())
        .count();
    Err(S::CliVerifyDamageFound.fill(
        lang,
        &[&broken.to_string(), &cases, &report.other.len().to_string()],
    ))
}

/// Writes the access log (all of it, or one case's) for the privacy officer: CSV or JSON,
/// chosen by `format` or else by the file's extension; owner-readable, whole or not at all.
pub fn audit(
    db: &Path,
    out: &Path,
    case: Option<u64>,
    format: Option<AuditFormat>,
    lang: Lang,
) -> Result<(), String> {
    let options = OutputOptions {
        replace: true,
        private: true,
    };
    ansvar::fsio::check_output(out, &[db], options).map_err(|e| e.message(lang))?;
    let store = crate::passphrase::get().open_read_only(db)?;
    if let Some(id) = case
        && !store
            .list_cases()
            .map_err(|e| e.message(lang))?
            .iter()
            .any(|c| c.id.0 == id)
    {
        return Err(ansvar::store::StoreError::UnknownCase(CaseId(id)).message(lang));
    }
    let entries = store
        .access_log(case.map(CaseId))
        .map_err(|e| e.message(lang))?;
    let csv = match format {
        Some(f) => matches!(f, AuditFormat::Csv),
        None => out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv")),
    };
    let bytes = match csv {
        true => to_csv(&entries).into_bytes(),
        false => serde_json::to_vec_pretty(&entries)
            .map_err(|e| ansvar::store::StoreError::Encoding(e.to_string()).message(lang))?,
    };
    ansvar::fsio::write_output(out, &bytes, &[db], options).map_err(|e| e.message(lang))?;
    say!(
        "{}",
        S::CliAuditWritten.fill(
            lang,
            &[&entries.len().to_string(), &out.display().to_string()]
        )
    );
    Ok(())
}

/// RFC 4180, one access a line, times in UTC (RFC 3339).
fn to_csv(entries: &[AccessEntry]) -> String {
    let mut out = String::from("n,time,user,case,access,for\r\n");
    for e in entries {
        let fields = [
            e.n.to_string(),
            e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            e.user.clone(),
            e.case.to_string(),
            e.access.code().to_string(),
            e.reader.clone().unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Quoted when needed; a field a spreadsheet would run as a formula starts with a quote mark.
fn csv_field(f: &str) -> String {
    let f = match f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => format!("'{f}"),
        false => f.to_string(),
    };
    match f.contains([',', '"', '\n', '\r']) {
        true => format!("\"{}\"", f.replace('"', "\"\"")),
        false => f,
    }
}
