//! The real `ansvar plugin` command line, end to end: keygen → sign → check → check a tampered
//! copy → trust → install → list.
//!
//! Uses the `ansvar` binary cargo builds for this test, and the hostile-good component that
//! `scripts/build-plugins.sh` builds into target/plugins.

use std::path::PathBuf;

mod common;
use common::*;

const COMPONENT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../target/plugins/hostile-good.wasm"
);

fn existing(path: &str, how: &str) -> PathBuf {
    let path = PathBuf::from(path);
    assert!(path.exists(), "{} is missing: {how}", path.display());
    path
}

#[test]
fn keygen_sign_check_trust_install_list() {
    let component = existing(
        COMPONENT,
        "build the plugins first: bash scripts/build-plugins.sh",
    );
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (key, package, tampered, db) = (
        p("utgiver.key"),
        p("skjema.ansvarplugin"),
        p("endret.ansvarplugin"),
        p("ansvar.redb"),
    );

    // keygen: the public key on stdout, the secret key in the file.
    let public = ok(ansvar(&cache, &["plugin", "keygen", "--out", &key]));
    let public = public.trim();
    assert!(public.starts_with("ansvar-ed25519-public:"), "{public}");
    let secret = std::fs::read_to_string(&key).unwrap();
    assert!(secret.starts_with("ansvar-ed25519-secret:"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the secret key is readable by others");
    }

    // sign
    let out = ok(ansvar(
        &cache,
        &[
            "plugin",
            "sign",
            "--key",
            &key,
            component.to_str().unwrap(),
            "--out",
            &package,
        ],
    ));
    assert!(out.contains("no.test.fiendtlig 1.0.0"), "{out}");

    // check, as JSON
    let out = ok(ansvar(&cache, &["plugin", "check", &package, "--json"]));
    let json: serde_json::Value = serde_json::from_str(&out).expect("check --json is JSON");
    assert_eq!(json["valid"], true);
    assert_eq!(json["manifest"]["id"], "no.test.fiendtlig");
    assert_eq!(json["manifest"]["version"], "1.0.0");
    assert_eq!(json["publisher_key"], public);
    // and as text
    let out = ok(ansvar(&cache, &["plugin", "check", &package]));
    assert!(out.contains("no.test.fiendtlig 1.0.0"), "{out}");

    // A tampered copy: non-zero exit, a Norwegian message on stderr, nothing on stdout.
    let mut bytes = std::fs::read(&package).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    std::fs::write(&tampered, &bytes).unwrap();
    let o = ansvar(&cache, &["plugin", "check", &tampered]);
    assert!(!o.status.success(), "a tampered package passed the check");
    assert!(
        stderr(&o).contains("Pakken er endret etter at den ble signert"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));

    // Only the app and `demo` make a database; the plugin commands need one that exists.
    ok(ansvar(&cache, &["--db", &db, "demo"]));

    // Install before trusting: refused, naming the key.
    let o = ansvar(&cache, &["--db", &db, "plugin", "install", &package]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("ikke er godkjent"), "{}", stderr(&o));

    // trust, install, list
    let out = ok(ansvar(
        &cache,
        &[
            "--db",
            &db,
            "plugin",
            "trust",
            public,
            "--name",
            "Testkommune",
        ],
    ));
    assert!(out.contains("Testkommune"), "{out}");
    let out = ok(ansvar(
        &cache,
        &[
            "--db",
            &db,
            "plugin",
            "install",
            &package,
            "--grant-requested",
        ],
    ));
    assert!(out.contains("Installert no.test.fiendtlig 1.0.0"), "{out}");
    let out = ok(ansvar(&cache, &["--db", &db, "plugin", "list"]));
    assert!(out.contains("no.test.fiendtlig  1.0.0"), "{out}");
    let out = ok(ansvar(&cache, &["--db", &db, "plugin", "list", "--json"]));
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list[0]["manifest"]["id"], "no.test.fiendtlig");
    assert_eq!(list[0]["failing"], serde_json::Value::Null);

    // The same again: refused, and still one installed.
    let o = ansvar(&cache, &["--db", &db, "plugin", "install", &package]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("er allerede installert"),
        "{}",
        stderr(&o)
    );

    // remove
    let out = ok(ansvar(
        &cache,
        &["--db", &db, "plugin", "remove", "no.test.fiendtlig"],
    ));
    assert!(out.contains("Fjernet"), "{out}");
    let out = ok(ansvar(&cache, &["--db", &db, "plugin", "list", "--json"]));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap(),
        serde_json::json!([])
    );
}

