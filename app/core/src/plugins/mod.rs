//! Plugins: municipalities' local forms as sandboxed WebAssembly components.
//!
//! - [`package`]: the signed `.ansvarplugin` file.
//! - [`api`]: the plugin API in the app's own types (the newest version's shape).
//! - [`host`]: wasmtime, limits, the compile cache, calls; one module per API version, and
//!   [`ApiVersion`], the versions this Ansvar runs.
//! - [`service`]: the app's one host, on a worker thread: the window never runs a plugin.
//! - [`registry`]: trusted publisher keys and installed plugins, in the database.
//! - [`context`]: the case data a plugin may see, cut to what it asked for and was granted.
//!
//! A plugin never draws and never touches the case: it declares a form as data, and is asked to
//! validate and summarise the data entered in it.

pub mod api;
pub mod context;
pub mod host;
pub mod package;
pub mod registry;
pub mod service;
pub mod validate;

use crate::i18n::Lang;

/// Where compiled plugins are cached: `ANSVAR_CACHE_DIR`, else the platform's cache directory.
pub fn default_cache_dir() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os("ANSVAR_CACHE_DIR") {
        return Some(std::path::PathBuf::from(dir));
    }
    directories::ProjectDirs::from("no", "Ansvar", "Ansvar").map(|d| d.cache_dir().join("plugins"))
}

pub use host::ApiVersion;

