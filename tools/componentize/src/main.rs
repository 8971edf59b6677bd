//! Turns a plugin's core wasm module (built for wasm32-unknown-unknown with
//! wit-bindgen) into a WebAssembly component, and checks components.
//!
//! ```text
//! componentize <core.wasm> <out.wasm>     encode, then check the result
//! componentize --check <component.wasm>…  check only
//! ```
//!
//! A component passes when it validates with the current wasmparser and with
//! the one the host's wasmtime uses, exports `ansvar:plugin/form-plugin@…`,
//! and imports nothing (no WASI, no host functions).

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use wit_component::{ComponentEncoder, DecodedWasm};

const EXPORT_PREFIX: &str = "ansvar:plugin/form-plugin@";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [flag, files @ ..] if flag == "--check" && !files.is_empty() => {
            files.iter().try_for_each(|f| check_file(Path::new(f)))
        }
        [input, output] if !input.starts_with('-') => {
            encode(Path::new(input), Path::new(output)).and_then(|()| check_file(Path::new(output)))
        }
        _ => {
            eprintln!(
                "usage: componentize <core.wasm> <out.wasm>\n       componentize --check <component.wasm>..."
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("componentize: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn encode(input: &Path, output: &Path) -> Result<()> {
    let module = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    let component = ComponentEncoder::default()
        .module(&module)
        .with_context(|| {
            format!(
                "{}: no component metadata (built with wit-bindgen?)",
                input.display()
            )
        })?
        .validate(true)
        .encode()
        .with_context(|| format!("encoding {} as a component", input.display()))?;
    let tmp = output.with_extension("wasm.tmp");
    std::fs::write(&tmp, &component).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, output).with_context(|| format!("writing {}", output.display()))?;
    Ok(())
}

fn check_file(path: &Path) -> Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let summary = check(&bytes).with_context(|| format!("checking {}", path.display()))?;
    println!(
        "{}: component OK, {} bytes, exports [{}], imports [{}]",
        path.display(),
        bytes.len(),
        summary.exports.join(", "),
        summary.imports.join(", ")
    );
    Ok(())
}

struct Summary {
    exports: Vec<String>,
    imports: Vec<String>,
}

fn check(bytes: &[u8]) -> Result<Summary> {
    if !wasmparser::Parser::is_component(bytes) {
        bail!("not a component (a core module?)");
    }
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::default())
        .validate_all(bytes)
        .context("invalid (wasmparser 0.262)")?;
    wasmparser_host::Validator::new_with_features(wasmparser_host::WasmFeatures::default())
        .validate_all(bytes)
        .context("invalid for the host runtime (wasmparser 0.254, as in wasmtime 48)")?;

    let DecodedWasm::Component(resolve, world) =
        wit_component::decode(bytes).context("decoding the component's WIT")?
    else {
        bail!("expected a component, found a WIT package");
    };
    let world = &resolve.worlds[world];
    let exports: Vec<String> = world
        .exports
        .keys()
        .map(|key| resolve.name_world_key(key))
        .collect();
    let imports: Vec<String> = world
        .imports
        .keys()
        .map(|key| resolve.name_world_key(key))
        .collect();
    if !exports.iter().any(|e| e.starts_with(EXPORT_PREFIX)) {
        bail!("does not export {EXPORT_PREFIX}*; exports: {exports:?}");
    }
    if !imports.is_empty() {
        bail!("a plugin must import nothing, but imports {imports:?}");
    }
    Ok(Summary { exports, imports })
}
