//! A municipality's signed plugin catalogue, end to end against a real HTTP server on
//! 127.0.0.1 (started here) and a folder: publish, update, re-approval of what an update asks
//! to read, revocation, rollback, expiry, key rotation, tampering, and servers that are down,
//! slow, broken or send 100 MB.
//!
//! The components come from `target/plugins/`, built by `scripts/build-plugins.sh`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ansvar_core::i18n::Lang;
use ansvar_core::plugins::api::Localized;
use ansvar_core::plugins::catalog::{
    self, CATALOG_FILE, Catalog, CatalogError, Fetcher, KeyRotation, Revocation, SIGNATURE_FILE,
};
use ansvar_core::plugins::context::Capability;
use ansvar_core::plugins::host::PluginHost;
use ansvar_core::plugins::package::{Package, SecretKey};
use ansvar_core::plugins::{PluginError, registry};
use ansvar_core::store::Store;
use chrono::{DateTime, TimeDelta, TimeZone, Utc};

const PLUGIN_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/plugins/");
const ID: &str = "no.test.fiendtlig";

fn wasm(name: &str) -> Vec<u8> {
    let path = Path::new(PLUGIN_DIR).join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. Build the plugins first: bash scripts/build-plugins.sh",
            path.display()
        )
    })
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn package(host: &PluginHost, name: &str, key: &SecretKey) -> Vec<u8> {
    let component = wasm(name);
    let plugin = host.load(&component).expect("loads");
    let manifest = serde_json::to_vec(&plugin.manifest).unwrap();
    Package::sign(manifest, component, key).to_bytes()
}

fn loc(nb: &str, en: &str) -> Localized {
    Localized {
        nb: nb.into(),
        en: en.into(),
    }
}

/// The municipality's catalogue folder, as `ansvar plugin catalog …` keeps it.
struct Publisher {
    dir: PathBuf,
    key: SecretKey,
    catalog: Catalog,
}

impl Publisher {
    fn new(dir: &Path) -> Publisher {
        let key = SecretKey::generate().unwrap();
        Publisher {
            dir: dir.to_path_buf(),
            catalog: Catalog::new("Testkommune", key.public(), now()),
            key,
        }
    }

    fn add(&mut self, bytes: &[u8], changelog: &str) {
        let entry = catalog::entry_for(bytes, loc(changelog, changelog)).expect("entry");
        std::fs::write(self.dir.join(&entry.file), bytes).unwrap();
        self.catalog.packages.push(entry);
    }

    /// Signs with a new sequence number, valid for `days` from `now()` (negative: expired).
    fn publish(&mut self, days: i64) {
        self.catalog.sequence += 1;
        self.catalog.expires = now() + TimeDelta::days(days);
        let json = self.catalog.to_json();
        std::fs::write(self.dir.join(CATALOG_FILE), &json).unwrap();
        std::fs::write(
            self.dir.join(SIGNATURE_FILE),
            catalog::sign(&json, &self.key),
        )
        .unwrap();
    }

    fn files(&self) -> (Vec<u8>, Vec<u8>) {
        (
            std::fs::read(self.dir.join(CATALOG_FILE)).unwrap(),
            std::fs::read(self.dir.join(SIGNATURE_FILE)).unwrap(),
        )
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Files,
    Slow,
    Error500,
    /// Says 100 MB in Content-Length and starts sending.
    HugeDeclared,
    /// Sends 100 MB with no length given, until the client hangs up.
    HugeUndeclared,
}

/// A real HTTP/1.1 server on 127.0.0.1 serving the files of one folder.
struct Server {
    port: u16,
    mode: Arc<Mutex<Mode>>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mode = Arc::new(Mutex::new(Mode::Files));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (dir, m, r) = (dir.to_path_buf(), mode.clone(), requests.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (dir, m, r) = (dir.clone(), m.clone(), r.clone());
                std::thread::spawn(move || serve(stream, &dir, *m.lock().unwrap(), &r));
            }
        });
        Server {
            port,
            mode,
            requests,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/katalog", self.port)
    }

    fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }
}

