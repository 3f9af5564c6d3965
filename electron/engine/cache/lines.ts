/**
 * Reads an NDJSON file (plain or .gz) line by line, synchronously (the whole bundle is applied in
 * one synchronous sql.js transaction). Plain files are read in 4 MiB chunks, so memory stays flat;
 * a .gz file is inflated whole (zlib has no synchronous streaming API). Each chunk is decoded once
 * up to its last newline (never splitting a UTF-8 sequence) and split natively.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const CHUNK = 4 * 1024 * 1024;

/** Yields [lineNumber (1-based), text] for every line, including blank ones (callers skip them). */
export function* readLines(file: string): Generator<[number, string]> {
  let lineNo = 1;
  const emit = function* (text: string, last: boolean): Generator<[number, string]> {
    const parts = text.split('\n');
    // a chunk cut at its last newline ends with '' after the split: not a line
    const n = last && parts[parts.length - 1] !== '' ? parts.length : parts.length - 1;
    for (let i = 0; i < n; i++) {
      let line = parts[i]!;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      yield [lineNo++, line];
    }
  };
  if (file.endsWith('.gz')) {
    yield* emit(gunzipSync(readFileSync(file)).toString('utf8'), true);
    return;
  }
  const fd = openSync(file, 'r');
  try {
    let carry: Buffer | null = null;
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      let data = buf.subarray(0, n);
      if (carry) {
        data = Buffer.concat([carry, data]);
        carry = null;
      }
      const cut = data.lastIndexOf(10);
      if (cut < 0) {
        carry = Buffer.from(data);
        continue;
      }
      yield* emit(data.toString('utf8', 0, cut + 1), false);
      if (cut + 1 < data.length) carry = Buffer.from(data.subarray(cut + 1));
    }
    if (carry && carry.length) yield* emit(carry.toString('utf8'), true);
  } finally {
    closeSync(fd);
  }
}
