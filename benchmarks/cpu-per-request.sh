#!/usr/bin/env bash
# CPU time per request of several servers answering the greeter's Say.Hello, side by side, at
# several connection counts: for a machine shared with others, where req/s follow who had CPU 0.
# Each server runs alone on CPU 0 (the JVM flags of run.sh, plus a GC log), wrk -t1 on CPU 1; each
# is warmed up at 64 connections, then the runs are interleaved (a, b, a, b, ...). For every run:
# wrk's RESULT line, the server's CPU time (utime + stime of the whole process) per request, its
# share of CPU 0 over the run (near 1.00: the server was the bottleneck; well below: it was starved
# or waiting for wrk), wrk's own CPU time per request, the young collections during the run.
# Usage: benchmarks/cpu-per-request.sh NAME='java arguments with PORT' ...
#   e.g. netty='-cp benchmarks/target/micro-benchmarks.jar -Dloader.main=io.microspring.benchmarks.netty.BareNettyServer
#        org.springframework.boot.loader.launch.PropertiesLauncher PORT'
#        greeter='-jar samples/greeter/target/greeter.jar --server.port=0 --micro.server-address=127.0.0.1:PORT'
# Environment: CONNECTIONS (default "64 256"), ROUNDS (3), SECONDS_PER_RUN (8), WARMUP_SECONDS (15).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
. benchmarks/lib.sh micro-cpu
declare -A pid port
names=()

for spec in "$@"; do
  name=${spec%%=*}; port[$name]=$(free_port); names+=("$name")
  read -r -a args <<<"${spec#*=}"
  taskset -c 0 java -Xms256m -Xmx256m -XX:+UseParallelGC -Xlog:gc:file="$work/$name.gc" "${args[@]//PORT/${port[$name]}}" \
    --logging.level.root=warn >"$work/$name.log" 2>&1 &
  pid[$name]=$!
  pids+=("${pid[$name]}")
done
for name in "${names[@]}"; do
  for _ in $(seq 1 1800); do curl -s -o /dev/null -m 2 -X POST "http://127.0.0.1:${port[$name]}/" && break; sleep 0.1; done
  taskset -c 1 wrk -t1 -c64 -d"${WARMUP_SECONDS:-15}"s -s benchmarks/wrk/greeter.lua "http://127.0.0.1:${port[$name]}" >/dev/null
done
hz=$(getconf CLK_TCK)
seconds=${SECONDS_PER_RUN:-8}
for c in ${CONNECTIONS:-64 256}; do
  for _ in $(seq 1 "${ROUNDS:-3}"); do
    for name in "${names[@]}"; do
      gcs_before=$(grep -c Pause "$work/$name.gc" || true)
      before=$(awk '{print $14 + $15}' "/proc/${pid[$name]}/stat")
      out=$(taskset -c 1 /usr/bin/time -f "WRK_CPU %U %S" wrk -t1 -c"$c" -d"$seconds"s --latency \
        -s benchmarks/wrk/greeter.lua "http://127.0.0.1:${port[$name]}" 2>&1)
      after=$(awk '{print $14 + $15}' "/proc/${pid[$name]}/stat")
      gcs=$(( $(grep -c Pause "$work/$name.gc" || true) - gcs_before ))
      requests=$(awk '/requests in/ {print $1}' <<<"$out")
      [ "${requests:-0}" -gt 0 ] || requests=1
      wrk_cpu=$(awk -v r="$requests" '/WRK_CPU/ {printf "%.1f", ($2 + $3) * 1e6 / r}' <<<"$out")
      printf '%s c=%s %s cpu_us=%.1f cpu0_share=%.2f wrk_cpu_us=%s young_gcs=%s load=%s\n' "$name" "$c" \
        "$(grep '^RESULT' <<<"$out" | cut -d' ' -f2-)" "$(bc -l <<<"($after - $before) * 1000000 / $hz / $requests")" \
        "$(bc -l <<<"($after - $before) / $hz / $seconds")" "$wrk_cpu" "$gcs" "$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
