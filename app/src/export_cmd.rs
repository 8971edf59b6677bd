//! `ansvar export pdf|notice|minutes|fhir` and `ansvar import fhir`: documents out of and into the database.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use clap::Subcommand;

use ansvar::clock::Clock;
use ansvar::consent::{Audience, CaseView};
use ansvar::domain::{Author, Case, CaseId, Meeting, MeetingId, Participant, ParticipantId};
use ansvar::export::pdf::{self, PdfOptions};
use ansvar::export::{ExportError, cycle, fhir, gather};
use ansvar::i18n::{self, Lang};
use ansvar::store::{Access, AccessEntry, Store};
use ansvar::text::S;

use crate::term::say;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The individual plan, or one meeting's minutes, as a PDF.
    Pdf {
        /// The case number (see `ansvar cases`).
        #[arg(long, value_name = "ID")]
        case: u64,
        /// Minutes of this meeting instead of the plan: its id, its date (24.11.2026), or
        /// "siste" for the latest meeting held.
        #[arg(long, value_name = "ID")]
        meeting: Option<String>,
        /// Only what the person has consented to share with this participant (name or id).
        #[arg(long = "for", value_name = "PARTICIPANT")]
        reader: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Who is exporting (the access log names them). Default: the user's login name.
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
    },
    /// The next meeting's notice: a PDF and a calendar invitation (.ics) per participant, each
    /// holding only what the person has consented to share with them.
    Notice {
        /// The case number (see `ansvar cases`).
        #[arg(long, value_name = "ID")]
        case: u64,
        /// The folder to write into (made when missing); files of the same name are replaced.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Who is exporting (the access log names them). Default: the user's login name.
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
    },
    /// One meeting's minutes: the complete copy, and one PDF per chosen recipient as their
    /// consent allows.
    Minutes {
        /// The case number (see `ansvar cases`).
        #[arg(long, value_name = "ID")]
        case: u64,
        /// The meeting: its id, its date (24.11.2026), or "siste" for the latest meeting held.
        #[arg(long, value_name = "ID")]
        meeting: String,
        /// The folder to write into (made when missing); files of the same name are replaced.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Who is exporting (the access log names them). Default: the user's login name.
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
    },
    /// The whole case as one FHIR R4 Bundle (JSON).
    Fhir {
        #[arg(long, value_name = "ID")]
        case: u64,
        /// Only what the person has consented to share with this participant (name or id).
        #[arg(long = "for", value_name = "PARTICIPANT")]
        reader: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Who is exporting (the access log names them). Default: the user's login name.
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Make a new case from a FHIR R4 Bundle (as `ansvar export fhir` writes).
    Fhir {
        file: PathBuf,
        /// Who is importing (the case history names them). Default: the user's login name.
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
    },
}

fn open(db: &Path, _lang: Lang) -> Result<Arc<Store>, String> {
    crate::passphrase::get().open(db, false).map(Arc::new)
}

fn load(store: &Store, id: u64, lang: Lang) -> Result<Case, String> {
    store.load_case(CaseId(id)).map_err(|e| e.message(lang))
}

/// Never over the database the document comes from; atomically, so a full disk leaves no
/// half-written document.
fn write(path: &Path, bytes: &[u8], db: &Path, lang: Lang) -> Result<(), String> {
    ansvar::fsio::write_output_atomic(path, bytes, &[db]).map_err(|e| e.message(lang))
}

