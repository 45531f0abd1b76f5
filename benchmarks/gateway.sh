#!/usr/bin/env bash
# The API gateway (micro-gateway-app) side by side, in one run, with wrk:
#   direct       go.micro.srv.greeter's Say.Hello over go-micro's HTTP wire (samples/greeter)
#   rpc          the same call through the gateway's POST /rpc
#   rpc-handler  the same call through the rpc handler: POST /greeter/say/hello (namespace go.micro.srv)
#   api-handler  the same work through the api handler: GET /apigreeter/say/hello?name=John reaches
#                go.micro.srv.apigreeter as an api.Request (benchmarks' ApiGreeterApplication)
#   web          a page of the greeter-web sample (plain Spring WebFlux), directly
#   proxy        the same page through the gateway's proxy handler
#   scg          the same page through Spring Cloud Gateway with one static route
#   micro-api    go-micro's own gateway (`micro api` of go-micro v5.30.0, built by
#                scripts/build-interop.sh, GOMAXPROCS=1): POST /go.micro.srv.greeter/Say.Hello to the
#                same Java greeter
#   nginx        the same page through nginx (proxy_pass, upstream keep-alive, access log off):
#                the ceiling for a reverse proxy
#   relay-reactor  rpc-handler's request through a featureless relay on Reactor Netty (HttpServer and
#                HttpClient, no discovery) to the same greeter: the floor of any relay on Reactor Netty
#   relay-netty  the same through a featureless relay on raw Netty handlers: the ceiling on the JVM
# Every server runs on CPU 0 and wrk on CPU 1 (the machine has 2 cores), as in run.sh; discovery is
# etcd (Debian's, started here on free loopback ports) for every service and both gateways. Also
# samples the resident memory of both gateways (and the heap of ours) under load.
# The gateway runs much more code than the greeter (WebFlux, Jackson, two HTTP stacks), so every
# target is warmed up for WARMUP_SECONDS (default 40), then again for REWARM_SECONDS (default 10),
# before anything is measured, and each measured run follows PRE_SECONDS (default 5) of the same
# target at the same connection count, unmeasured: after another target or count, the JIT
# compiles again for a while, and its threads' CPU counts in front (on 2026-11-30 the first /rpc
# run at 16 connections after the warm-up cost 254 µs a call in front, the runs after it 56 to
# 66). The table's "of which JIT" columns are the part of the CPU in
# front and behind spent by the JVM's compiler threads (C1, C2): near 0 once warm; on a loaded
# machine C2 can still take tens of µs a call minutes after the start.
# Usage: benchmarks/gateway.sh [seconds per run, default 15] [connection counts, default "16 64 256"]
# TARGETS="rpc api-handler proxy" warms up and measures only those (the ratio tables show "-" for a
# target not measured; memory is reported only when all are).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

duration=${1:-15}
connections=${2:-"16 64 256"}
warmup=${WARMUP_SECONDS:-40}
rewarm=${REWARM_SECONDS:-10}
pre=${PRE_SECONDS:-5}
. benchmarks/lib.sh micro-gateway-bench

./mvnw -q -B -ntp -DskipTests -pl samples/greeter,samples/greeter-web,micro-gateway-app,benchmarks -am package
./mvnw -q -B -ntp -DskipTests -f benchmarks/spring-cloud-gateway/pom.xml package
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v etcd >/dev/null || { echo "etcd is missing: scripts/install-servers.sh" >&2; exit 1; }
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "nginx is missing: apt-get install nginx" >&2; exit 1; }
go_bin=$(scripts/build-interop.sh | tail -1)

wait_ok() { # url [curl args...]
  local url=$1; shift
  for _ in $(seq 1 3000); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url")" = 200 ] && return 0; sleep 0.1
  done
  echo "timed out waiting for 200 from $url" >&2; exit 1
}
jvm=(java -Xms256m -Xmx256m -XX:+UseParallelGC)
quiet=(--logging.level.root=warn --logging.level.io.microspring=info)

