#!/usr/bin/env bash
# Registry benchmarks (see RESULTS.md, "Registry"):
#   1. JMH: a cached lookup plus node selection for a service of 10 nodes (target < 1 us)
#   2. registering 1,000 services x 3 nodes in etcd and in Consul, and watch propagation p50/p99,
#      against servers the test harness starts on free loopback ports (etcd, and Consul from
#      scripts/build-consul.sh, must be installed as for the integration tests)
# Usage: benchmarks/run-registry.sh [etcd|consul|both] [services] [nodes] [samples]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./mvnw -q -B -ntp -DskipTests -pl benchmarks -am install
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$cp_file"
classpath="benchmarks/target/classes:$(cat "$cp_file")"

java -cp "$classpath" org.openjdk.jmh.Main 'io.microspring.benchmarks.registry.CachedLookupBenchmark' -rf text \
  -rff benchmarks/target/jmh-registry.txt
java -Xmx1g -cp "$classpath" io.microspring.benchmarks.registry.RegistryLoadBenchmark "${1:-both}" "${2:-1000}" \
  "${3:-3}" "${4:-200}"
