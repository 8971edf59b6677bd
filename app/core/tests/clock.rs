//! The app reads the time from one injected clock (`ansvar_core::clock::Clock`): nothing else may
//! ask the computer for the date, or a test would depend on the day it runs.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_clock_module_reads_the_computers_clock() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in [
        "app/src",
        "app/tests",
        "app/core/src",
        "app/core/tests",
        "app/core/benches",
        "app/benches",
        "tests",
        "plugins",
        "plugin-api/src",
    ] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {} source files", files.len());
    // Spelled in pieces so that this file does not find itself.
    let calls = [
        ["Utc", "::now("],
        ["Local", "::now("],
        ["SystemTime", "::now("],
        ["Local", ".offset_from"],
    ];
    let mut found = Vec::new();
    for file in &files {
        if file.ends_with("src/clock.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for [a, b] in calls {
            let call = format!("{a}{b}");
            if text.contains(&call) {
                found.push(format!("{}: {call}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "read the clock outside clock.rs: {found:#?}"
    );
}