greeter_port=$(free_port); relay_reactor_port=$(free_port); relay_netty_port=$(free_port); web_port=$(free_port); gateway_port=$(free_port); scg_port=$(free_port)
etcd_port=$(free_port); etcd_peer_port=$(free_port); microapi_port=$(free_port); nginx_port=$(free_port)
# etcd is not measured: it runs on either core, so that registering does not wait behind the JVMs starting on CPU 0
etcd --data-dir "$work/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
  --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" \
  >"$work/etcd.log" 2>&1 &
pids+=($!)
wait_for "$work/etcd.log" "ready to serve client requests"
quiet+=(--micro.registry=etcd --micro.registry-address="127.0.0.1:$etcd_port" --micro.register-fail-fast=false)

taskset -c 0 "${jvm[@]}" -jar samples/greeter/target/greeter.jar --management.server.port=0 --server.port=0 \
  --micro.server-address="127.0.0.1:$greeter_port" "${quiet[@]}" >"$work/greeter.log" 2>&1 &
greeter_pid=$!
pids+=($greeter_pid)
declare -A relay_pid
for relay in relay-reactor:ReactorNettyRelay:$relay_reactor_port relay-netty:RawNettyRelay:$relay_netty_port; do
  IFS=: read -r name main port <<<"$relay"
  taskset -c 0 "${jvm[@]}" -cp benchmarks/target/micro-benchmarks.jar \
    -Dloader.main="io.microspring.benchmarks.relay.$main" org.springframework.boot.loader.launch.PropertiesLauncher \
    "$port" "127.0.0.1:$greeter_port" >"$work/$name.log" 2>&1 &
  relay_pid[$name]=$!
  pids+=($!)
done
taskset -c 0 "${jvm[@]}" -cp benchmarks/target/micro-benchmarks.jar \
  -Dloader.main=io.microspring.benchmarks.api.ApiGreeterApplication org.springframework.boot.loader.launch.PropertiesLauncher \
  --micro.server-address=127.0.0.1:0 "${quiet[@]}" >"$work/apigreeter.log" 2>&1 &
apigreeter_pid=$!
pids+=($apigreeter_pid)
taskset -c 0 "${jvm[@]}" -jar samples/greeter-web/target/greeter-web-exec.jar \
  --server.port="$web_port" --micro.web.name=go.micro.srv.web "${quiet[@]}" >"$work/web.log" 2>&1 &
web_pid=$!
pids+=($web_pid)
JAVA_OPTS="${jvm[*]:1}" taskset -c 0 micro-gateway-app/micro --namespace=go.micro.srv api \
  --address="127.0.0.1:$gateway_port" "${quiet[@]}" >"$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
taskset -c 0 "${jvm[@]}" -jar benchmarks/spring-cloud-gateway/target/spring-cloud-gateway.jar \
  --server.address=127.0.0.1 --server.port="$scg_port" --backend.url="http://127.0.0.1:$web_port" \
  --logging.level.root=warn >"$work/scg.log" 2>&1 &
scg_pid=$!
pids+=($scg_pid)
MICRO_REGISTRY=etcd MICRO_REGISTRY_ADDRESS="127.0.0.1:$etcd_port" GOMAXPROCS=1 taskset -c 0 \
  "$go_bin/micro" api --address "127.0.0.1:$microapi_port" >"$work/micro-api.log" 2>&1 &
