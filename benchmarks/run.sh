#!/usr/bin/env bash
# Side-by-side throughput of the greeter against two baselines, in one run, with wrk:
#   netty    a bare Reactor Netty server answering the same bytes (the ceiling here)
#   greeter  samples/greeter: go.micro.srv.greeter, Say.Hello over go-micro's HTTP wire
#   webflux  a Spring WebFlux @RestController doing the same work
#   go       go-micro v5.30.0's greeter-srv (interop/cmd/greeter-srv, built by scripts/build-interop.sh),
#            GOMAXPROCS=1, the same request over the same wire
# Servers are pinned to CPU 0 and wrk to CPU 1 (the machine has 2 cores), so each target gets
# the same single core. Every target is warmed up for WARMUP_SECONDS (default 30) first, so that
# the JIT has compiled the hot path before anything is measured.
# Before the load runs it measures the greeter's startup to "registered" on both cores, median of
# three starts: as a plain `java -jar`, and from the extracted jar with a class data sharing
# archive (Spring Boot's documented CDS setup, trained once here). Also reports resident memory.
# Each connection count runs the three targets in turn, for several rounds, and reports each
# target's median round, so that a disturbance during one run does not decide a ratio; every
# round's req/s is shown too, so a disturbed round stays visible. Next to req/s it gives each
# server's CPU time per request (utime + stime of the whole process over the run, divided by the
# requests served): on a shared machine the req/s follow who had CPU 0, the CPU per request much
# less so.
# Usage: benchmarks/run.sh [seconds per run, default 10] [connection counts, default "16 64 256"] [rounds, default 3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

duration=${1:-10}
connections=${2:-"16 64 256"}
rounds=${3:-3}
warmup=${WARMUP_SECONDS:-30}
. benchmarks/lib.sh micro-bench

./mvnw -q -B -ntp -DskipTests -pl samples/greeter,benchmarks -am package
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
go_bin=$(scripts/build-interop.sh | tail -1)

jvm=(java -Xms256m -Xmx256m -XX:+UseParallelGC)

netty_port=$(free_port); greeter_port=$(free_port); webflux_port=$(free_port); go_port=$(free_port)

taskset -c 0 "${jvm[@]}" -cp benchmarks/target/micro-benchmarks.jar \
  -Dloader.main=io.microspring.benchmarks.netty.BareNettyServer org.springframework.boot.loader.launch.PropertiesLauncher \
  "$netty_port" >"$work/netty.log" 2>&1 &
netty_pid=$!
pids+=($netty_pid)
wait_for "$work/netty.log" READY
startup_seconds() { # java arguments...: one start on both cores, JVM start to 'Started' (after registering)
  "${jvm[@]}" "$@" --micro.server-address=127.0.0.1:0 --server.port=0 --logging.level.root=warn \
    --logging.level.io.microspring=info >"$work/startup.log" 2>&1 &
  local pid=$!
  wait_for "$work/startup.log" "Registered node"
  wait_for "$work/startup.log" "process running for"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  grep -o 'process running for [0-9.]*' "$work/startup.log" | awk '{print $4}'
}
median_startup() { # java arguments...
  for _ in 1 2 3; do startup_seconds "$@"; done | sort -n | sed -n 2p
}
if [ "${MEASURE_STARTUP:-1}" = 1 ]; then # MEASURE_STARTUP=0 measures the load only
startup_plain=$(median_startup -jar samples/greeter/target/greeter.jar)
java -Djarmode=tools -jar samples/greeter/target/greeter.jar extract --destination "$work/greeter" >/dev/null
java -XX:ArchiveClassesAtExit="$work/greeter.jsa" -Dspring.context.exit=onRefresh -jar "$work/greeter/greeter.jar" \
  --micro.server-address=127.0.0.1:0 --server.port=0 --logging.level.root=warn >"$work/training.log" 2>&1
startup_cds=$(median_startup -XX:SharedArchiveFile="$work/greeter.jsa" -jar "$work/greeter/greeter.jar")
fi

taskset -c 0 "${jvm[@]}" -jar samples/greeter/target/greeter.jar --server.port=0 \
  --micro.server-address="127.0.0.1:$greeter_port" --logging.level.root=warn \
  --logging.level.io.microspring=info \
  >"$work/greeter.log" 2>&1 &
greeter_pid=$!
pids+=($greeter_pid)
wait_for "$work/greeter.log" "Registered node"
taskset -c 0 "${jvm[@]}" -jar benchmarks/target/micro-benchmarks.jar \
  --server.address=127.0.0.1 --server.port="$webflux_port" --logging.level.root=warn >"$work/webflux.log" 2>&1 &
webflux_pid=$!
pids+=($webflux_pid)

