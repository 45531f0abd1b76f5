#!/usr/bin/env python3
"""A go-micro service in Python, standard library only, beside `micro sidecar`.

It serves go-micro's RPC itself (the HTTP transport is a plain `POST /` with the Micro headers):
  Py.Hello    {"name": "John"} -> {"msg": "Hello John from Python"}
  Py.Greet    {"name": "John"} -> the Java greeter's answer, called through the sidecar's /rpc
  Py.Publish  {"topic": T, "message": {...}} -> publishes the message through the sidecar's /broker
and GET /health for the sidecar's health check. The sidecar registers it (--server_name ...).
With --topic it subscribes to that topic over the sidecar's /broker websocket and prints
`RECEIVED <body>` for each message. It prints `READY` once it serves (and is subscribed).

  python3 app.py --port 9000 --sidecar http://127.0.0.1:8081 --topic go.micro.topic.py
"""
import argparse
import base64
import hashlib
import json
import os
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVICE = "go.micro.srv.py"
MICRO_HEADERS = ("Micro-Id", "Micro-Service", "Micro-Endpoint", "Micro-Method")


def micro_error(code, detail, status):
    return json.dumps({"id": SERVICE, "code": code, "detail": detail, "status": status})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as go-micro's clients expect
    sidecar = ""

    def do_GET(self):
        if self.path == "/health":
            self.answer(200, {"Content-Type": "text/plain"}, b"ok")
        else:
            self.answer(404, {"Content-Type": "text/plain"}, b"not found")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        endpoint = self.header("Micro-Endpoint") or self.header("Micro-Method")
        headers = {"Content-Type": "application/json"}
        for name in MICRO_HEADERS:  # echoed, also with the X- prefix, as go-micro's server does
            value = self.header(name)
            if value:
                headers[name] = value
                headers["X-" + name] = value
        if "json" not in self.headers.get("Content-Type", ""):
            headers["Micro-Error"] = micro_error(400, "Py speaks application/json only", "Bad Request")
            return self.answer(200, headers, b"")
        try:
            result = self.call(endpoint, json.loads(body or b"{}"))
        except MicroError as e:
            headers["Micro-Error"] = str(e)
            return self.answer(200, headers, b"")
        self.answer(200, headers, json.dumps(result).encode())

    def call(self, endpoint, request):
        if endpoint == "Py.Hello":
            return {"msg": "Hello %s from Python" % request.get("name", "")}
        if endpoint == "Py.Greet":
            return post_json(self.sidecar + "/rpc", {"service": "go.micro.srv.greeter", "endpoint": "Say.Hello",
                                                     "request": {"name": request.get("name", "")}})
        if endpoint == "Py.Publish":
            topic = urllib.parse.quote(request.get("topic", ""))
            post_json(self.sidecar + "/broker?topic=" + topic, request.get("message", {}))
            return {"published": True}
        raise MicroError(micro_error(404, "unknown endpoint %s" % endpoint, "Not Found"))

    def header(self, name):
        return self.headers.get(name) or self.headers.get("X-" + name)

    def answer(self, status, headers, body):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass


class MicroError(Exception):
    pass


def post_json(url, value):
    """POSTs JSON to the sidecar; its go-micro errors are passed on."""
    request = urllib.request.Request(url, json.dumps(value).encode(), {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        raise MicroError(e.read().decode())


class WebSocket:
    """The client side of RFC 6455, as little as the sidecar's /broker needs."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port or 80))
        key = base64.b64encode(os.urandom(16)).decode()
        path = parts.path + ("?" + parts.query if parts.query else "")
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
                           % (path, parts.hostname, parts.port or 80, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("the sidecar closed the connection during the websocket handshake")
            head += chunk
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
        if not head.startswith(b"HTTP/1.1 101") or accept not in head:
            raise ConnectionError("websocket refused: " + head.decode(errors="replace").splitlines()[0])

    def receive(self):
        """The next text message, or None once the connection is closed."""
        message = b""
        while True:
            first, second = self.read(2)
            length = second & 0x7F
            if length == 126:
                length = int.from_bytes(self.read(2), "big")
            elif length == 127:
                length = int.from_bytes(self.read(8), "big")
            payload = self.read(length)
            opcode = first & 0x0F
            if opcode == 0x8:
                return None
            if opcode == 0x9:
                self.send(payload, 0xA)
                continue
            message += payload
            if first & 0x80:
                return message.decode()

    def send(self, payload, opcode=0x1):
        mask = os.urandom(4)
        length = len(payload)
        if length < 126:
            head = bytes([0x80 | opcode, 0x80 | length])
        elif length < 65536:
            head = bytes([0x80 | opcode, 0x80 | 126]) + length.to_bytes(2, "big")
        else:
            head = bytes([0x80 | opcode, 0x80 | 127]) + length.to_bytes(8, "big")
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def read(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise ConnectionError("the sidecar closed the websocket")
            data += chunk
        return data


def subscribe(sidecar, topic, subscribed):
    """Prints each message of topic; connects again when the sidecar goes away."""
    url = sidecar + "/broker?topic=" + urllib.parse.quote(topic)
    while True:
        try:
            ws = WebSocket(url)
            subscribed.set()
            while True:
                frame = ws.receive()
                if frame is None:
                    break
                print("RECEIVED " + json.dumps(json.loads(frame)["body"]), flush=True)
        except (OSError, ConnectionError) as e:
            print("subscription to %s: %s; again in 1s" % (topic, e), file=sys.stderr, flush=True)
        time.sleep(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--sidecar", default="http://127.0.0.1:8081")
    parser.add_argument("--topic", help="topic to subscribe to over the sidecar's /broker websocket")
    args = parser.parse_args()
    Handler.sidecar = args.sidecar
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    if args.topic:
        subscribed = threading.Event()
        threading.Thread(target=subscribe, args=(args.sidecar, args.topic, subscribed), daemon=True).start()
        subscribed.wait()
    print("READY", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