fn serve(mut stream: TcpStream, dir: &Path, mode: Mode, requests: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
    }
    let path = line.split(' ').nth(1).unwrap_or("/").to_string();
    requests.lock().unwrap().push(path.clone());
    let name = path.rsplit('/').next().unwrap_or("");
    let _ = match mode {
        Mode::Files => match std::fs::read(dir.join(name)) {
            Ok(body) => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                stream
                    .write_all(head.as_bytes())
                    .and_then(|()| stream.write_all(&body))
            }
            Err(_) => stream.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            ),
        },
        Mode::Slow => {
            std::thread::sleep(Duration::from_secs(3));
            stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
        }
        Mode::Error500 => stream.write_all(
            b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\noops!",
        ),
        Mode::HugeDeclared | Mode::HugeUndeclared => {
            let head = if mode == Mode::HugeDeclared {
                "HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n"
            } else {
                "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
            };
            let chunk = vec![b'{'; 64 * 1024];
            let mut result = stream.write_all(head.as_bytes());
            for _ in 0..(100_000_000 / chunk.len()) {
                result = stream.write_all(&chunk);
                if result.is_err() {
                    break;
                }
            }
            result
        }
    };
    let _ = stream.flush();
    // Drain what the client still sends, so the close is clean.
    let _ = reader.read(&mut [0u8; 64]);
}

struct Laptop {
    _dir: tempfile::TempDir,
    _cache: tempfile::TempDir,
    store: Store,
    host: PluginHost,
}

impl Laptop {
    fn new() -> Laptop {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_test(dir.path().join("ansvar.redb")).unwrap();
        let cache = tempfile::tempdir().unwrap();
        let host = PluginHost::for_store(Some(cache.path().to_path_buf()), &store).unwrap();
        Laptop {
            _dir: dir,
            _cache: cache,
            store,
            host,
        }
    }

    fn follow(&self, location: &str, key: &SecretKey) {
        catalog::add_source(&self.store, location, key.public(), "Testkommune", now()).unwrap();
    }

    fn check(&self, location: &str) -> Result<catalog::Report, CatalogError> {
        catalog::check_source(&self.store, &fetcher(), location, now())
    }

    fn get(
        &self,
        location: &str,
        approve: bool,
    ) -> Result<registry::InstalledPlugin, CatalogError> {
        catalog::install_offer(
            &self.store,
            &self.host,
            &fetcher(),
            location,
            ID,
            approve,
            now(),
        )
    }

    fn installed_version(&self) -> Option<String> {
        registry::installed_plugin(&self.store, ID)
            .unwrap()
            .map(|p| p.manifest.version)
    }
}

fn fetcher() -> Fetcher {
    Fetcher::new(Duration::from_millis(1500))
}

fn setup() -> (tempfile::TempDir, Publisher, Server, Laptop) {
    let dir = tempfile::tempdir().unwrap();
    let publisher = Publisher::new(dir.path());
    let server = Server::start(dir.path());
    let laptop = Laptop::new();
    laptop.follow(&server.url(), &publisher.key);
    (dir, publisher, server, laptop)
}

