/**
 * "Show in folder" is offered only for unencrypted stores: main refuses it for a file sealed at
 * rest (the user gets "Save a copy…" instead, which hands over the decrypted PDF). Main's module
 * needs Electron, so its use of the check is verified in the source; the check itself runs here.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSealedFile, seal } from '../../electron/engine/crypto/aead';
import { tempDir } from '../helpers/engine';
import { ROOT } from './scan';

test('isSealedFile tells sealed store files from plain ones (and missing ones)', () => {
  const dir = tempDir();
  const sealed = join(dir, 'a.pdf');
  const plain = join(dir, 'b.pdf');
  writeFileSync(sealed, seal(randomBytes(32), 'file', Buffer.from('%PDF-1.7'), randomBytes(16)));
  writeFileSync(plain, '%PDF-1.7 plain');
  assert.equal(isSealedFile(sealed), true);
  assert.equal(isSealedFile(plain), false);
  assert.equal(isSealedFile(join(dir, 'missing.pdf')), false);
  writeFileSync(join(dir, 'short'), 'FOLIO');
  assert.equal(isSealedFile(join(dir, 'short')), false);
});

test('shell:showInFolder refuses a sealed file before showing anything', () => {
  const src = readFileSync(join(ROOT, 'electron/main/shell-commands.ts'), 'utf8');
  const at = src.indexOf("case 'shell:showInFolder'");
  assert.ok(at > 0);
  const body = src.slice(at);
  const check = body.indexOf('if (isSealedFile(record.filePath))');
  const show = body.indexOf('shell.showItemInFolder(');
  assert.ok(check > 0 && show > check, 'the encryption check comes before showItemInFolder');
  assert.match(body.slice(check, show), /throw new FolioError\('conflict', 'FILE_ENCRYPTED'/);
});
