//! Every user-visible string comes from the text catalogue (`ansvar::text`): no module picks
//! between a bokmål and an English literal of its own.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
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
fn only_the_catalogue_picks_a_language() {
    let app = Path::new(env!("CARGO_MANIFEST_DIR"));
    let core = app.join("core/src");
    let mut files = Vec::new();
    rust_files(&app.join("src"), &mut files);
    rust_files(&core, &mut files);
    assert!(files.len() > 40, "found only {} source files", files.len());
    // Spelled in pieces so that this file does not find itself.
    let call = [".pi", "ck("].concat();
    // The catalogue and the language type itself.
    let allowed = |p: &Path| {
        p.strip_prefix(&core)
            .is_ok_and(|rel| rel.starts_with("text") || rel == Path::new("i18n.rs"))
    };
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !allowed(f)) {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.contains(&call) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "bokmål/English pairs outside the text catalogue (add an S entry instead): {found:#?}"
    );
}
