#!/usr/bin/env bash
# Regenerates the committed Go code of the interop messages:
#   greeter.pb.go  from greeter.proto
#   api/api.pb.go  from the gateway's api.proto (package go.api), which lives in
#                  micro-spring-boot-autoconfigure/src/main/proto and has no go_package: the
#                  import path is given to protoc-gen-go with an M flag
#   bot/bot.pb.go  from micro bot's bot.proto (package go.micro.bot), beside api.proto, the same way
#   protoc:         $PROTOC, else `protoc` on PATH, else Maven Central's
#                   com.google.protobuf:protoc:$PROTOC_VERSION:exe:linux-x86_64 (fetched with mvn)
#   protoc-gen-go:  google.golang.org/protobuf/cmd/protoc-gen-go at the version of
#                   google.golang.org/protobuf in ../go.mod, built from the Go module proxy
# Tools are kept in ${MICRO_TOOLS_CACHE:-$HOME/.cache/micro-spring}/protoc-tools.
set -euo pipefail

PROTOC_VERSION="${PROTOC_VERSION:-4.36.2}" # same as protobuf.version in the root pom.xml
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
module_dir="$(dirname "$here")"
api_proto_dir="$module_dir/../micro-spring-boot-autoconfigure/src/main/proto"
go_module="$(cd "$module_dir" && go list -m)"
tools="${MICRO_TOOLS_CACHE:-$HOME/.cache/micro-spring}/protoc-tools"
mkdir -p "$tools"

protoc_bin="${PROTOC:-}"
if [ -z "$protoc_bin" ]; then
  protoc_bin="$tools/protoc-$PROTOC_VERSION"
  if [ ! -x "$protoc_bin" ]; then
    artifact="com.google.protobuf:protoc:$PROTOC_VERSION:exe:linux-x86_64"
    mvn_cmd="$(command -v mvn || echo "$module_dir/../mvnw")"
    "$mvn_cmd" -q -B dependency:copy -Dartifact="$artifact" -DoutputDirectory="$tools" -Dmdep.stripVersion=false
    mv "$tools/protoc-$PROTOC_VERSION-linux-x86_64.exe" "$protoc_bin"
    chmod +x "$protoc_bin"
  fi
fi

pb_version="$(cd "$module_dir" && go list -m -f '{{.Version}}' google.golang.org/protobuf)"
gen_go="$tools/protoc-gen-go-$pb_version"
if [ ! -x "$gen_go" ]; then
  GOBIN="$tools/bin-$pb_version" go install "google.golang.org/protobuf/cmd/protoc-gen-go@$pb_version"
  mv "$tools/bin-$pb_version/protoc-gen-go" "$gen_go"
  rmdir "$tools/bin-$pb_version"
fi

echo "generate: $("$protoc_bin" --version), protoc-gen-go $pb_version" >&2
"$protoc_bin" \
  --plugin=protoc-gen-go="$gen_go" \
  --proto_path="$here" \
  --go_out="$here" --go_opt=paths=source_relative \
  "$here/greeter.proto"
"$protoc_bin" \
  --plugin=protoc-gen-go="$gen_go" \
  --proto_path="$api_proto_dir" \
  --go_out="$module_dir" --go_opt=module="$go_module" \
  --go_opt=Mapi.proto="$go_module/proto/api;api" \
  "$api_proto_dir/api.proto"
"$protoc_bin" \
  --plugin=protoc-gen-go="$gen_go" \
  --proto_path="$api_proto_dir" \
  --go_out="$module_dir" --go_opt=module="$go_module" \
  --go_opt=Mbot.proto="$go_module/proto/bot;bot" \
  "$api_proto_dir/bot.proto"
