//! `ansvar plugin ...`: keys, signing, checking and installing plugin packages.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use ansvar::clock::Clock;
use ansvar::i18n::Lang;
use ansvar::plugins::context::Capability;
use ansvar::plugins::host::PluginHost;
use ansvar::plugins::package::{Package, PublicKey, SecretKey};
use ansvar::plugins::{PluginError, registry};
use ansvar::text::S;

use crate::term::{say, say_json, tell};

#[derive(Subcommand)]
pub enum PluginCommand {
    /// Make a new publisher key pair. The secret key goes to --out (keep it safe); the public
    /// key is printed, for the staff to trust.
    Keygen {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Sign a built plugin into an .ansvarplugin package: the core module cargo builds
    /// (target/wasm32-unknown-unknown/release/NAME.wasm), or a component.
    Sign {
        /// The publisher's secret key file (from `keygen`).
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// The plugin (.wasm): the core module cargo built, or a component.
        wasm: PathBuf,
        #[arg(short, long, value_name = "OUT")]
        out: PathBuf,
    },
    /// Verify a package, load it in the sandbox, and print its manifest, form and capabilities.
    /// Exit code 0 only when it is valid. With --db, also require that its key is trusted there.
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// Also run the plugin's validate, summarize and computed on this form data (a JSON
        /// object keyed by field id, as the app stores it) in the sandbox, and print the results.
        /// The plugin sees today's date and no case data.
        #[arg(long, value_name = "SAMPLE.json")]
        data: Option<PathBuf>,
    },
    /// Trust a publisher's public key (`ansvar-ed25519-public:…`, or a file holding it).
    Trust {
        key: String,
        /// Who the key belongs to, e.g. "Nordvik kommune".
        #[arg(long, default_value = "")]
        name: String,
    },
    /// Install a package into the database.
    Install {
        file: PathBuf,
        /// Grant the plugin the case data its manifest asks for (it is listed first).
        #[arg(long)]
        grant_requested: bool,
    },
    /// List the installed plugins.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove an installed plugin (its form data on cases stays).
    Remove { id: String },
    /// Publish plugins: a signed catalogue folder (for the municipality's IT).
    Catalog {
        #[command(subcommand)]
        command: crate::catalog_cmd::CatalogCommand,
    },
    /// The catalogues this database follows.
    Source {
        #[command(subcommand)]
        command: crate::catalog_cmd::SourceCommand,
    },
    /// Check every catalogue source: updates, new plugins, withdrawn versions (disabled at once).
    Updates {
        #[arg(long)]
        json: bool,
    },
    /// Install or update a plugin from a catalogue source.
    Get {
        id: String,
        /// The source's address or folder, when more than one offers the plugin.
        #[arg(long)]
        source: Option<String>,
        /// Grant what the plugin asks to read (an update asking for more needs this).
        #[arg(long)]
        grant_requested: bool,
    },
}

pub use ansvar::plugins::default_cache_dir as cache_dir;

use ansvar::fsio::{self, Input, OutputOptions};

/// Whether the command reads or writes the database (keys and signing never do; check only
/// when pointed at one).
pub fn uses_db(cmd: &PluginCommand, explicit_db: bool) -> bool {
    match cmd {
        PluginCommand::Keygen { .. }
        | PluginCommand::Sign { .. }
        | PluginCommand::Catalog { .. } => false,
        PluginCommand::Check { .. } => explicit_db,
        _ => true,
    }
}

