import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readLines } from './lines';

test('lines: numbering, CRLF, BOM, blank lines, no final newline, gzip, multi-byte text across chunks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-lines-'));
  try {
    const text = '\ufeff{"a":1}\r\n\n{"b":"Σοφία"}\n{"c":3}';
    writeFileSync(join(dir, 'x.ndjson'), text);
    writeFileSync(join(dir, 'x.ndjson.gz'), gzipSync(text));
    const want = [[1, '{"a":1}'], [2, ''], [3, '{"b":"Σοφία"}'], [4, '{"c":3}']];
    assert.deepEqual([...readLines(join(dir, 'x.ndjson'))], want);
    assert.deepEqual([...readLines(join(dir, 'x.ndjson.gz'))], want);
    // 5 MiB of lines of 2-byte characters: chunk edges fall inside lines and inside characters
    const line = 'й'.repeat(999);
    const big = Array.from({ length: 2700 }, (_, i) => `${i}${line}`).join('\n') + '\n';
    writeFileSync(join(dir, 'big.ndjson'), big);
    let count = 0;
    for (const [n, l] of readLines(join(dir, 'big.ndjson'))) {
      assert.equal(l, `${n - 1}${line}`);
      count++;
    }
    assert.equal(count, 2700);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
