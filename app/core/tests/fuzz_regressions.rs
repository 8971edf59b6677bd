//! Replays what the fuzz targets found (`tests/fuzz/regressions/<target>/`) and their seed
//! corpora (`tests/fuzz/seeds/<target>/`) through the same entry points as `scripts/fuzz.sh`
//! (`ansvar_core::fuzz`), so every finding stays fixed without nightly. FUZZING.md has the runs.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ansvar_core::export::{PluginSections, fhir};
use ansvar_core::fuzz::TARGETS;
use ansvar_core::plugins::host::PluginHost;
use ansvar_core::plugins::package::{Package, SecretKey};
use ansvar_core::store::{self, Store};
use chrono::{NaiveDate, TimeZone, Utc};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz")
}

fn replay(kind: &str) -> usize {
    let mut count = 0;
    for (name, target) in TARGETS {
        let dir = fuzz_dir().join(kind).join(name);
        let Ok(files) = std::fs::read_dir(&dir) else {
            continue;
        };
        for file in files {
            let path = file.expect("dir entry").path();
            let bytes = std::fs::read(&path).expect("read input");
            // A panic here is the finding itself, named by its file.
            let outcome = std::panic::catch_unwind(|| target(&bytes));
            match outcome {
                Ok(Ok(())) => count += 1,
                Ok(Err(broken)) => panic!("{}: {broken}", path.display()),
                Err(_) => panic!("{}: panicked", path.display()),
            }
        }
    }
    count
}

#[test]
fn every_kept_fuzz_finding_stays_fixed() {
    replay("regressions");
}

#[test]
fn every_seed_input_passes_its_target() {
    assert!(replay("seeds") > 0, "no seeds in {}", fuzz_dir().display());
}

/// Writes the seed corpora from real inputs: the demo cases (stored values, edit log, FHIR
/// export) and the fixture database, the built plugins (signed packages, their manifests and
/// forms). Run by hand when the formats change:
/// `cargo test -p ansvar-core --test fuzz_regressions -- --ignored write_seeds`.
#[test]
#[ignore]
fn write_seeds() {
    let seeds = fuzz_dir().join("seeds");
    let put = |target: &str, name: &str, bytes: &[u8]| {
        let dir = seeds.join(target);
        std::fs::create_dir_all(&dir).expect("seed dir");
        std::fs::write(dir.join(name), bytes).expect("write seed");
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = Arc::new(Store::open_test(tmp.path().join("demo.redb")).expect("store"));
    let today = NaiveDate::from_ymd_opt(2025, 10, 20).expect("date");
    let ids = ansvar_core::demo::write_demo(&db, today).expect("demo");
    let fixture = tmp.path().join("schema-1.redb");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-1.redb"),
        &fixture,
    )
    .expect("copy fixture");
    let old = Store::open_test(&fixture).expect("fixture");
    let at = Utc.with_ymd_and_hms(2025, 10, 20, 12, 0, 0).unwrap();
    for (store, prefix) in [(&*db, "demo"), (&old, "fixture")] {
        for summary in store.list_cases().expect("cases") {
            let id = summary.id;
            let case = store.load_case(id).expect("case");
            let n = id.0;
            put(
                "store_value",
                &format!("{prefix}-case-{n}.json"),
                &store::encode_stored_case(&case, Some(store.last_seq(id).expect("seq")))
                    .expect("encode"),
            );
            let json = fhir::export_json(
                &ansvar_core::consent::CaseView::everything(&case),
                &PluginSections::none(),
                at,
            )
            .expect("fhir");
            put(
                "fhir_bundle",
                &format!("{prefix}-case-{n}.json"),
                json.as_bytes(),
            );
            // Every 7th entry keeps the corpus small and still covers each kind of edit.
            for entry in store.log(id).expect("log").iter().step_by(7) {
                put(
                    "edit_log",
                    &format!("{prefix}-case-{n}-{}.json", entry.seq),
                    &store::encode_log_entry(entry).expect("encode"),
                );
            }
        }
    }
    assert!(!ids.is_empty());
    let host = PluginHost::new(None).expect("host");
    let key = SecretKey::generate().expect("key");
    let plugins = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/plugins");
    for name in ["ips-follow-up", "housing-checklist"] {
        let wasm = std::fs::read(plugins.join(format!("{name}.wasm"))).expect("build plugins");
        let plugin = host.load(&wasm).expect("load");
        let manifest = serde_json::to_vec(&plugin.manifest).expect("json");
        let form = serde_json::to_vec(&plugin.form).expect("json");
        put(
            "plugin_result",
            &format!("{name}-manifest"),
            &[&[0u8][..], &manifest].concat(),
        );
        put(
            "plugin_result",
            &format!("{name}-form"),
            &[&[1u8][..], &form].concat(),
        );
        let package = Package::sign(manifest, wasm, &key);
        put(
            "plugin_package",
            &format!("{name}.ansvarplugin"),
            &package.to_bytes(),
        );
    }
}
