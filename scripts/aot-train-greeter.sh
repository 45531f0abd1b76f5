#!/usr/bin/env bash
# The greeter's training workload for its JDK 25 AOT cache (scripts/aot-cache.sh --train): once the
# training run has started, real calls, so that the cache's method profiles (JEP 515) hold the paths
# a serving greeter runs and not only those of its startup: Say.Hello and Say.Greet over the go-micro
# wire, as JSON and as protobuf, then the Actuator endpoints a monitoring system reads
# (/actuator/prometheus, /actuator/health, /actuator/micro).
# Usage: scripts/aot-train-greeter.sh LOG   (LOG: the training run's output, which names its ports)
#   CALLS: calls of each kind (default 2000)
set -euo pipefail

log=${1:?usage: scripts/aot-train-greeter.sh LOG}
calls=${CALLS:-2000}
rpc=$(grep -o 'Listening on [0-9.:]*' "$log" | head -n 1 | cut -d' ' -f3)
web=$(grep -o 'Netty started on port [0-9]*' "$log" | head -n 1 | awk '{ print $5 }')
[ -n "$rpc" ] && [ -n "$web" ] || { echo "aot-train-greeter.sh: no RPC address or web port in $log" >&2; exit 1; }

repeat() { # url, count: the url count times, for one curl to send over one connection
    for _ in $(seq 1 "$2"); do printf '%s\n' "$1"; done
}
call() { # endpoint, content type, body
    repeat "http://$rpc/" "$calls" | xargs curl -sf -H "Micro-Service: go.micro.srv.greeter" \
        -H "Micro-Endpoint: $1" -H "Content-Type: $2" --data-binary "$3" >/dev/null
}
call Say.Hello application/json '{"name":"John"}'
call Say.Greet application/json '{"name":"John"}'
# HelloRequest{name: "John"}: field 1, length 4
call Say.Hello application/protobuf "$(printf '\x0a\x04John')"
for endpoint in prometheus health micro; do
    repeat "http://127.0.0.1:$web/actuator/$endpoint" 50 | xargs curl -sf >/dev/null
done
