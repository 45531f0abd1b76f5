#!/usr/bin/env bash
# Installs the servers the integration tests start themselves (each test starts its own
# instance on free loopback ports, in a temp dir):
#   etcd-server (etcd), nats-server, rabbitmq-server, wrk (load generator for benchmarks),
#   chromium with chromium-driver (chromedriver) for micro web's browser tests, and tmux (the
#   pseudo-terminal the micro shell's test types into), prosody (the XMPP server of micro bot's
#   tests) and openssl (makes the TLS tests' certificates).
#
# Idempotent: when every binary is already there it returns at once without touching apt.
# Debian's maintainer scripts would normally start the system services (etcd, rabbitmq,
# epmd); we block that with a temporary policy-rc.d and afterwards stop and disable anything
# the installation started anyway, so no daemon holds ports or state.
# Needs root (CI on a fresh Debian machine runs as root).
set -euo pipefail

# package -> binary that proves it is installed
declare -A BINARY_OF=(
  [etcd-server]=etcd
  [nats-server]=nats-server
  [rabbitmq-server]=rabbitmq-server
  [wrk]=wrk
  [chromium]=chromium
  [chromium-driver]=chromedriver
  [tmux]=tmux
  [prosody]=prosody
  [openssl]=openssl
)
# system services these packages ship (stopped and disabled after installing)
SERVICES=(etcd nats-server rabbitmq-server epmd epmd.socket prosody)
# daemons a maintainer script may have started despite policy-rc.d
DAEMONS=(etcd nats-server beam.smp epmd)

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/lib/rabbitmq/bin/$1" ]; }

missing=()
for pkg in "${!BINARY_OF[@]}"; do
  if ! have "${BINARY_OF[$pkg]}"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-servers: etcd, nats-server, rabbitmq-server, wrk, chromium, chromedriver, tmux, prosody and openssl are already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-servers: missing packages: ${missing[*]}; run this script as root" >&2
  exit 1
fi

echo "install-servers: installing ${missing[*]}"

# pids of daemons already running before we start (never touched)
daemon_pids() {
  local d
  for d in "${DAEMONS[@]}"; do
    pgrep -x "$d" 2>/dev/null || true
  done | sort -n
}
before_pids="$(daemon_pids)"

# A policy-rc.d that answers 101 ("action forbidden") keeps invoke-rc.d (used by the packages'
# postinst scripts) from starting services. Install one only if the machine has none.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# temporary, written by micro-spring scripts/install-servers.sh\nexit 101\n' >"$policy"
  chmod 0755 "$policy"
  own_policy=1
fi
cleanup() {
  if [ "$own_policy" -eq 1 ]; then
    rm -f "$policy"
  fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"

# Stop and disable the services, whatever started them.
if [ -d /run/systemd/system ]; then
  for s in "${SERVICES[@]}"; do
    systemctl stop "$s" >/dev/null 2>&1 || true
    systemctl disable "$s" >/dev/null 2>&1 || true
  done
else
  for s in "${SERVICES[@]}"; do
    if [ -x "/etc/init.d/$s" ]; then
      # invoke-rc.d would be blocked by policy-rc.d, call the script directly
      "/etc/init.d/$s" stop >/dev/null 2>&1 || true
      update-rc.d "$s" disable >/dev/null 2>&1 || true
    fi
  done
fi

# Anything still running that was not running before came from the installation: end it by pid.
after_pids="$(daemon_pids)"
new_pids="$(comm -13 <(echo "$before_pids") <(echo "$after_pids") | grep -v '^$' || true)"
if [ -n "$new_pids" ]; then
  echo "install-servers: stopping daemons started by the installation:"
  # shellcheck disable=SC2086
  ps -o pid=,user=,args= -p "$(echo $new_pids | tr ' ' ',')" || true
  # shellcheck disable=SC2086
  kill $new_pids 2>/dev/null || true
  for _ in $(seq 1 50); do
    alive=0
    for p in $new_pids; do
      if kill -0 "$p" 2>/dev/null; then alive=1; fi
    done
    [ "$alive" -eq 0 ] && break
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -9 $new_pids 2>/dev/null || true
fi

for pkg in "${!BINARY_OF[@]}"; do
  if ! have "${BINARY_OF[$pkg]}"; then
    echo "install-servers: ${BINARY_OF[$pkg]} still missing after installing $pkg" >&2
    exit 1
  fi
done
echo "install-servers: done"
