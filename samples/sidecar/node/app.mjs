// A go-micro service in Node.js, no npm packages, beside `micro sidecar`.
//
// It serves go-micro's RPC itself (the HTTP transport is a plain `POST /` with the Micro headers):
//   Node.Hello    {"name": "John"} -> {"msg": "Hello John from Node"}
//   Node.Publish  {"topic": T, "message": {...}} -> publishes the message as a frame on the
//                 sidecar's /broker websocket
// It registers itself through the sidecar's POST /registry (with a TTL, again every few seconds)
// and deregisters with DELETE /registry when it stops. With --topic it subscribes to that topic
// over the /broker websocket and prints `RECEIVED <body>` for each message. It prints `READY`
// once it serves, is registered (and is subscribed).
//
//   node app.mjs --port 9001 --sidecar http://127.0.0.1:8081 --topic go.micro.topic.node
// Node 22 has WebSocket built in; Node 20 and 21 need `node --experimental-websocket app.mjs`.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '9001' },
    sidecar: { type: 'string', default: 'http://127.0.0.1:8081' },
    topic: { type: 'string' },
  },
});
const SERVICE = 'go.micro.srv.node';
const MICRO_HEADERS = ['micro-id', 'micro-service', 'micro-endpoint', 'micro-method'];
const address = `127.0.0.1:${args.port}`;
const ws = args.sidecar.replace(/^http/, 'ws');

const microError = (code, detail, status) => JSON.stringify({ id: SERVICE, code, detail, status });

class MicroError extends Error {}

const endpoints = {
  'Node.Hello': async (request) => ({ msg: `Hello ${request.name ?? ''} from Node` }),
  'Node.Publish': async (request) => {
    await publish(request.topic, request.message ?? {});
    return { published: true };
  },
};

/** Sends one frame on a /broker websocket of the topic: the sidecar publishes it. */
function publish(topic, message) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${ws}/broker?topic=${encodeURIComponent(topic)}`);
    socket.onopen = () => {
      socket.send(JSON.stringify(message));
      socket.close();
    };
    socket.onclose = () => resolve();
    socket.onerror = () => reject(new MicroError(microError(502, 'the sidecar refused the websocket', 'Bad Gateway')));
  });
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    const header = (name) => req.headers[name] ?? req.headers[`x-${name}`];
    const headers = { 'Content-Type': 'application/json' };
    for (const name of MICRO_HEADERS) { // echoed, also with the X- prefix, as go-micro's server does
      if (header(name)) {
        headers[name] = header(name);
        headers[`x-${name}`] = header(name);
      }
    }
    const endpoint = header('micro-endpoint') ?? header('micro-method');
    try {
      if (!(req.headers['content-type'] ?? '').includes('json')) {
        throw new MicroError(microError(400, 'Node speaks application/json only', 'Bad Request'));
      }
      const call = endpoints[endpoint];
      if (!call) {
        throw new MicroError(microError(404, `unknown endpoint ${endpoint}`, 'Not Found'));
      }
      const body = Buffer.concat(chunks).toString() || '{}';
      res.writeHead(200, headers).end(JSON.stringify(await call(JSON.parse(body))));
    } catch (e) {
      // go-micro's application error: still 200, the error JSON in Micro-Error
      headers['micro-error'] = e instanceof MicroError ? e.message : microError(500, String(e), 'Internal Server Error');
      res.writeHead(200, headers).end();
    }
  });
});

const entry = {
  name: SERVICE,
  version: 'latest',
  endpoints: Object.keys(endpoints).map((name) => ({ name })),
  nodes: [{ id: `${SERVICE}-${randomUUID()}`, address, metadata: { protocol: 'mucp', transport: 'http', server: 'mucp' } }],
};

async function registry(method, query = '') {
  const response = await fetch(`${args.sidecar}/registry${query}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(entry),
  });
  if (!response.ok) {
    throw new Error(`${method} /registry: ${await response.text()}`);
  }
}

/** Registers for 10s, again every 3s, as go-micro's services do with their TTL and interval. */
async function keepRegistered() {
  await registry('POST', '?ttl=10s');
  setInterval(() => registry('POST', '?ttl=10s').catch((e) => console.error(e.message)), 3000);
}

function subscribe(topic) {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${ws}/broker?topic=${encodeURIComponent(topic)}`);
    socket.onopen = () => resolve();
    socket.onmessage = (event) => console.log(`RECEIVED ${JSON.stringify(JSON.parse(event.data).body)}`);
    socket.onclose = () => {
      console.error(`subscription to ${topic} closed; again in 1s`);
      setTimeout(() => subscribe(topic).then(resolve), 1000);
    };
  });
}

async function stop() {
  await registry('DELETE').catch((e) => console.error(e.message));
  process.exit(0);
}

server.listen(Number(args.port), '127.0.0.1', async () => {
  await keepRegistered();
  if (args.topic) {
    await subscribe(args.topic);
  }
  console.log('READY');
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
