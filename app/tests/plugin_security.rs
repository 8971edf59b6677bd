//! The plugin trust chain as a hostile tester met it, through the real `ansvar` binary: weak
//! publisher keys and all-zero signatures (issue 10, point 9), and compile-cache files that
//! were changed or copied under another plugin's name (point 5).

use std::path::{Path, PathBuf};

use ansvar::plugins::host::PluginHost;
use ansvar::plugins::package::{Package, SecretKey};
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use redb::ReadableTable;
use sha2::{Digest, Sha256};

mod common;
use common::*;

const ZERO_KEY: &str =
    "ansvar-ed25519-public:0000000000000000000000000000000000000000000000000000000000000000";
/// The identity point: another key of small order.
const IDENTITY_KEY: &str =
    "ansvar-ed25519-public:0100000000000000000000000000000000000000000000000000000000000000";

/// A database made the way a user gets one (`demo` may create it).
fn database(dir: &Path, cache: &Path) -> String {
    let db = dir.join("ansvar.redb").to_string_lossy().into_owned();
    ok(ansvar(cache, &["--db", &db, "demo"]));
    db
}

/// A package of `name` signed with a fresh key.
fn signed(name: &str) -> (Vec<u8>, SecretKey) {
    let component = wasm(name);
    let host = PluginHost::new(None).expect("host");
    let manifest = host.load(&component).expect("load").manifest;
    let key = SecretKey::generate().expect("key");
    let package = Package::sign(serde_json::to_vec(&manifest).unwrap(), component, &key);
    (package.to_bytes(), key)
}

#[test]
fn trusting_a_weak_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let db = database(dir.path(), &cache);
    for key in [ZERO_KEY, IDENTITY_KEY] {
        let o = ansvar(
            &cache,
            &["--db", &db, "plugin", "trust", key, "--name", "Nullkommune"],
        );
        assert!(!o.status.success(), "{key} was trusted");
        assert!(stderr(&o).contains("Nøkkelen er svak"), "{}", stderr(&o));
        let o = ansvar(
            &cache,
            &[
                "--lang", "en", "--db", &db, "plugin", "trust", key, "--name", "Zero",
            ],
        );
        assert!(!o.status.success());
        assert!(stderr(&o).contains("the key is weak"), "{}", stderr(&o));
    }
}

#[test]
fn an_all_zero_signature_does_not_install_even_with_the_zero_key_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    // An older Ansvar (before encryption) trusted the all-zero key: put it in the trust list
    // as that one did, beside a real key. The first writable open below encrypts the file.
    let db_path = dir.path().join("ansvar.redb");
    let db = db_path.to_string_lossy().into_owned();
    let (_, real) = signed("hostile-good");
    {
        let store = ansvar::store::Store::create_unencrypted(&db_path).unwrap();
        ansvar::plugins::registry::trust_key(
            &store,
            real.public(),
            "Testkommune",
            chrono::DateTime::UNIX_EPOCH,
        )
        .unwrap();
    }
    {
        const TRUSTED: redb::TableDefinition<&str, &[u8]> =
            redb::TableDefinition::new("trusted_keys");
        let file = redb::Database::open(&db).expect("open");
        let txn = file.begin_write().unwrap();
        {
            let mut table = txn.open_table(TRUSTED).unwrap();
            let row = table
                .get(real.public().to_string().as_str())
                .unwrap()
                .expect("the real key is trusted")
                .value()
                .to_vec();
            table.insert(ZERO_KEY, row.as_slice()).unwrap();
        }
        txn.commit().unwrap();
    }

    // A package naming the zero key with an all-zero signature. The message signed depends on
    // the manifest bytes; pad it (JSON allows trailing blanks) until the old, lax check would
    // accept the zero signature, so this package is one that used to install.
    let component = wasm("hostile-good");
    let manifest = PluginHost::new(None)
        .unwrap()
        .load(&component)
        .unwrap()
        .manifest;
    let zero_key = VerifyingKey::from_bytes(&[0; 32]).expect("the zero point decodes");
    let lax_accepts = |manifest: &[u8]| {
        let mut msg = b"ansvar-plugin-v1\0".to_vec();
        msg.extend_from_slice(&Sha256::digest(manifest));
        msg.extend_from_slice(&Sha256::digest(&component));
        zero_key
            .verify(&msg, &Signature::from_bytes(&[0; 64]))
            .is_ok()
    };
    let mut json = serde_json::to_vec(&manifest).unwrap();
    while !lax_accepts(&json) {
        assert!(json.len() < 10_000, "no padding made the old check accept");
        json.push(b' ');
    }
    let mut bytes = Package::sign(json, component.clone(), &real).to_bytes();
    let end = bytes.len();
    bytes[end - 96..].fill(0);
    let package = dir.path().join("null.ansvarplugin");
    std::fs::write(&package, &bytes).unwrap();
    let package = package.to_string_lossy().into_owned();

    let o = ansvar(&cache, &["--db", &db, "plugin", "install", &package]);
    assert!(!o.status.success(), "the zero-signed package installed");
    assert!(
        stderr(&o).contains("signert med en svak nøkkel"),
        "{}",
        stderr(&o)
    );
    let o = ansvar(&cache, &["--db", &db, "plugin", "check", &package]);
    assert!(
        !o.status.success(),
        "the zero-signed package passed the check"
    );
    let out = ok(ansvar(&cache, &["--db", &db, "plugin", "list", "--json"]));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap(),
        serde_json::json!([]),
        "nothing is installed"
    );
}

