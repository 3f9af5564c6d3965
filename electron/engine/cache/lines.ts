/**
 * Reads an NDJSON file (plain or .gz) line by line, synchronously (the whole bundle is applied in
 * one synchronous sql.js transaction). Plain files are read in 4 MiB chunks, so memory stays flat;
 * a .gz file is inflated whole (zlib has no synchronous streaming API).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const CHUNK = 4 * 1024 * 1024;

/** Yields [lineNumber (1-based), text] for every line, including blank ones (callers skip them). */
export function* readLines(file: string): Generator<[number, string]> {
  if (file.endsWith('.gz')) {
    yield* splitBuffer(gunzipSync(readFileSync(file)), 1);
    return;
  }
  const fd = openSync(file, 'r');
  try {
    let carry: Buffer | null = null;
    let lineNo = 1;
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      let data = buf.subarray(0, n);
      if (carry) {
        data = Buffer.concat([carry, data]);
        carry = null;
      }
      const last = data.lastIndexOf(10);
      if (last < 0) {
        carry = Buffer.from(data);
        continue;
      }
      for (const item of splitBuffer(data.subarray(0, last + 1), lineNo, false)) {
        lineNo = item[0] + 1;
        yield item;
      }
      if (last + 1 < data.length) carry = Buffer.from(data.subarray(last + 1));
    }
    if (carry && carry.length) yield [lineNo, decode(carry, 0, carry.length, lineNo === 1)];
  } finally {
    closeSync(fd);
  }
}

function decode(buf: Buffer, start: number, end: number, first: boolean): string {
  if (end > start && buf[end - 1] === 13) end--; // CRLF
  if (first && end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3; // BOM
  return buf.toString('utf8', start, end);
}

function* splitBuffer(buf: Buffer, firstLine: number, tail = true): Generator<[number, string]> {
  let pos = 0;
  let lineNo = firstLine;
  for (;;) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    yield [lineNo, decode(buf, pos, nl, lineNo === 1)];
    lineNo++;
    pos = nl + 1;
  }
  if (tail && pos < buf.length) yield [lineNo, decode(buf, pos, buf.length, lineNo === 1)];
}
