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
# Every server runs on CPU 0 and wrk on CPU 1 (the machine has 2 cores), as in run.sh; discovery is
# mDNS on loopback (the default). Also samples the gateway's heap and resident memory under load.
# The gateway runs much more code than the greeter (WebFlux, Jackson, two HTTP stacks), so every
# target is warmed up for WARMUP_SECONDS (default 40) before anything is measured.
# Usage: benchmarks/gateway.sh [seconds per run, default 15] [connection counts, default "16 64 256"]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

duration=${1:-15}
connections=${2:-"16 64 256"}
warmup=${WARMUP_SECONDS:-40}
work=$(mktemp -d -t micro-gateway-bench.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

./mvnw -q -B -ntp -DskipTests -pl samples/greeter,samples/greeter-web,micro-gateway-app,benchmarks -am install
./mvnw -q -B -ntp -DskipTests -f benchmarks/spring-cloud-gateway/pom.xml package
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # file pattern
  for _ in $(seq 1 1800); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1:" >&2; cat "$1" >&2; exit 1
}
wait_ok() { # url [curl args...]
  local url=$1; shift
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url")" = 200 ] && return 0; sleep 0.1
  done
  echo "timed out waiting for 200 from $url" >&2; exit 1
}
jvm=(java -Xms256m -Xmx256m -XX:+UseParallelGC)
quiet=(--logging.level.root=warn --logging.level.io.microspring=info)

greeter_port=$(free_port); web_port=$(free_port); gateway_port=$(free_port); scg_port=$(free_port)

taskset -c 0 "${jvm[@]}" -jar samples/greeter/target/greeter.jar \
  --micro.server-address="127.0.0.1:$greeter_port" "${quiet[@]}" >"$work/greeter.log" 2>&1 &
greeter_pid=$!
pids+=($greeter_pid)
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

wait_for "$work/greeter.log" "Registered node"
wait_for "$work/apigreeter.log" "Registered node"
wait_for "$work/web.log" "Registered node"
gateway="http://127.0.0.1:$gateway_port"
wait_ok "$gateway/rpc" -d service=go.micro.srv.greeter -d method=Say.Hello -d 'request={"name":"John"}'
wait_ok "$gateway/greeter/say/hello" -H 'Content-Type: application/json' -d '{"name":"John"}'
wait_ok "$gateway/apigreeter/say/hello?name=John"
wait_ok "$gateway/web/hello?name=John"
wait_ok "http://127.0.0.1:$scg_port/web/hello?name=John"

declare -A url=([direct]="http://127.0.0.1:$greeter_port" [rpc]="$gateway" [rpc-handler]="$gateway"
  [api-handler]="$gateway" [web]="http://127.0.0.1:$web_port" [proxy]="$gateway" [scg]="http://127.0.0.1:$scg_port")
declare -A script=([direct]=benchmarks/wrk/greeter.lua [rpc]=benchmarks/wrk/rpc.lua
  [rpc-handler]=benchmarks/wrk/rpc-handler.lua [api-handler]=benchmarks/wrk/api-handler.lua
  [web]=benchmarks/wrk/web.lua [proxy]=benchmarks/wrk/web.lua [scg]=benchmarks/wrk/web.lua)
targets=(direct rpc rpc-handler api-handler web proxy scg)
# the process in front (what wrk talks to) and the service behind it, for the CPU time per request
declare -A front=([direct]=$greeter_pid [rpc]=$gateway_pid [rpc-handler]=$gateway_pid [api-handler]=$gateway_pid
  [web]=$web_pid [proxy]=$gateway_pid [scg]=$scg_pid)
declare -A behind=([rpc]=$greeter_pid [rpc-handler]=$greeter_pid [api-handler]=$apigreeter_pid [proxy]=$web_pid
  [scg]=$web_pid)
through_gateway=" rpc rpc-handler api-handler proxy "

