#!/usr/bin/env bash
# The cost of observations: the greeter's req/s with them off, with metrics (Micrometer, Prometheus
# registry, no tracing), and with tracing too (Micrometer Tracing over OpenTelemetry, every call
# sampled, spans dropped for want of an exporter), side by side in one run, with wrk.
#   off      samples/greeter --micro.metrics.enabled=false
#   metrics  samples/greeter as built (Actuator and Prometheus on its classpath)
#   tracing  the same jar with Micrometer Tracing's OpenTelemetry bridge and Spring Boot's tracing
#            auto-configuration added to its class path (loader.path), sampling probability 1.0
# As run.sh: servers pinned to CPU 0, wrk to CPU 1, every target warmed up for WARMUP_SECONDS
# (default 30), then each connection count runs the targets in turn for several rounds, and each
# target's median round is reported.
# Usage: benchmarks/observations.sh [seconds per run, default 10] [connection counts, default "64"] [rounds, default 3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

duration=${1:-10}
connections=${2:-"64"}
rounds=${3:-3}
warmup=${WARMUP_SECONDS:-30}
. benchmarks/lib.sh micro-obs-bench

./mvnw -q -B -ntp -DskipTests -pl samples/greeter -am package
# the tracing libraries, as the autoconfigure module's tests use them
./mvnw -q -B -ntp -pl micro-spring-boot-autoconfigure dependency:copy-dependencies -DincludeScope=test \
  -DoutputDirectory="$work/tracing-lib" -DincludeArtifactIds=micrometer-tracing,micrometer-tracing-bridge-otel,\
context-propagation,opentelemetry-api,opentelemetry-context,opentelemetry-common,opentelemetry-sdk,\
opentelemetry-sdk-common,opentelemetry-sdk-trace,opentelemetry-sdk-metrics,opentelemetry-sdk-logs,\
opentelemetry-extension-trace-propagators,spring-boot-micrometer-tracing,\
spring-boot-micrometer-tracing-opentelemetry,spring-boot-opentelemetry
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

# the regular (not AOT-processed) start: micro.metrics.enabled and the tracing jars are read when it starts
jvm=(java -Xms256m -Xmx256m -XX:+UseParallelGC -Dspring.aot.enabled=false)
jar=samples/greeter/target/greeter.jar
common=(--micro.registry=memory --logging.level.root=warn --logging.level.io.microspring=info)

declare -A port=([off]=$(free_port) [metrics]=$(free_port) [tracing]=$(free_port))
declare -A management=([off]=$(free_port) [metrics]=$(free_port) [tracing]=$(free_port))
targets=(off metrics tracing)
start() { # target java-arguments...
  local target=$1; shift
  taskset -c 0 "${jvm[@]}" "$@" --micro.server-address="127.0.0.1:${port[$target]}" \
    --server.port="${management[$target]}" "${common[@]}" >"$work/$target.log" 2>&1 &
  pids+=($!)
  wait_for "$work/$target.log" "Registered node"
}
start off -jar "$jar" --micro.metrics.enabled=false
start metrics -jar "$jar"
start tracing -Dloader.path="$work/tracing-lib" -Dloader.main=io.microspring.samples.greeter.Greeter -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher --management.tracing.sampling.probability=1.0

run() { # target connections seconds
  taskset -c 1 wrk -t1 -c"$2" -d"$3"s --latency -s benchmarks/wrk/greeter.lua "http://127.0.0.1:${port[$1]}" |
    grep '^RESULT'
}

for target in "${targets[@]}"; do run "$target" 64 "$warmup" >/dev/null; done

# each target observes what it says: no timer when off, a timer when on, trace ids (exemplars) when tracing
metrics_of() { curl -s -H 'Accept: application/openmetrics-text; version=1.0.0' \
  "http://127.0.0.1:${management[$1]}/actuator/prometheus"; }
if metrics_of off | grep -q '^micro_server_requests_seconds_count'; then echo "off records calls" >&2; exit 1; fi
metrics_of metrics | grep -q '^micro_server_requests_seconds_count' || { echo "metrics records no calls" >&2; exit 1; }
if metrics_of metrics | grep -q 'trace_id='; then echo "metrics traces" >&2; exit 1; fi
metrics_of tracing | grep -q '^micro_server_requests_seconds_count.*trace_id=' ||
  { echo "tracing shows no trace ids on its timers" >&2; exit 1; }

echo "| connections | observations | req/s | p50 ms | p99 ms | errors |"
echo "|---|---|---|---|---|---|"
declare -A rps
for c in $connections; do
  declare -A lines=()
  for round in $(seq 1 "$rounds"); do
    for target in "${targets[@]}"; do
      lines[$target]+="$(run "$target" "$c" "$duration")"$'\n'
    done
  done
  for target in "${targets[@]}"; do
    line=$(grep RESULT <<<"${lines[$target]}" | sort -t= -k2 -n | sed -n "$(( (rounds + 1) / 2 ))p")
    r=$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$line"); rps[$target,$c]=$r
    p50=$(sed 's/.*p50_us=\([0-9]*\).*/\1/' <<<"$line"); p99=$(sed 's/.*p99_us=\([0-9]*\).*/\1/' <<<"$line")
    errors=$(sed 's/.*errors=\([0-9]*\).*/\1/' <<<"$line")
    printf "| %s | %s | %s | %.2f | %.2f | %s |\n" "$c" "$target" "$r" "$(bc -l <<<"$p50/1000")" \
      "$(bc -l <<<"$p99/1000")" "$errors"
  done
done
echo
echo "| connections | metrics / off | tracing / off |"
echo "|---|---|---|"
for c in $connections; do
  printf "| %s | %.2f | %.2f |\n" "$c" "$(bc -l <<<"${rps[metrics,$c]}/${rps[off,$c]}")" \
    "$(bc -l <<<"${rps[tracing,$c]}/${rps[off,$c]}")"
done
