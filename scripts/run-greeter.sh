#!/usr/bin/env bash
# The README's run command: builds the greeter sample and starts go.micro.srv.greeter on embedded
# defaults (mDNS discovery on loopback, HTTP transport; no server to install), calls it once from a
# second process through MicroClient and a typed client, prints a curl that calls it over the
# go-micro wire, and keeps serving until Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./mvnw -q -B -ntp -DskipTests -pl samples/greeter -am install
jar=samples/greeter/target/greeter.jar
log=$(mktemp -t greeter.XXXXXX.log)

java -jar "$jar" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT

for _ in $(seq 1 600); do # up to a minute on a busy machine
  grep -q "Registered node" "$log" && break
  kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
cat "$log"
address=$(grep -o 'Listening on [0-9.:]*' "$log" | head -n 1 | cut -d' ' -f3)

echo
echo "== a second process calls it, discovering it through mDNS:"
java -jar "$jar" call John 2>/dev/null | grep -E '^(MicroClient|typed)'
echo
echo "== call it over the go-micro wire yourself:"
echo "curl -s $address/ -H 'Content-Type: application/json' -H 'Micro-Service: go.micro.srv.greeter' -H 'Micro-Endpoint: Say.Hello' -d '{\"name\":\"John\"}'"
curl -s "$address/" -H 'Content-Type: application/json' -H 'Micro-Service: go.micro.srv.greeter' \
  -H 'Micro-Endpoint: Say.Hello' -d '{"name":"John"}'
echo
echo
echo "== the greeter keeps serving; Ctrl-C stops it (it deregisters first)"
tail -n 0 -f "$log" &
wait $server
