#!/usr/bin/env bash
# Builds every plugin in plugins/ from source to a WebAssembly component:
#
#   target/plugins/<plugin-dir>.wasm      e.g. target/plugins/ips-follow-up.wasm
#
# and the host tests' hostile fixture tests/hostile-plugin once per cargo feature:
#
#   target/plugins/hostile-<feature>.wasm  e.g. target/plugins/hostile-loop.wasm
#   target/plugins/hostile-good.wasm       (no feature: the well-behaved variant)
#
# 1. Core modules for wasm32-unknown-unknown, with the workspace's `plugin`
#    profile, into target/wasm (a target dir of their own: another toolchain). With rustup's wasm32 target if it is
#    installed; otherwise with Debian's rustc-web toolchain and -Zbuild-std
#    (installed here if missing; see shared/wasm-toolchain.md).
# 2. The project's own tool tools/componentize (a host build in target/) turns
#    each core module into a component and checks it: valid, exports
#    ansvar:plugin/form-plugin@<api version>, imports nothing.
#
# Idempotent: cargo does nothing when nothing changed, and a component is only
# re-encoded when its core module or the tool is newer.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WASM_TARGET=wasm32-unknown-unknown
WASM_TARGET_DIR="$ROOT/target/wasm"
TOOLS_TARGET_DIR="$ROOT/target"
OUT_DIR="$ROOT/target/plugins"
DEBIAN_PACKAGES=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22)

log() { printf 'build-plugins: %s\n' "$*"; }
die() {
    printf 'build-plugins: error: %s\n' "$*" >&2
    exit 1
}

# Settings from a calling cargo or shell must not leak into these builds (a
# host RUSTFLAGS would break the wasm build; a shared target dir would mix
# toolchains).
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET CARGO_BUILD_TARGET_DIR RUSTFLAGS \
    CARGO_ENCODED_RUSTFLAGS CARGO_BUILD_RUSTFLAGS RUSTC RUSTDOC RUSTC_BOOTSTRAP \
    RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER

# --- the plugins -------------------------------------------------------------

PLUGIN_DIRS=()
PLUGIN_CRATES=()
for manifest in plugins/*/Cargo.toml; do
    [ -f "$manifest" ] || continue
    dir="$(basename "$(dirname "$manifest")")"
    crate="$(sed -n 's/^name[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$manifest" | head -n 1)"
    [ -n "$crate" ] || die "no package name in $manifest"
    PLUGIN_DIRS+=("$dir")
    PLUGIN_CRATES+=("$crate")
done
[ "${#PLUGIN_DIRS[@]}" -gt 0 ] || die "no plugins found in plugins/*/Cargo.toml"
log "plugins: ${PLUGIN_DIRS[*]}"

# --- 1. core wasm modules ------------------------------------------------------

debian_toolchain_installed() {
    [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] || return 1
    command -v dpkg-query >/dev/null 2>&1 || return 1
    local installed
    installed="$(dpkg-query -W -f='${Status}\n' "${DEBIAN_PACKAGES[@]}" 2>/dev/null |
        grep -c 'install ok installed' || true)"
    [ "$installed" -eq "${#DEBIAN_PACKAGES[@]}" ]
}

install_debian_toolchain() {
    command -v apt-get >/dev/null 2>&1 ||
        die "no wasm32 toolchain: run 'rustup target add $WASM_TARGET' (or install Debian's ${DEBIAN_PACKAGES[*]})"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "need root or sudo to install ${DEBIAN_PACKAGES[*]}"
        sudo=(sudo)
    fi
    log "installing Debian's wasm-capable Rust toolchain: ${DEBIAN_PACKAGES[*]}"
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${DEBIAN_PACKAGES[@]}"
}

PACKAGE_ARGS=()
for crate in "${PLUGIN_CRATES[@]}"; do
    PACKAGE_ARGS+=(-p "$crate")
done

start=$SECONDS
if command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
    log "toolchain: rustup ($(rustc --version)) with target $WASM_TARGET"
    build=(cargo build)
