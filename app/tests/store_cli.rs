//! The database under the command line: read commands leave the file as it was, and an
//! import is all or nothing even when the process is killed in the middle.

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

mod common;
use common::*;

/// The whole file: compared byte for byte, which no hash collision can fool.
fn hash(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read")
}

#[test]
fn read_commands_leave_every_byte_of_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let db = dir.path().join("demo.redb");
    let d = db.to_str().unwrap();
    ok(ansvar(&cache, &["--db", d, "demo"]));
    let out = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
    let (audit, backup) = (out("access.csv"), out("copy.redb"));
    // Not the exports: they append to the access log (app/tests/verify_cli.rs).
    let commands: [Vec<&str>; 6] = [
        vec!["cases"],
        vec!["cases", "--json"],
        vec!["plugin", "list"],
        vec!["backup", "--out", &backup],
        vec!["verify"],
        vec!["audit", "--out", &audit],
    ];
    for args in commands {
        let before = hash(&db);
        let mut full = vec!["--db", d];
        full.extend(&args);
        ok(ansvar(&cache, &full));
        assert_eq!(
            hash(&db),
            before,
            "`{}` changed the database",
            args.join(" ")
        );
    }
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_whole_case_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let demo = dir.path().join("demo.redb");
    let bundle = dir.path().join("bundle.json");
    ok(ansvar(&cache, &["--db", demo.to_str().unwrap(), "demo"]));
    ok(ansvar(
        &cache,
        &[
            "--db",
            demo.to_str().unwrap(),
            "export",
            "fhir",
            "--case",
            "1",
            "--out",
            bundle.to_str().unwrap(),
        ],
    ));
    let db = dir.path().join("import.redb");
    let d = db.to_str().unwrap();
    // The file exists before the first kill, so every kill hits an import.
    std::fs::copy(&demo, &db).unwrap();
    let mut seed = 0x1234_5678_9abc_def1_u64;
    for _ in 0..25 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = common::ansvar_command()
            .args([
                "--db",
                d,
                "import",
                "fhir",
                bundle.to_str().unwrap(),
                "--author",
                "Test",
            ])
            .env("ANSVAR_CACHE_DIR", &cache)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_micros(seed % 150_000));
        let _ = child.kill();
        let _ = child.wait();
        let listed = ok(ansvar(&cache, &["--db", d, "cases", "--json"]));
        let cases: serde_json::Value = serde_json::from_str(&listed).expect("json");
        for case in cases.as_array().expect("array") {
            assert_ne!(case["name"], "", "a case with no name: {listed}");
        }
    }
}

/// `ansvar` as if the disk were full: no file may grow past `limit` bytes (writes fail with
/// EFBIG instead of the process being stopped by SIGXFSZ).
fn ansvar_on_full_disk(cache: &Path, limit: u64, args: &[&str]) -> Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = common::ansvar_command();
    cmd.args(args).env("ANSVAR_CACHE_DIR", cache);
    // SAFETY: between fork and exec only async-signal-safe calls, on this process alone.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("run ansvar")
}

#[test]
fn a_full_disk_fails_the_import_and_the_file_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let db = dir.path().join("demo.redb");
    let d = db.to_str().unwrap();
    let bundle = dir.path().join("bundle.json");
    let b = bundle.to_str().unwrap();
    ok(ansvar(&cache, &["--db", d, "demo"]));
    ok(ansvar(
        &cache,
        &["--db", d, "export", "fhir", "--case", "1", "--out", b],
    ));
    let mut before = ok(ansvar(&cache, &["--db", d, "cases", "--json"]));

    let import = [
        "--db", d, "--lang", "en", "import", "fhir", b, "--author", "Test",
    ];
    // The file may not grow: as on a full disk, its own blocks can still be rewritten.
    let limit = std::fs::metadata(&db).unwrap().len();
    // The file's free pages may hold an import or two (how many depends on redb's layout);
    // the first import that needs the file to grow must fail whole.
    let mut full = ansvar_on_full_disk(&cache, limit, &import);
    for _ in 0..20 {
        if !full.status.success() {
            break;
        }
        before = ok(ansvar(&cache, &["--db", d, "cases", "--json"]));
        full = ansvar_on_full_disk(&cache, limit, &import);
    }
    assert!(
        !full.status.success(),
        "the import cannot have been written"
    );
    let count = |json: &str| {
        serde_json::from_str::<serde_json::Value>(json)
            .unwrap()
            .as_array()
            .unwrap()
            .len()
    };
    let imported_before = count(&before);
    let stderr = String::from_utf8_lossy(&full.stderr);
    assert!(
        stderr.contains("disk is full") && stderr.contains(d),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    // Still full: reading works, and shows no half-written case.
    let read = ansvar_on_full_disk(&cache, limit, &["--db", d, "cases", "--json"]);
    assert_eq!(ok(read), before);
    // Space again: the next edit works.
    ok(ansvar(&cache, &import));
    let after = ok(ansvar(&cache, &["--db", d, "cases", "--json"]));
    let cases: serde_json::Value = serde_json::from_str(&after).unwrap();
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), imported_before + 1);
    assert!(cases.iter().all(|c| c["name"] != ""), "{after}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".recovering") || n.contains(".reading"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_backup_during_imports_sees_whole_cases_only() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let db = dir.path().join("demo.redb");
    let d = db.to_str().unwrap().to_string();
    let bundle = dir.path().join("bundle.json");
    let b = bundle.to_str().unwrap().to_string();
    ok(ansvar(&cache, &["--db", &d, "demo"]));
    ok(ansvar(
        &cache,
        &["--db", &d, "export", "fhir", "--case", "1", "--out", &b],
    ));
    let importer = {
        let (cache, d, b) = (cache.clone(), d.clone(), b.clone());
        std::thread::spawn(move || {
            for _ in 0..12 {
                ok(ansvar(
                    &cache,
                    &["--db", &d, "import", "fhir", &b, "--author", "Test"],
                ));
            }
        })
    };
    let copy = dir.path().join("copy.redb");
    let c = copy.to_str().unwrap();
    let mut backups = 0;
    while !importer.is_finished() {
        // The importer holds the file only while it writes: a backup may be told it is busy.
        if ansvar(&cache, &["--db", &d, "backup", "--out", c])
            .status
            .success()
        {
            backups += 1;
            let listed = ok(ansvar(&cache, &["--db", c, "cases", "--json"]));
            let cases: serde_json::Value = serde_json::from_str(&listed).expect("json");
            for case in cases.as_array().expect("array") {
                assert_ne!(case["name"], "", "the backup holds half a case: {listed}");
            }
        }
    }
    importer.join().expect("imports");
    assert!(backups > 0);
}

