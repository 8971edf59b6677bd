//! `ansvar plugin catalog …` (the municipality's IT publishes), `ansvar plugin source …`,
//! `ansvar plugin updates` and `ansvar plugin get` (a laptop follows a catalogue).

use std::path::{Path, PathBuf};

use chrono::TimeDelta;
use clap::Subcommand;

use ansvar::clock::Clock;
use ansvar::fsio::{self, Input, OutputOptions};
use ansvar::i18n::Lang;
use ansvar::plugins::api::Localized;
use ansvar::plugins::catalog::{
    self, CATALOG_FILE, Catalog, CatalogError, Fetcher, KeyRotation, MAX_CATALOG_BYTES, Report,
    Revocation, SIGNATURE_FILE,
};
use ansvar::plugins::context::Capability;
use ansvar::plugins::host::PluginHost;
use ansvar::plugins::package::{MAX_PACKAGE_BYTES, PublicKey, SecretKey};
use ansvar::text::S;

use crate::term::{say, say_json, tell};

/// The publisher's side: a catalogue folder to copy to a share or a web server.
#[derive(Subcommand)]
pub enum CatalogCommand {
    /// Start a catalogue in DIR for a publisher key (the catalogue is signed with `sign`).
    Init {
        dir: PathBuf,
        /// The publisher's secret key file (from `ansvar plugin keygen`).
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Who publishes, e.g. "Nordvik kommune".
        #[arg(long)]
        publisher: String,
    },
    /// Add a signed package to the catalogue (copied into DIR).
    Add {
        dir: PathBuf,
        package: PathBuf,
        /// What changed, in bokmål.
        #[arg(long, default_value = "")]
        changelog_nb: String,
        /// What changed, in English.
        #[arg(long, default_value = "")]
        changelog_en: String,
    },
    /// Withdraw a package everywhere: by its sha256, or by id and a version range.
    Revoke {
        dir: PathBuf,
        #[arg(long, conflicts_with_all = ["id", "versions"])]
        hash: Option<String>,
        #[arg(long, requires = "versions")]
        id: Option<String>,
        /// A version range, e.g. ">=1.0.0, <1.2.1", or one version "=1.2.0".
        #[arg(long, requires = "id")]
        versions: Option<String>,
        #[arg(long)]
        reason_nb: String,
        #[arg(long)]
        reason_en: String,
    },
    /// Sign the catalogue: raises its number and sets how long it is valid.
    Sign {
        dir: PathBuf,
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Days until the catalogue counts as expired (it is still used, with a warning).
        #[arg(long, default_value_t = 90)]
        valid_days: u32,
        /// Move the catalogue to the new --key: the old secret key announces it.
        #[arg(long, value_name = "OLD_KEY_FILE")]
        rotate_from: Option<PathBuf>,
    },
}

