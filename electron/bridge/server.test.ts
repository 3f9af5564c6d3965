import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir, testEngine, type TestEngine } from '../../test/helpers/engine';
import { startBridge, type Bridge } from './server';

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser bridge', () => {
  let te: TestEngine;
  let bridge: Bridge;
  let host: string;
  const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', host, 'x-folio-token': bridge.token, ...extra });

  before(async () => {
    te = testEngine();
    const rendererDir = tempDir('folio-renderer-');
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Folio test page</title>');
    writeFileSync(join(rendererDir, 'assets', 'a.js'), 'console.log(1)');
    writeFileSync(join(rendererDir, '..', 'secret.txt'), 'do not serve');
    bridge = await startBridge({ dataDir: te.dataDir, engine: te.engine, rendererDir });
    host = `127.0.0.1:${bridge.port}`;
  });
  after(async () => {
    await bridge.close();
    await te.close();
  });

  test('listens on loopback only, with a random token in the printed URL', () => {
    assert.match(bridge.url, new RegExp(`^http://127\\.0\\.0\\.1:${bridge.port}/\\?token=${bridge.token}$`));
    assert.ok(bridge.token.length >= 32);
  });

  test('a command round trip reaches the real engine', async () => {
    const res = await send(bridge.port, '/api/invoke/app:info', { method: 'POST', headers: json(), body: '{}' });
    assert.equal(res.status, 200);
    const reply = JSON.parse(res.body) as { ok: boolean; value: { dataDir: string; name: string } };
    assert.equal(reply.ok, true);
    assert.equal(reply.value.dataDir, te.dataDir);
    assert.equal(reply.value.name, 'Folio');
  });

  test('an error comes back as data naming the field', async () => {
    const res = await send(bridge.port, '/api/invoke/history:get', { method: 'POST', headers: json(), body: JSON.stringify({ ref: 42 }) });
    const reply = JSON.parse(res.body) as { ok: boolean; error: { type: string; code: string; field?: string } };
    assert.equal(reply.ok, false);
    assert.equal(reply.error.type, 'validation');
    assert.equal(reply.error.field, 'ref');
  });

  test('unknown commands and bad JSON are errors as data', async () => {
    const unknown = JSON.parse((await send(bridge.port, '/api/invoke/app:nothing', { method: 'POST', headers: json(), body: '{}' })).body);
    assert.equal(unknown.error.code, 'UNKNOWN_COMMAND');
    const bad = JSON.parse((await send(bridge.port, '/api/invoke/app:info', { method: 'POST', headers: json(), body: '{nope' })).body);
    assert.equal(bad.error.code, 'BAD_JSON');
    const form = JSON.parse((await send(bridge.port, '/api/invoke/app:info', { method: 'POST', headers: json({ 'content-type': 'text/plain' }), body: '{}' })).body);
    assert.equal(form.error.code, 'CONTENT_TYPE');
  });

  test('shell commands get browser stand-ins, not the engine', async () => {
    const res = await send(bridge.port, '/api/invoke/shell:chooseFolder', { method: 'POST', headers: json(), body: '{}' });
    assert.deepEqual(JSON.parse(res.body), { ok: true, value: { path: null } });
  });

  test('a request without the token, or with a wrong one, is refused', async () => {
    const none = await send(bridge.port, '/api/invoke/app:info', { method: 'POST', headers: { 'content-type': 'application/json', host }, body: '{}' });
    assert.equal(none.status, 401);
    assert.equal(JSON.parse(none.body).error.code, 'BAD_TOKEN');
    const wrong = await send(bridge.port, '/api/invoke/app:info', { method: 'POST', headers: json({ 'x-folio-token': `${bridge.token.slice(0, -1)}${bridge.token.endsWith('x') ? 'y' : 'x'}` }), body: '{}' });
    assert.equal(wrong.status, 401);
    const page = await send(bridge.port, '/', { headers: { host } });
    assert.equal(page.status, 401);
    assert.doesNotMatch(page.body, /Folio test page/);
    assert.match(page.body, /open the full URL/);
  });

  test('a foreign Host (DNS rebinding) or a foreign Origin is refused even with the token', async () => {
    const foreignHost = await send(bridge.port, '/api/invoke/app:info', { method: 'POST', headers: json({ host: `evil.example:${bridge.port}` }), body: '{}' });
    assert.equal(foreignHost.status, 421);
    const otherPort = await send(bridge.port, '/', { headers: { host: `127.0.0.1:${bridge.port + 1}`, 'x-folio-token': bridge.token } });
    assert.equal(otherPort.status, 421);
    const foreignOrigin = await send(bridge.port, '/api/invoke/app:info', { method: 'POST', headers: json({ origin: 'https://evil.example' }), body: '{}' });
    assert.equal(foreignOrigin.status, 403);
    const sameOrigin = await send(bridge.port, '/api/invoke/app:info', { method: 'POST', headers: json({ origin: `http://${host}` }), body: '{}' });
    assert.equal(sameOrigin.status, 200);
  });

  test('the page is served with the token cookie, the CSP and nothing outside the renderer folder', async () => {
    const page = await send(bridge.port, `/?token=${bridge.token}`, { headers: { host } });
    assert.equal(page.status, 200);
    assert.match(page.body, /Folio test page/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    const cookie = String(page.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const asset = await send(bridge.port, '/assets/a.js', { headers: { host, cookie: cookie.split(';')[0]! } });
    assert.equal(asset.status, 200);
    assert.equal(asset.headers['content-type'], 'text/javascript; charset=utf-8');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await send(bridge.port, path, { headers: { host, 'x-folio-token': bridge.token } });
      assert.notEqual(res.status, 200, path);
      assert.doesNotMatch(res.body, /do not serve/);
    }
  });

  test('engine events are pushed to the page over SSE', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: `/api/events?token=${bridge.token}`, headers: { host } }, (res) => {
        assert.equal(res.headers['content-type'], 'text/event-stream');
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          buf += c;
          if (buf.includes(': connected')) te.engine.emit('online:changed', { online: false });
          const m = /data: (.*)\n\n/.exec(buf);
          if (m) {
            req.destroy();
            resolve(m[1]!);
          }
        });
      });
      req.on('error', reject);
      req.end();
      setTimeout(() => reject(new Error('no event within 5 s')), 5000).unref();
    });
    assert.deepEqual(JSON.parse(received), { name: 'online:changed', payload: { online: false } });
  });
});
