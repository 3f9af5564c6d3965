/**
 * The browser bridge: the real engine (in-process) behind a loopback HTTP server, so the renderer
 * runs in a plain browser (end-to-end tests with Chromium, `npm run start:browser`).
 *
 * - Listens on 127.0.0.1 only, on a random port; a random per-run token is required on every
 *   request (header `x-folio-token`, `?token=` or the cookie set when the page is first opened).
 * - Host must be this server (127.0.0.1:PORT or localhost:PORT: no DNS rebinding); a request that
 *   carries an Origin must come from the same place. Commands need `Content-Type: application/json`.
 * - `POST /api/invoke/<command>` → the engine's Reply (errors as data); shell commands get
 *   stand-ins (the page does the real work: a typed path, a browser download).
 * - `GET /api/events` → Server-Sent Events: every engine event as `{ name, payload }`.
 * - Anything else: the built renderer, with the strict CSP and security headers.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commands, isCommandName, type Reply } from '../../shared/contract';
import { FolioError, toErrorData } from '../../shared/errors';
import { createEngine, nodePlatform, type Engine } from '../engine';
import { startEngine, type StartStep } from '../engine/start';
import { securityHeaders } from '../main/security';
import { defaultRendererDir, resolveStatic, sendFile } from './static-files';

export const TOKEN_HEADER = 'x-folio-token';
export const TOKEN_COOKIE = 'folio_token';
const MAX_BODY = 16 * 1024 * 1024;

export interface BridgeOptions {
  dataDir: string;
  /** 0 or absent: a random free port */
  port?: number;
  /** an engine to serve (tests); else one is created on `dataDir` and closed with the bridge */
  engine?: Engine;
  rendererDir?: string;
  /** fixed token (tests); else random */
  token?: string;
}

export interface Bridge {
  url: string;
  token: string;
  port: number;
  engine: Engine;
  /** the engine's start (databases, ledger, upload queue) when the bridge owns its engine */
  started: Promise<StartStep[]>;
  close(): Promise<void>;
}

/** The shell commands' answers when a browser has no desktop shell (the page does the rest). */
function shellStandIn(name: string): unknown {
  switch (name) {
    case 'shell:chooseFolder':
    case 'shell:chooseFile':
    case 'shell:chooseSavePath':
    case 'shell:saveCopy':
      return { path: null };
    default:
      return { shown: false };
  }
}

function tokenFrom(req: IncomingMessage, url: URL): string | null {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string' && header) return header;
  const query = url.searchParams.get('token');
  if (query) return query;
  const cookie = req.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === TOKEN_COOKIE && v) return v;
  }
  return null;
}

function sameToken(a: string | null, b: string): boolean {
  if (a === null) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new FolioError('validation', 'BODY_TOO_LARGE', `A request body may hold at most ${MAX_BODY} bytes`, 'body'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const engine = opts.engine ?? createEngine(nodePlatform({ dataDir: opts.dataDir, kind: 'browser-bridge' }));
  const ownsEngine = !opts.engine;
  const rendererDir = opts.rendererDir ?? defaultRendererDir();
  const headers = securityHeaders();
  const streams = new Set<ServerResponse>();
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const json = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };
  const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
    json(res, status, { ok: false, error: { type: 'forbidden', code, message } } satisfies Reply);

  async function invoke(name: string, req: IncomingMessage): Promise<Reply> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return { ok: false, error: { type: 'validation', code: 'CONTENT_TYPE', message: 'Commands are sent as application/json', field: 'content-type' } };
    }
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch (err) {
      if (err instanceof FolioError) return { ok: false, error: err.toData() };
      return { ok: false, error: { type: 'validation', code: 'BAD_JSON', message: 'The request body is not valid JSON', field: 'body' } };
    }
    if (isCommandName(name) && commands[name].host === 'shell') return { ok: true, value: shellStandIn(name) };
    return engine.invoke(name, input);
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const off = engine.subscribe((name, payload) => res.write(`data: ${JSON.stringify({ name, payload })}\n\n`));
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
    keepAlive.unref();
    req.on('close', () => {
      off();
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? '';
      if (!allowedHosts().has(host)) return refuse(res, 421, 'BAD_HOST', 'This server only answers requests addressed to itself');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
        return refuse(res, 403, 'BAD_ORIGIN', 'Requests from other sites are refused');
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      const given = tokenFrom(req, url);
      if (!sameToken(given, token)) {
        if (url.pathname.startsWith('/api/')) return refuse(res, 401, 'BAD_TOKEN', 'A valid session token is required (open the URL printed at start)');
        res.writeHead(401, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        return res.end('Folio: open the full URL printed by `npm run start:browser` (it carries this session\'s token).\n');
      }

      if (url.pathname.startsWith('/api/')) {
        if (url.pathname === '/api/events' && req.method === 'GET') return events(req, res);
        const m = /^\/api\/invoke\/([a-zA-Z]+(?::|%3A)[a-zA-Z]+)$/i.exec(url.pathname);
        if (m && req.method === 'POST') {
          const reply = await invoke(decodeURIComponent(m[1]!), req).catch((err: unknown): Reply => ({ ok: false, error: toErrorData(err) }));
          return json(res, 200, reply);
        }
        return json(res, 404, { ok: false, error: { type: 'not_found', code: 'NO_ROUTE', message: `No ${req.method} ${url.pathname}` } });
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { ok: false, error: { type: 'validation', code: 'METHOD', message: 'Only GET' } });
      const file = resolveStatic(rendererDir, url.pathname);
      if (!file) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
        return res.end(url.pathname === '/' ? `The renderer is not built: run npm run build (looked in ${rendererDir})` : 'Not found');
      }
      // the page's own requests for assets carry the token as an HttpOnly, same-site cookie
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      sendFile(res, file, headers);
    })().catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { ok: false, error: toErrorData(err) });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // like the desktop app's engine host: databases, ledger and upload queue open now
  const started = ownsEngine ? startEngine(engine) : Promise.resolve([]);

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    engine,
    started,
    close() {
      closing ??= (async () => {
        for (const s of streams) s.end();
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
        await started;
        if (ownsEngine) await engine.close();
      })();
      return closing;
    },
  };
}
