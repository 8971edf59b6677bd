#!/usr/bin/env bash
# Runs every fuzz target (tests/fuzz, cargo fuzz on nightly) for a fixed time, one after the
# other, each from its seed corpus (tests/fuzz/seeds/<target>, real inputs: the demo cases,
# the fixture database, the signed real plugins) plus what earlier runs kept. Not part of
# .ci/run: the findings are kept in tests/fuzz/regressions/<target>/ and replayed there by
# app/core/tests/fuzz_regressions.rs.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]     (default 120 s, every target)
#
# Build and corpora live in target/fuzz, so the main build is never invalidated. A crash is
# left by libFuzzer in target/fuzz/artifacts/<target>/; copy it to the regressions folder when
# it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_EACH=${1:-120}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
    TARGETS=(store_value edit_log fhir_bundle plugin_package plugin_result)
fi
OUT="$ROOT/target/fuzz"
mkdir -p "$OUT"

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

for t in "${TARGETS[@]}"; do
    corpus="$OUT/corpus/$t"
    artifacts="$OUT/artifacts/$t"
    mkdir -p "$corpus" "$artifacts"
    for dir in "$ROOT/tests/fuzz/seeds/$t" "$ROOT/tests/fuzz/regressions/$t"; do
        [ -d "$dir" ] && cp -n "$dir"/* "$corpus"/ 2>/dev/null || true
    done
    echo "== $t: ${SECONDS_EACH}s"
    # One job, one worker: the machine is shared. -rss_limit_mb covers the wasmtime-sized core.
    cargo +nightly fuzz run --fuzz-dir "$ROOT/tests/fuzz" --target-dir "$OUT/build" \
        "$t" "$corpus" -- \
        -max_total_time="$SECONDS_EACH" -artifact_prefix="$artifacts/" \
        -max_len=1048576 -rss_limit_mb=4096 -print_final_stats=1 \
        2>&1 | tee "$OUT/$t.log" | grep -E "^#[0-9]+.*(INITED|DONE)|stat::|SUMMARY|panicked|ERROR" || true
done
