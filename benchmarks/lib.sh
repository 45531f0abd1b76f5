# Sourced by the benchmark scripts that start servers: "$work" is their scratch directory, and the
# processes whose pids they add to "pids" are stopped, and "$work" removed, when the script exits.
# Usage: . benchmarks/lib.sh NAME   (the work directory is named after NAME)
work=$(mktemp -d -t "$1.XXXXXX")
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_for() { # file pattern: until the pattern is in the file, for three minutes at most
  for _ in $(seq 1 1800); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1:" >&2; cat "$1" >&2; exit 1
}