/// A participant by id, or by name (whole name, or a part that fits only one).
fn find_participant(case: &Case, key: &str, lang: Lang) -> Result<ParticipantId, String> {
    if let Ok(id) = uuid::Uuid::parse_str(key.trim())
        && case.participant(ParticipantId(id)).is_some()
    {
        return Ok(ParticipantId(id));
    }
    let key_l = key.trim().to_lowercase();
    let exact: Vec<&Participant> = case
        .participants
        .iter()
        .filter(|p| p.name.to_lowercase() == key_l)
        .collect();
    let matches: Vec<&Participant> = if exact.is_empty() {
        case.participants
            .iter()
            .filter(|p| p.name.to_lowercase().contains(&key_l))
            .collect()
    } else {
        exact
    };
    let names = || {
        case.participants
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match matches.as_slice() {
        [one] => Ok(one.id),
        [] => Err(S::CliNoParticipant.fill(lang, &[key, &names()])),
        many => Err(S::CliSeveralParticipants.fill(
            lang,
            &[
                key,
                &many
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ],
        )),
    }
}

fn meeting_day(m: &Meeting, clock: &Clock) -> NaiveDate {
    clock.local_date(m.starts_at)
}

/// A meeting by id, by date, or "siste"/"latest" (the latest one held).
fn find_meeting(case: &Case, key: &str, clock: &Clock, lang: Lang) -> Result<MeetingId, String> {
    let key = key.trim();
    if let Ok(id) = uuid::Uuid::parse_str(key)
        && case.meeting(MeetingId(id)).is_some()
    {
        return Ok(MeetingId(id));
    }
    let found = if key == "siste" || key == "latest" {
        case.meetings
            .iter()
            .filter(|m| m.ended)
            .max_by_key(|m| m.starts_at)
    } else {
        let day = NaiveDate::parse_from_str(key, "%d.%m.%Y")
            .or_else(|_| NaiveDate::parse_from_str(key, "%Y-%m-%d"))
            .ok();
        day.and_then(|d| case.meetings.iter().find(|m| meeting_day(m, clock) == d))
    };
    found.map(|m| m.id).ok_or_else(|| {
        let dates = case
            .meetings
            .iter()
            .map(|m| i18n::date(meeting_day(m, clock)))
            .collect::<Vec<_>>()
            .join(", ");
        let dates = if dates.is_empty() {
            "–".to_string()
        } else {
            dates
        };
        S::CliNoMeeting.fill(lang, &[key, &dates])
    })
}

/// The case as the document's reader may see it; the whole case without one.
fn audience_view(case: &Case, reader: Option<ParticipantId>, today: NaiveDate) -> CaseView<'_> {
    match reader {
        Some(r) => CaseView::of(case, Audience::Reader(r), today),
        None => CaseView::everything(case),
    }
}

pub fn export(cmd: ExportCommand, db: &Path, clock: &Clock, lang: Lang) -> Result<(), String> {
    // Refused before the database is even opened.
    if let ExportCommand::Pdf { out, .. } | ExportCommand::Fhir { out, .. } = &cmd {
        ansvar::fsio::check_output(out, &[db], ansvar::fsio::OutputOptions::REPLACE)
            .map_err(|e| e.message(lang))?;
    }
    if let ExportCommand::Notice { out, .. } | ExportCommand::Minutes { out, .. } = &cmd
        && out.exists()
        && !out.is_dir()
    {
        return Err(ExportError::NotAFolder(out.clone()).message(lang));
    }
    // Writable, for the access log: an export that cannot be logged is not made.
    let store = open(db, lang)?;
    let today = clock.today();
    let msg = |e: ExportError| e.message(lang);
    match cmd {
        ExportCommand::Pdf {
            case,
            meeting,
            reader,
            out,
            author,
        } => {
            let case = load(&store, case, lang)?;
            let reader = match reader {
                Some(r) => Some(find_participant(&case, &r, lang)?),
                None => None,
            };
            let opts = PdfOptions::complete(clock).in_lang(lang);
            let case = audience_view(&case, reader, today);
            let forms = gather::plugin_sections(&store, &case, today, lang);
            let (bytes, access) = match meeting {
                Some(m) => {
                    let m = find_meeting(&case, &m, clock, lang)?;
                    let bytes = pdf::minutes_pdf(&case, m, &forms, &opts).map_err(msg)?;
                    (bytes, Access::MinutesPdf)
                }
                None => (
                    pdf::plan_pdf(&case, &forms, &opts).map_err(msg)?,
                    Access::PlanPdf,
                ),
            };
            log_access(&store, &case, access, reader, author, clock, lang)?;
            write(&out, &bytes, db, lang)?;
            say!(
                "{}",
                S::CliPdfWritten.fill(lang, &[&out.display().to_string()])
            );
        }
        ExportCommand::Notice { case, out, author } => {
            let log = store.log(CaseId(case)).map_err(|e| e.message(lang))?;
            let case = load(&store, case, lang)?;
            let opts = PdfOptions::complete(clock).in_lang(lang);
            let files = cycle::notices(&case, &log, &opts).map_err(msg)?;
            log_documents(&store, &case, Access::Notice, &files, author, clock, lang)?;
            written(&out, &files, db, lang)?;
        }
        ExportCommand::Minutes {
            case,
            meeting,
            out,
            author,
        } => {
            let case = load(&store, case, lang)?;
            let meeting = find_meeting(&case, &meeting, clock, lang)?;
            let opts = PdfOptions::complete(clock).in_lang(lang);
            // One plugin host for every copy, started only when the case has forms.
            let host = (!case.forms.is_empty()).then(|| {
                ansvar::plugins::host::PluginHost::for_store(
                    ansvar::plugins::default_cache_dir(),
                    &store,
                )
            });
            let made = cycle::minutes_to_recipients(
                &case,
                meeting,
                &mut |view| match &host {
                    None => ansvar::export::PluginSections::none(),
                    Some(Ok(host)) => gather::sections_with(&store, host, view, today, lang),
                    Some(Err(e)) => gather::all_failed(view, e, lang),
                },
                &opts,
            )
            .map_err(msg)?;
            log_documents(
                &store,
                &case,
                Access::MinutesPdf,
                &made.files,
                author,
                clock,
                lang,
            )?;
            written(&out, &made.files, db, lang)?;
            for line in &made.left_out {
                say!("{line}");
            }
        }
        ExportCommand::Fhir {
            case,
            reader,
            out,
            author,
        } => {
            let case = load(&store, case, lang)?;
            let reader = match reader {
                Some(r) => Some(find_participant(&case, &r, lang)?),
                None => None,
            };
            let case = audience_view(&case, reader, today);
            // The record's own language: the forms' summaries in the Bundle are in bokmål.
            let forms = gather::plugin_sections(&store, &case, today, Lang::Nb);
            let json = fhir::export_json(&case, &forms, clock.now()).map_err(msg)?;
            log_access(&store, &case, Access::Fhir, reader, author, clock, lang)?;
            write(&out, json.as_bytes(), db, lang)?;
            say!(
                "{}",
                S::CliFhirWritten.fill(lang, &[&out.display().to_string()])
            );
        }
    }
    Ok(())
}

