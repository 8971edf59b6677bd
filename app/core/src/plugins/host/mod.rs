//! The wasmtime host: compiles (or loads from cache) a plugin component, and runs each call in a
//! fresh sandboxed instance with limits on memory, time and result size.
//!
//! One module per plugin API version (`v0_1`, `v0_2`), each with bindings generated from
//! that version's frozen WIT folder and conversions to the app's own types ([`super::api`]).
//! [`ApiVersion`] is the one list of the versions this Ansvar runs.

mod convert;
mod v0_1;
mod v0_2;

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde::Serialize;
use wasmtime::component::{Component, Linker};
use wasmtime::{Config, Engine, ResourceLimiter, Store, Trap};

use super::api::{
    CaseContext, ComputedValue, FieldMessage, FormDefinition, PluginManifest, SummaryLine,
};
use super::package::component_hash;
use super::{PluginError, validate};

/// The plugin API versions this Ansvar runs, oldest first: the supported range, declared here
/// and nowhere else. Each has a host module bound to its frozen WIT folder
/// (`plugin-api/wit/since_vX.Y.Z/`). A plugin built for a version outside the range is
/// refused with a message that says which way it is out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApiVersion {
    V0_1,
    V0_2,
}

impl ApiVersion {
    pub const ALL: [ApiVersion; 2] = [ApiVersion::V0_1, ApiVersion::V0_2];
    pub const OLDEST: ApiVersion = ApiVersion::ALL[0];
    pub const NEWEST: ApiVersion = ApiVersion::ALL[ApiVersion::ALL.len() - 1];

    /// The WIT package version, e.g. `0.1.0`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V0_1 => v0_1::VERSION,
            ApiVersion::V0_2 => v0_2::VERSION,
        }
    }

    /// The versions this Ansvar runs, for messages: `0.1.0–0.2.0`.
    pub fn range() -> String {
        format!(
            "{}–{}",
            ApiVersion::OLDEST.as_str(),
            ApiVersion::NEWEST.as_str()
        )
    }
}

impl std::fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// This Ansvar's own version, named when a plugin needs another one.
pub const ANSVAR_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Most memory one call may use.
pub const MEMORY_LIMIT: usize = 64 * 1024 * 1024;
/// Longest one call may run.
pub const TIME_LIMIT: Duration = Duration::from_millis(250);
/// Largest result one call may return (as JSON).
pub const RESULT_LIMIT: usize = 1024 * 1024;
const EPOCH_TICK: Duration = Duration::from_millis(10);

/// Tracks a call's memory and notes when the plugin hit the limit, so the message can say so.
struct Limits {
    hit: bool,
}

impl ResourceLimiter for Limits {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let ok = desired <= MEMORY_LIMIT;
        self.hit |= !ok;
        Ok(ok)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let ok = desired <= 100_000;
        self.hit |= !ok;
        Ok(ok)
    }

    fn instances(&self) -> usize {
        16
    }

    fn memories(&self) -> usize {
        4
    }

    fn tables(&self) -> usize {
        16
    }
}

/// The one wasmtime engine of the app, with its epoch ticker and compile cache.
pub struct PluginHost {
    engine: Engine,
    linker: Linker<Limits>,
    cache_dir: Option<PathBuf>,
    stop_ticker: Arc<AtomicBool>,
}

impl Drop for PluginHost {
    fn drop(&mut self) {
        self.stop_ticker.store(true, Ordering::Relaxed);
    }
}

/// A plugin's bindings, in the version it was built for.
#[derive(Clone)]
enum Bindings {
    V0_1(v0_1::Pre),
    V0_2(v0_2::Pre),
}

/// Calls the same method on whichever version's bindings a plugin has.
macro_rules! dispatch {
    ($bindings:expr, $pre:ident => $call:expr) => {
        match $bindings {
            Bindings::V0_1($pre) => $call,
            Bindings::V0_2($pre) => $call,
        }
    };
}

/// A compiled plugin, ready to instantiate for each call.
#[derive(Clone)]
pub struct LoadedPlugin {
    bindings: Bindings,
    engine: Engine,
    /// The API version it was built for.
    pub api: ApiVersion,
    pub manifest: PluginManifest,
    pub form: FormDefinition,
    /// sha256 of the component.
    pub hash: String,
}

