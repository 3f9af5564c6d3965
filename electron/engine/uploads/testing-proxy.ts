/**
 * Test support: an HTTP proxy on 127.0.0.1 in front of a loopback S3 server (fauxqs/s3rver),
 * which neither enforces `If-None-Match` nor loses responses. The proxy can:
 *  - enforce `If-None-Match: *` on PUT (412 PreconditionFailed when the object exists), as S3 does;
 *  - drop the response of chosen requests AFTER the server has applied them (a lost response);
 *  - be "down" (connections reset at once), to simulate being offline;
 *  - count the PUTs the server accepted per key (exactly-once checks).
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface S3Proxy {
  readonly endpoint: string;
  /** reset every connection at once (offline) */
  down: boolean;
  enforceIfNoneMatch: boolean;
  /** return true to apply the request upstream and then drop its response */
  dropResponse: ((method: string, path: string) => boolean) | null;
  /** accepted (2xx) PUTs per object path (`/bucket/key`, no query) */
  readonly acceptedPuts: Map<string, number>;
  /** the headers of the last request per method and object path, e.g. `PUT /bucket/key` */
  readonly lastHeaders: Map<string, IncomingMessage['headers']>;
  requests: number;
  stop(): Promise<void>;
}

function objectPath(url: string): string {
  return decodeURIComponent(url.split('?')[0]!);
}

export async function startS3Proxy(upstream: string): Promise<S3Proxy> {
  const up = new URL(upstream);
  const sockets = new Set<Socket>();
  const state: S3Proxy = {
    endpoint: '',
    down: false,
    enforceIfNoneMatch: false,
    dropResponse: null,
    acceptedPuts: new Map(),
    lastHeaders: new Map(),
    requests: 0,
    stop: async () => {},
  };

  const forward = (req: IncomingMessage, body: Buffer, method = req.method!): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const r = httpRequest(
        { host: up.hostname, port: up.port, method, path: req.url, headers: { ...req.headers, 'content-length': String(method === 'HEAD' ? 0 : body.length) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      if (method !== 'HEAD') r.end(body);
      else r.end();
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    state.requests++;
    if (state.down) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = objectPath(req.url ?? '/');
    state.lastHeaders.set(`${req.method} ${path}`, req.headers);
    const isObjectPut = req.method === 'PUT' && !/[?&](partNumber|uploadId)=/.test(req.url ?? '');
    if (state.enforceIfNoneMatch && isObjectPut && req.headers['if-none-match'] === '*') {
      const head = await forward(req, Buffer.alloc(0), 'HEAD');
      if (head.status === 200) {
        const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>`;
        res.writeHead(412, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
        res.end(xml);
        return;
      }
    }
    const out = await forward(req, body);
    if (isObjectPut && out.status >= 200 && out.status < 300) state.acceptedPuts.set(path, (state.acceptedPuts.get(path) ?? 0) + 1);
    if (state.dropResponse?.(req.method!, path)) {
      req.socket.destroy();
      return;
    }
    const headers = { ...out.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    if (req.method === 'HEAD') {
      res.writeHead(out.status, headers);
      res.end();
      return;
    }
    res.writeHead(out.status, { ...headers, 'content-length': String(out.body.length) });
    res.end(out.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  Object.assign(state, {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  });
  return state;
}
