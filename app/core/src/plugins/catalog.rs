//! A municipality's plugin catalogue: one signed list of the packages it publishes, their
//! updates, and the versions it has withdrawn, so that 40 coordinators get a form, its update
//! and its revocation without anyone installing files by hand.
//!
//! A catalogue is a folder (a network share) or an HTTPS address holding `catalog.json`, its
//! signature `catalog.json.sig`, and the `.ansvarplugin` files it lists. Trust is kept simple,
//! after TUF's snapshot and timestamp roles:
//! - the signature is by the publisher's ed25519 key, which the user added with the source
//!   (compared as a fingerprint);
//! - the `sequence` rises with every signing: a catalogue older than one already seen is
//!   refused (rollback), as is another catalogue under the same number;
//! - past `expires` a catalogue is still used, with a warning: an old list is better than none,
//!   and revocations in it still hold;
//! - a new key is announced by the old one: `rotations` carries, in every catalogue after,
//!   the old key's signature over the new one, so a laptop that was away still follows;
//! - each package's size and sha256 are in the signed list and checked before anything is
//!   installed; the package itself must also be signed by the catalogue's key.
//!
//! Offline, the last good catalogue (kept in the database) is used.

use std::time::Duration;

use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::PluginError;
use super::api::{Capability, Localized, PluginManifest};
use super::context;
use super::host::PluginHost;
use super::package::{MAX_PACKAGE_BYTES, Package, PublicKey, SecretKey};
use super::registry::{self, InstalledPlugin};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use crate::text::S;

pub const CATALOG_FILE: &str = "catalog.json";
pub const SIGNATURE_FILE: &str = "catalog.json.sig";
/// A catalogue lists packages, it does not hold them: a larger one is refused unread.
pub const MAX_CATALOG_BYTES: u64 = 4 * 1024 * 1024;
const MAX_SIGNATURE_BYTES: u64 = 1024;
/// The catalogue format this Ansvar reads.
pub const FORMAT: u32 = 1;
const CATALOG_CONTEXT: &[u8] = b"ansvar-catalog-v1\0";
const ROTATION_CONTEXT: &[u8] = b"ansvar-catalog-key-rotation-v1\0";
const SIGNATURE_PREFIX: &str = "ansvar-ed25519-signature:";
/// Where the sources and their last good catalogues are kept (the settings table).
const SOURCES_SETTING: &str = "plugin_sources";
/// A longer chain of key rotations than any publisher needs; it bounds the walk.
const MAX_ROTATIONS: usize = 16;

/// The signed list (`catalog.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub format: u32,
    /// Who publishes, e.g. "Nordvik kommune".
    pub publisher: String,
    /// The key that signs this catalogue and every package in it.
    pub key: String,
    /// Rises with every signing; see the module notes on rollback.
    pub sequence: u64,
    pub expires: DateTime<Utc>,
    #[serde(default)]
    pub packages: Vec<CatalogPackage>,
    #[serde(default)]
    pub revoked: Vec<Revocation>,
    /// From the first key to `key`, each step signed by the key before it.
    #[serde(default)]
    pub rotations: Vec<KeyRotation>,
}

/// One package the catalogue offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogPackage {
    pub id: String,
    pub version: String,
    pub name: Localized,
    /// The package's file name, beside `catalog.json`.
    pub file: String,
    /// Of the whole `.ansvarplugin` file.
    pub sha256: String,
    pub size: u64,
    pub api_version: String,
    /// The lowest Ansvar version the package needs.
    pub min_ansvar: String,
    pub changelog: Localized,
    /// What the package's manifest asks to read; checked against the package on install.
    pub capabilities: Vec<Capability>,
}

/// A withdrawn package: by its hash, or by id and a range of versions (`>=1.0.0, <1.2.1`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Revocation {
    Hash {
        sha256: String,
        reason: Localized,
    },
    Versions {
        id: String,
        versions: String,
        reason: Localized,
    },
}

impl Revocation {
    pub fn reason(&self) -> &Localized {
        match self {
            Revocation::Hash { reason, .. } | Revocation::Versions { reason, .. } => reason,
        }
    }

    /// Whether this revocation covers a package (`id` at `version`, with these hashes).
    pub fn covers(&self, id: &str, version: &str, hashes: &[&str]) -> bool {
        match self {
            Revocation::Hash { sha256, .. } => hashes
                .iter()
                .any(|h| !h.is_empty() && h.eq_ignore_ascii_case(sha256)),
            Revocation::Versions {
                id: rid, versions, ..
            } => {
                rid == id
                    && match (
                        semver::VersionReq::parse(versions),
                        semver::Version::parse(version),
                    ) {
                        (Ok(req), Ok(v)) => req.matches(&v),
                        _ => false,
                    }
            }
        }
    }
}

