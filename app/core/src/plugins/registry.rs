//! Trusted publisher keys and installed plugins, kept in the database.

use chrono::{DateTime, Utc};
use redb::{ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};

use super::PluginError;
use super::api::{FormDefinition, Localized, PluginManifest};
use super::context::Capability;
use super::host::{LoadedPlugin, PluginHost};
use super::package::{Package, PublicKey, component_hash};
use crate::store::{PLUGIN_BLOBS, PLUGINS, Store, StoreError, TRUSTED_KEYS, at, decode, encode};
use sha2::Digest;

/// A publisher key the municipality's IT has added.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrustedKey {
    /// `ansvar-ed25519-public:<hex>`.
    pub key: String,
    pub name: String,
    pub added: DateTime<Utc>,
}

/// An installed plugin: what it is, who signed it, and what case data the user granted it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstalledPlugin {
    pub manifest: PluginManifest,
    pub granted: Vec<Capability>,
    /// sha256 of the component, the key of its bytes in the database.
    pub hash: String,
    pub publisher_key: String,
    pub installed: DateTime<Utc>,
    /// Set when a call failed because of the plugin itself; shown wherever it appears.
    #[serde(default)]
    pub failing: Option<String>,
    /// sha256 of the whole package file, which a catalogue may revoke it by (empty for
    /// plugins installed before catalogues).
    #[serde(default)]
    pub package_hash: String,
    /// Set when a catalogue withdrew this version: it is not run again.
    #[serde(default)]
    pub revoked: Option<RevokedNote>,
    /// The form as the plugin declared it at install, so that its entries stay readable when
    /// the plugin is withdrawn and no longer run.
    #[serde(default)]
    pub form: Option<FormDefinition>,
}

/// Why and by whom an installed plugin was withdrawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevokedNote {
    pub reason: Localized,
    /// The catalogue source that withdrew it.
    pub source: String,
    pub at: DateTime<Utc>,
}

pub fn trust_key(
    store: &Store,
    key: PublicKey,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), PluginError> {
    if key.is_weak() {
        return Err(PluginError::WeakKey);
    }
    let record = TrustedKey {
        key: key.to_string(),
        name: name.to_string(),
        added: now,
    };
    Ok(store.write(|txn| {
        let bytes = encode(&at(TRUSTED_KEYS, record.key.as_str()), &record)?;
        txn.open_table(TRUSTED_KEYS)?
            .insert(record.key.as_str(), bytes.as_slice())?;
        Ok(())
    })?)
}

pub fn trusted_keys(store: &Store) -> Result<Vec<TrustedKey>, PluginError> {
    Ok(store.read(|txn| {
        let table = txn.open_table(TRUSTED_KEYS)?;
        let mut out = Vec::new();
        for row in table.iter()? {
            let (k, v) = row?;
            out.push(decode(
                "trusted key",
                &at(TRUSTED_KEYS, k.value()),
                v.value(),
            )?);
        }
        Ok(out)
    })?)
}

fn is_trusted(store: &Store, key: &PublicKey) -> Result<bool, PluginError> {
    let key = key.to_string();
    Ok(store.read(|txn| Ok(txn.open_table(TRUSTED_KEYS)?.get(key.as_str())?.is_some()))?)
}

pub fn installed(store: &Store) -> Result<Vec<InstalledPlugin>, PluginError> {
    Ok(store.read(|txn| {
        let table = txn.open_table(PLUGINS)?;
        let mut out = Vec::new();
        for row in table.iter()? {
            let (k, v) = row?;
            out.push(decode(
                "installed plugin",
                &at(PLUGINS, k.value()),
                v.value(),
            )?);
        }
        Ok(out)
    })?)
}

pub fn installed_plugin(store: &Store, id: &str) -> Result<Option<InstalledPlugin>, PluginError> {
    Ok(store.read(|txn| match txn.open_table(PLUGINS)?.get(id)? {
        Some(v) => Ok(Some(decode(
            "installed plugin",
            &at(PLUGINS, id),
            v.value(),
        )?)),
        None => Ok(None),
    })?)
}

/// Checks a package completely without installing it: format, signature, that the key is
/// trusted (when a store is given), that it loads in the sandbox, and that the manifest inside
/// the package is the one the plugin declares.
pub fn check(
    host: &PluginHost,
    bytes: &[u8],
    store: Option<&Store>,
) -> Result<(Package, LoadedPlugin), PluginError> {
    let package = Package::parse(bytes)?;
    package.verify()?;
    if let Some(store) = store
        && !is_trusted(store, &package.public_key)?
    {
        return Err(PluginError::UnknownKey(package.public_key.fingerprint()));
    }
    let plugin = host.load(&package.component)?;
    let declared: PluginManifest = serde_json::from_slice(&package.manifest_json)
        .map_err(|_| PluginError::ManifestMismatch)?;
    if declared != plugin.manifest {
        return Err(PluginError::ManifestMismatch);
    }
    Ok((package, plugin))
}

