#!/usr/bin/env python3
# The raw bytes a greeter answers to a set of requests (success and errors in JSON, protobuf and
# the RPC envelopes, X- headers, timeouts, a body over the limit, a server stream, a chat), one
# file per request, so that two builds can be compared byte for byte:
#   benchmarks/wire-answers.py PORT_OF_BUILD_A a/ && benchmarks/wire-answers.py PORT_OF_BUILD_B b/
#   for f in a/*; do cmp "$f" "b/${f#a/}"; done
# Each request goes on a connection of its own, read until it has been quiet for 3 s.
import os, socket, sys
port, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
def hello_pb(name):
    b = name.encode(); return bytes([0x0a, len(b)]) + b
def req(body, headers, method="POST"):
    h = "".join(f"{k}: {v}\r\n" for k, v in headers)
    return f"{method} / HTTP/1.1\r\nHost: 127.0.0.1\r\n{h}Content-Length: {len(body)}\r\n\r\n".encode() + body
std = [("Content-Type", "application/json"), ("Micro-Id", "1"), ("Micro-Service", "go.micro.srv.greeter"),
       ("Micro-Endpoint", "Say.Hello"), ("Micro-Method", "Say.Hello"), ("Timeout", "5000000000")]
def with_(pairs, **repl):
    d = dict(pairs); res = []
    for k, v in pairs:
        if k in repl:
            if repl[k] is not None: res.append((k, repl[k]))
        else: res.append((k, v))
    return res
cases = {
 "json-ok": req(b'{"name":"John"}', std),
 "json-ok-utf8": req('{"name":"Zoë <&> \\" 中文 😀"}'.encode(), std),
 "json-bad": req(b'{"name":', std),
 "unknown-endpoint": req(b'{"name":"John"}', with_(std, **{"Micro-Endpoint": "Say.Nope", "Micro-Method": "Say.Nope"})),
 "unknown-service": req(b'{"name":"John"}', with_(std, **{"Micro-Service": "other"})),
 "bad-content-type": req(b'{"name":"John"}', with_(std, **{"Content-Type": "text/plain"})),
 "stream-as-unary": req(b'{"name":"John","count":2}', with_(std, **{"Micro-Endpoint": "Say.Stream", "Micro-Method": "Say.Stream"})),
 "x-headers-only": req(b'{"name":"John"}', [("Content-Type", "application/json"), ("X-Micro-Id", "9"), ("X-Micro-Service", "go.micro.srv.greeter"), ("X-Micro-Endpoint", "Say.Hello"), ("X-Micro-Method", "Say.Hello")]),
 "empty-plain-x-set": req(b'{"name":"John"}', with_(std, **{"Micro-Id": ""}) + [("X-Micro-Id", "x")]),
 "no-endpoint": req(b'{"name":"John"}', with_(std, **{"Micro-Endpoint": None, "Micro-Method": None})),
 "empty-body": req(b'', std),
 "proto-ok": req(hello_pb("John"), with_(std, **{"Content-Type": "application/protobuf"})),
 "proto-bad": req(b'\x0a\x09Jo', with_(std, **{"Content-Type": "application/protobuf"})),
 "proto-rpc-ok": req(b'', with_(std, **{"Content-Type": "application/proto-rpc"})),
 "jsonrpc-ok": req(b'{"method":"Say.Hello","params":[{"name":"John"}],"id":3}', with_(std, **{"Content-Type": "application/json-rpc"})),
 "jsonrpc-bad": req(b'{"method":', with_(std, **{"Content-Type": "application/json-rpc"})),
 "get": req(b'', std, "GET"),
 "timeout-0": req(b'{"name":"John"}', with_(std, Timeout="0")),
 "timeout-1": req(b'{"name":"John"}', with_(std, Timeout="1")),
 "timeout-bad": req(b'{"name":"John"}', with_(std, Timeout="abc")),
 "stream": 2 * req(b'{"name":"Wire","count":3}', std[:1] + [("Micro-Id", "7"), ("Micro-Service", "go.micro.srv.greeter"), ("Micro-Endpoint", "Say.Stream"), ("Micro-Method", "Say.Stream"), ("Micro-Stream", "7")]),
 "chat": 3 * req(b'{"name":"Chat"}', std[:1] + [("Micro-Id", "8"), ("Micro-Service", "go.micro.srv.greeter"), ("Micro-Endpoint", "Say.Chat"), ("Micro-Method", "Say.Chat"), ("Micro-Stream", "8")]),
 "too-large": req(b'{"name":"' + b'x' * (5 * 1024 * 1024) + b'"}', std),
}
for name, data in cases.items():
    s = socket.create_connection(("127.0.0.1", port)); s.settimeout(3)
    try: s.sendall(data)
    except OSError: pass
    got = b""
    while True:
        try:
            chunk = s.recv(65536)
        except (socket.timeout, OSError):
            break
        if not chunk: break
        got += chunk
    s.close()
    open(os.path.join(out, name), "wb").write(got)
    print(name, len(got))