/// `db` is the database in use; `explicit_db` tells whether the user named it, which `check`
/// needs: it checks trust only against a database it was pointed at. Errors are the message
/// for the user, in their language.
pub fn run(
    cmd: PluginCommand,
    db: &Path,
    explicit_db: bool,
    clock: &Clock,
    lang: Lang,
) -> Result<(), String> {
    let m = |e: PluginError| e.message(lang);
    let read = |path: &Path, limit: u64, what: Input| {
        fsio::read_input(path, limit, what).map_err(|e| e.message(lang))
    };
    let open = || crate::passphrase::get().open(db, false);
    let open_read_only = || crate::passphrase::get().open_read_only(db);
    let package_limit = ansvar::plugins::package::MAX_PACKAGE_BYTES as u64;
    match cmd {
        PluginCommand::Keygen { out } => {
            let key = SecretKey::generate().map_err(m)?;
            // A key file that exists is never replaced (it may be the only copy of a key);
            // one that cannot be written whole is not left behind to block the next try.
            fsio::write_output(
                &out,
                key.to_text().as_bytes(),
                &[db],
                OutputOptions {
                    replace: false,
                    private: true,
                },
            )
            .map_err(|e| e.message(lang))?;
            say!("{}", key.public());
            tell!(
                "{}",
                S::CliSecretKeyWritten.fill(lang, &[&out.display().to_string()])
            );
            Ok(())
        }
        PluginCommand::Sign { key, wasm, out } => {
            let text = String::from_utf8(read(&key, fsio::MAX_KEY_BYTES, Input::Key)?)
                .map_err(|_| m(PluginError::BadKey))?;
            let secret = SecretKey::parse(&text).map_err(m)?;
            let wasm_bytes = read(&wasm, fsio::MAX_COMPONENT_BYTES, Input::Component)?;
            let component = if is_core_module(&wasm_bytes) {
                let component = componentize(&wasm_bytes)
                    .map_err(|e| S::CliComponentizeFailed.fill(lang, &[&e]))?;
                tell!("{}", S::CliComponentized.get(lang));
                component
            } else {
                wasm_bytes
            };
            let host = PluginHost::new(cache_dir()).map_err(m)?;
            let plugin = host.load(&component).map_err(m)?;
            let manifest_json = serde_json::to_vec(&plugin.manifest)
                .map_err(|e| m(PluginError::Io(e.to_string())))?;
            let package = Package::sign(manifest_json, component, &secret);
            fsio::write_output_atomic(&out, &package.to_bytes(), &[&key, &wasm, db])
                .map_err(|e| e.message(lang))?;
            say!(
                "{}",
                S::CliSigned.fill(
                    lang,
                    &[
                        &plugin.manifest.id,
                        &plugin.manifest.version,
                        &out.display().to_string()
                    ]
                )
            );
            Ok(())
        }
        PluginCommand::Check { file, json, data } => {
            let bytes = read(&file, package_limit, Input::Package)?;
            let sample = match &data {
                Some(path) => {
                    let bytes = read(path, fsio::MAX_FORM_DATA_BYTES, Input::FormData)?;
                    let text = String::from_utf8(bytes).map_err(|_| {
                        S::CliSampleNotJson.fill(lang, &[&path.display().to_string(), "UTF-8"])
                    })?;
                    match serde_json::from_str::<serde_json::Value>(&text) {
                        Ok(serde_json::Value::Object(_)) => Some(text),
                        Ok(_) => {
                            return Err(
                                S::CliSampleNotObject.fill(lang, &[&path.display().to_string()])
                            );
                        }
                        Err(e) => {
                            return Err(S::CliSampleNotJson
                                .fill(lang, &[&path.display().to_string(), &e.to_string()]));
                        }
                    }
                }
                None => None,
            };
            let store = if explicit_db {
                Some(open_read_only()?)
            } else {
                None
            };
            let host = match &store {
                Some(store) => PluginHost::for_store(cache_dir(), store),
                None => PluginHost::new(cache_dir()),
            }
            .map_err(m)?;
            let (package, plugin) = registry::check(&host, &bytes, store.as_ref()).map_err(m)?;
            let results = match &sample {
                Some(data) => {
                    let context = ansvar::plugins::api::CaseContext {
                        today: clock.today().format("%Y-%m-%d").to_string(),
                        ..Default::default()
                    };
                    Some((
                        plugin.validate(data, &context).map_err(m)?,
                        plugin.summarize(data, &context).map_err(m)?,
                        plugin.computed(data, &context).map_err(m)?,
                    ))
                }
                None => None,
            };
            if json {
                let mut out = serde_json::json!({
                    "valid": true,
                    "publisher_key": package.public_key.to_string(),
                    "sha256": plugin.hash,
                    "manifest": plugin.manifest,
                    "form": plugin.form,
                });
                if let Some((messages, summary, computed)) = &results {
                    out["validate"] = serde_json::json!(messages);
                    out["summarize"] = serde_json::json!(summary);
                    out["computed"] = serde_json::json!(computed);
                }
                say_json!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                print_plugin(&plugin, &package.public_key, lang);
                if let (Some((messages, summary, computed)), Some(path)) = (&results, &data) {
                    print_results(messages, summary, computed, path, lang);
                }
            }
            Ok(())
        }
        PluginCommand::Trust { key, name } => {
            // The key itself, or a file holding it: read as a small regular file only.
            let text =
                if key.trim().starts_with("ansvar-ed25519-public:") || !Path::new(&key).exists() {
                    key.clone()
                } else {
                    String::from_utf8(read(Path::new(&key), fsio::MAX_KEY_BYTES, Input::Key)?)
                        .map_err(|_| m(PluginError::BadKey))?
                };
            let key = PublicKey::parse(&text).map_err(m)?;
            let store = open()?;
            registry::trust_key(&store, key, &name, clock.now()).map_err(m)?;
            say!(
                "{}",
                S::CliTrustedKey.fill(lang, &[&key.fingerprint(), &name])
            );
            Ok(())
        }
        PluginCommand::Install {
            file,
            grant_requested,
        } => {
            let bytes = read(&file, package_limit, Input::Package)?;
            let store = open()?;
            let host = PluginHost::for_store(cache_dir(), &store).map_err(m)?;
            let (_, plugin) = registry::check(&host, &bytes, Some(&store)).map_err(m)?;
            let requested: Vec<Capability> = plugin
                .manifest
                .capabilities
                .iter()
                .map(Capability::from_api)
                .collect();
            if !requested.is_empty() {
                say!("{}", S::CliPluginAsks.get(lang));
                for c in &requested {
                    say!("  - {}", c.describe(lang));
                }
                if !grant_requested {
                    say!("{}", S::CliNotGranted.get(lang));
                }
            }
            let grant = if grant_requested {
                requested
            } else {
                Vec::new()
            };
            let record =
                registry::install(&store, &host, &bytes, &grant, clock.now()).map_err(m)?;
            say!(
                "{}",
                S::CliInstalled.fill(lang, &[&record.manifest.id, &record.manifest.version])
            );
            Ok(())
        }
        PluginCommand::List { json } => {
            let store = open_read_only()?;
            let list = registry::installed(&store).map_err(m)?;
            if json {
                say_json!(
                    "{}",
                    serde_json::to_string_pretty(&list).unwrap_or_default()
                );
                return Ok(());
            }
            for p in list {
                let name = p.manifest.name.get(lang);
                let failing = p
                    .failing
                    .map(|f| format!("  {}", S::CliFailing.fill(lang, &[&f])))
                    .unwrap_or_default();
                say!(
                    "{}  {}  {}  {}{failing}",
                    p.manifest.id,
                    p.manifest.version,
                    name,
                    p.manifest.publisher
                );
                for c in &p.granted {
                    say!("    {}", S::CliReads.fill(lang, &[&c.describe(lang)]));
                }
                if let Some(r) = &p.revoked {
                    say!(
                        "    {}",
                        S::PluginWithdrawn.fill(lang, &[r.reason.get(lang)])
                    );
                }
            }
            Ok(())
        }
        PluginCommand::Remove { id } => {
            let store = open()?;
            registry::remove(&store, &id).map_err(m)?;
            say!("{}", S::CliRemoved.fill(lang, &[&id]));
            Ok(())
        }
        PluginCommand::Catalog { command } => crate::catalog_cmd::run_catalog(command, clock, lang),
        PluginCommand::Source { command } => {
            crate::catalog_cmd::run_source(command, db, clock, lang)
        }
        PluginCommand::Updates { json } => crate::catalog_cmd::run_updates(db, json, clock, lang),
        PluginCommand::Get {
            id,
            source,
            grant_requested,
        } => crate::catalog_cmd::run_get(db, &id, source, grant_requested, clock, lang),
    }
}