/// `ansvar` with the passphrase given one way or another (or not at all).
fn with_env(cache: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = std::process::Command::new(ANSVAR);
    c.args(args)
        .env("ANSVAR_CACHE_DIR", cache)
        .env_remove("ANSVAR_PASSPHRASE")
        .stdin(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run ansvar")
}

#[test]
fn the_cli_takes_the_passphrase_from_a_file_or_the_environment_and_changes_it() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let db = dir.path().join("demo.redb");
    let d = db.to_str().unwrap();
    let file = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let first = file("first.txt", "Sommer i Nordvik 2026\n");
    // A new database takes its passphrase as given, and tells the recovery key once.
    let o = with_env(
        &cache,
        &[],
        &["--db", d, "--passphrase-file", &first, "demo"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let recovery = stderr(&o)
        .split_whitespace()
        .find(|w| w.len() == 39 && w.split('-').count() == 8)
        .expect("the recovery key is told")
        .to_string();
    // From the file (its line end is not part of it) and from the environment.
    ok(with_env(
        &cache,
        &[],
        &["--db", d, "--passphrase-file", &first, "cases"],
    ));
    let by_env = [("ANSVAR_PASSPHRASE", "Sommer i Nordvik 2026")];
    assert!(ok(with_env(&cache, &by_env, &["--db", d, "cases"])).contains("Ola Nordmann"));
    // Wrong, or none at all without a terminal: refused with the reason.
    let wrong = with_env(
        &cache,
        &[("ANSVAR_PASSPHRASE", "feil")],
        &["--db", d, "cases"],
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("Feil passord eller gjenopprettingsnøkkel"));
    let none = with_env(&cache, &[], &["--db", d, "cases"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).contains("--passphrase-file"),
        "{}",
        stderr(&none)
    );
    // A new passphrase, proved by the current one; the old one then fails.
    let second = file("second.txt", "Høst på Fiktivøya i år");
    ok(with_env(
        &cache,
        &by_env,
        &["--db", d, "passphrase", "--new-passphrase-file", &second],
    ));
    assert_eq!(
        with_env(&cache, &by_env, &["--db", d, "cases"])
            .status
            .code(),
        Some(1)
    );
    ok(with_env(
        &cache,
        &[],
        &["--db", d, "--passphrase-file", &second, "cases"],
    ));
    // The backup is encrypted and opens with the same passphrase.
    let copy = dir.path().join("copy.redb");
    let c = copy.to_str().unwrap();
    ok(with_env(
        &cache,
        &[],
        &[
            "--db",
            d,
            "--passphrase-file",
            &second,
            "backup",
            "--out",
            c,
        ],
    ));
    assert!(
        !std::fs::read(&copy)
            .unwrap()
            .windows(12)
            .any(|w| w == b"Ola Nordmann")
    );
    assert!(
        ok(with_env(
            &cache,
            &[],
            &["--db", c, "--passphrase-file", &second, "cases"]
        ))
        .contains("Ola Nordmann")
    );
    // The recovery key still opens it (from a library call: the CLI asks for it on a terminal).
    let key = ansvar::store::RecoveryKey::parse(&recovery).unwrap();
    assert!(
        ansvar::store::Store::open_read_only(&db, &ansvar::store::Secret::Recovery(key)).is_ok()
    );
}
