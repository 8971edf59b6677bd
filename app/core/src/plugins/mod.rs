//! Plugins: municipalities' local forms as sandboxed WebAssembly components.
//!
//! - [`package`]: the signed `.ansvarplugin` file.
//! - [`api`]: the plugin API in the app's own types (the newest version's shape).
//! - [`host`]: wasmtime, limits, the compile cache, calls; one module per API version, and
//!   [`ApiVersion`], the versions this Ansvar runs.
//! - [`service`]: the app's one host, on a worker thread: the window never runs a plugin.
//! - [`catalog`]: a municipality's signed catalogue of packages, updates and revocations.
//! - [`registry`]: trusted publisher keys and installed plugins, in the database.
//! - [`context`]: the case data a plugin may see, cut to what it asked for and was granted.
//!
//! A plugin never draws and never touches the case: it declares a form as data, and is asked to
//! validate and summarise the data entered in it.

pub mod api;
pub mod catalog;
pub mod context;
pub mod host;
pub mod package;
pub mod registry;
pub mod service;
pub mod validate;

use crate::i18n::Lang;
use crate::text::S;

/// Where compiled plugins are cached: `ANSVAR_CACHE_DIR`, else the platform's cache directory.
pub fn default_cache_dir() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os("ANSVAR_CACHE_DIR") {
        return Some(std::path::PathBuf::from(dir));
    }
    directories::ProjectDirs::from("no", "Ansvar", "Ansvar").map(|d| d.cache_dir().join("plugins"))
}

pub use host::ApiVersion;

/// Everything that can go wrong with a plugin. Each names the plugin where it is known.
/// Display is the English message: each wording lives once, in the text catalogue.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum PluginError {
    NotAPackage,
    UnknownPackageFormat(u16),
    Unsigned,
    Tampered,
    UnknownKey(String),
    Downgrade {
        plugin: String,
        offered: String,
        installed: String,
    },
    AlreadyInstalled {
        plugin: String,
        version: String,
    },
    ManifestMismatch,
    NotAComponent(String),
    NewerApi {
        needs: String,
        supported: String,
        ansvar: &'static str,
    },
    OlderApi {
        needs: String,
        supported: String,
        ansvar: &'static str,
    },
    Link(String),
    BadManifest {
        plugin: String,
        problem: validate::Problem,
    },
    BadForm {
        plugin: String,
        problem: validate::Problem,
    },
    TimeLimit {
        plugin: String,
        call: &'static str,
    },
    MemoryLimit {
        plugin: String,
    },
    Trap {
        plugin: String,
        call: &'static str,
        detail: String,
    },
    BadResult {
        plugin: String,
        call: &'static str,
        detail: String,
    },
    ResultTooLarge {
        plugin: String,
        call: &'static str,
        size: usize,
    },
    /// A package over the size limit.
    TooLarge {
        limit: usize,
    },
    BadKey,
    /// A degenerate key (all zeros, or a point of small order) that anyone can sign for.
    WeakKey,
    /// A package that names such a key as its signer.
    WeakPackageKey,
    NotInstalled(String),
    /// Withdrawn by its publisher's catalogue: it is not run, its form data stays readable.
    Revoked {
        plugin: String,
        reason: api::Localized,
    },
    Engine(String),
    Io(String),
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
        match self {
            PluginError::NotAPackage => S::PluginNotAPackage.get(lang).to_string(),
            PluginError::UnknownPackageFormat(v) => {
                S::PluginUnknownPackageFormat.fill(lang, &[&v.to_string()])
            }
            PluginError::Unsigned => S::PluginUnsigned.get(lang).to_string(),
            PluginError::Tampered => S::PluginTampered.get(lang).to_string(),
            PluginError::UnknownKey(k) => S::PluginUnknownKey.fill(lang, &[k]),
            PluginError::Downgrade {
                plugin,
                offered,
                installed,
            } => S::PluginDowngrade.fill(lang, &[plugin, offered, installed]),
            PluginError::AlreadyInstalled { plugin, version } => {
                S::PluginAlreadyInstalled.fill(lang, &[plugin, version])
            }
            PluginError::ManifestMismatch => S::PluginManifestMismatch.get(lang).to_string(),
            PluginError::NotAComponent(d) => S::PluginNotAComponent.fill(lang, &[d]),
            PluginError::NewerApi {
                needs,
                supported,
                ansvar,
            } => S::PluginNewerApi.fill(lang, &[needs, ansvar, supported, needs]),
            PluginError::OlderApi {
                needs,
                supported,
                ansvar,
            } => S::PluginOlderApi.fill(lang, &[needs, ansvar, supported]),
            PluginError::Link(d) => S::PluginLink.fill(lang, &[d]),
            PluginError::BadManifest { plugin, problem } => {
                S::PluginBadManifest.fill(lang, &[plugin, &problem.message(lang)])
            }
            PluginError::BadForm { plugin, problem } => {
                S::PluginBadForm.fill(lang, &[plugin, &problem.message(lang)])
            }
            PluginError::TimeLimit { plugin, call } => {
                S::PluginTimeLimit.fill(lang, &[plugin, call])
            }
            PluginError::MemoryLimit { plugin } => S::PluginMemoryLimit.fill(lang, &[plugin]),
            PluginError::Trap {
                plugin,
                call,
                detail,
            } => S::PluginTrap.fill(lang, &[plugin, call, detail]),
            PluginError::BadResult {
                plugin,
                call,
                detail,
            } => S::PluginBadResult.fill(lang, &[plugin, call, detail]),
            PluginError::ResultTooLarge { plugin, call, size } => {
                S::PluginResultTooLarge.fill(lang, &[plugin, call, &size.to_string()])
            }
            PluginError::TooLarge { limit } => S::PluginTooLarge.fill(lang, &[&limit.to_string()]),
            PluginError::BadKey => S::PluginBadKey.get(lang).to_string(),
            PluginError::WeakKey => S::PluginWeakKey.get(lang).to_string(),
            PluginError::WeakPackageKey => S::PluginWeakPackageKey.get(lang).to_string(),
            PluginError::NotInstalled(id) => S::PluginNotInstalled.fill(lang, &[id]),
            PluginError::Revoked { plugin, reason } => {
                S::PluginRevoked.fill(lang, &[plugin, reason.get(lang)])
            }
            PluginError::Engine(d) => S::PluginEngine.fill(lang, &[d]),
            PluginError::Io(d) => d.clone(),
            PluginError::Store(e) => e.message(lang),
        }
    }
}
