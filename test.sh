#!/usr/bin/env bash
# Runs every test of Ansvar on a fresh machine: installs what the tests need, builds the
# plugins from source to wasm, checks formatting and lints, then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"

echo "== plugins (built from source to wasm components)"
bash scripts/build-plugins.sh

echo "== test dependencies (pdftotext, FHIR R4 validator)"
bash scripts/install-test-deps.sh

echo "== the core builds without the window"
# ansvar-core (app/core) is everything but the UI: its dependency tree has no toolkit in it.
if cargo tree --locked -p ansvar-core -e normal,build,dev --prefix none | grep -E '^(egui|eframe|wgpu|winit|rfd) '; then
    echo "ansvar-core depends on a UI crate (above)" >&2
    exit 1
fi

echo "== format"
cargo fmt --all --check

echo "== lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== tests"
cargo test --workspace --locked
