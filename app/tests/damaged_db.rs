//! Damaged copies of a demo database, each run through the read commands and `backup`, as a
//! user would: no panic text, no exit 101, no hang, no different data returned silently, and
//! no byte of the file changed.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ANSVAR: &str = env!("CARGO_BIN_EXE_ansvar");
/// Per run; a damaged file must never make a command hang.
const TIMEOUT: Duration = Duration::from_secs(20);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `ansvar` with a timeout; a run that hangs fails the test.
fn ansvar(cache: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(ANSVAR)
        .env("ANSVAR_PASSPHRASE", ansvar::store::TEST_PASSPHRASE)
        .args(args)
        .arg("--lang")
        .arg("en")
        .env("ANSVAR_CACHE_DIR", cache)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ansvar");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("ansvar {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&reader.join().unwrap_or_default()).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned(),
    }
}

/// A small deterministic generator (xorshift64*), so every run damages the same way.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What the commands give on one file: per command, its output (stdout and written file) or
/// `None` when it refused.
fn outputs(cache: &Path, dir: &Path, db: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    let db_s = db.to_str().expect("utf-8 path");
    let pdf = dir.join("out.pdf");
    let fhir = dir.join("out.json");
    let backup = dir.join("backup.redb");
    let commands: Vec<(&str, Vec<&str>, Option<&Path>)> = vec![
        ("cases", vec!["cases"], None),
        ("cases --json", vec!["cases", "--json"], None),
        // Intact, or damage named without a panic (run before the exports add to the file).
        ("verify", vec!["verify"], None),
        (
            "export pdf",
            vec![
                "export",
                "pdf",
                "--case",
                "1",
                "--out",
                pdf.to_str().unwrap(),
            ],
            Some(&pdf),
        ),
        (
            "export fhir",
            vec![
                "export",
                "fhir",
                "--case",
                "1",
                "--out",
                fhir.to_str().unwrap(),
            ],
            Some(&fhir),
        ),
        (
            "backup",
            vec!["backup", "--out", backup.to_str().unwrap()],
            Some(&backup),
        ),
    ];
    let mut results = Vec::new();
    for (name, args, file) in commands {
        if let Some(f) = file {
            let _ = std::fs::remove_file(f);
        }
        let mut full = vec!["--db", db_s];
        full.extend(args);
        let before = std::fs::read(db).expect("read db");
        let run = ansvar(cache, &full);
        let what = format!("{name} on {}", db.display());
        assert_ne!(run.code, Some(101), "{what}: exit 101\n{}", run.stderr);
        assert!(
            run.code.is_some(),
            "{what}: killed by a signal\n{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
            "{what}: panic text on stderr:\n{}",
            run.stderr
        );
        // An export appends to the access log, so it opens the file for writing (which, as
        // for `demo` and `import`, writes only to a file proven to be Ansvar's and sound).
        if !name.starts_with("export") {
            assert_eq!(
                std::fs::read(db).expect("read db"),
                before,
                "{what}: the file changed"
            );
        }
        let output = match run.code {
            Some(0) => {
                let mut bytes = run.stdout.clone().into_bytes();
                match (name, file) {
                    // The copy is compared by what it lists.
                    ("backup", Some(f)) => {
                        let listed =
                            ansvar(cache, &["--db", f.to_str().unwrap(), "cases", "--json"]);
                        assert_eq!(listed.code, Some(0), "{what}: the backup does not open");
                        bytes = listed.stdout.into_bytes();
                    }
                    // The bundle's timestamp is the time of export.
                    ("export fhir", Some(f)) => {
                        let text = std::fs::read_to_string(f).expect("fhir written");
                        for line in text.lines().filter(|l| !l.contains("\"timestamp\"")) {
                            bytes.extend_from_slice(line.as_bytes());
                        }
                    }
                    (_, Some(f)) => bytes.extend(std::fs::read(f).expect("output written")),
                    _ => {}
                }
                Some(bytes)
            }
            _ => {
                // The documented exit status of a refusal (README).
                assert_eq!(run.code, Some(1), "{what}: exit status\n{}", run.stderr);
                assert!(
                    !run.stderr.trim().is_empty(),
                    "{what}: refused without a word"
                );
                None
            }
        };
        results.push((name.to_string(), output));
    }
    results
}

#[test]
fn damaged_copies_of_a_demo_database_are_refused_or_read_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let good = dir.path().join("demo.redb");
    let demo = ansvar(&cache, &["--db", good.to_str().unwrap(), "demo"]);
    assert_eq!(demo.code, Some(0), "{}", demo.stderr);
    let baseline = outputs(&cache, dir.path(), &good);
    assert!(
        baseline.iter().all(|(_, o)| o.is_some()),
        "the undamaged file must work"
    );
    let bytes = std::fs::read(&good).unwrap();
    let pages = bytes.len() / 4096;

    let mut rng = Rng(0x5EED_0A45_7A12_2026);
    let mut copies: Vec<(String, Vec<u8>)> = Vec::new();
    for _ in 0..70 {
        let mut b = bytes.clone();
        let at = rng.below(b.len());
        b[at] ^= 1 << rng.below(8);
        copies.push((format!("bit flipped at {at}"), b));
    }
    for _ in 0..20 {
        let mut b = bytes.clone();
        let at = rng.below(b.len());
        for x in &mut b[at..(at + 16).min(bytes.len())] {
            *x = rng.next() as u8;
        }
        copies.push((format!("16 random bytes at {at}"), b));
    }
    for _ in 0..20 {
        let cut = rng.below(bytes.len());
        copies.push((format!("cut at {cut}"), bytes[..cut].to_vec()));
    }
    copies.push((
        "cut by one page".into(),
        bytes[..bytes.len() - 4096].to_vec(),
    ));
    for _ in 0..30 {
        let mut b = bytes.clone();
        let page = rng.below(pages);
        b[page * 4096..(page + 1) * 4096].fill(0);
        copies.push((format!("page {page} zeroed"), b));
    }
    for len in [1, 4096] {
        let mut b = bytes.clone();
        b.extend((0..len).map(|_| rng.next() as u8));
        copies.push((format!("{len} junk bytes appended"), b));
    }

    let mut refused = 0;
    for (i, (how, damaged)) in copies.iter().enumerate() {
        let db = dir.path().join(format!("damaged-{i}.redb"));
        std::fs::write(&db, damaged).unwrap();
        for ((name, got), (_, want)) in outputs(&cache, dir.path(), &db).iter().zip(&baseline) {
            match got {
                Some(got) => assert_eq!(
                    Some(got),
                    want.as_ref(),
                    "{how}: `{name}` returned different data without refusing"
                ),
                None => refused += 1,
            }
        }
        let _ = std::fs::remove_file(&db);
    }
    // The damage is real: some of it must have been noticed.
    assert!(refused > 0);
}
