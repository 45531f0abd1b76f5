#!/usr/bin/env bash
# Installs / builds everything the integration tests (*IT) need:
#   - etcd, nats-server, rabbitmq-server, wrk, chromium, chromedriver, tmux, prosody, openssl from Debian (install-servers.sh; needs root)
#   - consul built from the Go module proxy (build-consul.sh)
#   - the Go interop peers and go-micro's micro CLI (build-interop.sh)
#   - checks python3 and node (20+) for the sidecar samples
# Idempotent and quick when everything is already there.
# Not root: the Debian packages are only checked, and what is missing is reported.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ "$(id -u)" -eq 0 ]; then
  "$here/install-servers.sh"
else
  missing=()
  for bin in etcd nats-server rabbitmq-server wrk chromium chromedriver tmux prosody openssl; do
    if ! command -v "$bin" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$bin" ]; then
      missing+=("$bin")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-test-deps: missing ${missing[*]}; run (as root) $here/install-servers.sh," >&2
    echo "  or: apt-get install etcd-server nats-server rabbitmq-server wrk chromium chromium-driver tmux prosody openssl" >&2
    exit 1
  fi
  echo "install-test-deps: etcd, nats-server, rabbitmq-server, wrk, chromium, chromedriver, tmux, prosody and openssl are installed"
fi

consul="$("$here/build-consul.sh" | tail -n 1)"
interop="$("$here/build-interop.sh" | tail -n 1)"
echo "install-test-deps: consul $consul"
echo "install-test-deps: go peers $interop"

# the sidecar's proof apps (samples/sidecar): Python 3 (standard library only) and Node.js 20 or later
# (its built-in WebSocket; no npm packages)
for bin in python3 node; do
  if ! command -v "$bin" >/dev/null 2>&1; then
    echo "install-test-deps: missing $bin (for the sidecar tests); apt-get install python3 nodejs" >&2
    exit 1
  fi
done
node_major="$(node --version | sed 's/^v\([0-9]*\).*/\1/')"
if [ "$node_major" -lt 20 ]; then
  echo "install-test-deps: node $(node --version) is too old for the sidecar tests; they need 20 or later" >&2
  exit 1
fi
echo "install-test-deps: python3 $(python3 --version | cut -d' ' -f2) and node $(node --version)"