/// Installs a package. `grant` is what the user approved of the capabilities the plugin asks
/// for; anything it did not ask for is dropped.
pub fn install(
    store: &Store,
    host: &PluginHost,
    bytes: &[u8],
    grant: &[Capability],
    now: DateTime<Utc>,
) -> Result<InstalledPlugin, PluginError> {
    let (package, plugin) = check(host, bytes, Some(store))?;
    let manifest = plugin.manifest.clone();
    if let Some(old) = installed_plugin(store, &manifest.id)? {
        let parse = |v: &str| semver::Version::parse(v).map_err(|_| PluginError::ManifestMismatch);
        let (offered, current) = (parse(&manifest.version)?, parse(&old.manifest.version)?);
        if offered < current {
            return Err(PluginError::Downgrade {
                plugin: manifest.id,
                offered: offered.to_string(),
                installed: current.to_string(),
            });
        }
        if offered == current {
            return Err(PluginError::AlreadyInstalled {
                plugin: manifest.id,
                version: offered.to_string(),
            });
        }
    }
    let requested: Vec<Capability> = manifest
        .capabilities
        .iter()
        .map(Capability::from_api)
        .collect();
    let granted = requested
        .iter()
        .copied()
        .filter(|c| grant.contains(c))
        .collect();
    let record = InstalledPlugin {
        manifest,
        granted,
        hash: component_hash(&package.component),
        publisher_key: package.public_key.to_string(),
        installed: now,
        failing: None,
        package_hash: hex::encode(sha2::Sha256::digest(bytes)),
        revoked: None,
        form: Some(plugin.form.clone()),
    };
    store.write(|txn| {
        let bytes = encode(&at(PLUGINS, record.manifest.id.as_str()), &record)?;
        txn.open_table(PLUGIN_BLOBS)?
            .insert(record.hash.as_str(), package.component.as_slice())?;
        txn.open_table(PLUGINS)?
            .insert(record.manifest.id.as_str(), bytes.as_slice())?;
        drop_unused_blobs(txn)
    })?;
    Ok(record)
}

/// Component bytes that no installed plugin refers to any more.
fn drop_unused_blobs(txn: &WriteTransaction) -> Result<(), StoreError> {
    let mut used = std::collections::HashSet::new();
    for row in txn.open_table(PLUGINS)?.iter()? {
        let (k, v) = row?;
        let p: InstalledPlugin = decode("installed plugin", &at(PLUGINS, k.value()), v.value())?;
        used.insert(p.hash);
    }
    let mut blobs = txn.open_table(PLUGIN_BLOBS)?;
    let unused: Vec<String> = blobs
        .iter()?
        .filter_map(|r| r.ok().map(|(k, _)| k.value().to_string()))
        .filter(|k| !used.contains(k))
        .collect();
    for k in unused {
        blobs.remove(k.as_str())?;
    }
    Ok(())
}

pub fn remove(store: &Store, id: &str) -> Result<(), PluginError> {
    let removed = store.write(|txn| {
        let existed = txn.open_table(PLUGINS)?.remove(id)?.is_some();
        drop_unused_blobs(txn)?;
        Ok(existed)
    })?;
    if !removed {
        return Err(PluginError::NotInstalled(id.to_string()));
    }
    Ok(())
}

/// Loads an installed plugin from the database (through the compile cache).
pub fn load(
    store: &Store,
    host: &PluginHost,
    id: &str,
) -> Result<(InstalledPlugin, LoadedPlugin), PluginError> {
    let record =
        installed_plugin(store, id)?.ok_or_else(|| PluginError::NotInstalled(id.to_string()))?;
    if let Some(r) = &record.revoked {
        return Err(PluginError::Revoked {
            plugin: id.to_string(),
            reason: r.reason.clone(),
        });
    }
    let wasm = store.read(|txn| {
        Ok(txn
            .open_table(PLUGIN_BLOBS)?
            .get(record.hash.as_str())?
            .map(|v| v.value().to_vec()))
    })?;
    let wasm = wasm.ok_or_else(|| PluginError::NotInstalled(id.to_string()))?;
    if component_hash(&wasm) != record.hash {
        return Err(PluginError::Tampered);
    }
    let plugin = host.load(&wasm)?;
    Ok((record, plugin))
}

/// Marks a plugin as withdrawn by a catalogue (or not, with `None`).
pub fn set_revoked(store: &Store, id: &str, note: Option<RevokedNote>) -> Result<(), PluginError> {
    update(store, id, |record| record.revoked = note)
}

fn update(
    store: &Store,
    id: &str,
    change: impl FnOnce(&mut InstalledPlugin),
) -> Result<(), PluginError> {
    let Some(mut record) = installed_plugin(store, id)? else {
        return Err(PluginError::NotInstalled(id.to_string()));
    };
    change(&mut record);
    Ok(store.write(|txn| {
        let bytes = encode(&at(PLUGINS, id), &record)?;
        txn.open_table(PLUGINS)?.insert(id, bytes.as_slice())?;
        Ok(())
    })?)
}

/// Marks a plugin as failing (or healthy again with `None`).
pub fn set_failing(store: &Store, id: &str, failing: Option<String>) -> Result<(), PluginError> {
    update(store, id, |record| record.failing = failing)
}

/// Runs one call of an installed plugin. When the plugin itself misbehaved (ran too long, used
/// too much memory, crashed, or returned something malformed or too large) it is marked failing
/// with the message, so every place that lists it can say so; other errors pass through. The
/// call's own error is returned either way: a failure to record the mark must not hide it.
pub fn call_installed<T>(
    store: &Store,
    id: &str,
    f: impl FnOnce() -> Result<T, PluginError>,
) -> Result<T, PluginError> {
    let result = f();
    if let Err(e) = &result
        && e.is_plugin_fault()
    {
        let _ = set_failing(store, id, Some(e.message(crate::i18n::Lang::Nb)));
    }
    result
}