/// The old key's word for the new one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyRotation {
    pub from: String,
    pub to: String,
    /// By `from`, over the rotation context, `from` and `to` (hex).
    pub signature: String,
}

fn rotation_message(from: &PublicKey, to: &PublicKey) -> Vec<u8> {
    let mut m = ROTATION_CONTEXT.to_vec();
    m.extend_from_slice(&from.0);
    m.extend_from_slice(&to.0);
    m
}

fn catalog_message(json: &[u8]) -> Vec<u8> {
    let mut m = CATALOG_CONTEXT.to_vec();
    m.extend_from_slice(&Sha256::digest(json));
    m
}

fn verify_with(key: &PublicKey, message: &[u8], signature: &[u8; 64]) -> bool {
    match VerifyingKey::from_bytes(&key.0) {
        Ok(k) if !k.is_weak() => k
            .verify_strict(message, &Signature::from_bytes(signature))
            .is_ok(),
        _ => false,
    }
}

fn parse_signature(text: &str) -> Option<[u8; 64]> {
    let hex_part = text.trim().strip_prefix(SIGNATURE_PREFIX)?;
    hex::decode(hex_part).ok()?.try_into().ok()
}

impl KeyRotation {
    /// The old key announces the new one.
    pub fn sign(old: &SecretKey, new: PublicKey) -> KeyRotation {
        let from = old.public();
        KeyRotation {
            from: from.to_string(),
            to: new.to_string(),
            signature: hex::encode(old.sign_message(&rotation_message(&from, &new))),
        }
    }

    fn holds(&self) -> Option<(PublicKey, PublicKey)> {
        let from = PublicKey::parse(&self.from).ok()?;
        let to = PublicKey::parse(&self.to).ok()?;
        let sig: [u8; 64] = hex::decode(&self.signature).ok()?.try_into().ok()?;
        verify_with(&from, &rotation_message(&from, &to), &sig).then_some((from, to))
    }
}

/// Everything that can go wrong with a catalogue or a download from it.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum CatalogError {
    /// Neither `https://` (or `http://` to this machine) nor a folder that exists.
    BadLocation(String),
    /// Plain HTTP to another machine.
    Insecure(String),
    Unreachable {
        location: String,
        detail: String,
    },
    /// Nothing answers at the address, or its name is not known.
    NoConnection(String),
    HostNotFound(String),
    /// A file of a folder source that cannot be read (missing, not a file, unreadable).
    Folder(crate::fsio::InputError),
    Timeout(String),
    HttpStatus {
        location: String,
        status: u16,
    },
    TooLarge {
        location: String,
        limit: u64,
    },
    /// The signature is missing, malformed, or not by the source's key (or a key it rotated to).
    BadSignature,
    NotACatalog(String),
    NewerFormat(u32),
    Rollback {
        offered: u64,
        seen: u64,
    },
    /// A package whose size or sha256 is not what the catalogue says.
    PackageMismatch(String),
    /// A package signed by another key than the catalogue's.
    ForeignPackage(String),
    NotOffered(String),
    NeedsNewerAnsvar {
        plugin: String,
        needs: String,
    },
    /// The update asks to read more than the installed version; lists what is new.
    NeedsApproval {
        plugin: String,
        new: Vec<context::Capability>,
    },
    UnknownSource(String),
    SourceExists(String),
    Plugin(#[from] PluginError),
    Store(#[from] StoreError),
}

impl CatalogError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CatalogError::BadLocation(l) => S::CatalogBadLocation.fill(lang, &[l]),
            CatalogError::Insecure(l) => S::CatalogInsecure.fill(lang, &[l]),
            CatalogError::Unreachable { location, detail } => {
                S::CatalogUnreachable.fill(lang, &[location, detail])
            }
            CatalogError::NoConnection(l) => S::CatalogNoConnection.fill(lang, &[l]),
            CatalogError::HostNotFound(l) => S::CatalogHostNotFound.fill(lang, &[l]),
            CatalogError::Folder(e) => S::CatalogFolder.fill(lang, &[&e.message(lang)]),
            CatalogError::Timeout(l) => S::CatalogTimeout.fill(lang, &[l]),
            CatalogError::HttpStatus { location, status } => {
                S::CatalogHttpStatus.fill(lang, &[location, &status.to_string()])
            }
            CatalogError::TooLarge { location, limit } => {
                S::CatalogTooLarge.fill(lang, &[location, &limit.to_string()])
            }
            CatalogError::BadSignature => S::CatalogBadSignature.get(lang).to_string(),
            CatalogError::NotACatalog(d) => S::CatalogNotACatalog.fill(lang, &[d]),
            CatalogError::NewerFormat(f) => S::CatalogNewerFormat.fill(lang, &[&f.to_string()]),
            CatalogError::Rollback { offered, seen } => {
                S::CatalogRollback.fill(lang, &[&offered.to_string(), &seen.to_string()])
            }
            CatalogError::PackageMismatch(f) => S::CatalogPackageMismatch.fill(lang, &[f]),
            CatalogError::ForeignPackage(f) => S::CatalogForeignPackage.fill(lang, &[f]),
            CatalogError::NotOffered(id) => S::CatalogNotOffered.fill(lang, &[id]),
            CatalogError::NeedsNewerAnsvar { plugin, needs } => {
                S::CatalogNeedsNewerAnsvar.fill(lang, &[plugin, needs, ANSVAR_VERSION])
            }
            CatalogError::NeedsApproval { plugin, new } => {
                let new: Vec<String> = new.iter().map(|c| c.describe(lang)).collect();
                S::CatalogNeedsApproval.fill(lang, &[plugin, &new.join("; ")])
            }
            CatalogError::UnknownSource(l) => S::CatalogUnknownSource.fill(lang, &[l]),
            CatalogError::SourceExists(l) => S::CatalogSourceExists.fill(lang, &[l]),
            CatalogError::Plugin(e) => e.message(lang),
            CatalogError::Store(e) => e.message(lang),
        }
    }
}

