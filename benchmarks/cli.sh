#!/usr/bin/env bash
# CLI benchmark (see RESULTS.md, "CLI"): wall time of `micro call`, `micro list services` and
# `micro get service` against go-micro's greeter (a Go process) found through mDNS, each command
# run ROUNDS times in turn by:
#   plain    java -jar micro.jar on the default java (Java 17; the jar's Main-Class runs query commands from
#            the plain copies of their classes under cli/ in the jar, not through Spring Boot's launcher)
#   cds      the micro launcher on Java 17 (MICRO_AOT=off): the unpacked jar with the class data
#            sharing archive it recorded
#   aot      the micro launcher with a JDK 25 present: the unpacked jar with the AOT cache it recorded
#   go       go-micro's own micro CLI (scripts/build-interop.sh builds it)
# and the median of each printed as a Markdown table (runs that failed are left out and counted).
# Usage: benchmarks/cli.sh [rounds]   (the jar must be built: ./mvnw -pl micro-gateway-app -am package -DskipTests)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=${1:-10}
bin="${MICRO_TOOLS_CACHE:-$HOME/.cache/micro-spring}/interop-bin"
jar=micro-gateway-app/target/micro.jar
launcher=micro-gateway-app/micro
[ -f "$jar" ] || { echo "cli.sh: build $jar first" >&2; exit 1; }
[ -x "$bin/micro" ] && [ -x "$bin/greeter-srv" ] || { echo "cli.sh: run scripts/build-interop.sh first" >&2; exit 1; }

unset MICRO_REGISTRY MICRO_REGISTRY_ADDRESS MICRO_PROXY
name="bench.cli.greeter.$$"
log=$(mktemp)
"$bin/greeter-srv" --name "$name" >"$log" 2>&1 &
greeter=$!
trap 'kill $greeter 2>/dev/null; wait $greeter 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 100); do grep -q '^READY' "$log" && break; sleep 0.1; done

# the launcher unpacks the jar and records its archives on its first query command: the CDS archive
# on Java 17, the AOT cache's configuration on JDK 25 (the cache is assembled in the background)
rm -rf "${jar%.jar}-app"
MICRO_AOT=off "$launcher" call "$name" Say.Hello '{"name":"John"}' >/dev/null
"$launcher" call "$name" Say.Hello '{"name":"John"}' >/dev/null
for _ in $(seq 1 600); do [ -f "${jar%.jar}-app/cli.aot" ] && break; sleep 1; done
[ -f "${jar%.jar}-app/cli.aot" ] || { echo "cli.sh: no AOT cache (is a JDK 25 installed?)" >&2; exit 1; }

measure() { # runs "$@" once, prints its wall time and CPU time (user + system) in ms, or nothing when it failed
  local TIMEFORMAT='%3R %3U %3S' timing status=0
  timing=$( { time "$@" >/dev/null 2>&1 || status=$?; } 2>&1; exit "$status") || return 0
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$timing"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

declare -A times cpu failures
run() { # label, command...; a failed run (go-micro's CLI sometimes hears no mDNS answer in time) is counted apart
  local label=$1 result
  shift
  result=$(measure "$@")
  if [ -n "$result" ]; then
    times[$label]+="${result%% *} "
    cpu[$label]+="${result##* } "
  else
    failures[$label]=$(( ${failures[$label]:-0} + 1 ))
  fi
}

for _ in $(seq 1 "$rounds"); do
  run "call plain" java -jar "$jar" call "$name" Say.Hello '{"name":"John"}'
  run "call cds" env MICRO_AOT=off "$launcher" call "$name" Say.Hello '{"name":"John"}'
  run "call aot" "$launcher" call "$name" Say.Hello '{"name":"John"}'
  run "call go" "$bin/micro" call "$name" Say.Hello '{"name":"John"}'
  run "list plain" java -jar "$jar" list services
  run "list cds" env MICRO_AOT=off "$launcher" list services
  run "list aot" "$launcher" list services
  run "list go" "$bin/micro" services
  run "get plain" java -jar "$jar" get service "$name"
  run "get cds" env MICRO_AOT=off "$launcher" get service "$name"
  run "get aot" "$launcher" get service "$name"
  run "get go" "$bin/micro" describe "$name"
done

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
table() { # title, the array to print
  local -n values=$2
  echo
  echo "$1"
  echo
  echo "| command | plain java -jar, Java 17 | launcher, CDS archive, Java 17 | launcher, AOT cache, JDK 25 | go-micro's micro |"
  echo "|---|---|---|---|---|"
  for command in call list get; do
    row="| $command"
    for target in plain cds aot go; do
      row+=" | $(tr ' ' '\n' <<<"${values[$command $target]:-}" | grep . | median)"
      if [ -n "${failures[$command $target]:-}" ]; then
        row+=" (${failures[$command $target]} of $rounds failed)"
      fi
    done
    echo "$row |"
  done
}
table "wall time, ms (median of $rounds)" times
table "CPU time (user + system), ms (median of $rounds)" cpu
