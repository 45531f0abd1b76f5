#!/usr/bin/env bash
# Startup benchmark (see RESULTS.md, "Startup"): the greeter (samples/greeter) from JVM start to
# Spring's "Started" line (which follows its registration), ROUNDS starts each, the median printed:
#   jdk17 plain   java -jar greeter.jar on the default java (Java 17); the greeter starts from the bean
#                 definitions Spring AOT generated at build time by itself
#   jdk17 no-aot  the same with -Dspring.aot.enabled=false (auto-configuration evaluated at startup)
#   jdk17 extracted  the extracted jar without an archive: what the jars nested in greeter.jar cost
#   jdk17 cds     the extracted jar with a class data sharing archive (README, "Fast startup")
#   jdk25 plain   the extracted jar on JDK 25
#   jdk25 aot     the extracted jar on JDK 25 with the AOT cache of scripts/aot-cache.sh (and Spring AOT),
#                 trained with calls (scripts/aot-train-greeter.sh)
#   floor jdk17   the startup floor (benchmarks/startup-floor: Spring Boot, WebFlux, Actuator and Prometheus,
#                 no micro) as java -jar on Java 17, from its Spring AOT bean definitions as the greeter starts
#   floor jdk25 aot  the floor's extracted jar on JDK 25 with its AOT cache (trained until Started)
# The Actuator port is moved to a free one (--server.port=0) so that a greeter
# already running elsewhere does not stop these.
# Usage: benchmarks/startup.sh [rounds]   (needs samples/greeter/target/greeter.jar and a JDK 25)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B -ntp -DskipTests -f benchmarks/startup-floor/pom.xml package
floor=benchmarks/startup-floor/target/startup-floor.jar

rounds=${1:-5}
jar=samples/greeter/target/greeter.jar
[ -f "$jar" ] || { echo "startup.sh: build $jar first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(--server.port=0)

started() { # java arguments...: one start: its seconds from JVM start to 'Started', then its CPU seconds by then
  local log pid ticks=0
  log=$(mktemp "$work/start-XXXX.log")
  "$@" "${args[@]}" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 6000); do
    if grep -q 'process running for' "$log"; then
      ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$ticks" != 0 ] || { echo "startup.sh: no Started line from: $*" >&2; tail -5 "$log" >&2; }
  echo "$(grep -o 'process running for [0-9.]*' "$log" | awk '{print $4}') $(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }')"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# the archives: CDS for Java 17 (as the README shows), the AOT cache for JDK 25
java -Djarmode=tools -jar "$jar" extract --destination "$work/cds" >/dev/null
java -XX:ArchiveClassesAtExit="$work/greeter.jsa" -Dspring.context.exit=onRefresh -jar "$work/cds/greeter.jar" \
  "${args[@]}" >/dev/null 2>&1 || true
aot=$(scripts/aot-cache.sh "$jar" "$work/aot" --train scripts/aot-train-greeter.sh -- "${args[@]}")
java25=${aot%% *}
floor_aot=$(scripts/aot-cache.sh "$floor" "$work/floor-aot" -- "${args[@]}")

declare -A times cpu
record() { # label, java arguments...
  local label=$1 result
  shift
  result=$(started "$@")
  times[$label]+="${result%% *} "
  cpu[$label]+="${result##* } "
}
for _ in $(seq 1 "$rounds"); do
  record "jdk17 plain" java -jar "$jar"
  record "jdk17 no-aot" java -Dspring.aot.enabled=false -jar "$jar"
  record "jdk17 extracted" java -jar "$work/cds/greeter.jar"
  record "jdk17 cds" java -XX:SharedArchiveFile="$work/greeter.jsa" -jar "$work/cds/greeter.jar"
  record "jdk25 plain" "$java25" -jar "$work/aot/greeter.jar"
  # shellcheck disable=SC2086 # the command aot-cache.sh printed
  record "jdk25 aot" $aot
  record "floor jdk17" java -Dspring.aot.enabled=true -jar "$floor"
  # shellcheck disable=SC2086 # the command aot-cache.sh printed
  record "floor jdk25 aot" $floor_aot
done

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| started as | seconds to Started (median of $rounds) | CPU seconds by then (median) | all starts (s) |"
echo "|---|---|---|---|"
for target in "jdk17 plain" "jdk17 no-aot" "jdk17 extracted" "jdk17 cds" "jdk25 plain" "jdk25 aot" \
  "floor jdk17" "floor jdk25 aot"; do
  echo "| $target | $(tr ' ' '\n' <<<"${times[$target]}" | grep . | median) | $(tr ' ' '\n' <<<"${cpu[$target]}" | grep . | median) | ${times[$target]}|"
done