/// This Ansvar's version, which a package's `min_ansvar` is compared with.
pub use super::host::ANSVAR_VERSION;

fn is_ascii_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

/// A file name beside `catalog.json`: never a path out of the catalogue's folder.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':', '\0'])
        && name != CATALOG_FILE
        && name != SIGNATURE_FILE
}

impl Catalog {
    /// An empty catalogue for a publisher, not yet signed.
    pub fn new(publisher: &str, key: PublicKey, expires: DateTime<Utc>) -> Catalog {
        Catalog {
            format: FORMAT,
            publisher: publisher.to_string(),
            key: key.to_string(),
            sequence: 0,
            expires,
            packages: Vec::new(),
            revoked: Vec::new(),
            rotations: Vec::new(),
        }
    }

    /// Reads `catalog.json` without checking any signature (the publisher's own tools, and
    /// the second step of [`verify`]).
    pub fn parse(json: &[u8]) -> Result<Catalog, CatalogError> {
        #[derive(Deserialize)]
        struct Format {
            format: u32,
        }
        let format: Format =
            serde_json::from_slice(json).map_err(|e| CatalogError::NotACatalog(e.to_string()))?;
        if format.format > FORMAT {
            return Err(CatalogError::NewerFormat(format.format));
        }
        let catalog: Catalog =
            serde_json::from_slice(json).map_err(|e| CatalogError::NotACatalog(e.to_string()))?;
        catalog.check()?;
        Ok(catalog)
    }

    /// The rules every entry keeps; a catalogue breaking one is refused whole, naming it.
    fn check(&self) -> Result<(), CatalogError> {
        let bad = |what: String| Err(CatalogError::NotACatalog(what));
        if PublicKey::parse(&self.key).is_err() {
            return bad(format!("key: {}", self.key));
        }
        for p in &self.packages {
            if !is_ascii_id(&p.id) {
                return bad(format!("package id {:?}", p.id));
            }
            if semver::Version::parse(&p.version).is_err() {
                return bad(format!("{}: version {:?}", p.id, p.version));
            }
            if semver::Version::parse(&p.min_ansvar).is_err() {
                return bad(format!("{}: min_ansvar {:?}", p.id, p.min_ansvar));
            }
            if !is_plain_file_name(&p.file) {
                return bad(format!("{}: file {:?}", p.id, p.file));
            }
            if p.sha256.len() != 64 || hex::decode(&p.sha256).is_err() {
                return bad(format!("{}: sha256 {:?}", p.id, p.sha256));
            }
            if p.size == 0 || p.size > MAX_PACKAGE_BYTES as u64 {
                return bad(format!("{}: size {}", p.id, p.size));
            }
        }
        for r in &self.revoked {
            match r {
                Revocation::Hash { sha256, .. } if sha256.len() != 64 => {
                    return bad(format!("revoked sha256 {sha256:?}"));
                }
                Revocation::Versions { versions, id, .. }
                    if semver::VersionReq::parse(versions).is_err() =>
                {
                    return bad(format!("revoked {id} versions {versions:?}"));
                }
                _ => {}
            }
        }
        Ok(())
    }

