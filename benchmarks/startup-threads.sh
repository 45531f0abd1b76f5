#!/usr/bin/env bash
# Where a start's CPU goes (RESULTS.md, "Fifth session: startup"): starts the greeter with the java
# command given, and at Spring's "Started" line prints the CPU seconds of each kind of thread (main
# is "java"; the C1 and C2 compiler threads; GC; the rest by name) from /proc/PID/task/*/stat, then
# the seconds to Started. The Actuator port is moved to a free one, as in startup.sh.
# Usage: benchmarks/startup-threads.sh java [options] -jar samples/greeter/target/greeter.jar
set -euo pipefail

log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$@" --server.port=0 >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 6000); do
    grep -q 'process running for' "$log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.02
done
for task in /proc/"$pid"/task/*; do
    # comm may hold spaces; utime and stime are fields 14 and 15 of stat, 12 and 13 after "(comm) "
    echo "$(tr ' ' '_' <"$task/comm") $(sed 's/.*) //' "$task/stat" | awk '{ print $12 + $13 }')"
done | awk -v hz="$(getconf CLK_TCK)" '{
    kind = $1; sub(/[0-9]+$/, "", kind)
    if (kind ~ /^C2/) kind = "C2"; else if (kind ~ /^C1/) kind = "C1"; else if (kind ~ /^(GC|G1)/) kind = "GC"
    ticks[kind] += $2; total += $2
} END {
    for (kind in ticks) if (ticks[kind] > 0) printf "%s=%.2f ", kind, ticks[kind] / hz
    printf "total=%.2f\n", total / hz
}'
echo "seconds to Started: $(grep -o 'process running for [0-9.]*' "$log" | awk '{ print $4 }')"
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
