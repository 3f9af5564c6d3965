/**
 * Serves the built renderer (out/renderer) on the app's own privileged scheme `app://folio/`, so
 * that the page has a real origin ('self' in the CSP, an exact URL for the IPC sender check) and
 * never runs from file://. Paths outside the renderer folder are refused.
 */
import { net, protocol, session } from 'electron';
import { extname, join, normalize, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_HOST, APP_SCHEME, securityHeaders } from './security';
import { STATIC_CONTENT_TYPES } from '../../shared/static-types';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}


export function handleAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = normalize(join(rendererDir, rel));
    const inside = relative(rendererDir, file);
    if (inside.startsWith('..') || isAbsolute(inside)) return new Response('Not found', { status: 404 });
    let res: Response;
    try {
      res = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
    if (!res.ok) return new Response('Not found', { status: 404 });
    const headers = new Headers(securityHeaders());
    headers.set('Content-Type', STATIC_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    return new Response(res.body, { status: 200, headers });
  });
}

/** Adds the CSP and the other security headers to every response the default session gets (dev server too). */
export function addSecurityHeaders(dev: boolean): void {
  const extra = securityHeaders({ dev });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, [v]])) } });
  });
}
