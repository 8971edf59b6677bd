//! The catalogue through the real `ansvar` binary, as docs/plugin-authoring.md tells the
//! municipality's IT and a coordinator's laptop to use it: keygen, sign, `catalog init | add |
//! sign | revoke`, `source add`, `updates`, `get`, key rotation, and refusals.
//!
//! Uses the hostile-good and hostile-update components `scripts/build-plugins.sh` builds.

mod common;
use common::*;

fn component(name: &str) -> String {
    let path = std::path::PathBuf::from(PLUGINS).join(format!("{name}.wasm"));
    assert!(
        path.exists(),
        "{} is missing: build the plugins first: bash scripts/build-plugins.sh",
        path.display()
    );
    path.to_string_lossy().into_owned()
}

#[test]
fn a_municipality_publishes_updates_and_withdraws_a_plugin() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (key, share, db) = (p("kommune.key"), p("delt mappe/katalog"), p("ansvar.redb"));
    let run = |args: &[&str]| ansvar(&cache, args);

    // The IT staff: a key, two signed versions, a catalogue.
    let public = ok(run(&["plugin", "keygen", "--out", &key]));
    let public = public.trim().to_string();
    for (name, out) in [("hostile-good", "v1"), ("hostile-update", "v2")] {
        ok(run(&[
            "plugin",
            "sign",
            "--key",
            &key,
            &component(name),
            "--out",
            &p(out),
        ]));
    }
    let out = ok(run(&[
        "plugin",
        "catalog",
        "init",
        &share,
        "--key",
        &key,
        "--publisher",
        "Testkommune",
    ]));
    assert!(out.contains("Katalogen er startet"), "{out}");
    let out = ok(run(&[
        "plugin",
        "catalog",
        "add",
        &share,
        &p("v1"),
        "--changelog-nb",
        "Første versjon",
        "--changelog-en",
        "First version",
    ]));
    assert!(out.contains("no.test.fiendtlig 1.0.0"), "{out}");
    let out = ok(run(&["plugin", "catalog", "sign", &share, "--key", &key]));
    assert!(out.contains("Katalog nr. 1 er signert"), "{out}");

    // A laptop follows the share and installs from it.
    ok(run(&["--db", &db, "demo"]));
    let out = ok(run(&[
        "--db",
        &db,
        "plugin",
        "source",
        "add",
        &share,
        "--key",
        &public,
        "--name",
        "Testkommune",
    ]));
    assert!(out.contains("Følger nå"), "{out}");
    let out = ok(run(&["--db", &db, "plugin", "updates"]));
    assert!(out.contains("Ny: no.test.fiendtlig 1.0.0"), "{out}");
    assert!(out.contains("Første versjon"), "{out}");
    let out = ok(run(&["--db", &db, "plugin", "get", "no.test.fiendtlig"]));
    assert!(out.contains("Installert no.test.fiendtlig 1.0.0"), "{out}");

    // An update, with its changelog in English on request.
    ok(run(&[
        "plugin",
        "catalog",
        "add",
        &share,
        &p("v2"),
        "--changelog-nb",
        "Retter en feil",
        "--changelog-en",
        "Fixes a fault",
    ]));
    ok(run(&["plugin", "catalog", "sign", &share, "--key", &key]));
    let out = ok(run(&["--lang", "en", "--db", &db, "plugin", "updates"]));
    assert!(
        out.contains("Update: no.test.fiendtlig 1.0.0 → 1.1.0"),
        "{out}"
    );
    assert!(out.contains("Fixes a fault"), "{out}");
    let out = ok(run(&["--db", &db, "plugin", "updates", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["sequence"], 2);
    assert_eq!(json[0]["offers"][0]["version"], "1.1.0");
    ok(run(&["--db", &db, "plugin", "get", "no.test.fiendtlig"]));

    // Withdrawn: disabled at the next check, and said so.
    ok(run(&[
        "plugin",
        "catalog",
        "revoke",
        &share,
        "--id",
        "no.test.fiendtlig",
        "--versions",
        ">=1.1.0, <1.2.0",
        "--reason-nb",
        "Regner feil",
        "--reason-en",
        "Counts wrong",
    ]));
    ok(run(&["plugin", "catalog", "sign", &share, "--key", &key]));
    let out = ok(run(&["--db", &db, "plugin", "updates"]));
    assert!(
        out.contains("Trukket tilbake og slått av: no.test.fiendtlig 1.1.0: Regner feil"),
        "{out}"
    );
    let out = ok(run(&["--db", &db, "plugin", "list", "--json"]));
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list[0]["revoked"]["reason"]["en"], "Counts wrong");

    // Key rotation: the old key announces the new one; the laptop follows.
    let new_key = p("ny.key");
    let new_public = ok(run(&["plugin", "keygen", "--out", &new_key]));
    let o = run(&["plugin", "catalog", "sign", &share, "--key", &new_key]);
    assert!(
        !o.status.success(),
        "signed with a key that is not the catalogue's"
    );
    assert!(stderr(&o).contains("--rotate-from"), "{}", stderr(&o));
    ok(run(&[
        "plugin",
        "catalog",
        "sign",
        &share,
        "--key",
        &new_key,
        "--rotate-from",
        &key,
    ]));
    let out = ok(run(&["--db", &db, "plugin", "updates"]));
    assert!(out.contains("byttet nøkkel"), "{out}");
    let out = ok(run(&["--db", &db, "plugin", "source", "list", "--json"]));
    let sources: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(sources[0]["key"], new_public.trim());

    // A changed catalogue: the message says so, and the last good one stays in use.
    let catalog = std::path::Path::new(&share).join("catalog.json");
    let text = std::fs::read_to_string(&catalog).unwrap();
    std::fs::write(&catalog, text.replace("Testkommune", "Falsk kommune")).unwrap();
    let out = ok(run(&["--db", &db, "plugin", "updates"]));
    assert!(out.contains("signatur stemmer ikke"), "{out}");
    assert!(out.contains("Testkommune"), "{out}");
}

#[test]
fn a_source_that_cannot_be_read_fails_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let db = dir
        .path()
        .join("ansvar.redb")
        .to_string_lossy()
        .into_owned();
    let key = dir.path().join("k").to_string_lossy().into_owned();
    let run = |args: &[&str]| ansvar(&cache, args);
    let public = ok(run(&["plugin", "keygen", "--out", &key]));
    ok(run(&["--db", &db, "demo"]));
    let o = run(&[
        "--db",
        &db,
        "plugin",
        "source",
        "add",
        "http://kommune.example/katalog",
        "--key",
        public.trim(),
        "--name",
        "X",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("https"), "{}", stderr(&o));

    let gone = dir
        .path()
        .join("finnes ikke")
        .to_string_lossy()
        .into_owned();
    std::fs::create_dir(&gone).unwrap();
    ok(run(&[
        "--db",
        &db,
        "plugin",
        "source",
        "add",
        &gone,
        "--key",
        public.trim(),
        "--name",
        "X",
    ]));
    let o = run(&["--db", &db, "plugin", "updates"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Kan ikke lese katalogen"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("catalog.json"), "{}", stderr(&o));
    let o = run(&["--db", &db, "plugin", "get", "no.test.fiendtlig"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("tilbyr ikke"), "{}", stderr(&o));
}