/// The laptop's side: where its plugins come from.
#[derive(Subcommand)]
pub enum SourceCommand {
    /// Follow a catalogue: an https address or a folder, with the publisher's public key.
    Add {
        location: String,
        /// `ansvar-ed25519-public:…`: compare its fingerprint with the publisher's.
        #[arg(long)]
        key: String,
        #[arg(long)]
        name: String,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Remove {
        location: String,
    },
}

fn read_key(path: &Path, lang: Lang) -> Result<SecretKey, String> {
    let bytes =
        fsio::read_input(path, fsio::MAX_KEY_BYTES, Input::Key).map_err(|e| e.message(lang))?;
    let text = String::from_utf8(bytes).map_err(|_| S::PluginBadKey.get(lang).to_string())?;
    SecretKey::parse(&text).map_err(|e| e.message(lang))
}

fn read_catalog(dir: &Path, lang: Lang) -> Result<Catalog, String> {
    let json = fsio::read_input(&dir.join(CATALOG_FILE), MAX_CATALOG_BYTES, Input::Catalog)
        .map_err(|e| e.message(lang))?;
    Catalog::parse(&json).map_err(|e| e.message(lang))
}

fn write_file(path: &Path, bytes: &[u8], lang: Lang) -> Result<(), String> {
    fsio::write_output_atomic(path, bytes, &[]).map_err(|e| e.message(lang))
}

pub fn run_catalog(cmd: CatalogCommand, clock: &Clock, lang: Lang) -> Result<(), String> {
    let m = |e: CatalogError| e.message(lang);
    match cmd {
        CatalogCommand::Init {
            dir,
            key,
            publisher,
        } => {
            let secret = read_key(&key, lang)?;
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            let catalog = Catalog::new(&publisher, secret.public(), clock.now());
            fsio::write_output(
                &dir.join(CATALOG_FILE),
                &catalog.to_json(),
                &[],
                OutputOptions {
                    replace: false,
                    private: false,
                },
            )
            .map_err(|e| e.message(lang))?;
            say!(
                "{}",
                S::CliCatalogInit.fill(lang, &[&dir.display().to_string()])
            );
            Ok(())
        }
        CatalogCommand::Add {
            dir,
            package,
            changelog_nb,
            changelog_en,
        } => {
            let mut catalog = read_catalog(&dir, lang)?;
            let bytes = fsio::read_input(&package, MAX_PACKAGE_BYTES as u64, Input::Package)
                .map_err(|e| e.message(lang))?;
            let entry = catalog::entry_for(
                &bytes,
                Localized {
                    nb: changelog_nb,
                    en: changelog_en,
                },
            )
            .map_err(m)?;
            let file = entry.file.clone();
            let signer = catalog::package_key(&bytes).map_err(m)?;
            if signer.to_string() != catalog.key {
                return Err(m(CatalogError::ForeignPackage(
                    package.display().to_string(),
                )));
            }
            let target = dir.join(&file);
            let same = |a: &Path, b: &Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b);
            if !same(&target, &package) {
                fsio::write_output_atomic(&target, &bytes, &[&package])
                    .map_err(|e| e.message(lang))?;
            }
            catalog
                .packages
                .retain(|p| !(p.id == entry.id && p.version == entry.version));
            say!(
                "{}",
                S::CliCatalogAdded.fill(lang, &[&entry.id, &entry.version, &file])
            );
            catalog.packages.push(entry);
            write_file(&dir.join(CATALOG_FILE), &catalog.to_json(), lang)
        }
        CatalogCommand::Revoke {
            dir,
            hash,
            id,
            versions,
            reason_nb,
            reason_en,
        } => {
            let mut catalog = read_catalog(&dir, lang)?;
            let reason = Localized {
                nb: reason_nb,
                en: reason_en,
            };
            let revocation = match (hash, id, versions) {
                (Some(sha256), _, _) => Revocation::Hash {
                    sha256: sha256.trim().to_ascii_lowercase(),
                    reason,
                },
                (None, Some(id), Some(versions)) => Revocation::Versions {
                    id,
                    versions,
                    reason,
                },
                _ => return Err(S::CliCatalogRevokeWhat.get(lang).to_string()),
            };
            catalog.revoked.push(revocation);
            // Checks the new entry (a range that does not parse) before anything is written.
            let json = catalog.to_json();
            Catalog::parse(&json).map_err(m)?;
            write_file(&dir.join(CATALOG_FILE), &json, lang)?;
            say!("{}", S::CliCatalogRevoked.get(lang));
            Ok(())
        }
        CatalogCommand::Sign {
            dir,
            key,
            valid_days,
            rotate_from,
        } => {
            let mut catalog = read_catalog(&dir, lang)?;
            let secret = read_key(&key, lang)?;
            if let Some(old) = rotate_from {
                let old = read_key(&old, lang)?;
                if old.public().to_string() != catalog.key {
                    return Err(S::CliCatalogWrongKey.fill(lang, &[&catalog.key]));
                }
                catalog
                    .rotations
                    .push(KeyRotation::sign(&old, secret.public()));
                catalog.key = secret.public().to_string();
            }
            if secret.public().to_string() != catalog.key {
                return Err(S::CliCatalogWrongKey.fill(lang, &[&catalog.key]));
            }
            catalog.sequence += 1;
            catalog.expires = clock.now() + TimeDelta::days(i64::from(valid_days));
            let json = catalog.to_json();
            write_file(&dir.join(CATALOG_FILE), &json, lang)?;
            write_file(
                &dir.join(SIGNATURE_FILE),
                catalog::sign(&json, &secret).as_bytes(),
                lang,
            )?;
            say!(
                "{}",
                S::CliCatalogSigned.fill(
                    lang,
                    &[
                        &catalog.sequence.to_string(),
                        &catalog.expires.format("%Y-%m-%d").to_string()
                    ]
                )
            );
            Ok(())
        }
    }
}

