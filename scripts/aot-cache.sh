#!/usr/bin/env bash
# Makes a JDK 25 AOT cache (JEP 483/514/515: classes loaded and linked ahead of time, with method
# profiles) for a service's Spring Boot jar, as Spring Boot documents it: the jar is extracted
# (java -Djarmode=tools extract), run once on JDK 25 with -XX:AOTCacheOutput until Spring says it
# started (a micro service registers before that), and stopped; the JVM writes the cache as it exits.
# A jar built with Spring AOT (spring-boot-maven-plugin's process-aot, as samples/greeter is) is trained
# and run with -Dspring.aot.enabled=true, the bean definitions generated at build time.
# With --train SCRIPT the training run serves a workload before it is stopped: SCRIPT is run with the
# run's log file once it has started (the log names its ports), so that the method profiles in the
# cache also cover the calls it serves (scripts/aot-train-greeter.sh for the greeter).
#
# Usage: scripts/aot-cache.sh JAR [DIR] [--train SCRIPT] [-- app arguments for the training run]
#   scripts/aot-cache.sh samples/greeter/target/greeter.jar --train scripts/aot-train-greeter.sh -- --server.port=0
#   then the command it prints: $JAVA25 -XX:AOTCache=samples/greeter/target/greeter-aot/app.aot
#   -Dspring.aot.enabled=true -jar samples/greeter/target/greeter-aot/greeter.jar
# DIR defaults to <jar without .jar>-aot. JAVA25 names a java of JDK 25 or later (default: the first
# /usr/lib/jvm/temurin-2[5-9]*). The cache only serves that JDK, that classpath and the same JVM
# options (garbage collector ...); the project itself still builds and runs on Java 17.
set -euo pipefail

jar=${1:?usage: scripts/aot-cache.sh JAR [DIR] [--train SCRIPT] [-- app arguments]}
shift
dir="${jar%.jar}-aot"
if [ $# -gt 0 ] && [ "$1" != "--" ] && [ "$1" != "--train" ]; then
    dir=$1
    shift
fi
train=
if [ "${1:-}" = "--train" ]; then
    train=$(realpath "${2:?aot-cache.sh: --train needs a script}")
    shift 2
fi
[ "${1:-}" = "--" ] && shift

java25=${JAVA25:-}
if [ -z "$java25" ]; then
    for candidate in /usr/lib/jvm/temurin-2[5-9]*/bin/java /usr/lib/jvm/java-2[5-9]-*/bin/java; do
        if [ -x "$candidate" ]; then
            java25=$candidate
            break
        fi
    done
fi
[ -n "$java25" ] || { echo "aot-cache.sh: no JDK 25 found; set JAVA25=/path/to/jdk-25/bin/java" >&2; exit 1; }

rm -rf "$dir"
java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
app="$dir/$(basename "$jar")"
log="$dir/training.log"
spring_aot=()
if "$(dirname "$java25")/jar" tf "$jar" | grep '__ApplicationContextInitializer\.class$' >/dev/null; then
    spring_aot=(-Dspring.aot.enabled=true)
fi

"$java25" -XX:AOTCacheOutput="$dir/app.aot" "${spring_aot[@]}" -jar "$app" "$@" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
    grep -q 'Started .* in .* seconds' "$log" && break
    kill -0 "$pid" 2>/dev/null || { echo "aot-cache.sh: the training run ended before it started; see $log" >&2; exit 1; }
    sleep 0.5
done
if [ -n "$train" ]; then
    "$train" "$log" || { kill -TERM "$pid"; echo "aot-cache.sh: the training workload $train failed; see $log" >&2; exit 1; }
fi
kill -TERM "$pid"
wait "$pid" || true
[ -f "$dir/app.aot" ] || { echo "aot-cache.sh: no cache was written; see $log" >&2; exit 1; }
echo "$java25 -XX:AOTCache=$dir/app.aot ${spring_aot[*]:+${spring_aot[*]} }-jar $app"
