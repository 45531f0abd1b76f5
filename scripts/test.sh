#!/usr/bin/env bash
# The test command of the README: installs or builds what the integration tests need (real etcd,
# Consul, NATS, RabbitMQ and go-micro peers; see install-test-deps.sh), then runs every unit and
# integration test. Integration tests fail, never skip, when a server or peer is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/install-test-deps.sh
./mvnw -B -ntp verify "$@"
