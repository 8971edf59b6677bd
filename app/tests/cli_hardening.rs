//! Issue 10, as a careless or hostile user meets the command line: outputs over inputs, a
//! full disk, backups over the source or a device, endless inputs, a mistyped --db, impossible
//! dates, escape sequences in names, and Norwegian under `--lang en`. Each test runs the real
//! `ansvar` binary and is named after the point of the issue it proves.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;
use common::*;

const COMPONENT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../target/plugins/hostile-good.wasm"
);

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn p(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn s(&self, name: &str) -> String {
        self.p(name).to_string_lossy().into_owned()
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = common::ansvar_command();
        c.args(args)
            .env("ANSVAR_CACHE_DIR", self.p("cache"))
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run ansvar")
    }

    /// Runs with a deadline: a command that blocks (on a FIFO) is killed and reported.
    fn run_within(&self, secs: u64, args: &[&str]) -> Output {
        let mut child = self
            .cmd(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ansvar");
        let start = Instant::now();
        loop {
            if child.try_wait().unwrap().is_some() {
                return child.wait_with_output().unwrap();
            }
            if start.elapsed() > Duration::from_secs(secs) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("ansvar {args:?} did not end within {secs} s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Runs with writes limited to `blocks` of 512 bytes, as a full disk fails a write.
    fn run_with_file_limit(&self, blocks: u32, args: &[&str]) -> Output {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!(
                "ulimit -f {blocks}; trap '' XFSZ; exec \"$0\" \"$@\""
            ))
            .arg(ANSVAR)
            .args(args)
            .env("ANSVAR_PASSPHRASE", ansvar::store::TEST_PASSPHRASE)
            .env("ANSVAR_CACHE_DIR", self.p("cache"))
            .current_dir(self.dir.path());
        c.output().expect("run ansvar under a file size limit")
    }

    /// A database with the three demo cases.
    fn demo(&self, name: &str) -> String {
        let db = self.s(name);
        ok(self.run(&["--db", &db, "demo"]));
        db
    }

    /// The first demo case as a FHIR Bundle.
    fn bundle(&self, db: &str) -> Value {
        let out = self.s("case1.json");
        ok(self.run(&["--db", db, "export", "fhir", "--case", "1", "--out", &out]));
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap()
    }

    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Refused the documented way: exit status 1, a message on stderr, no panic.
fn refused(o: &Output, what: &str) -> String {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{what}: exit {:?}\nstdout: {}\nstderr: {err}",
        o.status.code(),
        stdout(o)
    );
    assert!(!err.trim().is_empty(), "{what}: no message");
    assert!(!err.contains("panicked"), "{what}: {err}");
    err
}

fn component() -> &'static str {
    assert!(
        Path::new(COMPONENT).exists(),
        "{COMPONENT} is missing: build the plugins first: bash scripts/build-plugins.sh"
    );
    COMPONENT
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

fn no_temporary_files(env: &Env) {
    let left: Vec<String> = env
        .files()
        .into_iter()
        // (kopi.partial is the backup test's source, named as the old temporary file was.)
        .filter(|n| n.ends_with(".tmp") || (n.ends_with(".partial") && n != "kopi.partial"))
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

fn first<'a>(b: &'a mut Value, t: &str) -> &'a mut Value {
    b["entry"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .map(|e| &mut e["resource"])
        .find(|r| r["resourceType"] == t)
        .unwrap_or_else(|| panic!("no {t}"))
}

#[test]
fn point_1_an_output_never_overwrites_the_database_or_an_input() {
    let env = Env::new();
    let db = env.demo("ansvar.redb");
    let before = std::fs::read(&db).unwrap();
    std::os::unix::fs::symlink(&db, env.p("link.pdf")).unwrap();
    std::fs::hard_link(&db, env.p("hard.json")).unwrap();
    for out in [db.clone(), env.s("link.pdf"), env.s("hard.json")] {
        for kind in ["pdf", "fhir"] {
            let o = env.run(&[
                "--lang", "en", "--db", &db, "export", kind, "--case", "1", "--out", &out,
            ]);
            let err = refused(&o, &format!("export {kind} --out {out}"));
            assert!(err.contains("which this command reads"), "{err}");
            assert!(stdout(&o).is_empty(), "claimed success: {}", stdout(&o));
        }
    }
    let o = env.run(&[
        "--lang", "en", "--db", &db, "plugin", "keygen", "--out", &db,
    ]);
    refused(&o, "keygen over the database");
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the database changed"
    );
    ok(env.run(&["--db", &db, "cases"]));

    // Signing over its own key or component.
    let key = env.s("publisher.key");
    ok(env.run(&["plugin", "keygen", "--out", &key]));
    let key_text = std::fs::read(&key).unwrap();
    let wasm = env.s("form.wasm");
    std::fs::copy(component(), &wasm).unwrap();
    for out in [&key, &wasm] {
        let o = env.run(&[
            "--lang", "en", "plugin", "sign", "--key", &key, &wasm, "--out", out,
        ]);
        refused(&o, &format!("sign --out {out}"));
    }
    assert_eq!(std::fs::read(&key).unwrap(), key_text);
    assert!(std::fs::read(&wasm).unwrap() == std::fs::read(component()).unwrap());
}

#[test]
fn point_1_a_failed_write_leaves_no_truncated_or_empty_file() {
    let env = Env::new();
    // keygen on a "full disk": no 0-byte key left to block the next try.
    let key = env.s("publisher.key");
    let o = env.run_with_file_limit(0, &["--lang", "en", "plugin", "keygen", "--out", &key]);
    refused(&o, "keygen on a full disk");
    assert!(
        !env.p("publisher.key").exists(),
        "a broken key file was left"
    );
    no_temporary_files(&env);
    ok(env.run(&["plugin", "keygen", "--out", &key]));

    // sign over an existing package on a "full disk": the old package stays whole.
    let package = env.p("form.ansvarplugin");
    std::fs::write(&package, b"the old package").unwrap();
    let o = env.run_with_file_limit(
        8,
        &[
            "--lang",
            "en",
            "plugin",
            "sign",
            "--key",
            &key,
            component(),
            "--out",
            package.to_str().unwrap(),
        ],
    );
    refused(&o, "sign on a full disk");
    assert_eq!(std::fs::read(&package).unwrap(), b"the old package");
    no_temporary_files(&env);

    // export fhir over an existing file on a "full disk" (the bundle is far over 4 KB).
    let db = env.demo("ansvar.redb");
    let out = env.p("case.json");
    std::fs::write(&out, b"the old export").unwrap();
    let o = env.run_with_file_limit(
        8,
        &[
            "--lang",
            "en",
            "--db",
            &db,
            "export",
            "fhir",
            "--case",
            "1",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    refused(&o, "export fhir on a full disk");
    assert_eq!(std::fs::read(&out).unwrap(), b"the old export");
    no_temporary_files(&env);
}

#[test]
fn point_8_backup_never_destroys_its_source_or_a_non_regular_file() {
    let env = Env::new();
    let db = env.demo("ansvar.redb");
    // A source whose name ends in .partial (it was removed before).
    let source = env.s("kopi.partial");
    std::fs::copy(&db, &source).unwrap();
    let bytes = std::fs::read(&source).unwrap();
    let out = env.s("kopi.redb");
    ok(env.run(&["--db", &source, "backup", "--out", &out]));
    assert!(
        std::fs::read(&source).unwrap() == bytes,
        "the source changed"
    );
    assert!(ok(env.run(&["--db", &out, "cases"])).contains("Ola Nordmann"));

    // An existing --out: refused unless --force.
    std::fs::write(env.p("old.redb"), b"keep me").unwrap();
    let o = env.run(&[
        "--lang",
        "en",
        "--db",
        &db,
        "backup",
        "--out",
        &env.s("old.redb"),
    ]);
    let err = refused(&o, "backup over an existing file");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(env.p("old.redb")).unwrap(), b"keep me");
    ok(env.run(&[
        "--db",
        &db,
        "backup",
        "--out",
        &env.s("old.redb"),
        "--force",
    ]));
    assert!(ok(env.run(&["--db", &env.s("old.redb"), "cases"])).contains("Ola Nordmann"));

    // Never the source itself, also through a link, also with --force.
    std::os::unix::fs::symlink(&db, env.p("link.redb")).unwrap();
    let before = std::fs::read(&db).unwrap();
    for out in [db.clone(), env.s("link.redb")] {
        let o = env.run(&[
            "--lang", "en", "--db", &db, "backup", "--out", &out, "--force",
        ]);
        refused(&o, "backup over its source");
    }
    assert!(std::fs::read(&db).unwrap() == before, "the source changed");

    // Never a FIFO, a directory or a device, even with --force.
    mkfifo(&env.p("pipe"));
    std::fs::create_dir(env.p("folder")).unwrap();
    // (Not /dev/null: as root, a backup that gets this wrong would replace it.)
    for out in [env.s("pipe"), env.s("folder")] {
        let o = env.run_within(
            30,
            &[
                "--lang", "en", "--db", &db, "backup", "--out", &out, "--force",
            ],
        );
        let err = refused(&o, &format!("backup --out {out}"));
        assert!(err.contains("is not a regular file"), "{err}");
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata(env.p("pipe"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(env.p("folder").is_dir());

    // A failure names the source (and the target), never the temporary file.
    let o = env.run(&[
        "--lang",
        "en",
        "--db",
        &db,
        "backup",
        "--out",
        &env.s("no-such-folder/b.redb"),
    ]);
    let err = refused(&o, "backup into a missing folder");
    assert!(err.contains(&db), "{err}");
    assert!(
        !err.contains(".b.redb.") && !err.contains(".partial"),
        "{err}"
    );
    no_temporary_files(&env);
}

#[test]
fn point_10_endless_and_oversized_inputs_are_refused_without_reading_them() {
    let env = Env::new();
    let db = env.demo("ansvar.redb");
    let key = env.s("publisher.key");
    ok(env.run(&["plugin", "keygen", "--out", &key]));
    mkfifo(&env.p("pipe"));
    let pipe = env.s("pipe");
    // Sparse: large on paper, nothing on disk; reading them whole would take long and
    // allocate gigabytes.
    let sparse = |name: &str, len: u64| {
        let f = std::fs::File::create(env.p(name)).unwrap();
        f.set_len(len).unwrap();
        env.s(name)
    };
    let big_bundle = sparse("big.json", 8 << 30);
    let big_wasm = sparse("big.wasm", (16 << 20) + 1);
    let big_key = sparse("big.key", 1 << 30);
    let big_package = sparse("big.ansvarplugin", (64 << 20) + 1);
    let out = env.s("out.ansvarplugin");
    let wasm = component();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["import", "fhir", &pipe], "not a regular file"),
        (vec!["import", "fhir", "/dev/zero"], "not a regular file"),
        (vec!["import", "fhir", &big_bundle], "too large"),
        (vec!["plugin", "trust", &pipe], "not a regular file"),
        (vec!["plugin", "trust", "/dev/zero"], "not a regular file"),
        (vec!["plugin", "trust", &big_key], "too large"),
        (
            vec!["plugin", "sign", "--key", &pipe, wasm, "--out", &out],
            "not a regular file",
        ),
        (
            vec!["plugin", "sign", "--key", "/dev/zero", wasm, "--out", &out],
            "not a regular file",
        ),
        (
            vec!["plugin", "sign", "--key", &key, "/dev/zero", "--out", &out],
            "not a regular file",
        ),
        (
            vec!["plugin", "sign", "--key", &key, &pipe, "--out", &out],
            "not a regular file",
        ),
        (
            vec!["plugin", "sign", "--key", &key, &big_wasm, "--out", &out],
            "too large",
        ),
        (vec!["plugin", "check", &pipe], "not a regular file"),
        (vec!["plugin", "install", "/dev/zero"], "not a regular file"),
        (vec!["plugin", "install", &big_package], "too large"),
    ];
    for (args, expect) in cases {
        let mut full = vec!["--lang", "en", "--db", &db];
        full.extend(&args);
        let start = Instant::now();
        let o = env.run_within(30, &full);
        let err = refused(&o, &format!("{args:?}"));
        assert!(err.contains(expect), "{args:?}: {err}");
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{args:?} took {:?}",
            start.elapsed()
        );
    }
    assert!(!env.p("out.ansvarplugin").exists());

    // Nor is a pipe or a device opened as the database, by any command.
    for args in [vec!["cases"], vec!["demo"], vec!["plugin", "list"]] {
        for db in [pipe.as_str(), "/dev/zero"] {
            let mut full = vec!["--lang", "en", "--db", db];
            full.extend(&args);
            let o = env.run_within(30, &full);
            let err = refused(&o, &format!("--db {db} {args:?}"));
            assert!(err.contains("is not an Ansvar database"), "{err}");
        }
    }
}

#[test]
fn point_11_a_mistyped_db_creates_nothing() {
    let env = Env::new();
    let real = env.demo("ansvar.redb");
    let bundle = env.s("case1.json");
    std::fs::write(&bundle, env.bundle(&real).to_string()).unwrap();
    let package = env.s("form.ansvarplugin");
    let key = env.s("publisher.key");
    ok(env.run(&["plugin", "keygen", "--out", &key]));
    ok(env.run(&[
        "plugin",
        "sign",
        "--key",
        &key,
        component(),
        "--out",
        &package,
    ]));
    let missing = env.s("typo/sub/ansvr.redb");
    let out = env.s("out.file");
    let commands: Vec<Vec<&str>> = vec![
        vec!["cases"],
        vec!["cases", "--json"],
        vec!["export", "pdf", "--case", "1", "--out", &out],
        vec!["export", "fhir", "--case", "1", "--out", &out],
        vec!["import", "fhir", &bundle],
        vec!["backup", "--out", &out],
        vec!["plugin", "list"],
        vec!["plugin", "install", &package],
        vec!["plugin", "check", &package],
        vec!["plugin", "trust", &key],
        vec!["plugin", "remove", "no.test.x"],
    ];
    for args in commands {
        let mut full = vec!["--lang", "en", "--db", &missing];
        full.extend(&args);
        let o = env.run(&full);
        let err = refused(&o, &format!("{args:?}"));
        assert!(err.contains("There is no database"), "{args:?}: {err}");
        assert!(
            !env.p("typo").exists(),
            "{args:?} created {}",
            env.s("typo")
        );
        assert!(!env.p("out.file").exists(), "{args:?} wrote its output");
    }
    // An empty file is not made into a database either.
    std::fs::write(env.p("empty.redb"), b"").unwrap();
    let o = env.run(&["--lang", "en", "--db", &env.s("empty.redb"), "cases"]);
    refused(&o, "cases on an empty file");
    assert_eq!(std::fs::metadata(env.p("empty.redb")).unwrap().len(), 0);
    // demo is the command that makes one.
    ok(env.run(&["--db", &env.s("new/ansvar.redb"), "demo"]));
    assert!(env.p("new/ansvar.redb").is_file());
}

#[test]
fn point_12_impossible_and_implausible_dates_are_refused_naming_the_field() {
    let env = Env::new();
    let db = env.demo("ansvar.redb");
    let good = env.bundle(&db);
    type Mutate = fn(&mut Value);
    let cases: [(Mutate, &str, &str); 8] = [
        (
            |b| first(b, "Encounter")["period"]["start"] = "2026-07-02T25:00:00Z".into(),
            "Encounter",
            "period.start «2026-07-02T25:00:00Z»",
        ),
        (
            |b| first(b, "Encounter")["period"]["start"] = "2026-07-02T10:00:00".into(),
            "Encounter",
            "period.start «2026-07-02T10:00:00»",
        ),
        (
            |b| first(b, "Patient")["birthDate"] = "1993-08-21junk".into(),
            "Patient",
            "birthDate «1993-08-21junk» is not a date",
        ),
        (
            |b| first(b, "Patient")["birthDate"] = "1993-02-30".into(),
            "Patient",
            "birthDate «1993-02-30» is not a date",
        ),
        (
            |b| first(b, "Patient")["birthDate"] = "9999-12-31".into(),
            "Patient",
            "«9999-12-31» is in the future",
        ),
        (
            |b| first(b, "Patient")["birthDate"] = "1850-05-17".into(),
            "Patient",
            "«1850-05-17» is before 1900",
        ),
        (
            |b| first(b, "Task")["restriction"]["period"]["end"] = "3026-01-01".into(),
            "Task",
            "restriction.period.end «3026-01-01» is outside the dates",
        ),
        (
            |b| first(b, "Goal")["target"][0]["dueDate"] = "2026-13-01".into(),
            "Goal",
            "target.dueDate «2026-13-01» is not a date",
        ),
    ];
    let count = || ok(env.run(&["--db", &db, "cases", "--json"]));
    let before = count();
    for (mutate, resource, expect) in cases {
        let mut b = good.clone();
        mutate(&mut b);
        std::fs::write(env.p("bad.json"), b.to_string()).unwrap();
        let o = env.run(&[
            "--lang",
            "en",
            "--db",
            &db,
            "import",
            "fhir",
            &env.s("bad.json"),
        ]);
        let err = refused(&o, expect);
        assert!(err.contains(expect), "expected «{expect}» in: {err}");
        assert!(
            err.starts_with(resource),
            "the resource is not named: {err}"
        );
    }
    assert_eq!(count(), before, "a refused import left a case behind");
    // The same bundle, untouched, still imports.
    std::fs::write(env.p("good.json"), good.to_string()).unwrap();
    ok(env.run(&["--db", &db, "import", "fhir", &env.s("good.json")]));
}

const HOSTILE_NAME: &str = "Kari \u{1b}[2J\u{1b}]0;pwned\u{7}Nordmann\u{9b}31m \u{202e}nosrep";

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

#[test]
fn point_13_control_characters_never_reach_the_terminal() {
    let env = Env::new();
    let db = env.demo("ansvar.redb");
    let mut b = env.bundle(&db);
    first(&mut b, "Patient")["name"] = serde_json::json!([{ "text": HOSTILE_NAME }]);
    std::fs::write(env.p("hostile.json"), b.to_string()).unwrap();
    ok(env.run(&["--db", &db, "import", "fhir", &env.s("hostile.json")]));

    let shown = ok(env.run(&["--db", &db, "cases"]));
    assert!(
        !shown.chars().any(is_unsafe),
        "raw control characters: {shown:?}"
    );
    assert!(shown.contains("Kari \\u{1b}[2J"), "{shown}");

    // JSON stays JSON and keeps the name as it is.
    let json = ok(env.run(&["--db", &db, "cases", "--json"]));
    assert!(
        !json.chars().any(is_unsafe),
        "raw control characters: {json:?}"
    );
    let list: Vec<Value> = serde_json::from_str(&json).expect("cases --json is JSON");
    assert!(list.iter().any(|c| c["name"] == HOSTILE_NAME), "{json}");

    // Messages echo case text too: the participants named when --for fits no one.
    let o = env.run(&[
        "--db",
        &db,
        "export",
        "pdf",
        "--case",
        "4",
        "--for",
        "\u{1b}[31mx",
        "--out",
        &env.s("x.pdf"),
    ]);
    let err = refused(&o, "export --for no one");
    assert!(
        !err.chars().any(is_unsafe),
        "raw control characters: {err:?}"
    );
}

#[test]
fn point_13_every_print_of_the_command_line_goes_through_the_safe_printer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in ["main.rs", "export_cmd.rs", "plugin_cmd.rs"] {
        let text = std::fs::read_to_string(src.join(file)).unwrap();
        for (n, line) in text.lines().enumerate() {
            for raw in ["println!(", "eprintln!(", "print!(", "eprint!("] {
                assert!(
                    !line.contains(raw),
                    "{file}:{}: prints without term::safe (use say!/tell!): {}",
                    n + 1,
                    line.trim()
                );
            }
        }
    }
}

/// Words only bokmål has (none is English), for telling a message's language.
const BOKMAL: &[&str] = &[
    "ikke",
    "er",
    "filen",
    "mangler",
    "finnes",
    "eieren",
    "mottakeren",
    "vurderingen",
    "dato",
    "tidspunkt",
    "sier",
    "hvilket",
    "skjema",
    "importert",
    "gyldig",
    "fremtiden",
    "som",
    "til",
    "og",
    "en",
    "et",
    "uten",
    "av",
    "kunne",
    "lese",
    "teksten",
    "lang",
    "sikkerhetskopi",
];

fn bokmal_words(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| BOKMAL.contains(&w.as_str()))
        .collect();
    if text.chars().any(|c| "æøåÆØÅ".contains(c)) {
        found.push("æ/ø/å".into());
    }
    found
}

#[test]
fn point_14_refused_imports_speak_the_language_asked_for() {
    let env = Env::new();
    let db = env.demo("ansvar.redb");
    let good = env.bundle(&db);
    let mut broken: Vec<(String, String)> = vec![
        ("not json".into(), "this is { not json".into()),
        ("not fhir".into(), r#"{"a": 1}"#.into()),
        (
            "a patient".into(),
            r#"{"resourceType": "Patient", "id": "x"}"#.into(),
        ),
        ("not utf-8".into(), String::new()),
    ];
    type Mutate = fn(&mut Value);
    let mutations: [(&str, Mutate); 15] = [
        ("wrong version", |b| {
            b["meta"]["tag"][0]["code"] = "5.0.0".into()
        }),
        ("no patient", |b| {
            b["entry"]
                .as_array_mut()
                .unwrap()
                .retain(|e| e["resource"]["resourceType"] != "Patient")
        }),
        ("two patients", |b| {
            let mut other = b["entry"][0].clone();
            other["resource"]["id"] = "another".into();
            other["fullUrl"] = "urn:uuid:another".into();
            b["entry"].as_array_mut().unwrap().push(other);
        }),
        ("entry without id", |b| {
            first(b, "Goal").as_object_mut().unwrap().remove("id");
        }),
        ("missing reference", |b| {
            first(b, "Task")["owner"]["reference"] =
                "urn:uuid:00000000-0000-4000-8000-000000000000".into()
        }),
        ("owner outside the team", |b| {
            let org = b["entry"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["resource"]["resourceType"] == "Organization")
                .map(|e| e["fullUrl"].clone())
                .unwrap();
            first(b, "Task")["owner"] = serde_json::json!({ "reference": org });
        }),
        ("birth date junk", |b| {
            first(b, "Patient")["birthDate"] = "1993-08-21junk".into()
        }),
        ("birth date ahead", |b| {
            first(b, "Patient")["birthDate"] = "9999-12-31".into()
        }),
        ("birth date old", |b| {
            first(b, "Patient")["birthDate"] = "1850-01-01".into()
        }),
        ("hour 25", |b| {
            first(b, "Encounter")["period"]["start"] = "2026-07-02T25:00:00Z".into()
        }),
        ("no start", |b| {
            first(b, "Encounter")["period"]
                .as_object_mut()
                .unwrap()
                .remove("start");
        }),
        ("rating 300", |b| {
            let g = first(b, "Goal");
            g["extension"] = serde_json::json!([{
                "url": "https://ansvar.example/fhir/StructureDefinition/goal-rating",
                "extension": [
                    { "url": "date", "valueDate": "2026-07-02" },
                    { "url": "value", "valueInteger": 300 }
                ]
            }]);
        }),
        ("far future", |b| {
            first(b, "Task")["restriction"]["period"]["end"] = "3026-01-01".into()
        }),
        ("name too long", |b| {
            first(b, "Patient")["name"] = serde_json::json!([{ "text": "x".repeat(100_001) }])
        }),
        ("form without questionnaire", |b| {
            let patient = b["entry"][0]["fullUrl"].clone();
            b["entry"].as_array_mut().unwrap().push(serde_json::json!({
                "fullUrl": "urn:uuid:7d1f0b8e-3c55-4f1a-9a55-0c2b8f0d9e11",
                "resource": {
                    "resourceType": "QuestionnaireResponse",
                    "id": "7d1f0b8e-3c55-4f1a-9a55-0c2b8f0d9e11",
                    "status": "completed",
                    "subject": { "reference": patient },
                }
            }));
        }),
    ];
    for (what, mutate) in mutations {
        let mut b = good.clone();
        mutate(&mut b);
        broken.push((what.into(), b.to_string()));
    }
    let count = || ok(env.run(&["--db", &db, "cases", "--json"]));
    let before = count();
    let mut messages = 0;
    for (i, (what, text)) in broken.iter().enumerate() {
        let file = env.p(&format!("broken-{i}.json"));
        if what == "not utf-8" {
            std::fs::write(&file, b"{\"resourceType\": \"\xff\xfe\"}").unwrap();
        } else {
            std::fs::write(&file, text).unwrap();
        }
        let file = file.to_str().unwrap();
        let en = env.run(&["--lang", "en", "--db", &db, "import", "fhir", file]);
        let en = refused(&en, what);
        let found = bokmal_words(&en);
        assert!(
            found.is_empty(),
            "{what}: bokmål {found:?} under --lang en: {en}"
        );
        let nb = env.run(&["--db", &db, "import", "fhir", file]);
        let nb = refused(&nb, what);
        assert!(!bokmal_words(&nb).is_empty(), "{what}: not bokmål: {nb}");
        messages += 1;
    }
    assert_eq!(messages, 19);
    assert_eq!(count(), before, "a refused import left a case behind");

    // And the files around an import: missing, a folder, too large.
    std::fs::create_dir(env.p("folder.json")).unwrap();
    std::fs::File::create(env.p("huge.json"))
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    for file in ["missing.json", "folder.json", "huge.json"] {
        let o = env.run(&["--lang", "en", "--db", &db, "import", "fhir", &env.s(file)]);
        let en = refused(&o, file);
        assert!(bokmal_words(&en).is_empty(), "{file}: {en}");
        let o = env.run(&["--db", &db, "import", "fhir", &env.s(file)]);
        assert!(!bokmal_words(&refused(&o, file)).is_empty(), "{file}");
    }
    // The backup's failure too.
    std::fs::write(env.p("taken.redb"), b"x").unwrap();
    let o = env.run(&[
        "--lang",
        "en",
        "--db",
        &db,
        "backup",
        "--out",
        &env.s("taken.redb"),
    ]);
    let en = refused(&o, "backup over a file");
    assert!(bokmal_words(&en).is_empty(), "{en}");
}