#[test]
fn publish_update_reapproval_and_revocation_over_http() {
    let (_dir, mut publisher, server, laptop) = setup();
    let url = server.url();
    let host = &laptop.host;

    // Publish 1.0.0: offered as new, installed from the server.
    publisher.add(
        &package(host, "hostile-good", &publisher.key),
        "Første versjon",
    );
    publisher.publish(90);
    let report = laptop.check(&url).unwrap();
    assert!(report.problem.is_none() && !report.expired);
    assert_eq!(report.offers.len(), 1);
    assert_eq!(report.offers[0].installed, None);
    assert_eq!(report.offers[0].package.version, "1.0.0");
    laptop.get(&url, false).unwrap();
    assert_eq!(laptop.installed_version().as_deref(), Some("1.0.0"));
    assert!(
        server
            .requests
            .lock()
            .unwrap()
            .contains(&"/katalog/no.test.fiendtlig-1.0.0.ansvarplugin".to_string())
    );

    // An update that asks for nothing new installs without a question, with its changelog.
    publisher.add(
        &package(host, "hostile-update", &publisher.key),
        "Retter en feil",
    );
    publisher.publish(90);
    let report = laptop.check(&url).unwrap();
    assert_eq!(report.offers.len(), 1);
    let offer = &report.offers[0];
    assert_eq!(offer.installed.as_deref(), Some("1.0.0"));
    assert_eq!(offer.package.version, "1.1.0");
    assert_eq!(offer.package.changelog.nb, "Retter en feil");
    assert!(offer.new_capabilities.is_empty());
    laptop.get(&url, false).unwrap();
    assert_eq!(laptop.installed_version().as_deref(), Some("1.1.0"));

    // An update that asks to read more waits for approval, and nothing changes until then.
    publisher.add(
        &package(host, "hostile-update-asks-more", &publisher.key),
        "Viser navnet",
    );
    publisher.publish(90);
    let report = laptop.check(&url).unwrap();
    assert_eq!(report.offers[0].package.version, "1.2.0");
    assert_eq!(report.offers[0].new_capabilities.len(), 1);
    let err = laptop.get(&url, false).unwrap_err();
    assert!(matches!(err, CatalogError::NeedsApproval { .. }), "{err}");
    assert!(
        err.message(Lang::Nb).contains("må godkjennes"),
        "{}",
        err.message(Lang::Nb)
    );
    assert!(err.message(Lang::En).contains("person"), "{err}");
    assert_eq!(laptop.installed_version().as_deref(), Some("1.1.0"));
    let record = laptop.get(&url, true).unwrap();
    assert_eq!(record.manifest.version, "1.2.0");
    assert_eq!(record.granted, vec![Capability::PersonName]);

    // Revoked: disabled at once with the reason, no longer run, its form still known.
    publisher.catalog.revoked.push(Revocation::Versions {
        id: ID.into(),
        versions: "=1.2.0".into(),
        reason: loc("Viser feil person", "Shows the wrong person"),
    });
    publisher.publish(90);
    let report = laptop.check(&url).unwrap();
    assert_eq!(report.withdrawn.len(), 1);
    assert_eq!(report.withdrawn[0].reason.en, "Shows the wrong person");
    let record = registry::installed_plugin(&laptop.store, ID)
        .unwrap()
        .unwrap();
    assert!(record.revoked.is_some());
    assert!(record.form.is_some(), "the form stays readable");
    let Err(err) = registry::load(&laptop.store, host, ID) else {
        panic!("a withdrawn plugin loaded");
    };
    assert!(matches!(err, PluginError::Revoked { .. }), "{err}");
    assert!(err.message(Lang::Nb).contains("Viser feil person"));
    assert!(err.to_string().contains("Shows the wrong person"));
    // Nothing older is offered in its place (a downgrade), and the revoked one is not offered.
    assert!(report.offers.is_empty(), "{:?}", report.offers);
}

#[test]
fn revocation_by_hash_disables_a_hand_installed_plugin() {
    let (_dir, mut publisher, server, laptop) = setup();
    let bytes = package(&laptop.host, "hostile-good", &publisher.key);
    // Installed by hand, before the catalogue existed.
    registry::install(&laptop.store, &laptop.host, &bytes, &[], now()).unwrap();
    let sha256 = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&bytes))
    };
    publisher.catalog.revoked.push(Revocation::Hash {
        sha256,
        reason: loc("Feil i skjemaet", "A fault in the form"),
    });
    publisher.publish(90);
    let report = laptop.check(&server.url()).unwrap();
    assert_eq!(report.withdrawn.len(), 1);
    assert!(matches!(
        registry::load(&laptop.store, &laptop.host, ID),
        Err(PluginError::Revoked { .. })
    ));
}