/// A core module (what `cargo build --target wasm32-unknown-unknown` writes), not a component:
/// the version after the `\0asm` magic is 1.
fn is_core_module(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\0asm\x01\0\0\0")
}

/// Wraps a core module built with the plugin SDK (wit-bindgen) into a component.
fn componentize(module: &[u8]) -> Result<Vec<u8>, String> {
    wit_component::ComponentEncoder::default()
        .module(module)
        .map_err(|e| format!("{e:#}"))?
        .validate(true)
        .encode()
        .map_err(|e| format!("{e:#}"))
}

fn print_results(
    messages: &[ansvar::plugins::api::FieldMessage],
    summary: &[ansvar::plugins::api::SummaryLine],
    computed: &[ansvar::plugins::api::ComputedValue],
    path: &Path,
    lang: Lang,
) {
    use ansvar::plugins::api::Severity;
    say!(
        "{}",
        S::CliSampleHeader.fill(lang, &[&path.display().to_string()])
    );
    say!("  {}", S::CliSampleMessages.get(lang));
    if messages.is_empty() {
        say!("    {}", S::CliNothing.get(lang));
    }
    for msg in messages {
        let severity = match msg.severity {
            Severity::Error => S::CliSeverityError,
            Severity::Warning => S::CliSeverityWarning,
            Severity::Info => S::CliSeverityInfo,
        };
        let path = if msg.path.is_empty() { "-" } else { &msg.path };
        say!(
            "    {} {path}: {}",
            severity.get(lang),
            msg.message.get(lang)
        );
    }
    say!("  {}", S::CliSampleSummary.get(lang));
    if summary.is_empty() {
        say!("    {}", S::CliNothing.get(lang));
    }
    for line in summary {
        say!("    {}", line.text.get(lang));
    }
    say!("  {}", S::CliSampleComputed.get(lang));
    if computed.is_empty() {
        say!("    {}", S::CliNothing.get(lang));
    }
    for c in computed {
        say!("    {}: {}", c.label.get(lang), c.value.get(lang));
        for r in &c.reasons {
            say!("      - {}", r.get(lang));
        }
    }
}

fn print_plugin(plugin: &ansvar::plugins::host::LoadedPlugin, key: &PublicKey, lang: Lang) {
    let m = &plugin.manifest;
    let pick = |l: &ansvar::plugins::api::Localized| l.get(lang).to_string();
    say!("{} {} ({})", m.id, m.version, pick(&m.name));
    say!("  {}", pick(&m.description));
    say!("  {}", S::CliPublisher.fill(lang, &[&m.publisher]));
    say!("  {}", S::CliKey.fill(lang, &[&key.fingerprint()]));
    say!("  API: {}", m.api_version);
    say!("  {}", S::CliAsksToRead.get(lang));
    if m.capabilities.is_empty() {
        say!("    {}", S::CliNothing.get(lang));
    }
    for c in &m.capabilities {
        say!("    - {}", Capability::from_api(c).describe(lang));
    }
    say!("  {}", S::CliForm.fill(lang, &[&pick(&plugin.form.title)]));
    for s in &plugin.form.sections {
        let line = match s.fields.len() {
            1 => S::CliSectionOneField.fill(lang, &[&pick(&s.title)]),
            n => S::CliSectionFields.fill(lang, &[&pick(&s.title), &n.to_string()]),
        };
        say!("    {line}");
    }
}
