#!/usr/bin/env bash
# Broker benchmark (see RESULTS.md, "Pub/sub"): messages per second and publish-to-receive latency
# p50/p99 of the http, nats and rabbitmq brokers, each side by side in one run with the raw client
# library doing the same (jnats publish/subscribe, amqp-client publish/consume). NATS and RabbitMQ
# are started by the test harness on free loopback ports (install them as for the integration tests).
# Usage: benchmarks/run-broker.sh [brokers, default http,nats,rabbitmq] [messages, default 100000] [rounds, default 5]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./mvnw -q -B -ntp -DskipTests -pl benchmarks -am install
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$cp_file"
classpath="benchmarks/target/classes:$(cat "$cp_file")"

java -Xms512m -Xmx512m -cp "$classpath" io.microspring.benchmarks.broker.BrokerBenchmark "${1:-http,nats,rabbitmq}" "${2:-100000}" "${3:-5}"