impl PluginHost {
    /// `cache_dir`: where compiled components are kept between runs (`None`: no disk cache).
    pub fn new(cache_dir: Option<PathBuf>) -> Result<PluginHost, PluginError> {
        let mut config = Config::new();
        config.epoch_interruption(true);
        config.wasm_component_model(true);
        let engine = Engine::new(&config).map_err(|e| PluginError::Engine(format!("{e:#}")))?;
        let stop_ticker = Arc::new(AtomicBool::new(false));
        let ticker_engine = engine.clone();
        let stop = stop_ticker.clone();
        std::thread::Builder::new()
            .name("plugin-epoch".into())
            .spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(EPOCH_TICK);
                    ticker_engine.increment_epoch();
                }
            })
            .map_err(|e| PluginError::Engine(e.to_string()))?;
        // Nothing is linked: a plugin that imports anything (files, clock, network) fails to
        // instantiate.
        let linker = Linker::new(&engine);
        Ok(PluginHost {
            engine,
            linker,
            cache_dir,
            stop_ticker,
        })
    }

    fn cache_path(&self, hash: &str) -> Option<PathBuf> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.engine.precompile_compatibility_hash().hash(&mut h);
        self.cache_dir
            .as_ref()
            .map(|d| d.join(format!("{hash}-{:016x}.cwasm", h.finish())))
    }

    /// Compiles a component, or loads its compiled form from the cache.
    pub fn compile(&self, wasm: &[u8]) -> Result<(Component, String), PluginError> {
        let hash = component_hash(wasm);
        if let Some(path) = self.cache_path(&hash)
            && path.exists()
        {
            // SAFETY: the cache holds only what `precompile_component` wrote for this engine
            // build (its compatibility hash is in the name); a file that fails to load is
            // compiled again. The cache lives beside the database, with the same protection.
            if let Ok(component) = unsafe { Component::deserialize_file(&self.engine, &path) } {
                return Ok((component, hash));
            }
        }
        if !wasm.starts_with(b"\0asm") {
            return Err(PluginError::NotAComponent("not WebAssembly".into()));
        }
        let compiled = self
            .engine
            .precompile_component(wasm)
            .map_err(|e| PluginError::NotAComponent(format!("{e:#}")))?;
        if let Some(path) = self.cache_path(&hash) {
            write_cache(&path, &compiled);
        }
        // SAFETY: these bytes were produced just now by this engine.
        let component = unsafe { Component::deserialize(&self.engine, &compiled) }
            .map_err(|e| PluginError::NotAComponent(format!("{e:#}")))?;
        Ok((component, hash))
    }

    /// Loads a plugin: compile (or cache), check its API version, link it with no imports,
    /// then ask it for its manifest and form and check both.
    pub fn load(&self, wasm: &[u8]) -> Result<LoadedPlugin, PluginError> {
        let (component, hash) = self.compile(wasm)?;
        let api = api_version(&self.engine, &component)?;
        let instance_pre = self
            .linker
            .instantiate_pre(&component)
            .map_err(|e| PluginError::Link(format!("{e:#}")))?;
        let link = |e: wasmtime::Error| PluginError::Link(format!("{e:#}"));
        let bindings = match api {
            ApiVersion::V0_1 => Bindings::V0_1(v0_1::Pre::new(instance_pre).map_err(link)?),
            ApiVersion::V0_2 => Bindings::V0_2(v0_2::Pre::new(instance_pre).map_err(link)?),
        };
        // Until the plugin has named itself, messages name it by its hash.
        let unnamed = format!("sha256:{}", &hash[..12]);
        let manifest = call(
            &self.engine,
            &unnamed,
            "manifest",
            |s| dispatch!(&bindings, p => p.manifest(s)),
        )?;
        validate::manifest(&manifest).map_err(|problem| PluginError::BadManifest {
            plugin: manifest.id.clone(),
            problem,
        })?;
        let form = call(
            &self.engine,
            &manifest.id,
            "form",
            |s| dispatch!(&bindings, p => p.form(s)),
        )?;
        validate::form(&form).map_err(|problem| PluginError::BadForm {
            plugin: manifest.id.clone(),
            problem,
        })?;
        Ok(LoadedPlugin {
            bindings,
            engine: self.engine.clone(),
            api,
            manifest,
            form,
            hash,
        })
    }
}

fn write_cache(path: &Path, bytes: &[u8]) {
    // A cache that cannot be written only costs a compile next time.
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let tmp = path.with_extension("partial");
    if std::fs::write(&tmp, bytes).is_ok() {
        let _ = std::fs::rename(&tmp, path);
    }
}