    pub fn to_json(&self) -> Vec<u8> {
        // A struct of strings and numbers: serialising cannot fail.
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// What revokes this package, if anything.
    pub fn revocation_of(&self, id: &str, version: &str, hashes: &[&str]) -> Option<&Revocation> {
        self.revoked.iter().find(|r| r.covers(id, version, hashes))
    }

    /// The newest version of `id` that is not revoked.
    pub fn newest(&self, id: &str) -> Option<&CatalogPackage> {
        self.packages
            .iter()
            .filter(|p| p.id == id)
            .filter(|p| {
                self.revocation_of(&p.id, &p.version, &[p.sha256.as_str()])
                    .is_none()
            })
            .max_by(|a, b| version_of(&a.version).cmp(&version_of(&b.version)))
    }
}

fn version_of(v: &str) -> semver::Version {
    semver::Version::parse(v).unwrap_or(semver::Version::new(0, 0, 0))
}

/// The signature file's text for a catalogue's bytes.
pub fn sign(json: &[u8], key: &SecretKey) -> String {
    format!(
        "{SIGNATURE_PREFIX}{}\n",
        hex::encode(key.sign_message(&catalog_message(json)))
    )
}

/// A catalogue whose signature held, and the key it was signed with when that is not the one
/// the source trusted (a rotation was followed).
#[derive(Clone, Debug)]
pub struct Verified {
    pub catalog: Catalog,
    pub rotated_to: Option<PublicKey>,
}

/// Checks a catalogue's signature against the key the source trusts, following announced
/// key rotations from it. Sequence and expiry are the caller's ([`accept`]).
pub fn verify(json: &[u8], signature: &str, trusted: &PublicKey) -> Result<Verified, CatalogError> {
    let sig = parse_signature(signature).ok_or(CatalogError::BadSignature)?;
    let catalog = Catalog::parse(json)?;
    let signer = PublicKey::parse(&catalog.key).map_err(|_| CatalogError::BadSignature)?;
    let mut key = *trusted;
    let mut steps = 0;
    while key != signer {
        let next = catalog
            .rotations
            .iter()
            .filter_map(KeyRotation::holds)
            .find(|(from, _)| *from == key);
        match next {
            Some((_, to)) if steps < MAX_ROTATIONS => {
                key = to;
                steps += 1;
            }
            _ => return Err(CatalogError::BadSignature),
        }
    }
    if !verify_with(&signer, &catalog_message(json), &sig) {
        return Err(CatalogError::BadSignature);
    }
    Ok(Verified {
        rotated_to: (signer != *trusted).then_some(signer),
        catalog,
    })
}

/// A catalogue source as the user added it, with what was last seen of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// `https://…` (or `http://` to this machine), or a folder.
    pub location: String,
    /// Who the user was told publishes it.
    pub name: String,
    /// The key the next catalogue must be signed by (or rotate from).
    pub key: String,
    pub added: DateTime<Utc>,
    /// The highest sequence accepted; an older catalogue is refused.
    pub sequence: u64,
    pub last_good: Option<SavedCatalog>,
    pub last_checked: Option<DateTime<Utc>>,
}

/// The last catalogue that passed every check, used offline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedCatalog {
    pub json: String,
    pub signature: String,
    pub fetched: DateTime<Utc>,
}

pub fn sources(store: &Store) -> Result<Vec<Source>, CatalogError> {
    Ok(store.setting(SOURCES_SETTING)?.unwrap_or_default())
}

fn save_sources(store: &Store, sources: &[Source]) -> Result<(), CatalogError> {
    Ok(store.set_setting(SOURCES_SETTING, &sources)?)
}

/// Every change to the list of sources reads, changes and writes it under this lock, so a
/// background check and a source added meanwhile do not undo each other (one process has the
/// file open at a time).
static SOURCES_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn change_sources<T>(
    store: &Store,
    change: impl FnOnce(&mut Vec<Source>) -> Result<T, CatalogError>,
) -> Result<T, CatalogError> {
    let _guard = SOURCES_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut all = sources(store)?;
    let out = change(&mut all)?;
    save_sources(store, &all)?;
    Ok(out)
}