else
    if ! debian_toolchain_installed; then
        install_debian_toolchain
    fi
    log "toolchain: Debian $(/usr/bin/rustc --version) with -Zbuild-std (rustup has no $WASM_TARGET)"
    # shellcheck disable=SC2054 # the comma is part of -Zbuild-std=std,panic_abort
    build=(env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
        /usr/bin/cargo build -Zbuild-std=std,panic_abort)
fi
log "building core modules into ${WASM_TARGET_DIR#"$ROOT"/}"
"${build[@]}" --profile plugin --locked --target "$WASM_TARGET" \
    --target-dir "$WASM_TARGET_DIR" "${PACKAGE_ARGS[@]}"
log "core modules done in $((SECONDS - start)) s"

# --- 1b. hostile test fixtures ---------------------------------------------------
#
# One crate, one build per feature. A cdylib's output file is the same for every feature set,
# so each variant's core module is copied aside, and rebuilt only when the crate, the SDK or
# the workspace manifests are newer than that copy.

HOSTILE_CRATE=hostile-plugin
HOSTILE_VARIANTS=(good old-version loop memory-bomb panic huge-result malformed-result garbage-manifest crisis-roles update update-asks-more)
HOSTILE_CORE_DIR="$WASM_TARGET_DIR/hostile"
mkdir -p "$HOSTILE_CORE_DIR"
start=$SECONDS
for variant in "${HOSTILE_VARIANTS[@]}"; do
    saved="$HOSTILE_CORE_DIR/$variant.wasm"
    if [ -f "$saved" ] &&
        [ -z "$(find tests/hostile-plugin plugin-api Cargo.toml Cargo.lock -type f -newer "$saved" -print -quit)" ]; then
        continue
    fi
    features=()
    [ "$variant" = good ] || features=(--features "$variant")
    log "building hostile fixture: $variant"
    "${build[@]}" --profile plugin --locked --target "$WASM_TARGET" \
        --target-dir "$WASM_TARGET_DIR" -p "$HOSTILE_CRATE" "${features[@]}"
    cp "$WASM_TARGET_DIR/$WASM_TARGET/plugin/${HOSTILE_CRATE//-/_}.wasm" "$saved"
done
log "hostile fixtures done in $((SECONDS - start)) s"

# --- 2. components ---------------------------------------------------------------

start=$SECONDS
log "building tools/componentize into ${TOOLS_TARGET_DIR#"$ROOT"/}"
cargo build --locked --quiet -p ansvar-componentize
COMPONENTIZE="$TOOLS_TARGET_DIR/debug/componentize"
[ -x "$COMPONENTIZE" ] || die "componentize was not built"

mkdir -p "$OUT_DIR"
# componentize <core.wasm> <out.wasm>: only when the core module or the tool is newer.
componentize() {
    local core="$1" out="$2"
    if [ -f "$out" ] && [ "$out" -nt "$core" ] && [ "$out" -nt "$COMPONENTIZE" ]; then
        log "up to date: ${out#"$ROOT"/}"
        return
    fi
    log "componentizing ${core#"$ROOT"/} -> ${out#"$ROOT"/}"
    "$COMPONENTIZE" "$core" "$out"
}
for i in "${!PLUGIN_DIRS[@]}"; do
    dir="${PLUGIN_DIRS[$i]}"
    core="$WASM_TARGET_DIR/$WASM_TARGET/plugin/${PLUGIN_CRATES[$i]//-/_}.wasm"
    [ -f "$core" ] || die "missing core module $core (is plugins/$dir a member of the root Cargo.toml?)"
    componentize "$core" "$OUT_DIR/$dir.wasm"
done
for variant in "${HOSTILE_VARIANTS[@]}"; do
    componentize "$HOSTILE_CORE_DIR/$variant.wasm" "$OUT_DIR/hostile-$variant.wasm"
done
log "components done in $((SECONDS - start)) s"

for dir in "${PLUGIN_DIRS[@]}"; do
    out="$OUT_DIR/$dir.wasm"
    log "$(printf '%-40s %8d bytes' "${out#"$ROOT"/}" "$(wc -c <"$out")")"
done