/// The plugin API a component was built for, read from the name of its export
/// (`ansvar:plugin/form-plugin@0.1.0`), if this Ansvar runs it.
fn api_version(engine: &Engine, component: &Component) -> Result<ApiVersion, PluginError> {
    let ty = component.component_type();
    let mut found = Vec::new();
    for (name, _) in ty.exports(engine) {
        if let Some(rest) = name.strip_prefix("ansvar:plugin/form-plugin@") {
            found.push(rest.to_string());
        }
    }
    let Some(version) = found.first() else {
        return Err(PluginError::NotAComponent(
            "it does not export the Ansvar form-plugin interface".into(),
        ));
    };
    if let Some(known) = ApiVersion::ALL.into_iter().find(|v| v.as_str() == version) {
        return Ok(known);
    }
    let v = semver::Version::parse(version)
        .map_err(|_| PluginError::NotAComponent(format!("bad API version {version}")))?;
    let bound = |a: ApiVersion| {
        semver::Version::parse(a.as_str()).map_err(|e| PluginError::Engine(e.to_string()))
    };
    if v > bound(ApiVersion::NEWEST)? {
        Err(PluginError::NewerApi {
            needs: version.clone(),
            supported: ApiVersion::range(),
            ansvar: ANSVAR_VERSION,
        })
    } else if v < bound(ApiVersion::OLDEST)? {
        Err(PluginError::OlderApi {
            needs: version.clone(),
            supported: ApiVersion::range(),
            ansvar: ANSVAR_VERSION,
        })
    } else {
        // Inside the range but never released (e.g. 0.1.5): no WIT of ours matches it.
        Err(PluginError::NotAComponent(format!(
            "plugin API {version} does not exist; this Ansvar runs {}",
            ApiVersion::ALL.map(ApiVersion::as_str).join(", ")
        )))
    }
}

impl LoadedPlugin {
    pub fn id(&self) -> &str {
        &self.manifest.id
    }

    pub fn validate(
        &self,
        data: &str,
        context: &CaseContext,
    ) -> Result<Vec<FieldMessage>, PluginError> {
        call(
            &self.engine,
            self.id(),
            "validate",
            |s| dispatch!(&self.bindings, p => p.validate(s, data, context)),
        )
    }

    pub fn summarize(
        &self,
        data: &str,
        context: &CaseContext,
    ) -> Result<Vec<SummaryLine>, PluginError> {
        call(
            &self.engine,
            self.id(),
            "summarize",
            |s| dispatch!(&self.bindings, p => p.summarize(s, data, context)),
        )
    }

    pub fn computed(
        &self,
        data: &str,
        context: &CaseContext,
    ) -> Result<Vec<ComputedValue>, PluginError> {
        call(
            &self.engine,
            self.id(),
            "computed",
            |s| dispatch!(&self.bindings, p => p.computed(s, data, context)),
        )
    }

    /// Instantiates once without calling anything: what every call costs before its work.
    pub fn instantiate_only(&self) -> Result<(), PluginError> {
        call(
            &self.engine,
            self.id(),
            "instantiate",
            |s| dispatch!(&self.bindings, p => p.instantiate_only(s)),
        )
    }
}

/// Runs one export in a fresh instance under the limits (`f` instantiates and calls).
/// Whatever the plugin does, the result is a value or an error naming the plugin.
fn call<T: Serialize>(
    engine: &Engine,
    plugin: &str,
    what: &'static str,
    f: impl FnOnce(&mut Store<Limits>) -> wasmtime::Result<T>,
) -> Result<T, PluginError> {
    let plugin = plugin.to_string();
    let mut store = Store::new(engine, Limits { hit: false });
    store.limiter(|l| l);
    let ticks = (TIME_LIMIT.as_millis() / EPOCH_TICK.as_millis()) as u64;
    store.set_epoch_deadline(ticks);
    store.epoch_deadline_trap();
    let value = match f(&mut store) {
        Ok(v) => v,
        Err(e) => {
            return Err(if store.data().hit {
                PluginError::MemoryLimit { plugin }
            } else {
                match e.downcast_ref::<Trap>() {
                    Some(Trap::Interrupt) => PluginError::TimeLimit { plugin, call: what },
                    Some(trap) => PluginError::Trap {
                        plugin,
                        call: what,
                        detail: trap.to_string(),
                    },
                    None => PluginError::BadResult {
                        plugin,
                        call: what,
                        detail: format!("{e:#}"),
                    },
                }
            });
        }
    };
    let size = serde_json::to_vec(&value)
        .map(|v| v.len())
        .unwrap_or(usize::MAX);
    if size > RESULT_LIMIT {
        return Err(PluginError::ResultTooLarge {
            plugin,
            call: what,
            size,
        });
    }
    Ok(value)
}
