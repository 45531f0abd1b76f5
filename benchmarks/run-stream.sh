#!/usr/bin/env bash
# Streaming benchmark (RESULTS.md, "Streams"): a go-micro v5 client (interop/cmd/stream-bench,
# protobuf) against go-micro's own greeter-srv (the peer baseline) and against samples/greeter,
# side by side in one run:
#   messages per second on one server stream (Say.Stream) with 16-byte and 1 KB names,
#   round trips per second and their p50/p99 on one bidirectional stream (Say.Chat, one message
#   in flight),
#   streams opened per second (Say.Stream of one message, opened and read to its end in turn).
# Servers are pinned to CPU 0 and the client to CPU 1. The JVM is warmed up first; then each
# round measures both servers in turn and the table shows each one's median round.
# Usage: benchmarks/run-stream.sh [messages per stream, default 100000] [rounds, default 3]
# (INTEROP_BIN=<dir> takes the Go programs from there instead of building them with
# scripts/build-interop.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

messages=${1:-100000}
rounds=${2:-3}
trips=$((messages / 5))
open_seconds=5s
. benchmarks/lib.sh micro-stream-bench

./mvnw -q -B -ntp -DskipTests -pl samples/greeter -am package
bin=${INTEROP_BIN:-$(scripts/build-interop.sh | tail -1)}

go_port=$(free_port); java_port=$(free_port)
taskset -c 0 "$bin/greeter-srv" --registry=memory --address="127.0.0.1:$go_port" >"$work/go.log" 2>&1 &
pids+=($!)
wait_for "$work/go.log" READY
taskset -c 0 java -Xms256m -Xmx256m -XX:+UseParallelGC -jar samples/greeter/target/greeter.jar \
  --micro.registry=memory --micro.server-address="127.0.0.1:$java_port" \
  --logging.level.root=warn --logging.level.io.microspring=info >"$work/java.log" 2>&1 &
pids+=($!)
wait_for "$work/java.log" "Registered node"

bench() { # port, stream-bench arguments...
  taskset -c 1 "$bin/stream-bench" --address="127.0.0.1:$1" "${@:2}" 2>/dev/null
}
measure() { # port: one line per figure, "name value"
  bench "$1" --mode=throughput --count="$messages" | python3 -c 'import json,sys; print("msgs16", json.load(sys.stdin)["perSecond"])'
  bench "$1" --mode=throughput --size=1024 --count="$messages" | python3 -c 'import json,sys; print("msgs1k", json.load(sys.stdin)["perSecond"])'
  bench "$1" --mode=latency --count="$trips" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("trips", r["perSecond"]); print("p50", r["p50Micros"]); print("p99", r["p99Micros"])'
  bench "$1" --mode=open --duration="$open_seconds" | python3 -c 'import json,sys; print("opens", json.load(sys.stdin)["perSecond"])'
}

echo "warming up the JVM" >&2
measure "$java_port" >/dev/null
measure "$java_port" >/dev/null
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds" >&2
  measure "$go_port" | sed 's/^/go /' >>"$work/figures"
  measure "$java_port" | sed 's/^/java /' >>"$work/figures"
done

python3 - "$work/figures" <<'PY'
import statistics, sys
figures = {}
for line in open(sys.argv[1]):
    target, name, value = line.split()
    figures.setdefault((target, name), []).append(float(value))
rows = [("messages/s, one stream, 16 B", "msgs16", True), ("messages/s, one stream, 1 KB", "msgs1k", True),
        ("round trips/s, one bidirectional stream", "trips", True), ("round trip p50, µs", "p50", False),
        ("round trip p99, µs", "p99", False), ("streams opened/s", "opens", True)]
print("| measure | go-micro greeter-srv | samples/greeter | ratio (> 1: Java ahead) |")
print("|---|---|---|---|")
for label, name, higher_is_better in rows:
    go = statistics.median(figures[("go", name)])
    java = statistics.median(figures[("java", name)])
    ratio = java / go if higher_is_better else go / java
    print(f"| {label} | {go:.0f} | {java:.0f} | {ratio:.2f} |")
PY