fn normalise(location: &str) -> String {
    let l = location.trim();
    if l.starts_with("https://") || l.starts_with("http://") {
        l.trim_end_matches('/').to_string()
    } else {
        l.to_string()
    }
}

/// Whether a host is this machine: plain HTTP is allowed only there (tests, a local proxy).
fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

enum Place {
    Web { base: String, https: bool },
    Folder(std::path::PathBuf),
}

fn place(location: &str) -> Result<Place, CatalogError> {
    if let Some(rest) = location.strip_prefix("https://") {
        if rest.is_empty() {
            return Err(CatalogError::BadLocation(location.to_string()));
        }
        return Ok(Place::Web {
            base: location.to_string(),
            https: true,
        });
    }
    if let Some(rest) = location.strip_prefix("http://") {
        let authority = rest.split('/').next().unwrap_or("");
        let host = match authority.rsplit_once(':') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => authority,
        };
        if !is_loopback(host) {
            return Err(CatalogError::Insecure(location.to_string()));
        }
        return Ok(Place::Web {
            base: location.to_string(),
            https: false,
        });
    }
    if location.contains("://") {
        return Err(CatalogError::BadLocation(location.to_string()));
    }
    Ok(Place::Folder(std::path::PathBuf::from(location)))
}

/// Reads files from a source: a folder, or HTTPS with timeouts and size limits.
pub struct Fetcher {
    timeout: Duration,
}

impl Default for Fetcher {
    fn default() -> Self {
        Fetcher::new(Duration::from_secs(20))
    }
}

impl Fetcher {
    /// `timeout` bounds each file's whole download, connecting included.
    pub fn new(timeout: Duration) -> Fetcher {
        Fetcher { timeout }
    }

    /// One file of a source, at most `limit` bytes (a larger one is refused before it is read
    /// when the server says its size, and cut off when it does not).
    pub fn get(&self, location: &str, file: &str, limit: u64) -> Result<Vec<u8>, CatalogError> {
        match place(location)? {
            Place::Folder(dir) => {
                if !dir.is_dir() {
                    return Err(CatalogError::BadLocation(location.to_string()));
                }
                let path = dir.join(file);
                crate::fsio::read_input(&path, limit, crate::fsio::Input::Catalog).map_err(|e| {
                    match e {
                        crate::fsio::InputError::TooLarge { limit, .. } => CatalogError::TooLarge {
                            location: path.display().to_string(),
                            limit,
                        },
                        e => CatalogError::Folder(e),
                    }
                })
            }
            Place::Web { base, https } => self.download(&format!("{base}/{file}"), https, limit),
        }
    }

    fn download(&self, url: &str, https: bool, limit: u64) -> Result<Vec<u8>, CatalogError> {
        use ureq::tls::{RootCerts, TlsConfig};
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .timeout_connect(Some(self.timeout.min(Duration::from_secs(10))))
            .http_status_as_error(false)
            .https_only(https)
            .max_redirects(3)
            // The municipality's own CA (on its laptops) as well as the public ones.
            .tls_config(
                TlsConfig::builder()
                    .root_certs(RootCerts::PlatformVerifier)
                    .build(),
            )
            .user_agent(format!("Ansvar/{ANSVAR_VERSION}"))
            .build()
            .new_agent();
        let too_large = || CatalogError::TooLarge {
            location: url.to_string(),
            limit,
        };
        let failed = |e: ureq::Error| match e {
            ureq::Error::Timeout(_) => CatalogError::Timeout(url.to_string()),
            ureq::Error::BodyExceedsLimit(_) => too_large(),
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                CatalogError::Timeout(url.to_string())
            }
            ureq::Error::HostNotFound => CatalogError::HostNotFound(url.to_string()),
            ureq::Error::ConnectionFailed => CatalogError::NoConnection(url.to_string()),
            ureq::Error::Io(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::ConnectionRefused
                        | std::io::ErrorKind::ConnectionReset
                        | std::io::ErrorKind::NotConnected
                        | std::io::ErrorKind::HostUnreachable
                        | std::io::ErrorKind::NetworkUnreachable
                ) =>
            {
                CatalogError::NoConnection(url.to_string())
            }
            e => CatalogError::Unreachable {
                location: url.to_string(),
                detail: e.to_string(),
            },
        };
        let mut response = agent.get(url).call().map_err(failed)?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(CatalogError::HttpStatus {
                location: url.to_string(),
                status,
            });
        }
        if response.body().content_length().is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(failed)
    }
}

