//! The `ansvar` command: the app, and the tools around its database.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};

mod export_cmd;
mod plugin_cmd;

use ansvar::clock::Clock;
use ansvar::i18n::Lang;
use ansvar::store::{Store, StoreError};
use ansvar::text::S;

#[derive(Parser)]
#[command(
    name = "ansvar",
    version,
    about = "Ansvar: responsibility-group meetings around a person's individual plan (IP)",
    long_about = "Ansvar runs responsibility-group meetings (ansvarsgruppemøter) around a person's \
                  individual plan. Without a command it opens the app on the database; the commands \
                  below work on a database file directly."
)]
struct Cli {
    /// The database file. Default: ansvar.redb in the platform's data directory.
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Language of messages: nb (Norwegian bokmål, default) or en.
    #[arg(long, global = true, value_enum, default_value = "nb")]
    lang: LangArg,
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
    /// Write a consistent copy of the database, also while the app has it open.
    Backup {
        /// Where to write the copy.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
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
}

fn default_db() -> Option<PathBuf> {
    directories::ProjectDirs::from("no", "Ansvar", "Ansvar")
        .map(|d| d.data_dir().join("ansvar.redb"))
}

fn main() -> ExitCode {
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
        eprintln!("{}", S::CliNoDataDir.get(lang));
        return ExitCode::FAILURE;
    };
    // The one real clock; everything below reads the time from it.
    let clock = Clock::system();
    let result = match cli.command {
        None => open_app(&db, clock, lang).map_err(|e| e.message(lang)),
        Some(Command::Demo) => demo(&db, &clock, lang).map_err(|e| e.message(lang)),
        Some(Command::Cases { json }) => {
            cases(&db, json, &clock, lang).map_err(|e| e.message(lang))
        }
        Some(Command::Backup { out }) => backup(&db, &out, lang).map_err(|e| e.message(lang)),
        Some(Command::Export { command }) => export_cmd::export(command, &db, &clock, lang),
        Some(Command::Import { command }) => export_cmd::import(command, &db, &clock, lang),
        Some(Command::Plugin { command }) => {
            plugin_cmd::run(command, &db, cli.db.is_some(), &clock, lang)
                .map_err(|e| e.message(lang))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn open_store(db: &Path) -> Result<Arc<Store>, StoreError> {
    Ok(Arc::new(Store::open(db)?))
}

fn open_app(db: &Path, clock: Clock, lang: Lang) -> Result<(), StoreError> {
    let store = open_store(db)?;
    if let Err(e) = ansvar::ui::run(store, clock) {
        eprintln!("{}", S::CliWindowFailed.fill(lang, &[&e.to_string()]));
    }
    Ok(())
}

fn demo(db: &Path, clock: &Clock, lang: Lang) -> Result<(), StoreError> {
    let store = open_store(db)?;
    let ids = ansvar::demo::write_demo(&store, clock.today())?;
    let ids = ids
        .iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    println!("{}", S::CliDemoWritten.fill(lang, &[&ids]));
    Ok(())
}

fn cases(db: &Path, json: bool, clock: &Clock, lang: Lang) -> Result<(), StoreError> {
    let store = open_store(db)?;
    let cases = store.list_cases()?;
    if json {
        let out = serde_json::to_string_pretty(&cases)
            .map_err(|e| StoreError::Encoding(e.to_string()))?;
        println!("{out}");
        return Ok(());
    }
    println!(
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
        println!(
            "{:>5}  {:<28}  {:<24}  {}",
            c.id, c.name, c.coordinator, next
        );
    }
    Ok(())
}

fn backup(db: &Path, out: &Path, lang: Lang) -> Result<(), StoreError> {
    Store::backup(db, out)?;
    println!(
        "{}",
        S::CliBackupWritten.fill(lang, &[&out.display().to_string()])
    );
    Ok(())
}