pub fn run_source(cmd: SourceCommand, db: &Path, clock: &Clock, lang: Lang) -> Result<(), String> {
    let m = |e: CatalogError| e.message(lang);
    match cmd {
        SourceCommand::Add {
            location,
            key,
            name,
        } => {
            let key = PublicKey::parse(&key).map_err(|e| e.message(lang))?;
            let store = crate::passphrase::get().open(db, false)?;
            let source =
                catalog::add_source(&store, &location, key, &name, clock.now()).map_err(m)?;
            say!(
                "{}",
                S::CliSourceAdded.fill(lang, &[&source.location, &name, &key.fingerprint()])
            );
            Ok(())
        }
        SourceCommand::List { json } => {
            let store = crate::passphrase::get().open_read_only(db)?;
            let list = catalog::sources(&store).map_err(m)?;
            if json {
                let out: Vec<_> = list
                    .iter()
                    .map(|s| {
                        serde_json::json!({
                            "location": s.location,
                            "name": s.name,
                            "key": s.key,
                            "sequence": s.sequence,
                            "last_checked": s.last_checked,
                        })
                    })
                    .collect();
                say_json!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
                return Ok(());
            }
            for s in list {
                let key = PublicKey::parse(&s.key)
                    .map(|k| k.fingerprint())
                    .unwrap_or_default();
                say!("{}  {}  {}", s.location, s.name, key);
            }
            Ok(())
        }
        SourceCommand::Remove { location } => {
            let store = crate::passphrase::get().open(db, false)?;
            catalog::remove_source(&store, &location).map_err(m)?;
            say!("{}", S::CliSourceRemoved.fill(lang, &[&location]));
            Ok(())
        }
    }
}

/// Checks every source, prints what each offers and withdrew. Fails when a source could not
/// be read at all (after reporting the others).
pub fn run_updates(db: &Path, json: bool, clock: &Clock, lang: Lang) -> Result<(), String> {
    let store = crate::passphrase::get().open(db, false)?;
    let fetcher = Fetcher::default();
    let mut failed = Vec::new();
    let mut reports = Vec::new();
    for source in catalog::sources(&store).map_err(|e| e.message(lang))? {
        match catalog::check_source(&store, &fetcher, &source.location, clock.now()) {
            Ok(report) => reports.push(report),
            Err(e) => {
                failed.push(S::CliSourceFailed.fill(lang, &[&source.location, &e.message(lang)]))
            }
        }
    }
    if json {
        let out: Vec<_> = reports.iter().map(|r| report_json(r, lang)).collect();
        say_json!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        for r in &reports {
            print_report(r, lang);
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("\n"))
    }
}

fn report_json(r: &Report, lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "source": r.source,
        "publisher": r.publisher,
        "sequence": r.sequence,
        "expires": r.expires,
        "expired": r.expired,
        "problem": r.problem.as_ref().map(|e| e.message(lang)),
        "rotated_to": r.rotated_to.map(|k| k.to_string()),
        "withdrawn": r.withdrawn.iter().map(|w| serde_json::json!({
            "plugin": w.plugin, "version": w.version, "reason": w.reason.get(lang),
        })).collect::<Vec<_>>(),
        "offers": r.offers.iter().map(|o| serde_json::json!({
            "plugin": o.package.id,
            "version": o.package.version,
            "installed": o.installed,
            "changelog": o.package.changelog.get(lang),
            "new_capabilities": o.new_capabilities.iter()
                .map(|c| Capability::from_api(c).describe(lang)).collect::<Vec<_>>(),
            "needs_ansvar": o.needs_ansvar,
        })).collect::<Vec<_>>(),
    })
}