/// Everything that can go wrong with a plugin. Each names the plugin where it is known.
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    #[error("not an Ansvar plugin package")]
    NotAPackage,
    #[error("package format {0} is newer than this Ansvar reads")]
    UnknownPackageFormat(u16),
    #[error("the plugin is not signed: only signed .ansvarplugin packages can be installed")]
    Unsigned,
    #[error("the package has been altered after it was signed (the signature does not match)")]
    Tampered,
    #[error(
        "the package is signed by a key that is not trusted here ({0}); trust the publisher's key first"
    )]
    UnknownKey(String),
    #[error("{plugin} {offered} is older than the installed version {installed}")]
    Downgrade {
        plugin: String,
        offered: String,
        installed: String,
    },
    #[error("{plugin} {version} is already installed")]
    AlreadyInstalled { plugin: String, version: String },
    #[error("the package's manifest does not match what the plugin itself declares")]
    ManifestMismatch,
    #[error("this is not a usable plugin component: {0}")]
    NotAComponent(String),
    #[error(
        "the plugin was built for plugin API {needs}, which is newer than this Ansvar ({ansvar}) runs (plugin API {supported}). Update Ansvar to a version that runs plugin API {needs}"
    )]
    NewerApi {
        needs: String,
        supported: String,
        ansvar: &'static str,
    },
    #[error(
        "the plugin was built for plugin API {needs}, which is older than this Ansvar ({ansvar}) runs (plugin API {supported}). Build the plugin again with a newer ansvar-plugin-api"
    )]
    OlderApi {
        needs: String,
        supported: String,
        ansvar: &'static str,
    },
    #[error("the plugin cannot be linked: {0}")]
    Link(String),
    #[error("{plugin}: its manifest is invalid: {problem}")]
    BadManifest { plugin: String, problem: String },
    #[error("{plugin}: its form is invalid: {problem}")]
    BadForm { plugin: String, problem: String },
    #[error("{plugin}: `{call}` ran longer than the limit and was stopped")]
    TimeLimit { plugin: String, call: &'static str },
    #[error("{plugin}: used more memory than allowed and was stopped")]
    MemoryLimit { plugin: String },
    #[error("{plugin}: `{call}` crashed ({detail})")]
    Trap {
        plugin: String,
        call: &'static str,
        detail: String,
    },
    #[error("{plugin}: `{call}` returned something malformed ({detail})")]
    BadResult {
        plugin: String,
        call: &'static str,
        detail: String,
    },
    #[error("{plugin}: `{call}` returned too much ({size} bytes)")]
    ResultTooLarge {
        plugin: String,
        call: &'static str,
        size: usize,
    },
    #[error("the {what} is larger than {limit} bytes")]
    TooLarge { what: &'static str, limit: usize },
    #[error("not a valid key")]
    BadKey,
    #[error("no plugin {0} is installed")]
    NotInstalled(String),
    #[error("the plugin engine failed: {0}")]
    Engine(String),
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

impl PluginError {
    /// True when the plugin itself misbehaved during a call (it is then marked failing).
    pub fn is_plugin_fault(&self) -> bool {
        matches!(
            self,
            PluginError::TimeLimit { .. }
                | PluginError::MemoryLimit { .. }
                | PluginError::Trap { .. }
                | PluginError::BadResult { .. }
                | PluginError::ResultTooLarge { .. }
        )
    }

    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            PluginError::NotAPackage => "Filen er ikke en Ansvar-utvidelse (.ansvarplugin).".into(),
            PluginError::UnknownPackageFormat(v) => {
                format!("Pakkeformat {v} er nyere enn denne versjonen av Ansvar kan lese.")
            }
            PluginError::Unsigned => {
                "Utvidelsen er ikke signert. Bare signerte .ansvarplugin-pakker kan installeres.".into()
            }
            PluginError::Tampered => {
                "Pakken er endret etter at den ble signert (signaturen stemmer ikke). Den er ikke installert.".into()
            }
            PluginError::UnknownKey(k) => format!(
                "Pakken er signert med en nøkkel som ikke er godkjent her ({k}). Godkjenn utgiverens nøkkel først."
            ),
            PluginError::Downgrade {
                plugin,
                offered,
                installed,
            } => format!("{plugin} {offered} er eldre enn installert versjon {installed}."),
            PluginError::AlreadyInstalled { plugin, version } => {
                format!("{plugin} {version} er allerede installert.")
            }
            PluginError::ManifestMismatch => {
                "Pakkens beskrivelse stemmer ikke med det utvidelsen selv oppgir.".into()
            }
            PluginError::NotAComponent(d) => format!("Dette er ikke en brukbar utvidelse: {d}"),
            PluginError::NewerApi {
                needs,
                supported,
                ansvar,
            } => format!(
                "Utvidelsen er laget for utvidelses-API {needs}, som er nyere enn denne versjonen av Ansvar ({ansvar}) kan kjøre (utvidelses-API {supported}). Oppdater Ansvar til en versjon som kjører utvidelses-API {needs}."
            ),
            PluginError::OlderApi {
                needs,
                supported,
                ansvar,
            } => format!(
                "Utvidelsen er laget for utvidelses-API {needs}, som er eldre enn denne versjonen av Ansvar ({ansvar}) kan kjøre (utvidelses-API {supported}). Utvidelsen må bygges på nytt med en nyere ansvar-plugin-api."
            ),
            PluginError::Link(d) => format!("Utvidelsen kan ikke kobles til: {d}"),
            PluginError::BadManifest { plugin, problem } => {
                format!("{plugin}: beskrivelsen er ugyldig: {problem}")
            }
            PluginError::BadForm { plugin, problem } => {
                format!("{plugin}: skjemaet er ugyldig: {problem}")
            }
            PluginError::TimeLimit { plugin, call } => {
                format!("{plugin}: «{call}» brukte for lang tid og ble stoppet.")
            }
            PluginError::MemoryLimit { plugin } => {
                format!("{plugin}: brukte mer minne enn tillatt og ble stoppet.")
            }
            PluginError::Trap {
                plugin,
                call,
                detail,
            } => format!("{plugin}: «{call}» krasjet ({detail})."),
            PluginError::BadResult {
                plugin,
                call,
                detail,
            } => format!("{plugin}: «{call}» returnerte ugyldige data ({detail})."),
            PluginError::ResultTooLarge { plugin, call, size } => {
                format!("{plugin}: «{call}» returnerte for mye ({size} byte).")
            }
            PluginError::TooLarge { what, limit } => {
                format!("Filen ({what}) er større enn {limit} byte.")
            }
            PluginError::BadKey => "Ugyldig nøkkel.".into(),
            PluginError::NotInstalled(id) => format!("Utvidelsen {id} er ikke installert."),
            PluginError::Engine(d) => format!("Utvidelsesmotoren feilet: {d}"),
            PluginError::Io(d) => d.clone(),
            PluginError::Store(e) => e.message(lang),
        }
    }
}