GOMAXPROCS=1 taskset -c 0 "$go_bin/greeter-srv" --registry=memory --address="127.0.0.1:$go_port" >"$work/go.log" 2>&1 &
go_pid=$!
pids+=($go_pid)
wait_for "$work/go.log" READY

for _ in $(seq 1 300); do curl -s -o /dev/null "127.0.0.1:$webflux_port/" && break; sleep 0.1; done

declare -A url=([netty]="http://127.0.0.1:$netty_port" [greeter]="http://127.0.0.1:$greeter_port"
  [webflux]="http://127.0.0.1:$webflux_port" [go]="http://127.0.0.1:$go_port")
declare -A script=([netty]=benchmarks/wrk/greeter.lua [greeter]=benchmarks/wrk/greeter.lua
  [webflux]=benchmarks/wrk/webflux.lua [go]=benchmarks/wrk/greeter.lua)
declare -A pid=([netty]=$netty_pid [greeter]=$greeter_pid [webflux]=$webflux_pid [go]=$go_pid)
targets=(netty greeter webflux go)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # pid: utime + stime of the whole process
run() { # target connections seconds: wrk's RESULT line, plus the server's CPU time per request (all its threads)
  local before after out requests
  before=$(cpu_ticks "${pid[$1]}")
  out=$(taskset -c 1 wrk -t1 -c"$2" -d"$3"s --latency -s "${script[$1]}" "${url[$1]}")
  after=$(cpu_ticks "${pid[$1]}")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  [ "${requests:-0}" -gt 0 ] || requests=1 # a run that served nothing: its CPU is shown per one request
  printf '%s cpu_us=%.1f\n' "$(grep '^RESULT' <<<"$out")" \
    "$(bc -l <<<"($after - $before) * 1000000 / $(getconf CLK_TCK) / $requests")"
}

for target in "${targets[@]}"; do run "$target" 64 "$warmup" >/dev/null; done

echo "| connections | target | req/s | p50 ms | p99 ms | errors | server CPU µs per request | req/s of every round |"
echo "|---|---|---|---|---|---|---|---|"
declare -A rps cpu
for c in $connections; do
  declare -A lines=()
  for round in $(seq 1 "$rounds"); do
    for target in "${targets[@]}"; do
      lines[$target]+="$(run "$target" "$c" "$duration")"$'\n'
    done
  done
  for target in "${targets[@]}"; do
    # the median round by req/s
    line=$(grep RESULT <<<"${lines[$target]}" | sort -t= -k2 -n | sed -n "$(( (rounds + 1) / 2 ))p")
    r=$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$line"); rps[$target,$c]=$r
    p50=$(sed 's/.*p50_us=\([0-9]*\).*/\1/' <<<"$line"); p99=$(sed 's/.*p99_us=\([0-9]*\).*/\1/' <<<"$line")
    errors=$(sed 's/.*errors=\([0-9]*\).*/\1/' <<<"$line")
    cpu[$target,$c]=$(sed 's/.*cpu_us=\([0-9.]*\).*/\1/' <<<"$line")
    every=$(grep RESULT <<<"${lines[$target]}" | sed 's/.*rps=\([0-9]*\).*/\1/' | paste -sd ' ')
    printf "| %s | %s | %s | %.2f | %.2f | %s | %s | %s |\n" "$c" "$target" "$r" "$(bc -l <<<"$p50/1000")" "$(bc -l <<<"$p99/1000")" \
      "$errors" "${cpu[$target,$c]}" "$every"
  done
done
echo
echo "| connections | greeter / netty | greeter / webflux | greeter / go | netty CPU / greeter CPU per request |"
echo "|---|---|---|---|---|"
for c in $connections; do
  printf "| %s | %.2f | %.2f | %.2f | %.2f |\n" "$c" "$(bc -l <<<"${rps[greeter,$c]}/${rps[netty,$c]}")" \
    "$(bc -l <<<"${rps[greeter,$c]}/${rps[webflux,$c]}")" "$(bc -l <<<"${rps[greeter,$c]}/${rps[go,$c]}")" \
    "$(bc -l <<<"${cpu[netty,$c]}/${cpu[greeter,$c]}")"
done
echo
rss=$(awk '/VmRSS/ {print $2}' "/proc/$greeter_pid/status")
[ "${MEASURE_STARTUP:-1}" = 1 ] && echo "greeter startup to registered (JVM start to 'Started', which follows registration; both cores; median of 3):" \
  "plain java -jar ${startup_plain}s, extracted jar with a CDS archive ${startup_cds}s"
echo "greeter resident memory after the runs: $((rss / 1024)) MiB (heap fixed at 256 MiB, -XX:+UseParallelGC)"
echo "go-micro greeter-srv resident memory after the runs: $(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$go_pid/status") MiB (GOMAXPROCS=1)"
