//! The `ansvar` command: the app, and the tools around its database.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};

mod audit_cmd;
mod catalog_cmd;
mod export_cmd;
mod passphrase;
mod plugin_cmd;
mod term;

use ansvar::clock::Clock;
use ansvar::i18n::Lang;
use ansvar::store::{Store, StoreError};
use ansvar::text::S;
use term::{say, say_json, tell};

#[derive(Parser)]
#[command(
    name = "ansvar",
    version,
    about = "Ansvar: responsibility-group meetings around a person's individual plan (IP)",
    long_about = "Ansvar runs responsibility-group meetings (ansvarsgruppemøter) around a person's \
                  individual plan. Without a command it opens the app on the database; the commands \
                  below work on a database file directly.",
    after_help = "Exit status: 0 when the command did what it says; 1 when it was refused or \
                  failed (the reason is on stderr, and nothing was written); 2 for a wrong \
                  command line. Only the app (no command) and `demo` create a database: every \
                  other command refuses a --db that does not exist."
)]
struct Cli {
    /// The database file. Default: ansvar.redb in the platform's data directory.
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Language of messages: nb (Norwegian bokmål, default) or en.
    #[arg(long, global = true, value_enum, default_value = "nb")]
    lang: LangArg,
    /// Read the database's passphrase from this file (its first line) instead of asking on
    /// the terminal. The environment variable ANSVAR_PASSPHRASE is the other way for scripts.
    /// A command that makes or encrypts a database takes its new passphrase the same way.
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
    /// Unlock with the recovery key instead of the passphrase (asked on the terminal).
    #[arg(long, global = true)]
    recovery_key: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Nb,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Write three fictional demo cases, each with a history of meetings.
    Demo,
    /// List the cases: id, name, coordinator, next meeting.
    Cases {
        /// One JSON array, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// The coordinator's week: what is due across every case (meetings in the next 14 days,
    /// overdue actions, plans, crisis plans, consents, goals not evaluated), read-only.
    Week {
        /// One JSON object, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Write a consistent copy of the database, also while the app has it open.
    Backup {
        /// Where to write the copy. An existing file is refused unless --force.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace an existing file at --out (never the database itself, never a directory,
        /// device or pipe).
        #[arg(long)]
        force: bool,
    },
    /// Plugins (local forms): keys, signing, checking, installing.
    Plugin {
        #[command(subcommand)]
        command: plugin_cmd::PluginCommand,
    },
    /// Documents out: the plan or minutes as PDF, the case as FHIR R4.
    Export {
        #[command(subcommand)]
        command: export_cmd::ExportCommand,
    },
    /// Documents in: a new case from a FHIR R4 Bundle.
    Import {
        #[command(subcommand)]
        command: export_cmd::ImportCommand,
    },
    /// Check every case's edit-log chain and every stored value, read-only. Exit status 1
    /// when anything is broken; the report says where.
    Verify,
    /// Set a new passphrase for the database. Unlock with the current one, or with
    /// --recovery-key when it is forgotten; the new one is asked twice on the terminal, or
    /// read from --new-passphrase-file. The recovery key stays the same.
    Passphrase {
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Write the access log (who opened and exported which case, when, for whom) for the
    /// privacy officer.
    Audit {
        /// Where to write it (an existing file is replaced; never the database).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only this case's accesses.
        #[arg(long, value_name = "ID")]
        case: Option<u64>,
        /// csv or json. Default: csv when --out ends in .csv, else json.
        #[arg(long, value_enum)]
        format: Option<audit_cmd::AuditFormat>,
    },
}

fn default_db() -> Option<PathBuf> {
    directories::ProjectDirs::from("no", "Ansvar", "Ansvar")
        .map(|d| d.data_dir().join("ansvar.redb"))
}

fn main() -> ExitCode {
    // redb stopping on a damaged file is reported as a message, without its panic text.
    ansvar::store::install_panic_hook();
    let cli = Cli::parse();
    if cli.command.is_some() {
        // A command's output piped into `head` ends quietly, as command-line tools do, instead
        // of panicking on the closed pipe.
        #[cfg(unix)]
        // SAFETY: restores the default action of one signal at start-up, before any threads.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let lang = match cli.lang {
        LangArg::Nb => Lang::Nb,
        LangArg::En => Lang::En,
    };
    let Some(db) = cli.db.clone().or_else(default_db) else {
        tell!("{}", S::CliNoDataDir.get(lang));
        return ExitCode::FAILURE;
    };
    if let Err(message) = check_db(&db, cli.command.as_ref(), cli.db.is_some(), lang) {
        tell!("{message}");
        return ExitCode::FAILURE;
    }
    passphrase::set(passphrase::Unlock {
        file: cli.passphrase_file.clone(),
        env: passphrase::ENV,
        recovery: cli.recovery_key,
        lang,
    });
    // The one real clock; everything below reads the time from it.
    let clock = Clock::system();
    let result = match cli.command {
        None => open_app(&db, clock, lang),
        Some(Command::Demo) => demo(&db, &clock, lang),
        Some(Command::Cases { json }) => cases(&db, json, &clock, lang),
        Some(Command::Week { json }) => week(&db, json, &clock, lang),
        Some(Command::Passphrase {
            new_passphrase_file,
        }) => change_passphrase(&db, new_passphrase_file, lang),
        Some(Command::Backup { out, force }) => backup(&db, &out, force, lang),
        Some(Command::Export { command }) => export_cmd::export(command, &db, &clock, lang),
        Some(Command::Import { command }) => export_cmd::import(command, &db, &clock, lang),
        Some(Command::Verify) => audit_cmd::verify(&db, lang),
        Some(Command::Audit { out, case, format }) => {
            audit_cmd::audit(&db, &out, case, format, lang)
        }
        Some(Command::Plugin { command }) => {
            plugin_cmd::run(command, &db, cli.db.is_some(), &clock, lang)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tell!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Only the app's first start and `demo` create a database; every other command refuses a
/// path with no database, before anything is opened, so a mistyped --db makes nothing. No
/// command opens a directory, pipe or device as the database (a pipe would block).
fn check_db(
    db: &Path,
    command: Option<&Command>,
    explicit_db: bool,
    lang: Lang,
) -> Result<(), String> {
    let creates = matches!(command, None | Some(Command::Demo));
    if let Some(Command::Plugin { command }) = command
        && !plugin_cmd::uses_db(command, explicit_db)
    {
        return Ok(());
    }
    let not_ansvar = || {
        StoreError::NotAnsvar {
            path: db.to_path_buf(),
        }
        .message(lang)
    };
    match std::fs::metadata(db) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if creates {
                Ok(())
            } else {
                Err(S::CliNoDatabase.fill(lang, &[&db.display().to_string()]))
            }
        }
        Err(e) => Err(S::CliCouldNotRead.fill(lang, &[&db.display().to_string(), &e.to_string()])),
        Ok(m) if !m.is_file() => Err(not_ansvar()),
        // An empty file would be made into a new database.
        Ok(m) if m.len() == 0 && !creates => Err(not_ansvar()),
        Ok(_) => Ok(()),
    }
}

/// The app: it asks for the passphrase itself (or, on a new or older file, for a new one).
fn open_app(db: &Path, clock: Clock, lang: Lang) -> Result<(), String> {
    // A file the app cannot open at all is told here, on the terminal, as before.
    Store::kind(db).map_err(|e| e.message(lang))?;
    if let Err(e) = ansvar::ui::run_at(db.to_path_buf(), clock) {
        tell!("{}", S::CliWindowFailed.fill(lang, &[&e.to_string()]));
    }
    Ok(())
}

fn demo(db: &Path, clock: &Clock, lang: Lang) -> Result<(), String> {
    let store = Arc::new(passphrase::get().open(db, true)?);
    let ids = ansvar::demo::write_demo(&store, clock.today()).map_err(|e| e.message(lang))?;
    let ids = ids
        .iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    say!("{}", S::CliDemoWritten.fill(lang, &[&ids]));
    Ok(())
}

fn cases(db: &Path, json: bool, clock: &Clock, lang: Lang) -> Result<(), String> {
    let store = passphrase::get().open_read_only(db)?;
    let cases = store.list_cases().map_err(|e| e.message(lang))?;
    if json {
        let out = serde_json::to_string_pretty(&cases)
            .map_err(|e| StoreError::Encoding(e.to_string()).message(lang))?;
        say_json!("{out}");
        return Ok(());
    }
    say!(
        "{:>5}  {:<28}  {:<24}  {}",
        "id",
        S::CliColumnName.get(lang),
        S::CliColumnCoordinator.get(lang),
        S::CliColumnNextMeeting.get(lang)
    );
    for c in cases {
        let next = c
            .next_meeting
            .map(|t| clock.date_time(t))
            .unwrap_or_else(|| "-".into());
        say!(
            "{:>5}  {:<28}  {:<24}  {}",
            c.id,
            c.name,
            c.coordinator,
            next
        );
    }
    Ok(())
}

/// The same week the start screen shows, from the index of a file opened read-only.
fn week(db: &Path, json: bool, clock: &Clock, lang: Lang) -> Result<(), String> {
    use ansvar::week::Group;
    let store = passphrase::get().open_read_only(db)?;
    let week = ansvar::week::week(&store.list_cases().map_err(|e| e.message(lang))?, clock);
    if json {
        let out = serde_json::to_string_pretty(&week)
            .map_err(|e| StoreError::Encoding(e.to_string()).message(lang))?;
        say_json!("{out}");
        return Ok(());
    }
    if week.lines.is_empty() {
        say!("{}", S::WeekNothingDue.get(lang));
    }
    for group in Group::ALL {
        let mut lines = week.group(group).peekable();
        if lines.peek().is_none() {
            continue;
        }
        say!("{}", group.title().get(lang));
        say!(
            "{:>5}  {:<28}  {}",
            S::CliColumnCase.get(lang),
            S::CliColumnName.get(lang),
            S::CliColumnDue.get(lang)
        );
        for l in lines {
            say!(
                "{:>5}  {:<28}  {}",
                // The id's Display ignores width: pad the number itself.
                l.case.0,
                l.name,
                l.due.describe(lang, clock)
            );
        }
        say!("");
    }
    if !week.unknown.is_empty() {
        say!(
            "{}",
            S::WeekUnknown.fill(lang, &[&week.unknown.len().to_string()])
        );
    }
    Ok(())
}

/// A new passphrase, proved by the current one or the recovery key.
fn change_passphrase(db: &Path, new_file: Option<PathBuf>, lang: Lang) -> Result<(), String> {
    let unlock = passphrase::get();
    let proof = unlock.secret()?;
    let store = Store::open(db, &proof).map_err(|e| e.message(lang))?;
    let new = passphrase::Unlock {
        file: new_file,
        env: passphrase::NEW_ENV,
        recovery: false,
        lang,
    }
    .new_passphrase()?;
    store
        .change_passphrase(&proof, &new)
        .map_err(|e| e.message(lang))?;
    say!("{}", S::CliPassphraseChanged.get(lang));
    Ok(())
}

fn backup(db: &Path, out: &Path, force: bool, lang: Lang) -> Result<(), String> {
    let secret = passphrase::get().secret_for(db)?;
    Store::backup_with(db, out, force, &secret)
        .map_err(|e| match e {
            StoreError::Output(ansvar::fsio::OutputError::Exists { path }) => {
                S::CliBackupExists.fill(lang, &[&path.display().to_string()])
            }
            e => e.message(lang),
        })
        // Named by its source: the temporary file is never the user's concern.
        .map_err(|m| S::CliBackupFailed.fill(lang, &[&db.display().to_string(), &m]))?;
    say!(
        "{}",
        S::CliBackupWritten.fill(lang, &[&out.display().to_string()])
    );
    Ok(())
}
