#!/usr/bin/env bash
# Bytes allocated per request by a server's event loops (reactor-http-* threads), and the top
# allocation sites, for the greeter's Say.Hello: a measure that CPU contention hardly moves
# (unlike req/s), so two builds can be compared on a busy machine. The server runs alone on CPU 0
# with run.sh's JVM flags, wrk on CPU 1; after a warm-up, JFR records jdk.ThreadAllocationStatistics
# (each loop's allocated bytes, first to last value) and jdk.ObjectAllocationSample (sites, weighted)
# during one wrk run; the loops' bytes are divided by the requests wrk counted.
# Usage: benchmarks/alloc-per-request.sh 'java arguments with PORT' [CONNECTIONS]
#   e.g. benchmarks/alloc-per-request.sh '-jar samples/greeter/target/greeter.jar --server.port=0
#        --micro.server-address=127.0.0.1:PORT' 64
# Environment: WARMUP_SECONDS (20), SECONDS_PER_RUN (15), SITES (25, how many sites to list).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
. benchmarks/lib.sh micro-alloc
connections=${2:-64}
port=$(free_port)
read -r -a args <<<"${1//PORT/$port}"
cat >"$work/alloc.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="allocation per request">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">everyChunk</setting></event>
  <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="throttle">2000/s</setting><setting name="stackTrace">true</setting></event>
</configuration>
JFC
taskset -c 0 java -Xms256m -Xmx256m -XX:+UseParallelGC "${args[@]}" --logging.level.root=warn >"$work/server.log" 2>&1 &
pid=$!
pids+=("$pid")
for _ in $(seq 1 3000); do curl -s -o /dev/null -m 2 -X POST "http://127.0.0.1:$port/" && break; sleep 0.1; done
taskset -c 1 wrk -t1 -c"$connections" -d"${WARMUP_SECONDS:-20}"s -s benchmarks/wrk/greeter.lua "http://127.0.0.1:$port" >/dev/null
jcmd "$pid" JFR.start name=alloc settings="$work/alloc.jfc" >/dev/null
taskset -c 1 wrk -t1 -c"$connections" -d"${SECONDS_PER_RUN:-15}"s -s benchmarks/wrk/greeter.lua "http://127.0.0.1:$port" \
  >"$work/wrk.out"
jcmd "$pid" JFR.stop name=alloc filename="$work/alloc.jfr" >/dev/null
grep '^RESULT' "$work/wrk.out"
jfr print --json --stack-depth 12 --events jdk.ThreadAllocationStatistics,jdk.ObjectAllocationSample "$work/alloc.jfr" \
  >"$work/alloc.json"
python3 - "$work/alloc.json" "$(awk '/requests in/ {print $1}' "$work/wrk.out")" "${SITES:-25}" <<'PY'
import collections, json, sys
events = json.load(open(sys.argv[1]))['recording']['events']
requests, shown = int(sys.argv[2]), int(sys.argv[3])
def loop(thread):
    return thread is not None and (thread.get('javaName') or '').startswith('reactor-http')
first, last = {}, {}
for e in events:
    if e['type'] == 'jdk.ThreadAllocationStatistics' and loop(e['values']['thread']):
        name = e['values']['thread']['javaName']
        first.setdefault(name, e['values']['allocated'])
        last[name] = e['values']['allocated']
total = sum(last[n] - first[n] for n in last)
print(f"requests={requests} event_loops={len(last)} bytes_per_request={total / max(requests, 1):.0f}")
sites, weights = collections.Counter(), 0
for e in events:
    if e['type'] != 'jdk.ObjectAllocationSample' or not loop(e['values']['eventThread']):
        continue
    weights += e['values']['weight']
    site = '?'
    for frame in (e['values']['stackTrace'] or {}).get('frames', []):
        owner = frame['method']['type']['name']
        if not owner.startswith(('java/', 'jdk/', 'sun/')):
            site = f"{owner}.{frame['method']['name']}:{frame['lineNumber']}"
            break
    sites[(e['values']['objectClass']['name'], site)] += e['values']['weight']
for (type_, site), weight in sites.most_common(shown):
    print(f"{weight * total / weights / max(requests, 1):7.0f} B  {type_}  {site}")
PY
