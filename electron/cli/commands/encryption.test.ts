import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempDir } from '../../../test/helpers/engine';

test('folio encryption: status, add-key (a recovery key opens the folder), refusals', async () => {
  const dir = tempDir();
  const data = join(dir, 'data');
  const k1 = randomBytes(32).toString('hex');
  const recovery = join(dir, 'recovery.key');
  writeFileSync(recovery, 'a recovery passphrase kept by IT\n');
  chmodSync(recovery, 0o600);

  const plain = await runCli(['--data-dir', join(dir, 'plain'), 'encryption', 'status']);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /not encrypted \(policy: auto\): no key is configured/);
  const noFolder = await runCli(['--data-dir', join(dir, 'plain'), 'encryption', 'add-key', '--key-file', recovery]);
  assert.equal(noFolder.code, 1);
  assert.match(noFolder.stderr, /is not encrypted/);

  const st = await runCli(['--data-dir', data, '--json', 'encryption', 'status'], { FOLIO_KEY: k1 });
  assert.equal(st.code, 0, st.stderr);
  const s1 = st.json<{ enabled: boolean; keySlots: string[]; unlockedBy: string }>();
  assert.equal(s1.enabled, true);
  assert.equal(s1.keySlots.length, 1);

  const add = await runCli(['--data-dir', data, 'encryption', 'add-key', '--key-file', recovery], { FOLIO_KEY: k1 });
  assert.equal(add.code, 0, add.stderr);
  assert.match(add.stdout, /added: the key in .*recovery\.key now opens this data folder/);
  const again = await runCli(['--data-dir', data, 'encryption', 'add-key', '--key-file', recovery], { FOLIO_KEY: k1 });
  assert.match(again.stdout, /already opens this data folder/);

  const viaRecovery = await runCli(['--data-dir', data, 'encryption', 'status'], { FOLIO_KEY_FILE: recovery });
  assert.equal(viaRecovery.code, 0, viaRecovery.stderr);
  assert.match(viaRecovery.stdout, /opened with FOLIO_KEY_FILE/);
  assert.match(viaRecovery.stdout, /a passphrase \(key file .*recovery\.key/);

  const wrong = await runCli(['--data-dir', data, 'encryption', 'status'], { FOLIO_KEY: randomBytes(32).toString('hex') });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stdout, /cannot open: .*does not open the encrypted data folder/);

  const short = join(dir, 'short.key');
  writeFileSync(short, 'short');
  chmodSync(short, 0o600);
  const bad = await runCli(['--data-dir', data, 'encryption', 'add-key', '--key-file', short], { FOLIO_KEY: k1 });
  assert.equal(bad.code, 2, 'bad input');
  assert.match(bad.stderr, /at least 12 characters/);
});