/// Adds a source and trusts its key for the packages it lists. The user compared the key's
/// fingerprint with the publisher's (on the phone, say) before this.
pub fn add_source(
    store: &Store,
    location: &str,
    key: PublicKey,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Source, CatalogError> {
    let location = normalise(location);
    place(&location)?;
    if sources(store)?.iter().any(|s| s.location == location) {
        return Err(CatalogError::SourceExists(location));
    }
    registry::trust_key(store, key, name, now)?;
    let source = Source {
        location,
        name: name.to_string(),
        key: key.to_string(),
        added: now,
        sequence: 0,
        last_good: None,
        last_checked: None,
    };
    change_sources(store, |all| {
        if all.iter().any(|s| s.location == source.location) {
            return Err(CatalogError::SourceExists(source.location.clone()));
        }
        all.push(source.clone());
        Ok(())
    })?;
    Ok(source)
}

pub fn remove_source(store: &Store, location: &str) -> Result<(), CatalogError> {
    let location = normalise(location);
    change_sources(store, |all| {
        let before = all.len();
        all.retain(|s| s.location != location);
        if all.len() == before {
            return Err(CatalogError::UnknownSource(location.clone()));
        }
        Ok(())
    })
}

/// Decides whether a verified catalogue may replace what the source last saw.
fn accept(source: &Source, json: &[u8], verified: &Verified) -> Result<(), CatalogError> {
    let offered = verified.catalog.sequence;
    let same_as_last = source
        .last_good
        .as_ref()
        .is_some_and(|g| g.json.as_bytes() == json);
    if offered < source.sequence
        || (offered == source.sequence && source.last_good.is_some() && !same_as_last)
    {
        return Err(CatalogError::Rollback {
            offered,
            seen: source.sequence,
        });
    }
    Ok(())
}

/// A package the catalogue offers: new to this laptop, or an update.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub source: String,
    pub package: CatalogPackage,
    /// The version installed now, when this is an update.
    pub installed: Option<String>,
    /// What the package asks to read that the installed version did not (all of it for a
    /// new package): installing it needs the user's approval of these.
    pub new_capabilities: Vec<Capability>,
    /// Set when this Ansvar is older than the package needs.
    pub needs_ansvar: Option<String>,
}

/// An installed plugin the catalogue withdrew in this check.
#[derive(Clone, Debug, PartialEq)]
pub struct Withdrawn {
    pub plugin: String,
    pub version: String,
    pub reason: Localized,
}

/// What one check of a source found.
#[derive(Debug)]
pub struct Report {
    pub source: String,
    pub publisher: String,
    /// The catalogue in use: the new one, or the last good one when the new one could not be
    /// read or was refused.
    pub sequence: u64,
    pub expires: DateTime<Utc>,
    pub expired: bool,
    /// Why the last good catalogue is in use instead of a new one.
    pub problem: Option<CatalogError>,
    pub rotated_to: Option<PublicKey>,
    pub offers: Vec<Offer>,
    pub withdrawn: Vec<Withdrawn>,
}

fn find_source(store: &Store, location: &str) -> Result<Source, CatalogError> {
    let location = normalise(location);
    sources(store)?
        .into_iter()
        .find(|s| s.location == location)
        .ok_or(CatalogError::UnknownSource(location))
}

/// Changes one source's record (read again under the lock: the check took a while).
fn change_source(
    store: &Store,
    location: &str,
    change: impl FnOnce(&mut Source),
) -> Result<(), CatalogError> {
    change_sources(store, |all| {
        if let Some(s) = all.iter_mut().find(|s| s.location == location) {
            change(s);
        }
        Ok(())
    })
}

