/** Serves the built renderer (out/renderer) for the browser bridge; nothing outside that folder. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, isAbsolute, join, normalize, relative, resolve } from 'node:path';
import { STATIC_CONTENT_TYPES } from '../../shared/static-types';


/** The built renderer folder of this checkout (`out/renderer`). */
export function defaultRendererDir(): string {
  return resolve(__dirname, '..', '..', 'out', 'renderer');
}

/** Resolves a URL path inside `root`, or null when it escapes it or does not exist. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  if (rel.includes('\0')) return null;
  const file = normalize(join(root, rel));
  const inside = relative(root, file);
  if (inside.startsWith('..') || isAbsolute(inside)) return null;
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

export function sendFile(res: ServerResponse, file: string, headers: Record<string, string>): void {
  const type = STATIC_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${join('assets', '')}`);
  res.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Content-Length': String(statSync(file).size),
    'Cache-Control': immutable ? 'private, max-age=31536000, immutable' : 'no-store',
  });
  createReadStream(file).pipe(res);
}