fn print_report(r: &Report, lang: Lang) {
    say!(
        "{}",
        S::CliCatalogHeader.fill(
            lang,
            &[
                &r.publisher,
                &r.source,
                &r.sequence.to_string(),
                &r.expires.format("%Y-%m-%d").to_string()
            ]
        )
    );
    if r.expired {
        say!("  {}", S::CatalogExpired.get(lang));
    }
    if let Some(p) = &r.problem {
        say!(
            "  {}",
            S::CatalogUsingLastGood.fill(lang, &[&p.message(lang)])
        );
    }
    if let Some(k) = &r.rotated_to {
        say!("  {}", S::CatalogRotated.fill(lang, &[&k.fingerprint()]));
    }
    for w in &r.withdrawn {
        say!(
            "  {}",
            S::CatalogWithdrawn.fill(lang, &[&w.plugin, &w.version, w.reason.get(lang)])
        );
    }
    if r.offers.is_empty() {
        say!("  {}", S::CatalogNothingNew.get(lang));
    }
    for o in &r.offers {
        let line = match &o.installed {
            Some(v) => S::CatalogUpdate.fill(lang, &[&o.package.id, v, &o.package.version]),
            None => S::CatalogNew.fill(lang, &[&o.package.id, &o.package.version]),
        };
        say!("  {line}  {}", o.package.name.get(lang));
        let changelog = o.package.changelog.get(lang);
        if !changelog.is_empty() {
            say!("    {changelog}");
        }
        if let Some(v) = &o.needs_ansvar {
            say!("    {}", S::CatalogNeedsAnsvar.fill(lang, &[v]));
        }
        if !o.new_capabilities.is_empty() {
            say!("    {}", S::CliPluginAsks.get(lang));
            for c in &o.new_capabilities {
                say!("      - {}", Capability::from_api(c).describe(lang));
            }
        }
    }
}

/// Installs or updates a plugin from a source's catalogue (the only source, or --source).
pub fn run_get(
    db: &Path,
    id: &str,
    source: Option<String>,
    grant_requested: bool,
    clock: &Clock,
    lang: Lang,
) -> Result<(), String> {
    let m = |e: CatalogError| e.message(lang);
    let store = crate::passphrase::get().open(db, false)?;
    let fetcher = Fetcher::default();
    let sources = catalog::sources(&store).map_err(m)?;
    let mut chosen = None;
    for s in &sources {
        if source
            .as_deref()
            .is_some_and(|want| want.trim_end_matches('/') != s.location)
        {
            continue;
        }
        // Fresh first: a revocation or a newer version may have come since.
        match catalog::check_source(&store, &fetcher, &s.location, clock.now()) {
            Ok(report) => {
                if let Some(p) = &report.problem {
                    tell!(
                        "{}",
                        S::CatalogUsingLastGood.fill(lang, &[&p.message(lang)])
                    );
                }
                if report.offers.iter().any(|o| o.package.id == id) {
                    chosen = Some(s.location.clone());
                    break;
                }
            }
            Err(e) => tell!(
                "{}",
                S::CliSourceFailed.fill(lang, &[&s.location, &e.message(lang)])
            ),
        }
    }
    let Some(location) = chosen else {
        return Err(m(CatalogError::NotOffered(id.to_string())));
    };
    let host = PluginHost::for_store(crate::plugin_cmd::cache_dir(), &store)
        .map_err(|e| e.message(lang))?;
    let record = catalog::install_offer(
        &store,
        &host,
        &fetcher,
        &location,
        id,
        grant_requested,
        clock.now(),
    )
    .map_err(m)?;
    say!(
        "{}",
        S::CliInstalled.fill(lang, &[&record.manifest.id, &record.manifest.version])
    );
    for c in &record.granted {
        say!("    {}", S::CliReads.fill(lang, &[&c.describe(lang)]));
    }
    Ok(())
}
