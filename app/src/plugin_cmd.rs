//! `ansvar plugin ...`: keys, signing, checking and installing plugin packages.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use ansvar::clock::Clock;
use ansvar::i18n::Lang;
use ansvar::plugins::context::Capability;
use ansvar::plugins::host::PluginHost;
use ansvar::plugins::package::{Package, PublicKey, SecretKey};
use ansvar::plugins::{PluginError, registry};
use ansvar::store::Store;
use ansvar::text::S;

#[derive(Subcommand)]
pub enum PluginCommand {
    /// Make a new publisher key pair. The secret key goes to --out (keep it safe); the public
    /// key is printed, for the staff to trust.
    Keygen {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Sign a built plugin component into an .ansvarplugin package.
    Sign {
        /// The publisher's secret key file (from `keygen`).
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// The plugin component (.wasm).
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
}

pub use ansvar::plugins::default_cache_dir as cache_dir;

fn read(path: &Path) -> Result<Vec<u8>, PluginError> {
    std::fs::read(path).map_err(|e| PluginError::Io(format!("{}: {e}", path.display())))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), PluginError> {
    std::fs::write(path, bytes).map_err(|e| PluginError::Io(format!("{}: {e}", path.display())))
}

/// `db` is the database in use; `explicit_db` tells whether the user named it, which `check`
/// needs: it checks trust only against a database it was pointed at.
pub fn run(
    cmd: PluginCommand,
    db: &Path,
    explicit_db: bool,
    clock: &Clock,
    lang: Lang,
) -> Result<(), PluginError> {
    match cmd {
        PluginCommand::Keygen { out } => {
            let key = SecretKey::generate()?;
            write_secret(&out, &key)?;
            println!("{}", key.public());
            eprintln!(
                "{}",
                S::CliSecretKeyWritten.fill(lang, &[&out.display().to_string()])
            );
            Ok(())
        }
        PluginCommand::Sign { key, wasm, out } => {
            let text = String::from_utf8(read(&key)?).map_err(|_| PluginError::BadKey)?;
            let key = SecretKey::parse(&text)?;
            let component = read(&wasm)?;
            // A package must stay readable by every Ansvar it goes to.
            if component.len() > ansvar::plugins::package::MAX_PACKAGE_BYTES {
                return Err(PluginError::TooLarge {
                    what: "package",
                    limit: ansvar::plugins::package::MAX_PACKAGE_BYTES,
                });
            }
            let host = PluginHost::new(cache_dir())?;
            let plugin = host.load(&component)?;
            let manifest_json =
                serde_json::to_vec(&plugin.manifest).map_err(|e| PluginError::Io(e.to_string()))?;
            let package = Package::sign(manifest_json, component, &key);
            write(&out, &package.to_bytes())?;
            println!(
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
        PluginCommand::Check { file, json } => {
            let bytes = Package::read_file(&file)?;
            let host = PluginHost::new(cache_dir())?;
            let store = if explicit_db {
                Some(Store::open(db)?)
            } else {
                None
            };
            let (package, plugin) = registry::check(&host, &bytes, store.as_ref())?;
            if json {
                let out = serde_json::json!({
                    "valid": true,
                    "publisher_key": package.public_key.to_string(),
                    "sha256": plugin.hash,
                    "manifest": plugin.manifest,
                    "form": plugin.form,
                });
                println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                print_plugin(&plugin, &package.public_key, lang);
            }
            Ok(())
        }
        PluginCommand::Trust { key, name } => {
            let text = match std::fs::read_to_string(&key) {
                Ok(t) => t,
                Err(_) => key.clone(),
            };
            let key = PublicKey::parse(&text)?;
            let store = Store::open(db)?;
            registry::trust_key(&store, key, &name, clock.now())?;
            println!(
                "{}",
                S::CliTrustedKey.fill(lang, &[&key.fingerprint(), &name])
            );
            Ok(())
        }
        PluginCommand::Install {
            file,
            grant_requested,
        } => {
            let bytes = Package::read_file(&file)?;
            let store = Store::open(db)?;
            let host = PluginHost::new(cache_dir())?;
            let (_, plugin) = registry::check(&host, &bytes, Some(&store))?;
            let requested: Vec<Capability> = plugin
                .manifest
                .capabilities
                .iter()
                .map(Capability::from_api)
                .collect();
            if !requested.is_empty() {
                println!("{}", S::CliPluginAsks.get(lang));
                for c in &requested {
                    println!("  - {}", c.describe(lang));
                }
                if !grant_requested {
                    println!("{}", S::CliNotGranted.get(lang));
                }
            }
            let grant = if grant_requested {
                requested
            } else {
                Vec::new()
            };
            let record = registry::install(&store, &host, &bytes, &grant, clock.now())?;
            println!(
                "{}",
                S::CliInstalled.fill(lang, &[&record.manifest.id, &record.manifest.version])
            );
            Ok(())
        }
        PluginCommand::List { json } => {
            let store = Store::open(db)?;
            let list = registry::installed(&store)?;
            if json {
                println!(
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
                println!(
                    "{}  {}  {}  {}{failing}",
                    p.manifest.id, p.manifest.version, name, p.manifest.publisher
                );
                for c in &p.granted {
                    println!("    {}", S::CliReads.fill(lang, &[&c.describe(lang)]));
                }
            }
            Ok(())
        }
        PluginCommand::Remove { id } => {
            let store = Store::open(db)?;
            registry::remove(&store, &id)?;
            println!("{}", S::CliRemoved.fill(lang, &[&id]));
            Ok(())
        }
    }
}

fn write_secret(path: &Path, key: &SecretKey) -> Result<(), PluginError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| PluginError::Io(format!("{}: {e}", path.display())))?;
    file.write_all(key.to_text().as_bytes())
        .map_err(|e| PluginError::Io(format!("{}: {e}", path.display())))
}

fn print_plugin(plugin: &ansvar::plugins::host::LoadedPlugin, key: &PublicKey, lang: Lang) {
    let m = &plugin.manifest;
    let pick = |l: &ansvar::plugins::api::Localized| l.get(lang).to_string();
    println!("{} {} ({})", m.id, m.version, pick(&m.name));
    println!("  {}", pick(&m.description));
    println!("  {}", S::CliPublisher.fill(lang, &[&m.publisher]));
    println!("  {}", S::CliKey.fill(lang, &[&key.fingerprint()]));
    println!("  API: {}", m.api_version);
    println!("  {}", S::CliAsksToRead.get(lang));
    if m.capabilities.is_empty() {
        println!("    {}", S::CliNothing.get(lang));
    }
    for c in &m.capabilities {
        println!("    - {}", Capability::from_api(c).describe(lang));
    }
    println!("  {}", S::CliForm.fill(lang, &[&pick(&plugin.form.title)]));
    for s in &plugin.form.sections {
        println!(
            "    {}",
            S::CliSectionFields.fill(lang, &[&pick(&s.title), &s.fields.len().to_string()])
        );
    }
}
