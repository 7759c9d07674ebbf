#!/usr/bin/env bash
# Runs one JMH benchmark alternately on its raw baseline and on Steadfast, in short JMH invocations, and prints
# every score, the median of each side, and the median of the per-pair ratios (Steadfast / raw of the same pair).
#
# Why: fsync latency on the shared virtual disks we measure on drifts 2-4x within minutes, so two long runs one
# after the other compare two disks, not two programs. Short alternating runs put both sides on the same disk
# state, and the median pair ratio ignores the pairs a drift cut through.
#
# Usage: benchmarks/alternate.sh [-n pairs] [-r raw-impl] [-s steadfast-impl] [-m raw-multiplier] [-x raw-jmh-args]
#                                Benchmark [jmh args]
#   -m  multiply the raw score by this (the group-commit baselines count one transaction of N rows per operation)
#   -x  JMH arguments for the raw runs only, e.g. "-t 1 -p rawRowsPerTx=16"
#   JAVA_OPTS  JVM options for the JMH launcher, e.g. -Dsteadfast.bench.pg=127.0.0.1:5432 (one shared server)
#   JAR        the benchmarks jar (default benchmarks/target/benchmarks.jar)
set -euo pipefail
pairs=6 raw=raw steadfast=steadfast mult=1 rawargs=""
while getopts "n:r:s:m:x:" o; do
  case $o in
    n) pairs=$OPTARG ;;
    r) raw=$OPTARG ;;
    s) steadfast=$OPTARG ;;
    m) mult=$OPTARG ;;
    x) rawargs=$OPTARG ;;
    *) sed -n '2,15p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { sed -n '2,15p' "$0"; exit 2; }
bench=$1; shift
jar=${JAR:-$(dirname "$0")/target/benchmarks.jar}
jmh=("$@")
[ ${#jmh[@]} -gt 0 ] || jmh=(-wi 2 -w 2s -i 3 -r 2s -f 1)

score() { # impl [extra jmh args] -> the primary score, the field after "thrpt <count>"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -jar "$jar" "$bench" -p impl="$1" "${jmh[@]}" ${2:-} 2>&1 \
    | awk -v impl="$1" '$0 ~ "^[A-Za-z]+Benchmark\\.[A-Za-z]+ " && index($0, " " impl " ") {
        for (i = 1; i <= NF; i++) if ($i == "thrpt") { print $(i + 2); exit } }'
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
echo "# $bench, $pairs pairs, raw=$raw (x$mult, $rawargs) steadfast=$steadfast, jmh: ${jmh[*]}, $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
for p in $(seq 1 "$pairs"); do
  r=$(score "$raw" "$rawargs"); s=$(score "$steadfast")
  [ -n "$r" ] && [ -n "$s" ] || { echo "pair $p: a run printed no score" >&2; exit 1; }
  r=$(awk -v r="$r" -v m="$mult" 'BEGIN { printf "%.1f", r * m }')
  echo "pair $p: raw $r steadfast $s ratio $(awk -v r="$r" -v s="$s" 'BEGIN { printf "%.3f", s / r }')"
  echo "$r $s" >> "$results"
done
awk 'function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
       return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
     { n++; raw[n] = $1; sf[n] = $2; ratio[n] = $2 / $1 }
     END { mr = median(raw, n); ms = median(sf, n)
           printf "median raw %.1f, median steadfast %.1f, ratio of medians %.3f, median pair ratio %.3f\n", mr, ms, ms / mr, median(ratio, n) }' "$results"
