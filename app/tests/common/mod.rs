//! What the command-line tests share: running the real `ansvar` binary and reading its answer.
// Each test file uses its own part of this.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const ANSVAR: &str = env!("CARGO_BIN_EXE_ansvar");

/// The `ansvar` binary, with the passphrase of the test databases in its environment (as a
/// script passes it; see `Store::open_test`).
pub fn ansvar_command() -> Command {
    let mut c = Command::new(ANSVAR);
    c.env("ANSVAR_PASSPHRASE", ansvar::store::TEST_PASSPHRASE);
    c
}

/// The plugin components `scripts/build-plugins.sh` builds.
pub const PLUGINS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/plugins/");

/// Runs `ansvar args…` with its compile cache in `cache`.
pub fn ansvar(cache: &Path, args: &[&str]) -> Output {
    ansvar_command()
        .args(args)
        .env("ANSVAR_CACHE_DIR", cache)
        .output()
        .expect("run ansvar")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The standard output of a run that must have succeeded.
pub fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        stdout(&o),
        stderr(&o)
    );
    stdout(&o)
}

/// A built plugin component, by name.
pub fn wasm(name: &str) -> Vec<u8> {
    let path = PathBuf::from(PLUGINS).join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. Build the plugins first: bash scripts/build-plugins.sh",
            path.display()
        )
    })
}