#[test]
fn rollback_and_a_forked_catalogue_are_refused_and_the_last_good_one_is_used() {
    let (_dir, mut publisher, server, laptop) = setup();
    let url = server.url();
    publisher.publish(90);
    let old = publisher.files();
    publisher.add(&package(&laptop.host, "hostile-good", &publisher.key), "");
    publisher.publish(90);
    laptop.check(&url).unwrap();

    // An attacker (or a stale mirror) serves the older, validly signed catalogue.
    std::fs::write(publisher.dir.join(CATALOG_FILE), &old.0).unwrap();
    std::fs::write(publisher.dir.join(SIGNATURE_FILE), &old.1).unwrap();
    let report = laptop.check(&url).unwrap();
    let problem = report.problem.as_ref().expect("refused");
    assert!(
        matches!(
            problem,
            CatalogError::Rollback {
                offered: 1,
                seen: 2
            }
        ),
        "{problem}"
    );
    assert!(problem.message(Lang::Nb).contains("eldre"));
    assert_eq!(report.sequence, 2, "the last good catalogue is in use");
    assert_eq!(report.offers.len(), 1);

    // Another catalogue under the same number is refused too.
    publisher.catalog.publisher = "Noen andre".into();
    let json = publisher.catalog.to_json();
    std::fs::write(publisher.dir.join(CATALOG_FILE), &json).unwrap();
    std::fs::write(
        publisher.dir.join(SIGNATURE_FILE),
        catalog::sign(&json, &publisher.key),
    )
    .unwrap();
    let report = laptop.check(&url).unwrap();
    assert!(matches!(
        report.problem,
        Some(CatalogError::Rollback { .. })
    ));
    assert_eq!(report.publisher, "Testkommune");
}

#[test]
fn an_expired_catalogue_is_used_with_a_warning() {
    let (_dir, mut publisher, server, laptop) = setup();
    publisher.add(&package(&laptop.host, "hostile-good", &publisher.key), "");
    publisher.publish(-1);
    let report = laptop.check(&server.url()).unwrap();
    assert!(report.expired);
    assert!(report.problem.is_none());
    assert_eq!(report.offers.len(), 1);
    laptop.get(&server.url(), false).unwrap();
}

#[test]
fn key_rotation_is_followed_only_when_the_old_key_announced_it() {
    let (_dir, mut publisher, server, laptop) = setup();
    let url = server.url();
    publisher.add(&package(&laptop.host, "hostile-good", &publisher.key), "");
    publisher.publish(90);
    laptop.check(&url).unwrap();

    // A new key announced by the old one, carried in the catalogue the new key signs.
    let new_key = SecretKey::generate().unwrap();
    let rotation = KeyRotation::sign(&publisher.key, new_key.public());
    publisher.catalog.rotations.push(rotation);
    publisher.catalog.key = new_key.public().to_string();
    let old_key = std::mem::replace(&mut publisher.key, new_key);
    publisher.add(&package(&laptop.host, "hostile-update", &publisher.key), "");
    publisher.publish(90);
    let report = laptop.check(&url).unwrap();
    assert!(report.problem.is_none(), "{:?}", report.problem);
    assert_eq!(report.rotated_to, Some(publisher.key.public()));
    let source = &catalog::sources(&laptop.store).unwrap()[0];
    assert_eq!(source.key, publisher.key.public().to_string());
    // The package signed by the new key installs.
    assert_eq!(laptop.get(&url, false).unwrap().manifest.version, "1.1.0");

    // The old key alone no longer signs for the source.
    publisher.catalog.sequence += 1;
    let json = publisher.catalog.to_json();
    std::fs::write(publisher.dir.join(CATALOG_FILE), &json).unwrap();
    std::fs::write(
        publisher.dir.join(SIGNATURE_FILE),
        catalog::sign(&json, &old_key),
    )
    .unwrap();
    let report = laptop.check(&url).unwrap();
    assert!(matches!(report.problem, Some(CatalogError::BadSignature)));

    // A stranger's key with a rotation it signed itself is refused.
    let fresh = Laptop::new();
    fresh.follow(&url, &old_key);
    let stranger = SecretKey::generate().unwrap();
    let mut forged = publisher.catalog.clone();
    forged.rotations = vec![KeyRotation::sign(&stranger, stranger.public())];
    forged.key = stranger.public().to_string();
    let json = forged.to_json();
    std::fs::write(publisher.dir.join(CATALOG_FILE), &json).unwrap();
    std::fs::write(
        publisher.dir.join(SIGNATURE_FILE),
        catalog::sign(&json, &stranger),
    )
    .unwrap();
    let err = fresh.check(&url).unwrap_err();
    assert!(matches!(err, CatalogError::BadSignature), "{err}");
}

