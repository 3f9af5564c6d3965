/**
 * Reading a CSV file as a stream of rows, so that a file of millions of rows costs no more memory
 * than a few chunks: the file is read in 64 KiB chunks, decoded (a BOM or valid UTF-8 throughout
 * → UTF-8, else Windows-1252 as older Excel writes it; the check is a fast byte scan of the whole
 * file, so a stray byte deep in the file cannot turn into replacement characters), and parsed by
 * papaparse with the separator guessed once from the head of the file and then fixed. Blank rows
 * are skipped; a row's number is its place among the non-blank rows (the header is row 1), as a
 * spreadsheet numbers them when the file has no blank lines.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Transform } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import { FolioError } from '../../../shared/errors';

const CHUNK = 64 * 1024;
const DELIMITERS = [';', ',', '\t', '|'];

export type CsvEncoding = 'utf-8' | 'windows-1252';

/** The file's encoding: UTF-8 when it starts with a BOM or every byte is valid UTF-8. */
export function encodingOf(path: string): CsvEncoding {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024);
    let carry = 0; // bytes of a sequence cut at the end of the last chunk, kept at buf's start
    let first = true;
    for (;;) {
      const n = readSync(fd, buf, carry, buf.length - carry, null);
      const len = carry + n;
      if (first && len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
      first = false;
      if (n === 0) return len === 0 || isUtf8(buf.subarray(0, len)) ? 'utf-8' : 'windows-1252';
      // cut before a sequence that may go on in the next chunk (a lead byte in the last 3)
      let cut = len;
      for (let i = len - 1; i >= Math.max(0, len - 3); i--) {
        const b = buf[i]!;
        if (b >= 0xc0) {
          cut = i;
          break;
        }
        if (b < 0x80) break;
      }
      if (!isUtf8(buf.subarray(0, cut))) return 'windows-1252';
      buf.copy(buf, 0, cut, len);
      carry = len - cut;
    }
  } finally {
    closeSync(fd);
  }
}

/** The head of the file as text (up to its last line break within the first `bytes`). */
function headText(path: string, encoding: CsvEncoding, bytes = CHUNK): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    const text = new TextDecoder(encoding).decode(buf.subarray(0, n), { stream: n === bytes });
    const cut = n === bytes ? text.lastIndexOf('\n') : -1;
    return cut > 0 ? text.slice(0, cut + 1) : text;
  } finally {
    closeSync(fd);
  }
}

/** The separator, guessed by papaparse from the head of the file (`,` when nothing tells). */
export function delimiterOf(path: string, encoding: CsvEncoding): string {
  const head = headText(path, encoding).replace(/^\uFEFF/, '');
  return Papa.parse<string[]>(head, { delimiter: '', delimitersToGuess: DELIMITERS, skipEmptyLines: 'greedy', preview: 50 }).meta.delimiter || ',';
}

/** Raw bytes → text chunks, never splitting a character; the BOM is dropped. */
function decoder(encoding: CsvEncoding): Transform {
  const dec = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      const text = dec.decode(chunk, { stream: true });
      done(null, text === '' ? undefined : text);
    },
    flush(done) {
      const text = dec.decode();
      done(null, text === '' ? undefined : text);
    },
  });
}

export interface CsvOptions {
  encoding: CsvEncoding;
  delimiter: string;
}

/**
 * Calls `onRow(fields, rowNumber)` for every non-blank row, the header (row 1) included, in file
 * order; `onRow` returning false stops the read. An unclosed quote rejects with BAD_CSV. Rejects
 * with whatever `onRow` throws.
 */
export function parseCsv(path: string, opts: CsvOptions, onRow: (fields: string[], row: number) => boolean | void): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = createReadStream(path, { highWaterMark: CHUNK });
    const text = input.pipe(decoder(opts.encoding));
    let row = 0;
    let failure: unknown = null;
    let settled = false;
    const finish = (err: unknown): void => {
      if (settled) return;
      settled = true;
      input.destroy();
      text.destroy();
      if (err) reject(err as Error);
      else resolve();
    };
    input.on('error', (err) => finish(err));
    Papa.parse<string[]>(text as unknown as NodeJS.ReadableStream, {
      delimiter: opts.delimiter,
      step(result, parser) {
        if (failure) return;
        const bad = result.errors.find((e) => e.type === 'Quotes');
        if (bad) {
          failure = new FolioError('validation', 'BAD_CSV', `Row ${row + 1}: ${bad.message}`, 'path');
          parser.abort();
          return;
        }
        const fields = result.data;
        if (fields.every((f) => f.trim() === '')) return;
        try {
          if (onRow(fields, ++row) === false) parser.abort();
        } catch (err) {
          failure = err;
          parser.abort();
        }
      },
      complete: () => finish(failure),
      error: (err: Error) => finish(failure ?? err),
    });
  });
}
