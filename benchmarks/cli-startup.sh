#!/usr/bin/env bash
# How long `steadfast inspect` takes on a small SQLite store, as a user runs it (./steadfast), beside the JVM's own
# start (`java -version`) on the same machine in the same minute: the median wall time of N runs of each
# (default 10), interleaved so that a change in machine load hits both sides; user+system CPU beside it, which
# load disturbs less; and the load average before and after. Goal (issue 22): inspect <= 300 ms wall.
#
# Usage: benchmarks/cli-startup.sh [-n runs]
#   Builds cli/target/steadfast.jar first when it is missing or stale (through ./steadfast).
#   The store is a copy of the format corpus's SQLite store (core/src/test/resources/format-corpus).
#   Also measured, for comparison: `java -jar cli/target/steadfast.jar inspect` without the wrapper's JVM options.
set -euo pipefail
runs=10
while getopts "n:" o; do
  case $o in
    n) runs=$OPTARG ;;
    *) sed -n '2,11p' "$0"; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$root/core/src/test/resources/format-corpus/v-2026-11/sqlite/store.db"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$corpus" "$work/store.db"
store="sqlite:$work/store.db"

"$root/steadfast" --version >/dev/null   # builds the jar if stale; warms the file cache
"$root/steadfast" inspect --store "$store" >/dev/null

# One run: "wall user+sys" in seconds, from bash's own timer.
measure() {
  local TIMEFORMAT='%3R %3U %3S' line
  line=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
  awk '{printf "%s %.3f\n", $1, $2 + $3}' <<<"$line"
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
: >"$work/jvm" ; : >"$work/inspect" ; : >"$work/plain"
for ((i = 0; i < runs; i++)); do
  measure java -version >>"$work/jvm"
  measure "$root/steadfast" inspect --store "$store" >>"$work/inspect"
  measure java -jar "$root/cli/target/steadfast.jar" inspect --store "$store" >>"$work/plain"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"

report() {
  printf '%-44s %8.0f ms wall  %8.0f ms cpu\n' "$1" \
    "$(cut -d' ' -f1 "$2" | median | awk '{print $1 * 1000}')" "$(cut -d' ' -f2 "$2" | median | awk '{print $1 * 1000}')"
}
echo "median of $runs runs, $(java -version 2>&1 | head -1), nproc $(nproc 2>/dev/null || echo '?')"
report "java -version" "$work/jvm"
report "./steadfast inspect (small SQLite store)" "$work/inspect"
report "java -jar steadfast.jar inspect (no options)" "$work/plain"
ratio=$(paste <(cut -d' ' -f1 "$work/inspect" | median) <(cut -d' ' -f1 "$work/jvm" | median) | awk '{printf "%.1f", $1 / $2}')
echo "inspect / java -version (wall): ${ratio}x; load average before: $load_before, after: $load_after"