#[test]
fn tampered_catalogues_and_packages_are_refused_before_anything_is_installed() {
    let (_dir, mut publisher, server, laptop) = setup();
    let url = server.url();
    publisher.add(&package(&laptop.host, "hostile-good", &publisher.key), "");
    publisher.publish(90);

    // One byte of the catalogue changed: refused, and nothing was ever good.
    let (json, _) = publisher.files();
    let mut bad = json.clone();
    let at = bad.iter().position(|b| *b == b'T').unwrap();
    bad[at] = b'X';
    std::fs::write(publisher.dir.join(CATALOG_FILE), &bad).unwrap();
    let err = laptop.check(&url).unwrap_err();
    assert!(matches!(err, CatalogError::BadSignature), "{err}");
    std::fs::write(publisher.dir.join(CATALOG_FILE), &json).unwrap();
    laptop.check(&url).unwrap();

    // The package file swapped for another plugin of the same size would fail its sha256;
    // here a byte of it is changed.
    let file = publisher.dir.join(&publisher.catalog.packages[0].file);
    let mut bytes = std::fs::read(&file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    let err = laptop.get(&url, false).unwrap_err();
    assert!(matches!(err, CatalogError::PackageMismatch(_)), "{err}");
    assert!(registry::installed(&laptop.store).unwrap().is_empty());

    // A package signed by another key, listed with its true hash: refused as foreign.
    let stranger = SecretKey::generate().unwrap();
    let foreign = package(&laptop.host, "hostile-good", &stranger);
    std::fs::write(&file, &foreign).unwrap();
    let entry = catalog::entry_for(&foreign, Localized::default()).unwrap();
    publisher.catalog.packages = vec![entry];
    publisher.publish(90);
    laptop.check(&url).unwrap();
    let err = laptop.get(&url, false).unwrap_err();
    assert!(matches!(err, CatalogError::ForeignPackage(_)), "{err}");
    assert!(registry::installed(&laptop.store).unwrap().is_empty());
}

#[test]
fn a_server_that_is_down_slow_broken_or_huge_gets_a_clear_message() {
    let (_dir, mut publisher, server, laptop) = setup();
    let url = server.url();

    // Down: nothing listens on the port.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let down = format!("http://127.0.0.1:{closed}");
    laptop.follow(&down, &publisher.key);
    let err = laptop.check(&down).unwrap_err();
    assert!(matches!(err, CatalogError::NoConnection(_)), "{err}");
    let nb = err.message(Lang::Nb);
    assert!(nb.starts_with("Fikk ikke kontakt med"), "{nb}");
    assert!(nb.contains("ingen svarer der"), "one language: {nb}");

    // Once a catalogue was good, a later failure keeps it in use.
    publisher.add(&package(&laptop.host, "hostile-good", &publisher.key), "");
    publisher.publish(90);
    laptop.check(&url).unwrap();

    server.set(Mode::Slow);
    let started = std::time::Instant::now();
    let report = laptop.check(&url).unwrap();
    assert!(
        matches!(report.problem, Some(CatalogError::Timeout(_))),
        "{:?}",
        report.problem
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the timeout held"
    );
    assert_eq!(report.offers.len(), 1);

    server.set(Mode::Error500);
    let report = laptop.check(&url).unwrap();
    assert!(matches!(
        report.problem,
        Some(CatalogError::HttpStatus { status: 500, .. })
    ));
    assert!(
        report.problem.unwrap().message(Lang::Nb).contains("500"),
        "names the status"
    );

    server.set(Mode::HugeDeclared);
    let report = laptop.check(&url).unwrap();
    assert!(matches!(
        report.problem,
        Some(CatalogError::TooLarge { .. })
    ));
    // A package download is refused the same way.
    let err = laptop.get(&url, false).unwrap_err();
    assert!(matches!(err, CatalogError::TooLarge { .. }), "{err}");

    server.set(Mode::HugeUndeclared);
    let report = laptop.check(&url).unwrap();
    assert!(
        matches!(report.problem, Some(CatalogError::TooLarge { .. })),
        "{:?}",
        report.problem
    );
    assert!(registry::installed(&laptop.store).unwrap().is_empty());
}

#[test]
fn a_folder_source_works_like_a_web_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut publisher = Publisher::new(dir.path());
    let laptop = Laptop::new();
    let location = dir.path().to_str().unwrap().to_string();
    laptop.follow(&location, &publisher.key);
    publisher.add(&package(&laptop.host, "hostile-good", &publisher.key), "");
    publisher.publish(90);
    assert_eq!(laptop.check(&location).unwrap().offers.len(), 1);
    laptop.get(&location, false).unwrap();
    assert_eq!(laptop.installed_version().as_deref(), Some("1.0.0"));
    // The share goes away: the last good catalogue is used, and the message is in one language.
    drop(dir);
    let report = laptop.check(&location).unwrap();
    let problem = report.problem.expect("the share is gone");
    assert!(matches!(problem, CatalogError::BadLocation(_)), "{problem}");
    assert!(
        problem
            .message(Lang::Nb)
            .contains("verken en https-adresse eller en mappe som finnes")
    );
}

