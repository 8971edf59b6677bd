#!/usr/bin/env bash
# Runs the whole test suite in two far-apart time zones, once with the machine's date faked far
# from today (libfaketime), to show that no test depends on the day or the zone it runs in.
# Not part of .ci/run (it runs every test twice more); run it after changing anything that
# touches dates or times. Needs the plugins built (scripts/build-plugins.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends faketime
fi

# Build first with the real clock: cargo compares file times, which a faked clock confuses.
cargo test --workspace --locked --no-run --message-format=json 2>/dev/null |
    python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["manifest_path"].rsplit("/", 1)[0] + "\t" + m["executable"])
' >target/test-binaries.txt

run_all() {
    local label="$1"
    shift
    echo "== $label"
    local failed=0
    while IFS=$'\t' read -r dir exe; do
        # Each test binary runs in its package folder, as cargo test runs it.
        if ! (cd "$dir" && "$@" "$exe" -q >/tmp/ansvar-any-date.log 2>&1); then
            echo "FAILED: $exe ($label)"
            tail -30 /tmp/ansvar-any-date.log
            failed=1
        fi
    done <target/test-binaries.txt
    return $failed
}

status=0
run_all "TZ=Pacific/Kiritimati (UTC+14)" env TZ=Pacific/Kiritimati || status=1
run_all "TZ=America/Adak (UTC-10/-9), date faked to 2031-02-28 23:30" \
    env TZ=America/Adak faketime -f '@2031-02-28 23:30:00' || status=1
[ $status -eq 0 ] && echo "every test passed in both zones and on the faked date"
exit $status
