#!/usr/bin/env bash
# Gateway jars side by side on the proxy handler, in one run: one greeter-web (etcd discovery), one
# gateway per jar, all on CPU 0, wrk on CPU 1; after a warm-up of each, ROUNDS rounds of one wrk run
# (64 connections, SECONDS long, after 3 s unmeasured) per jar in turn, each with the gateway's CPU
# time per request. Before/after comparisons on a busy machine: the jars share whatever load there is.
# Usage: benchmarks/proxy-ab.sh ROUNDS SECONDS NAME=JAR...   (copy micro-gateway-app/target/micro.jar
# aside before a change; WARM=seconds of warm-up, default 30; JFR_NAME=NAME JFR_OUT=file [JFC=settings]
# records 20 s of that gateway with JFR at the end)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=$1; secs=$2; shift 2
. benchmarks/lib.sh proxy-ab
jvm=(java -Xms256m -Xmx256m -XX:+UseParallelGC)
web_port=$(free_port); etcd_port=$(free_port); etcd_peer_port=$(free_port)
etcd --data-dir "$work/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
  --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" >"$work/etcd.log" 2>&1 &
pids+=($!)
wait_for "$work/etcd.log" "ready to serve client requests"
quiet=(--logging.level.root=warn --logging.level.io.microspring=info --micro.registry=etcd --micro.registry-address="127.0.0.1:$etcd_port" --micro.register-fail-fast=false)
taskset -c 0 "${jvm[@]}" -jar samples/greeter-web/target/greeter-web-exec.jar --server.port="$web_port" --micro.web.name=go.micro.srv.web "${quiet[@]}" >"$work/web.log" 2>&1 &
pids+=($!)
declare -A port pid
names=()
for spec in "$@"; do
  name=${spec%%=*}; jar=${spec#*=}; names+=($name)
  port[$name]=$(free_port)
  taskset -c 0 "${jvm[@]}" -jar "$jar" --namespace=go.micro.srv api --address="127.0.0.1:${port[$name]}" "${quiet[@]}" >"$work/$name.log" 2>&1 &
  pid[$name]=$!; pids+=($!)
done
wait_for "$work/web.log" "Registered node"
for name in "${names[@]}"; do
  for _ in $(seq 1 3000); do [ "$(curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1:${port[$name]}/web/hello?name=John)" = 200 ] && continue 2; sleep 0.2; done; echo "no 200 from $name" >&2; exit 1
done
run() { taskset -c 1 wrk -t1 -c64 -d"$2"s --latency -s benchmarks/wrk/web.lua http://127.0.0.1:${port[$1]} | grep '^RESULT'; }
cpu() { awk '{print $14 + $15}' /proc/${pid[$1]}/stat; }
for name in "${names[@]}"; do run $name ${WARM:-30} >/dev/null; done
for name in "${names[@]}"; do run $name 10 >/dev/null; done
for i in $(seq 1 $rounds); do
  for name in "${names[@]}"; do
    run $name 3 >/dev/null
    b=$(cpu $name); line=$(run $name $secs); t=$(( $(cpu $name) - b ))
    r=$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$line")
    printf "%s round %d %s us_front=%.1f load=%s\n" $name $i "$line" "$(bc -l <<<"$t*1000000/$(getconf CLK_TCK)/($r*$secs)")" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
if [ -n "${JFR_NAME:-}" ]; then
  jcmd ${pid[$JFR_NAME]} JFR.start name=p settings=${JFC:-profile} filename="$JFR_OUT" >/dev/null
  run $JFR_NAME 20 >/dev/null
  jcmd ${pid[$JFR_NAME]} JFR.stop name=p >/dev/null
fi