#[test]
fn check_with_sample_data_runs_the_form_in_the_sandbox() {
    let component = existing(
        COMPONENT,
        "build the plugins first: bash scripts/build-plugins.sh",
    );
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (key, package) = (p("k.key"), p("skjema.ansvarplugin"));
    ok(ansvar(&cache, &["plugin", "keygen", "--out", &key]));
    ok(ansvar(
        &cache,
        &[
            "plugin",
            "sign",
            "--key",
            &key,
            component.to_str().unwrap(),
            "--out",
            &package,
        ],
    ));
    std::fs::write(p("eksempel.json"), r#"{"note":"forbudt","count":4}"#).unwrap();
    let out = ok(ansvar(
        &cache,
        &["plugin", "check", &package, "--data", &p("eksempel.json")],
    ));
    assert!(out.contains("Med dataene i"), "{out}");
    assert!(
        out.contains("feil note: Dette ordet er ikke lov her."),
        "{out}"
    );
    assert!(out.contains("Notat: forbudt"), "{out}");
    let out = ok(ansvar(
        &cache,
        &[
            "plugin",
            "check",
            &package,
            "--data",
            &p("eksempel.json"),
            "--json",
        ],
    ));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["validate"][0]["path"], "note");
    assert_eq!(json["summarize"][0]["text"]["en"], "Note: forbudt");
    assert!(json["computed"].as_array().is_some_and(|c| !c.is_empty()));

    // Data that is not a JSON object: refused with the reason, in one language.
    std::fs::write(p("feil.json"), "[1, 2").unwrap();
    let o = ansvar(
        &cache,
        &["plugin", "check", &package, "--data", &p("feil.json")],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("er ikke gyldig JSON"), "{}", stderr(&o));
    std::fs::write(p("liste.json"), "[1, 2]").unwrap();
    let o = ansvar(
        &cache,
        &["plugin", "check", &package, "--data", &p("liste.json")],
    );
    assert!(
        stderr(&o).contains("må være et JSON-objekt"),
        "{}",
        stderr(&o)
    );
}

/// The core module cargo builds for the plugin, before `componentize` (kept aside by
/// scripts/build-plugins.sh).
const CORE_MODULE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../target/wasm/hostile/good.wasm"
);

#[test]
fn sign_takes_the_core_module_cargo_builds() {
    let core = existing(
        CORE_MODULE,
        "build the plugins first: bash scripts/build-plugins.sh",
    );
    assert!(
        std::fs::read(&core)
            .unwrap()
            .starts_with(b"\0asm\x01\0\0\0")
    );
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (key, package) = (p("k.key"), p("skjema.ansvarplugin"));
    ok(ansvar(&cache, &["plugin", "keygen", "--out", &key]));
    let o = ansvar(
        &cache,
        &[
            "plugin",
            "sign",
            "--key",
            &key,
            core.to_str().unwrap(),
            "--out",
            &package,
        ],
    );
    let out = ok(o);
    assert!(out.contains("Signert no.test.fiendtlig 1.0.0"), "{out}");
    let out = ok(ansvar(&cache, &["plugin", "check", &package, "--json"]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["valid"], true);

    // A module that is no plugin: refused, saying what it lacks.
    std::fs::write(p("tom.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let o = ansvar(
        &cache,
        &[
            "plugin",
            "sign",
            "--key",
            &key,
            &p("tom.wasm"),
            "--out",
            &p("x"),
        ],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("does not export the Ansvar form-plugin interface"),
        "{}",
        stderr(&o)
    );
    assert!(!std::path::Path::new(&p("x")).exists(), "nothing written");
}
