import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PendingDirSyncs, writeFileExclusive } from './durable';

describe('writeFileExclusive', () => {
  it('with a group: the folder is left pending for one sync before the save; never overwrites; no temp file left', async () => {
    const root = mkdtempSync(join(tmpdir(), 'folio-durable-'));
    try {
      const group = new PendingDirSyncs();
      const dir = join(root, '2026', '09');
      await writeFileExclusive(join(dir, 'a.pdf'), new Uint8Array([1, 2, 3]), { deferDirSync: group });
      await writeFileExclusive(join(dir, 'b.pdf'), new Uint8Array([4]), { deferDirSync: group });
      assert.deepEqual([...readFileSync(join(dir, 'a.pdf'))], [1, 2, 3]);
      if (process.platform !== 'win32') assert.equal(group.size, 1);
      await assert.rejects(writeFileExclusive(join(dir, 'a.pdf'), new Uint8Array([9]), { deferDirSync: group }), { code: 'EEXIST' });
      assert.deepEqual([...readFileSync(join(dir, 'a.pdf'))], [1, 2, 3]);
      assert.deepEqual(readdirSync(dir).sort(), ['a.pdf', 'b.pdf']);
      await group.flush();
      assert.equal(group.size, 0);
      // a folder removed since the group made it is made again
      rmSync(dir, { recursive: true });
      await writeFileExclusive(join(dir, 'c.pdf'), new Uint8Array([5]), { deferDirSync: group });
      assert.deepEqual([...readFileSync(join(dir, 'c.pdf'))], [5]);
      group.flushSync();
      assert.equal(group.size, 0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('without a group: the same file, folder synced at once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'folio-durable-'));
    try {
      await writeFileExclusive(join(root, 'x', 'a.txt'), new Uint8Array([7]));
      await assert.rejects(writeFileExclusive(join(root, 'x', 'a.txt'), new Uint8Array([8])), { code: 'EEXIST' });
      assert.deepEqual([...readFileSync(join(root, 'x', 'a.txt'))], [7]);
      assert.deepEqual(readdirSync(join(root, 'x')), ['a.txt']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