/// Reads and checks one source's catalogue, keeps it when it is good, disables at once every
/// installed plugin it revokes, and lists what it offers. A source that cannot be reached, or
/// a catalogue that is refused, leaves the last good catalogue in use (and says why); only a
/// source never read successfully is an error.
pub fn check_source(
    store: &Store,
    fetcher: &Fetcher,
    location: &str,
    now: DateTime<Utc>,
) -> Result<Report, CatalogError> {
    let source = find_source(store, location)?;
    let trusted = PublicKey::parse(&source.key)?;
    let fresh = (|| {
        let json = fetcher.get(&source.location, CATALOG_FILE, MAX_CATALOG_BYTES)?;
        let sig = fetcher.get(&source.location, SIGNATURE_FILE, MAX_SIGNATURE_BYTES)?;
        let sig = String::from_utf8(sig).map_err(|_| CatalogError::BadSignature)?;
        let verified = verify(&json, &sig, &trusted)?;
        accept(&source, &json, &verified)?;
        let json = String::from_utf8(json).map_err(|e| CatalogError::NotACatalog(e.to_string()))?;
        Ok((json, sig, verified))
    })();
    let mut problem = None;
    let mut rotated_to = None;
    let catalog = match fresh {
        Ok((json, signature, verified)) => {
            if let Some(new_key) = verified.rotated_to {
                // Packages signed by the new key are trusted through the source from now on.
                registry::trust_key(store, new_key, &source.name, now)?;
                rotated_to = Some(new_key);
            }
            let sequence = verified.catalog.sequence;
            change_source(store, &source.location, |s| {
                // Another check may have taken a newer one meanwhile.
                if sequence >= s.sequence {
                    s.sequence = sequence;
                    s.last_good = Some(SavedCatalog {
                        json,
                        signature,
                        fetched: now,
                    });
                    if let Some(k) = rotated_to {
                        s.key = k.to_string();
                    }
                }
                s.last_checked = Some(now);
            })?;
            verified.catalog
        }
        Err(e) => {
            change_source(store, &source.location, |s| s.last_checked = Some(now))?;
            let Some(good) = &source.last_good else {
                return Err(e);
            };
            problem = Some(e);
            // It was verified when it was saved, and the database is sealed.
            Catalog::parse(good.json.as_bytes())?
        }
    };

    let keys: Vec<String> = std::iter::once(catalog.key.clone())
        .chain(catalog.rotations.iter().map(|r| r.from.clone()))
        .collect();
    let mut withdrawn = Vec::new();
    let installed = registry::installed(store)?;
    for p in &installed {
        if p.revoked.is_some() || !keys.contains(&p.publisher_key) {
            continue;
        }
        let hashes = [p.hash.as_str(), p.package_hash.as_str()];
        if let Some(r) = catalog.revocation_of(&p.manifest.id, &p.manifest.version, &hashes) {
            registry::set_revoked(
                store,
                &p.manifest.id,
                Some(registry::RevokedNote {
                    reason: r.reason().clone(),
                    source: source.location.clone(),
                    at: now,
                }),
            )?;
            withdrawn.push(Withdrawn {
                plugin: p.manifest.id.clone(),
                version: p.manifest.version.clone(),
                reason: r.reason().clone(),
            });
        }
    }
    let offers = offers(&catalog, &source.location, &installed);
    Ok(Report {
        source: source.location,
        publisher: catalog.publisher.clone(),
        sequence: catalog.sequence,
        expires: catalog.expires,
        expired: catalog.expires < now,
        problem,
        rotated_to,
        offers,
        withdrawn,
    })
}

fn offers(catalog: &Catalog, source: &str, installed: &[InstalledPlugin]) -> Vec<Offer> {
    let mut ids: Vec<&str> = catalog.packages.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let ansvar = version_of(ANSVAR_VERSION);
    let mut out = Vec::new();
    for id in ids {
        let Some(p) = catalog.newest(id) else {
            continue;
        };
        let current = installed.iter().find(|i| i.manifest.id == id);
        // Never older than what is installed: a withdrawn version waits for a newer one.
        if let Some(i) = current
            && version_of(&p.version) <= version_of(&i.manifest.version)
        {
            continue;
        }
        let asked_before: &[Capability] = current.map_or(&[], |i| &i.manifest.capabilities);
        out.push(Offer {
            source: source.to_string(),
            package: p.clone(),
            installed: current.map(|i| i.manifest.version.clone()),
            new_capabilities: p
                .capabilities
                .iter()
                .filter(|c| !asked_before.contains(c))
                .cloned()
                .collect(),
            needs_ansvar: (version_of(&p.min_ansvar) > ansvar).then(|| p.min_ansvar.clone()),
        });
    }
    out
}

/// The source's last good catalogue.
fn saved_catalog(source: &Source) -> Result<Catalog, CatalogError> {
    let good = source
        .last_good
        .as_ref()
        .ok_or_else(|| CatalogError::NotOffered(source.location.clone()))?;
    Catalog::parse(good.json.as_bytes())
}