microapi_pid=$!
pids+=($microapi_pid)
cat >"$work/nginx.conf" <<NGINX
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx-body;
  proxy_temp_path $work/nginx-proxy;
  upstream web { server 127.0.0.1:$web_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://web; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
taskset -c 0 "$nginx" -p "$work" -c "$work/nginx.conf" >"$work/nginx.log" 2>&1 &
nginx_pid=$!
pids+=($nginx_pid)

wait_for "$work/greeter.log" "Registered node"
wait_for "$work/apigreeter.log" "Registered node"
wait_for "$work/web.log" "Registered node"
gateway="http://127.0.0.1:$gateway_port"
wait_ok "$gateway/rpc" -d service=go.micro.srv.greeter -d method=Say.Hello -d 'request={"name":"John"}'
wait_ok "$gateway/greeter/say/hello" -H 'Content-Type: application/json' -d '{"name":"John"}'
wait_for "$work/relay-reactor.log" READY
wait_for "$work/relay-netty.log" READY
hello=(-s -H 'Content-Type: application/json' -d '{"name":"John"}')
curl "${hello[@]}" -o "$work/rpc-handler.answer" "$gateway/greeter/say/hello"
for relay in "$relay_reactor_port" "$relay_netty_port"; do # the relays answer what the rpc handler answers, byte for byte
  curl "${hello[@]}" -o "$work/relay.answer" "http://127.0.0.1:$relay/greeter/say/hello"
  cmp "$work/rpc-handler.answer" "$work/relay.answer" || { echo "the relay on port $relay answers otherwise" >&2; exit 1; }
done
wait_ok "$gateway/apigreeter/say/hello?name=John"
wait_ok "$gateway/web/hello?name=John"
wait_ok "http://127.0.0.1:$scg_port/web/hello?name=John"
wait_ok "http://127.0.0.1:$microapi_port/go.micro.srv.greeter/Say.Hello" -d '{"name":"John"}'
wait_ok "http://127.0.0.1:$nginx_port/web/hello?name=John"

declare -A url=([direct]="http://127.0.0.1:$greeter_port" [rpc]="$gateway" [rpc-handler]="$gateway"
  [api-handler]="$gateway" [web]="http://127.0.0.1:$web_port" [proxy]="$gateway" [scg]="http://127.0.0.1:$scg_port"
  [micro-api]="http://127.0.0.1:$microapi_port" [nginx]="http://127.0.0.1:$nginx_port"
  [relay-reactor]="http://127.0.0.1:$relay_reactor_port" [relay-netty]="http://127.0.0.1:$relay_netty_port")
declare -A script=([direct]=benchmarks/wrk/greeter.lua [rpc]=benchmarks/wrk/rpc.lua
  [rpc-handler]=benchmarks/wrk/rpc-handler.lua [api-handler]=benchmarks/wrk/api-handler.lua
  [web]=benchmarks/wrk/web.lua [proxy]=benchmarks/wrk/web.lua [scg]=benchmarks/wrk/web.lua
  [micro-api]=benchmarks/wrk/micro-api.lua [nginx]=benchmarks/wrk/web.lua
  [relay-reactor]=benchmarks/wrk/rpc-handler.lua [relay-netty]=benchmarks/wrk/rpc-handler.lua)
all_targets="direct rpc rpc-handler relay-reactor relay-netty api-handler micro-api web proxy scg nginx"
read -r -a targets <<<"${TARGETS:-$all_targets}"
# the process in front (what wrk talks to) and the service behind it, for the CPU time per request
declare -A front=([direct]=$greeter_pid [rpc]=$gateway_pid [rpc-handler]=$gateway_pid [api-handler]=$gateway_pid
  [web]=$web_pid [proxy]=$gateway_pid [scg]=$scg_pid [micro-api]=$microapi_pid [nginx]=$nginx_pid
  [relay-reactor]=${relay_pid[relay-reactor]} [relay-netty]=${relay_pid[relay-netty]})
declare -A behind=([rpc]=$greeter_pid [rpc-handler]=$greeter_pid [relay-reactor]=$greeter_pid [relay-netty]=$greeter_pid [api-handler]=$apigreeter_pid [proxy]=$web_pid
  [scg]=$web_pid [micro-api]=$greeter_pid [nginx]=$web_pid)
through_gateway=" rpc rpc-handler api-handler proxy "

run() { # target connections seconds
  taskset -c 1 wrk -t1 -c"$2" -d"$3"s --latency -s "${script[$1]}" "${url[$1]}" | grep '^RESULT'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system clock ticks
jit_ticks() { # the ticks of a JVM's compiler threads (C1, C2): warming up, not serving
  local ticks=0 task
  for task in /proc/"$1"/task/*; do
    if grep -q '^C[12] CompilerThre' "$task/comm" 2>/dev/null; then
      ticks=$((ticks + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0)))
    fi
  done
  echo "$ticks"
}
per_request_us() { # ticks requests
  bc -l <<<"$1 * 1000000 / $(getconf CLK_TCK) / $2"
}
heap_mb=0; rss_mb=0; microapi_rss_mb=0
sample_memory() { # halfway through a gateway run: heap in use (jstat) and resident set
  sleep "$((duration / 2))"
  local heap rss
  heap=$(jstat -gc "$gateway_pid" | awk 'NR==2 {printf "%d", ($3+$4+$6+$8)/1024}')
  rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$gateway_pid/status")
  echo "$heap $rss"
}
sample_rss() { # pid: its resident set halfway through a run
  sleep "$((duration / 2))"
  awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$1/status"
}

for target in "${targets[@]}"; do run "$target" 64 "$warmup" >/dev/null; done
# A second, shorter pass: a method C2 had not compiled yet when its target's warm-up ended stays in
# C1's slower, profiling code until the target runs again (C2 drops the queued task of a method no
# longer called: -XX:TieredCompileTaskTimeout). On 2026-11-30 /rpc's own methods, warmed up first
# while C2 was busiest, reached C2 only while /rpc at 16 connections was being measured.
for target in "${targets[@]}"; do run "$target" 64 "$rewarm" >/dev/null; done

echo "| connections | target | req/s | p50 ms | p99 ms | errors | CPU µs/req in front | of which JIT | CPU µs/req behind | of which JIT |"
echo "|---|---|---|---|---|---|---|---|---|---|"
declare -A rps p99s
for c in $connections; do
  for target in "${targets[@]}"; do
    if ((pre > 0)); then run "$target" "$c" "$pre" >/dev/null; fi
    if [[ $through_gateway == *" $target "* ]]; then sample_memory >"$work/memory" & sampler=$!; fi
    if [ "$target" = micro-api ]; then sample_rss "$microapi_pid" >"$work/microapi-memory" & microapi_sampler=$!; fi
    front_before=$(cpu_ticks "${front[$target]}"); jit_before=$(jit_ticks "${front[$target]}")
    behind_before=$( [ -n "${behind[$target]:-}" ] && cpu_ticks "${behind[$target]}" || echo 0)
    behind_jit_before=$( [ -n "${behind[$target]:-}" ] && jit_ticks "${behind[$target]}" || echo 0)
    line=$(run "$target" "$c" "$duration")
    front_ticks=$(( $(cpu_ticks "${front[$target]}") - front_before ))
    jit=$(( $(jit_ticks "${front[$target]}") - jit_before ))
    behind_ticks=$( [ -n "${behind[$target]:-}" ] && echo $(( $(cpu_ticks "${behind[$target]}") - behind_before )) || echo 0)
    behind_jit=$( [ -n "${behind[$target]:-}" ] && echo $(( $(jit_ticks "${behind[$target]}") - behind_jit_before )) || echo 0)
    if [[ $through_gateway == *" $target "* ]]; then
      wait "$sampler"; read -r heap rss <"$work/memory"
      if ((heap > heap_mb)); then heap_mb=$heap; fi
      if ((rss > rss_mb)); then rss_mb=$rss; fi
    fi
    if [ "$target" = micro-api ]; then
      wait "$microapi_sampler"; rss=$(cat "$work/microapi-memory")
      if ((rss > microapi_rss_mb)); then microapi_rss_mb=$rss; fi
    fi
    r=$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$line"); rps[$target,$c]=$r
    p50=$(sed 's/.*p50_us=\([0-9]*\).*/\1/' <<<"$line"); p99=$(sed 's/.*p99_us=\([0-9]*\).*/\1/' <<<"$line")
    p99s[$target,$c]=$p99
    errors=$(sed 's/.*errors=\([0-9]*\).*/\1/' <<<"$line")
    requests=$((r * duration))
    behind_us=""; behind_jit_us=""
    if [ -n "${behind[$target]:-}" ]; then
      behind_us=$(printf "%.0f" "$(per_request_us "$behind_ticks" "$requests")")
      behind_jit_us=$(printf "%.0f" "$(per_request_us "$behind_jit" "$requests")")
    fi
    printf "| %s | %s | %s | %.2f | %.2f | %s | %.0f | %.0f | %s | %s |\n" "$c" "$target" "$r" "$(bc -l <<<"$p50/1000")" \
      "$(bc -l <<<"$p99/1000")" "$errors" "$(per_request_us "$front_ticks" "$requests")" \
      "$(per_request_us "$jit" "$requests")" "$behind_us" "$behind_jit_us"
  done
done
ratio() { # numerator denominator: to two places, "-" when either target was not measured
  if [ -n "$1" ] && [ -n "$2" ]; then printf "%.2f" "$(bc -l <<<"$1/$2")"; else echo -; fi
}
echo
echo "| connections | rpc / direct | rpc-handler / direct | relay-reactor / direct | relay-netty / direct | api-handler / direct | proxy / scg | proxy p99 / scg p99 |"
echo "|---|---|---|---|---|---|---|---|"
for c in $connections; do
  echo "| $c | $(ratio "${rps[rpc,$c]:-}" "${rps[direct,$c]:-}") | $(ratio "${rps[rpc-handler,$c]:-}" "${rps[direct,$c]:-}")" \
    "| $(ratio "${rps[relay-reactor,$c]:-}" "${rps[direct,$c]:-}") | $(ratio "${rps[relay-netty,$c]:-}" "${rps[direct,$c]:-}")" \
    "| $(ratio "${rps[api-handler,$c]:-}" "${rps[direct,$c]:-}") | $(ratio "${rps[proxy,$c]:-}" "${rps[scg,$c]:-}")" \
    "| $(ratio "${p99s[proxy,$c]:-}" "${p99s[scg,$c]:-}") |"
done
echo
echo "| connections | rpc-handler / micro-api | p99 rpc-handler / micro-api | rpc / micro-api | p99 rpc / micro-api | api-handler / micro-api | p99 api-handler / micro-api | proxy / nginx |"
echo "|---|---|---|---|---|---|---|---|"
for c in $connections; do
  echo "| $c | $(ratio "${rps[rpc-handler,$c]:-}" "${rps[micro-api,$c]:-}") | $(ratio "${p99s[rpc-handler,$c]:-}" "${p99s[micro-api,$c]:-}")" \
    "| $(ratio "${rps[rpc,$c]:-}" "${rps[micro-api,$c]:-}") | $(ratio "${p99s[rpc,$c]:-}" "${p99s[micro-api,$c]:-}")" \
    "| $(ratio "${rps[api-handler,$c]:-}" "${rps[micro-api,$c]:-}") | $(ratio "${p99s[api-handler,$c]:-}" "${p99s[micro-api,$c]:-}")" \
    "| $(ratio "${rps[proxy,$c]:-}" "${rps[nginx,$c]:-}") |"
done
if [ "${targets[*]}" != "$all_targets" ]; then exit 0; fi
echo
peak=$(awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$gateway_pid/status")
echo "gateway under load (sampled halfway through each gateway run, highest seen): heap in use ${heap_mb} MiB" \
  "of 256 MiB (-Xmx256m -XX:+UseParallelGC), resident ${rss_mb} MiB; resident peak over the whole run ${peak} MiB"
echo "go-micro's micro api under load (sampled halfway through its runs, highest seen): resident ${microapi_rss_mb} MiB"