/// Writes the files into `dir` and lists them.
fn written(dir: &Path, files: &[cycle::OutFile], db: &Path, lang: Lang) -> Result<(), String> {
    let paths = cycle::write_into(dir, files, &[db]).map_err(|e| e.message(lang))?;
    say!(
        "{}",
        S::CycleFilesWritten.fill(
            lang,
            &[&paths.len().to_string(), &dir.display().to_string()]
        )
    );
    for p in paths {
        say!("  {}", p.display());
    }
    Ok(())
}

/// Who runs the command: `--author`, else the login name, else `fallback`.
pub fn cli_user(author: Option<String>, fallback: &str) -> String {
    author
        .or_else(|| std::env::var("USER").ok())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| fallback.into())
}

/// Records the export in the access log before the document is written: a document whose
/// export could not be logged is not written.
fn log_access(
    store: &Store,
    case: &Case,
    access: Access,
    reader: Option<ParticipantId>,
    author: Option<String>,
    clock: &Clock,
    lang: Lang,
) -> Result<(), String> {
    let reader = reader
        .and_then(|r| case.participant(r))
        .map(|p| p.name.clone());
    store
        .record_access(&AccessEntry {
            n: 0,
            at: clock.now(),
            user: cli_user(author, "ansvar-cli"),
            case: case.id,
            access,
            reader,
        })
        .map_err(|e| e.message(lang))
}

/// Records each reader of `files` in the access log before any is written.
fn log_documents(
    store: &Store,
    case: &Case,
    access: Access,
    files: &[cycle::OutFile],
    author: Option<String>,
    clock: &Clock,
    lang: Lang,
) -> Result<(), String> {
    let base = AccessEntry {
        n: 0,
        at: clock.now(),
        user: cli_user(author, "ansvar-cli"),
        case: case.id,
        access,
        reader: None,
    };
    store
        .record_documents(&base, files)
        .map_err(|e| e.message(lang))
}

pub fn import(cmd: ImportCommand, db: &Path, clock: &Clock, lang: Lang) -> Result<(), String> {
    match cmd {
        ImportCommand::Fhir { file, author } => {
            let bytes = ansvar::fsio::read_input(
                &file,
                ansvar::fsio::MAX_BUNDLE_BYTES,
                ansvar::fsio::Input::Bundle,
            )
            .map_err(|e| e.message(lang))?;
            let text = String::from_utf8(bytes)
                .map_err(|e| fhir::ImportError::NotJson(e.to_string()).message(lang))?;
            let name = cli_user(author, "FHIR-import");
            let author = Author::Staff {
                name,
                organisation: String::new(),
            };
            let store = open(db, lang)?;
            let id =
                fhir::import_bundle(&store, &text, &author, clock).map_err(|e| e.message(lang))?;
            say!("{}", S::CliImported.fill(lang, &[&id.to_string()]));
            Ok(())
        }
    }
}
