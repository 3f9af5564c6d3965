import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempDir } from '../../../test/helpers/engine';

test('folio policy check: a valid file shows what it manages for the account; an invalid one exits 2 naming the field', async () => {
  const dir = tempDir();
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ settings: { 's3.bucket': 'acme' }, roles: { 'CORP\\alice': 'admin', '*': 'viewer' }, encryption: 'required' }));
  const ok = await runCli(['policy', 'check', good, '--account', 'alice']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /valid: .*good\.json/);
  assert.match(ok.stdout, /s3\.bucket = "acme"/);
  assert.match(ok.stdout, /role for alice: admin/);
  assert.match(ok.stdout, /encryption: required/);
  const json = await runCli(['--json', 'policy', 'check', good, '--account', 'bob']);
  assert.equal(json.code, 0);
  const r = json.json<{ valid: boolean; settings: Record<string, unknown>; managed: string[] }>();
  assert.equal(r.valid, true);
  assert.equal(r.settings['user.role'], 'viewer');
  assert.deepEqual([...r.managed].sort(), ['s3.bucket', 'user.role']);

  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ settings: { 's3.forcePathStyle': 'yes' } }));
  const no = await runCli(['policy', 'check', bad]);
  assert.equal(no.code, 2);
  assert.match(no.stdout, /INVALID .*bad\.json: settings\.s3\.forcePathStyle/);
  assert.match(no.stderr, /settings\.s3\.forcePathStyle/);

  const none = await runCli(['policy', 'check', join(dir, 'absent.json')]);
  assert.equal(none.code, 0);
  assert.match(none.stdout, /no policy file at .*absent\.json: nothing is managed/);
});
