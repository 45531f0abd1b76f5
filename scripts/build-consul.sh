#!/usr/bin/env bash
# Builds a Consul agent binary from the Go module proxy (Consul is not packaged by Debian).
#
#   ${MICRO_TOOLS_CACHE:-$HOME/.cache/micro-spring}/consul-<version>/consul
#
# `go install github.com/hashicorp/consul@<v>` is refused because consul's go.mod has replace
# directives, so we generate a throw-away wrapper module in a temp dir that requires consul at the
# pinned release, copies its non-local replace and exclude directives (its local replaces,
# ./api, ./sdk, ..., point at nested modules whose released versions its require block already
# pins, so they are dropped), and builds the `github.com/hashicorp/consul` main package.
#
# Version: v1.16.1 (tagged 2023-08-05), still MPL-2.0 like v1.16.0: releases after the August
# 2023 licence change are BUSL-1.1. v1.16.0 itself cannot be built here: it needs
# github.com/hashicorp/consul/envoyextensions@v0.3.0 (and troubleshoot@v0.3.0), which the module
# proxy refuses ("403 This module version is not available"); v1.16.1 needs envoyextensions
# v0.4.1 and troubleshoot v0.3.1, which it serves. v1.16.1 builds with go1.26 (about 6-7 minutes
# on 2 cores, 117 MB binary).
# Skipped when the binary already exists. Prints the binary path on the last line of stdout.
set -euo pipefail

CONSUL_VERSION="${CONSUL_VERSION:-v1.16.1}"
CACHE="${MICRO_TOOLS_CACHE:-$HOME/.cache/micro-spring}"
OUT_DIR="$CACHE/consul-${CONSUL_VERSION#v}"
BIN="$OUT_DIR/consul"

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null 2>&1 || { echo "build-consul: the go command is required" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

log() { echo "build-consul: $*" >&2; }

log "building consul $CONSUL_VERSION in $work (takes a few minutes the first time)"
export GOFLAGS="${GOFLAGS:-} -mod=mod"
go mod init micro-spring.local/consul-wrapper >/dev/null 2>&1

# Read consul's own go.mod and copy what only applies to the main module: non-local replaces and
# excludes. Consul's go.sum is copied too: it is upstream's record of its dependencies' hashes,
# so the go command checks against it instead of asking the checksum database (which answers
# 404 here for some of them, e.g. hcp-sdk-go@v0.55.0).
download_json="$(go mod download -json "github.com/hashicorp/consul@$CONSUL_VERSION")"
consul_mod="$(echo "$download_json" | sed -n 's/^[[:space:]]*"GoMod": "\([^"]*\)",\?$/\1/p')"
consul_dir="$(echo "$download_json" | sed -n 's/^[[:space:]]*"Dir": "\([^"]*\)",\?$/\1/p')"
if [ ! -f "$consul_mod" ] || [ ! -f "$consul_dir/go.sum" ]; then
  log "could not download consul $CONSUL_VERSION"
  exit 1
fi
cp "$consul_dir/go.sum" go.sum
echo "$download_json" | sed -n 's/^[[:space:]]*"Sum": "\([^"]*\)",\?$/github.com\/hashicorp\/consul '"$CONSUL_VERSION"' \1/p' >>go.sum
echo "$download_json" | sed -n 's/^[[:space:]]*"GoModSum": "\([^"]*\)",\?$/github.com\/hashicorp\/consul '"$CONSUL_VERSION"'\/go.mod \1/p' >>go.sum

# `go mod edit -json` prints Replace/Exclude as JSON; flatten the fields we need with sed.
cp "$consul_mod" upstream.mod
go mod edit -json upstream.mod >upstream.json
tr -d '\n\t ' <upstream.json |
  grep -o '"Replace":\[.*\]' |
  grep -o '{"Old":{[^}]*},"New":{[^}]*}}' |
  while read -r rep; do
    old_path="$(echo "$rep" | sed -n 's/.*"Old":{"Path":"\([^"]*\)".*/\1/p')"
    old_ver="$(echo "$rep" | sed -n 's/.*"Old":{[^}]*"Version":"\([^"]*\)".*/\1/p')"
    new_path="$(echo "$rep" | sed -n 's/.*"New":{"Path":"\([^"]*\)".*/\1/p')"
    new_ver="$(echo "$rep" | sed -n 's/.*"New":{[^}]*"Version":"\([^"]*\)".*/\1/p')"
    case "$new_path" in
      ./* | ../* | /*) log "dropping local replace $old_path => $new_path (the require block pins its release)"; continue ;;
    esac
    old="$old_path${old_ver:+@$old_ver}"
    new="$new_path${new_ver:+@$new_ver}"
    log "replace $old => $new"
    go mod edit -replace "$old=$new"
  done
tr -d '\n\t ' <upstream.json |
  grep -o '"Exclude":\[[^]]*\]' |
  grep -o '{"Path":"[^"]*","Version":"[^"]*"}' |
  while read -r ex; do
    p="$(echo "$ex" | sed -n 's/.*"Path":"\([^"]*\)".*/\1/p')"
    v="$(echo "$ex" | sed -n 's/.*"Version":"\([^"]*\)".*/\1/p')"
    log "exclude $p@$v"
    go mod edit -exclude "$p@$v"
  done
rm -f upstream.mod upstream.json

# Consul's nested modules (api, sdk, proto-public, envoyextensions, troubleshoot) were local
# replaces upstream, so its go.sum has no line for them, and the checksum database answers 404 for
# some of them: they alone are fetched from the module proxy without the sumdb lookup.
nested=""
for m in api sdk proto-public envoyextensions troubleshoot; do
  nested="${nested:+$nested,}github.com/hashicorp/consul/$m"
done
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}$nested"
go get "github.com/hashicorp/consul@$CONSUL_VERSION"
mkdir -p "$OUT_DIR"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$BIN.tmp" github.com/hashicorp/consul
mv "$BIN.tmp" "$BIN"
"$BIN" version >&2
echo "$BIN"
