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

use crate::store::Store as Database;

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
    /// Keys the MAC that ties each cache file to its component and this engine.
    cache_key: [u8; 32],
    /// This engine build's compatibility hash, folded to a number.
    engine_hash: u64,
    stop_ticker: Arc<AtomicBool>,
}

/// A cache file: this MAC, then the native code it covers.
const CACHE_TAG_BYTES: usize = 32;
/// Far above any plugin's native code; a larger cache file is not read.
const MAX_CACHE_BYTES: u64 = 256 * 1024 * 1024;
const CACHE_CONTEXT: &[u8] = b"ansvar-cwasm-v1\0";
/// The setting that holds the database's compile-cache key.
const CACHE_KEY_SETTING: &str = "plugin_cache_key";

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
    /// With no database to keep a cache key in, the key is random: this host reads back only
    /// what it wrote itself.
    pub fn new(cache_dir: Option<PathBuf>) -> Result<PluginHost, PluginError> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| PluginError::Engine(e.to_string()))?;
        PluginHost::with_cache_key(cache_dir, key)
    }

    /// A host whose cache key is the database's (created on first use), so that cache files
    /// last between runs. A database that cannot keep one (read-only) gets a random key.
    pub fn for_store(
        cache_dir: Option<PathBuf>,
        store: &Database,
    ) -> Result<PluginHost, PluginError> {
        match store_cache_key(store) {
            Some(key) => PluginHost::with_cache_key(cache_dir, key),
            None => PluginHost::new(cache_dir),
        }
    }

    /// A host that trusts only cache files tagged with `cache_key`.
    pub fn with_cache_key(
        cache_dir: Option<PathBuf>,
        cache_key: [u8; 32],
    ) -> Result<PluginHost, PluginError> {
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
        let mut h = std::collections::hash_map::DefaultHasher::new();
        engine.precompile_compatibility_hash().hash(&mut h);
        Ok(PluginHost {
            engine,
            linker,
            cache_dir,
            cache_key,
            engine_hash: h.finish(),
            stop_ticker,
        })
    }

    fn cache_path(&self, hash: &str) -> Option<PathBuf> {
        self.cache_dir
            .as_ref()
            .map(|d| d.join(format!("{hash}-{:016x}.cwasm", self.engine_hash)))
    }

    /// The MAC over (engine, component sha256, native code): a file changed by one byte, or
    /// copied under another component's name, does not match.
    fn cache_tag(&self, hash: &str, native: &[u8]) -> blake3::Hash {
        let mut mac = blake3::Hasher::new_keyed(&self.cache_key);
        mac.update(CACHE_CONTEXT);
        mac.update(&self.engine_hash.to_le_bytes());
        // The hex sha256 has a fixed length, so the parts cannot shift into each other.
        mac.update(hash.as_bytes());
        mac.update(native);
        mac.finalize()
    }

    /// The cached component for `hash`, if its file is there and its MAC matches. A file that
    /// does not match is removed, to be compiled again.
    fn load_cached(&self, path: &Path, hash: &str) -> Option<Component> {
        let bytes = read_cache(path)?;
        let checked = bytes
            .split_at_checked(CACHE_TAG_BYTES)
            .and_then(|(tag, native)| {
                let tag: [u8; CACHE_TAG_BYTES] = tag.try_into().ok()?;
                // blake3::Hash compares in constant time.
                (blake3::Hash::from_bytes(tag) == self.cache_tag(hash, native)).then_some(native)
            });
        let Some(native) = checked else {
            let _ = std::fs::remove_file(path);
            return None;
        };
        // SAFETY: wasmtime runs these bytes as native code. They are exactly the bytes whose
        // MAC was just checked (never the file again, which could have changed since), and
        // only this engine build, holding the key, wrote that MAC over them for this
        // component.
        match unsafe { Component::deserialize(&self.engine, native) } {
            Ok(component) => Some(component),
            Err(_) => {
                let _ = std::fs::remove_file(path);
                None
            }
        }
    }

    /// Compiles a component, or loads its compiled form from the cache.
    pub fn compile(&self, wasm: &[u8]) -> Result<(Component, String), PluginError> {
        let hash = component_hash(wasm);
        if let Some(path) = self.cache_path(&hash)
            && let Some(component) = self.load_cached(&path, &hash)
        {
            return Ok((component, hash));
        }
        if !wasm.starts_with(b"\0asm") {
            return Err(PluginError::NotAComponent("not WebAssembly".into()));
        }
        let compiled = self
            .engine
            .precompile_component(wasm)
            .map_err(|e| PluginError::NotAComponent(format!("{e:#}")))?;
        if let Some(path) = self.cache_path(&hash) {
            let tag = self.cache_tag(&hash, &compiled);
            write_cache(&path, tag.as_bytes(), &compiled);
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

fn write_cache(path: &Path, tag: &[u8], native: &[u8]) {
    // A cache that cannot be written only costs a compile next time.
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let tmp = path.with_extension("partial");
    if std::fs::write(&tmp, [tag, native].concat()).is_ok() {
        let _ = std::fs::rename(&tmp, path);
    }
}

/// A cache file's bytes, read once into memory: only a regular file of a sane size.
fn read_cache(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > MAX_CACHE_BYTES {
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_CACHE_BYTES).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The database's compile-cache key, created on first use. `None` when the database cannot
/// give one (a read-only open, a damaged setting): the caller falls back to a random key.
fn store_cache_key(store: &Database) -> Option<[u8; 32]> {
    let parse = |text: &str| -> Option<[u8; 32]> { hex::decode(text).ok()?.try_into().ok() };
    if let Ok(Some(text)) = store.setting::<String>(CACHE_KEY_SETTING) {
        return parse(&text);
    }
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).ok()?;
    store
        .set_setting(CACHE_KEY_SETTING, &hex::encode(key))
        .ok()?;
    Some(key)
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
