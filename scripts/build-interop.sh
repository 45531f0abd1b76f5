#!/usr/bin/env bash
# Builds the Go interop peers (interop/cmd/*: greeter-srv, greeter-api, greeter-client, publisher,
# subscriber, stream-bench, bot-command) and go-micro's own `micro` CLI (go-micro.dev/v5/cmd/micro, the go-micro version of
# interop/go.mod) into
#
#   ${MICRO_TOOLS_CACHE:-$HOME/.cache/micro-spring}/interop-bin/
#
# A stamp (hash of the interop sources, go.mod/go.sum and the Go version) makes a re-run with
# unchanged sources a no-op. Prints the directory on the last line of stdout.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(cd "$here/../interop" && pwd)"
CACHE="${MICRO_TOOLS_CACHE:-$HOME/.cache/micro-spring}"
OUT="$CACHE/interop-bin"
# go-micro's CLI, same version as interop/go.mod
MICRO_CLI_VERSION="$(sed -n 's/^[[:space:]]*go-micro\.dev\/v5 \(v[^ ]*\).*/\1/p' "$src/go.mod" | head -1)"
PEERS=(greeter-srv greeter-api greeter-client publisher subscriber stream-bench trace-relay bot-command)

command -v go >/dev/null 2>&1 || { echo "build-interop: the go command is required" >&2; exit 1; }

stamp="$(
  {
    go version
    echo "micro $MICRO_CLI_VERSION"
    cd "$src" && find . -type f \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' \) -print0 |
      sort -z | xargs -0 sha256sum
  } | sha256sum | cut -d' ' -f1
)"

all_present=1
for p in "${PEERS[@]}" micro; do
  [ -x "$OUT/$p" ] || all_present=0
done
if [ "$all_present" -eq 1 ] && [ "$(cat "$OUT/.stamp" 2>/dev/null || true)" = "$stamp" ]; then
  echo "$OUT"
  exit 0
fi

mkdir -p "$OUT"
rm -f "$OUT/.stamp"
echo "build-interop: building ${PEERS[*]} into $OUT" >&2
(cd "$src" && go build -trimpath -o "$OUT/" ./cmd/...)

# `go install go-micro.dev/v5/cmd/micro@v5.30.0` fails here: it looks up the module's deprecation
# through @v/list, which the module proxy refuses ("403 This module version is not available").
# So the CLI is built from a throw-away module that requires go-micro at the exact version,
# with go-micro's own go.sum (it covers the CLI's extra dependencies).
if [ ! -x "$OUT/micro" ] || [ "$(cat "$OUT/.micro-version" 2>/dev/null || true)" != "$MICRO_CLI_VERSION" ]; then
  echo "build-interop: building go-micro.dev/v5/cmd/micro@$MICRO_CLI_VERSION" >&2
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (
    cd "$work"
    go mod init micro-spring.local/micro-cli >/dev/null 2>&1
    go get "go-micro.dev/v5@$MICRO_CLI_VERSION" >/dev/null
    cat "$(go list -m -f '{{.Dir}}' go-micro.dev/v5)/go.sum" >>go.sum
    GOFLAGS="${GOFLAGS:-} -mod=mod" go build -trimpath -o "$OUT/micro" go-micro.dev/v5/cmd/micro
  )
  echo "$MICRO_CLI_VERSION" >"$OUT/.micro-version"
fi

echo "$stamp" >"$OUT/.stamp"
echo "$OUT"