#[test]
fn plain_http_to_another_machine_and_odd_addresses_are_refused() {
    let laptop = Laptop::new();
    let key = SecretKey::generate().unwrap().public();
    let err = catalog::add_source(
        &laptop.store,
        "http://kommune.example/katalog",
        key,
        "",
        now(),
    )
    .unwrap_err();
    assert!(matches!(err, CatalogError::Insecure(_)), "{err}");
    let err =
        catalog::add_source(&laptop.store, "ftp://kommune.example/", key, "", now()).unwrap_err();
    assert!(matches!(err, CatalogError::BadLocation(_)), "{err}");
    catalog::add_source(
        &laptop.store,
        "https://kommune.example/katalog/",
        key,
        "",
        now(),
    )
    .unwrap();
    let err = catalog::add_source(
        &laptop.store,
        "https://kommune.example/katalog",
        key,
        "",
        now(),
    )
    .unwrap_err();
    assert!(matches!(err, CatalogError::SourceExists(_)), "{err}");
}

#[test]
fn a_catalogue_with_a_path_for_a_file_name_is_refused() {
    let key = SecretKey::generate().unwrap();
    let mut c = Catalog::new("X", key.public(), now());
    c.packages.push(catalog::CatalogPackage {
        id: "x".into(),
        version: "1.0.0".into(),
        name: Localized::default(),
        file: "../../etc/passwd".into(),
        sha256: "0".repeat(64),
        size: 10,
        api_version: "0.2.0".into(),
        min_ansvar: "0.1.0".into(),
        changelog: Localized::default(),
        capabilities: vec![],
    });
    let json = c.to_json();
    let err = catalog::verify(&json, &catalog::sign(&json, &key), &key.public()).unwrap_err();
    assert!(matches!(err, CatalogError::NotACatalog(_)), "{err}");
    assert!(err.to_string().contains("../../etc/passwd"), "{err}");
}
