//! The compile cache: native code is run only when its MAC, keyed by the database's cache key,
//! ties it to the component and this engine (issue 10, point 5). The CLI side is in
//! app/tests/plugin_security.rs.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use ansvar_core::plugins::host::PluginHost;
use ansvar_core::store::Store;

fn wasm(name: &str) -> Vec<u8> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../target/plugins/{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. Build the plugins first: bash scripts/build-plugins.sh",
            path.display()
        )
    })
}

fn cache_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "cwasm"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn hosts_of_one_database_share_the_cache_and_others_do_not_trust_it() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let store = Store::open_test(dir.path().join("ansvar.redb")).unwrap();
    let bytes = wasm("hostile-good");
    let first = PluginHost::for_store(Some(cache.clone()), &store).unwrap();
    first.load(&bytes).unwrap();
    let file = cache_file(&cache);
    let written = modified(&file);
    let key: Option<String> = store.setting("plugin_cache_key").unwrap();
    assert_eq!(key.map(|k| k.len()), Some(64), "a 32-byte key, kept as hex");

    // The next run (same database) reads the file as it is.
    let second = PluginHost::for_store(Some(cache.clone()), &store).unwrap();
    second.load(&bytes).unwrap();
    assert_eq!(modified(&file), written);

    // A host with another key (another database, or none) does not run that file: it
    // compiles again and writes its own.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let other = PluginHost::new(Some(cache.clone())).unwrap();
    assert_eq!(other.load(&bytes).unwrap().manifest.id, "no.test.fiendtlig");
    assert_ne!(modified(&cache_file(&cache)), written);
}