run() { # target connections seconds
  taskset -c 1 wrk -t1 -c"$2" -d"$3"s --latency -s "${script[$1]}" "${url[$1]}" | grep '^RESULT'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system clock ticks
per_request_us() { # ticks requests
  bc -l <<<"$1 * 1000000 / $(getconf CLK_TCK) / $2"
}
heap_mb=0; rss_mb=0
sample_memory() { # halfway through a gateway run: heap in use (jstat) and resident set
  sleep "$((duration / 2))"
  local heap rss
  heap=$(jstat -gc "$gateway_pid" | awk 'NR==2 {printf "%d", ($3+$4+$6+$8)/1024}')
  rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$gateway_pid/status")
  echo "$heap $rss"
}

for target in "${targets[@]}"; do run "$target" 64 "$warmup" >/dev/null; done

echo "| connections | target | req/s | p50 ms | p99 ms | errors | CPU µs/req in front | CPU µs/req behind |"
echo "|---|---|---|---|---|---|---|---|"
declare -A rps p99s
for c in $connections; do
  for target in "${targets[@]}"; do
    if [[ $through_gateway == *" $target "* ]]; then sample_memory >"$work/memory" & sampler=$!; fi
    front_before=$(cpu_ticks "${front[$target]}")
    behind_before=$( [ -n "${behind[$target]:-}" ] && cpu_ticks "${behind[$target]}" || echo 0)
    line=$(run "$target" "$c" "$duration")
    front_ticks=$(( $(cpu_ticks "${front[$target]}") - front_before ))
    behind_ticks=$( [ -n "${behind[$target]:-}" ] && echo $(( $(cpu_ticks "${behind[$target]}") - behind_before )) || echo 0)
    if [[ $through_gateway == *" $target "* ]]; then
      wait "$sampler"; read -r heap rss <"$work/memory"
      if ((heap > heap_mb)); then heap_mb=$heap; fi
      if ((rss > rss_mb)); then rss_mb=$rss; fi
    fi
    r=$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$line"); rps[$target,$c]=$r
    p50=$(sed 's/.*p50_us=\([0-9]*\).*/\1/' <<<"$line"); p99=$(sed 's/.*p99_us=\([0-9]*\).*/\1/' <<<"$line")
    p99s[$target,$c]=$p99
    errors=$(sed 's/.*errors=\([0-9]*\).*/\1/' <<<"$line")
    requests=$((r * duration))
    behind_us=$( [ -n "${behind[$target]:-}" ] && printf "%.0f" "$(per_request_us "$behind_ticks" "$requests")" || echo "")
    printf "| %s | %s | %s | %.2f | %.2f | %s | %.0f | %s |\n" "$c" "$target" "$r" "$(bc -l <<<"$p50/1000")" \
      "$(bc -l <<<"$p99/1000")" "$errors" "$(per_request_us "$front_ticks" "$requests")" "$behind_us"
  done
done
echo
echo "| connections | rpc / direct | rpc-handler / direct | api-handler / direct | proxy / scg | proxy p99 / scg p99 |"
echo "|---|---|---|---|---|---|"
for c in $connections; do
  printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |\n" "$c" \
    "$(bc -l <<<"${rps[rpc,$c]}/${rps[direct,$c]}")" "$(bc -l <<<"${rps[rpc-handler,$c]}/${rps[direct,$c]}")" \
    "$(bc -l <<<"${rps[api-handler,$c]}/${rps[direct,$c]}")" "$(bc -l <<<"${rps[proxy,$c]}/${rps[scg,$c]}")" \
    "$(bc -l <<<"${p99s[proxy,$c]}/${p99s[scg,$c]}")"
done
echo
peak=$(awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$gateway_pid/status")
echo "gateway under load (sampled halfway through each gateway run, highest seen): heap in use ${heap_mb} MiB" \
  "of 256 MiB (-Xmx256m -XX:+UseParallelGC), resident ${rss_mb} MiB; resident peak over the whole run ${peak} MiB"