fn cache_files(cache: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cache)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "cwasm"));
    files.sort();
    files
}

/// `plugin check --json` of a package: the manifest id the plugin itself declared.
fn checked_id(cache: &Path, db: &str, package: &Path) -> String {
    let out = ok(ansvar(
        cache,
        &[
            "--db",
            db,
            "plugin",
            "check",
            &package.to_string_lossy(),
            "--json",
        ],
    ));
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    json["manifest"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_changed_or_swapped_compile_cache_file_is_compiled_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let db = database(dir.path(), &cache);
    let (a, ka) = signed("hostile-good");
    let (b, kb) = signed("ips-follow-up");
    for key in [ka, kb] {
        let public = key.public().to_string();
        ok(ansvar(
            &cache,
            &[
                "--db",
                &db,
                "plugin",
                "trust",
                &public,
                "--name",
                "Testkommune",
            ],
        ));
    }
    let (pa, pb) = (
        dir.path().join("a.ansvarplugin"),
        dir.path().join("b.ansvarplugin"),
    );
    std::fs::write(&pa, a).unwrap();
    std::fs::write(&pb, b).unwrap();

    assert_eq!(checked_id(&cache, &db, &pa), "no.test.fiendtlig");
    let files = cache_files(&cache);
    assert_eq!(files.len(), 1, "one cache file: {files:?}");
    let file_a = files[0].clone();
    let good = std::fs::read(&file_a).unwrap();

    // One changed byte in the native code: the check still works, and the file is compiled
    // and written again (`check` opens the database read-only, so it may use a key of its
    // own: the new file need not equal the first).
    let mut bad = good.clone();
    let at = bad.len() / 2;
    bad[at] ^= 0x20;
    std::fs::write(&file_a, &bad).unwrap();
    assert_eq!(checked_id(&cache, &db, &pa), "no.test.fiendtlig");
    assert_ne!(
        std::fs::read(&file_a).unwrap(),
        bad,
        "the changed cache file was used, not compiled again"
    );

    // A's compiled code under B's name: B runs B's own code.
    assert_eq!(checked_id(&cache, &db, &pb), "no.fjordvik.ips-oppfolging");
    let file_b = cache_files(&cache)
        .into_iter()
        .find(|p| *p != file_a)
        .expect("B's cache file");
    std::fs::copy(&file_a, &file_b).unwrap();
    assert_eq!(checked_id(&cache, &db, &pb), "no.fjordvik.ips-oppfolging");
}