/// Downloads and installs the newest version of `id` that a source's last good catalogue
/// offers (check the source first). The download's size and sha256 are checked before the
/// package is even parsed; the package must be signed by the catalogue's key and declare what
/// the catalogue says it does. What the installed version was granted carries over; what an
/// update asks for beyond the installed version needs `approve_new`.
pub fn install_offer(
    store: &Store,
    host: &PluginHost,
    fetcher: &Fetcher,
    location: &str,
    id: &str,
    approve_new: bool,
    now: DateTime<Utc>,
) -> Result<InstalledPlugin, CatalogError> {
    let source = find_source(store, location)?;
    let catalog = saved_catalog(&source)?;
    let offer = catalog
        .newest(id)
        .ok_or_else(|| CatalogError::NotOffered(id.to_string()))?
        .clone();
    if version_of(&offer.min_ansvar) > version_of(ANSVAR_VERSION) {
        return Err(CatalogError::NeedsNewerAnsvar {
            plugin: id.to_string(),
            needs: offer.min_ansvar,
        });
    }
    let current = registry::installed_plugin(store, id)?;
    let asked_before: Vec<Capability> = current
        .as_ref()
        .map(|c| c.manifest.capabilities.clone())
        .unwrap_or_default();
    let new: Vec<&Capability> = offer
        .capabilities
        .iter()
        .filter(|c| !asked_before.contains(c))
        .collect();
    if current.is_some() && !new.is_empty() && !approve_new {
        return Err(CatalogError::NeedsApproval {
            plugin: id.to_string(),
            new: new
                .iter()
                .map(|c| context::Capability::from_api(c))
                .collect(),
        });
    }

    let bytes = fetcher.get(&source.location, &offer.file, offer.size)?;
    if bytes.len() as u64 != offer.size || hex::encode(Sha256::digest(&bytes)) != offer.sha256 {
        return Err(CatalogError::PackageMismatch(offer.file));
    }
    let package = Package::parse(&bytes)?;
    // Its own key or one it rotated from: the sha256 in the signed list already binds it.
    let signer = package.public_key.to_string();
    if signer != catalog.key && !catalog.rotations.iter().any(|r| r.from == signer) {
        return Err(CatalogError::ForeignPackage(offer.file));
    }
    let declared: PluginManifest = serde_json::from_slice(&package.manifest_json)
        .map_err(|_| PluginError::ManifestMismatch)?;
    if declared.id != offer.id
        || declared.version != offer.version
        || declared.capabilities != offer.capabilities
    {
        return Err(CatalogError::PackageMismatch(offer.file));
    }
    let requested: Vec<context::Capability> = declared
        .capabilities
        .iter()
        .map(context::Capability::from_api)
        .collect();
    let grant: Vec<context::Capability> = if approve_new {
        requested
    } else {
        // Only what was granted before; nothing new (a new package starts with nothing).
        let before = current
            .as_ref()
            .map(|c| c.granted.clone())
            .unwrap_or_default();
        requested
            .into_iter()
            .filter(|c| before.contains(c))
            .collect()
    };
    Ok(registry::install(store, host, &bytes, &grant, now)?)
}

/// The publisher's side: what `ansvar plugin catalog add` puts in the list for a package, which
/// it keeps as `<id>-<version>.ansvarplugin` beside the list.
pub fn entry_for(bytes: &[u8], changelog: Localized) -> Result<CatalogPackage, CatalogError> {
    let package = Package::parse(bytes)?;
    package.verify()?;
    let manifest: PluginManifest = serde_json::from_slice(&package.manifest_json)
        .map_err(|_| PluginError::ManifestMismatch)?;
    if !is_ascii_id(&manifest.id) || semver::Version::parse(&manifest.version).is_err() {
        return Err(CatalogError::NotACatalog(format!(
            "package id {:?}, version {:?}",
            manifest.id, manifest.version
        )));
    }
    Ok(CatalogPackage {
        file: format!("{}-{}.ansvarplugin", manifest.id, manifest.version),
        id: manifest.id,
        version: manifest.version,
        name: manifest.name,
        sha256: hex::encode(Sha256::digest(bytes)),
        size: bytes.len() as u64,
        api_version: manifest.api_version,
        min_ansvar: ANSVAR_VERSION.to_string(),
        changelog,
        capabilities: manifest.capabilities,
    })
}

/// The key a package is signed with, for the publisher's tools.
pub fn package_key(bytes: &[u8]) -> Result<PublicKey, CatalogError> {
    Ok(Package::parse(bytes)?.public_key)
}
