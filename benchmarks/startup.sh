#!/usr/bin/env bash
# Startup benchmark (see RESULTS.md, "Startup"): the greeter (samples/greeter) from JVM start to
# Spring's "Started" line (which follows its registration), ROUNDS starts each, the median printed:
#   jdk17 plain   java -jar greeter.jar on the default java (Java 17)
#   jdk17 cds     the extracted jar with a class data sharing archive (README, "Fast startup")
#   jdk25 plain   the extracted jar on JDK 25
#   jdk25 aot     the extracted jar on JDK 25 with the AOT cache of scripts/aot-cache.sh
# The management port is moved to a free one (--management.server.port=0) so that a greeter
# already running elsewhere does not stop these.
# Usage: benchmarks/startup.sh [rounds]   (needs samples/greeter/target/greeter.jar and a JDK 25)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=${1:-5}
jar=samples/greeter/target/greeter.jar
[ -f "$jar" ] || { echo "startup.sh: build $jar first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(--management.server.port=0)

started() { # java arguments...: one start, its seconds from JVM start to 'Started'
  local log="$work/start.log" pid
  "$@" "${args[@]}" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    grep -q 'process running for' "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  grep -o 'process running for [0-9.]*' "$log" | awk '{print $4}'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# the archives: CDS for Java 17 (as the README shows), the AOT cache for JDK 25
java -Djarmode=tools -jar "$jar" extract --destination "$work/cds" >/dev/null
java -XX:ArchiveClassesAtExit="$work/greeter.jsa" -Dspring.context.exit=onRefresh -jar "$work/cds/greeter.jar" \
  "${args[@]}" >/dev/null 2>&1 || true
aot=$(scripts/aot-cache.sh "$jar" "$work/aot" -- "${args[@]}")
java25=${aot%% *}

declare -A times
for _ in $(seq 1 "$rounds"); do
  times[jdk17 plain]+="$(started java -jar "$jar") "
  times[jdk17 cds]+="$(started java -XX:SharedArchiveFile="$work/greeter.jsa" -jar "$work/cds/greeter.jar") "
  times[jdk25 plain]+="$(started "$java25" -jar "$work/aot/greeter.jar") "
  times[jdk25 aot]+="$(started $aot) "
done

echo "| greeter started as | seconds to Started (median of $rounds) | all |"
echo "|---|---|---|"
for target in "jdk17 plain" "jdk17 cds" "jdk25 plain" "jdk25 aot"; do
  echo "| $target | $(tr ' ' '\n' <<<"${times[$target]}" | grep . | median) | ${times[$target]}|"
done
