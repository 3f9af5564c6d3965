import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEngine, nodePlatform } from '..';
import type { SettingsView } from '../../../shared/contract';
import { tempDir } from '../../../test/helpers/engine';
import { defaultPolicyFiles } from '../platform';
import { lockedDown, normaliseAccount, parsePolicy, readPolicy } from './policy';

const F = '/etc/folio/policy.json';

test('no policy file: nothing managed, encryption auto', () => {
  const p = readPolicy([join(tempDir(), 'absent.json')]);
  assert.equal(p.file, null);
  assert.deepEqual(p.locked, []);
  assert.deepEqual(p.settings, {});
  assert.equal(p.error, null);
  assert.deepEqual(p.encryption, { mode: 'auto', keyFile: null });
});

test('a valid policy manages exactly the keys it sets, plus the extra locked ones', () => {
  const p = parsePolicy(
    F,
    {
      version: 1,
      settings: { 's3.bucket': 'acme-statements', 's3.region': 'eu-west-1', 'source.s3': 's3://acme-billing/bundles/', 's3.forcePathStyle': true },
      locked: ['locale'],
      templates: '/srv/folio/templates',
      encryption: { mode: 'required', keyFile: '/etc/folio/folio.key' },
    },
    'bob',
  );
  assert.equal(p.error, null);
  assert.deepEqual(p.settings, { 's3.bucket': 'acme-statements', 's3.region': 'eu-west-1', 'source.s3': 's3://acme-billing/bundles/', 's3.forcePathStyle': true });
  assert.deepEqual([...p.locked].sort(), ['locale', 's3.bucket', 's3.forcePathStyle', 's3.region', 'source.s3']);
  assert.equal(p.templatesDir, '/srv/folio/templates');
  assert.deepEqual(p.encryption, { mode: 'required', keyFile: '/etc/folio/folio.key' });
  assert.equal(parsePolicy(F, { encryption: 'off' }, 'x').encryption.mode, 'off');
});

test('"locked": "*" locks every setting', () => {
  const p = parsePolicy(F, { locked: '*' }, 'x');
  assert.ok(p.locked.includes('user.role') && p.locked.includes('s3.bucket') && p.locked.includes('storage.encryptFiles'));
});

test('roles: per OS account (domain and UPN forms), "*" for the rest, role shorthand', () => {
  const doc = { roles: { 'CORP\\Alice': 'admin', 'bob@corp.example': 'accountant', '*': 'viewer' } };
  assert.equal(parsePolicy(F, doc, 'alice').settings['user.role'], 'admin');
  assert.equal(parsePolicy(F, doc, 'BOB').settings['user.role'], 'accountant');
  assert.equal(parsePolicy(F, doc, 'carol').settings['user.role'], 'viewer');
  assert.ok(parsePolicy(F, doc, 'carol').locked.includes('user.role'), 'the role is managed');
  assert.equal(parsePolicy(F, { role: 'accountant' }, 'anyone').settings['user.role'], 'accountant');
  assert.equal(parsePolicy(F, { roles: { dave: 'admin' }, role: 'viewer' }, 'erin').settings['user.role'], 'viewer');
  assert.equal(normaliseAccount(' CORP\\Alice '), 'alice');
  assert.equal(normaliseAccount('alice@corp.example'), 'alice');
});

test('invalid policies are never ignored: locked down with an error naming the file and field', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ setings: {} }, /\(top level\).*setings/],
    [{ settings: { 's3.forcePathStyle': 'yes' } }, /settings\.s3\.forcePathStyle/],
    [{ settings: { 's3.bucket': 42 } }, /settings\.s3\.bucket/],
    [{ settings: { 'no.such': 1 } }, /settings\.no\.such: there is no setting named no\.such/],
    [{ settings: { 'source.s3': 'http://x' } }, /settings\.source\.s3: must look like s3:\/\/bucket\/prefix\//],
    [{ locked: ['s3.bukket'] }, /locked\.0/],
    [{ role: 'superuser' }, /role/],
    [{ roles: { alice: 'root' } }, /roles\.alice/],
    [{ templates: 'relative/templates' }, /templates: must be an absolute path/],
    [{ encryption: 'sometimes' }, /encryption/],
    [{ encryption: { mode: 'required', keyFile: 'key.txt' } }, /encryption\.keyFile: must be an absolute path/],
    [{ role: 'viewer', settings: { 'user.role': 'admin' } }, /contradicts/],
    [{ version: 2 }, /version/],
    [[1, 2], /\(top level\)/],
  ];
  for (const [doc, re] of cases) {
    const p = parsePolicy(F, doc, 'alice');
    assert.ok(p.error, `${JSON.stringify(doc)} is rejected`);
    assert.match(p.error, re, JSON.stringify(doc));
    assert.ok(p.error.startsWith(F), 'names the file');
    assert.match(p.error, /locked down/);
    assert.equal(p.settings['user.role'], 'viewer');
    assert.ok(p.locked.includes('s3.bucket') && p.locked.includes('user.role') && p.locked.includes('storage.encryptFiles'));
  }
});

test('a policy file that is not JSON is locked down too', () => {
  const dir = tempDir();
  const file = join(dir, 'policy.json');
  writeFileSync(file, '{ "settings": { "s3.bucket": "x", } }');
  const p = readPolicy([file]);
  assert.match(p.error ?? '', /is not valid JSON/);
  assert.deepEqual(p, lockedDown(file, p.error!.replace(/\. Folio runs locked down.*$/, '')));
});

async function engineWithPolicy(policy: unknown, env: Record<string, string> = {}) {
  const dir = tempDir();
  const file = join(dir, 'policy.json');
  writeFileSync(file, typeof policy === 'string' ? policy : JSON.stringify(policy));
  const platform = { ...nodePlatform({ dataDir: join(dir, 'data'), kind: 'test', policyFiles: [file], env: { FOLIO_USER: 'tester', ...env } }), osUser: () => 'alice' };
  return { engine: createEngine(platform), file };
}

test('through the engine: managed keys shown, refused on set, and they beat the environment', async () => {
  const { engine, file } = await engineWithPolicy(
    { settings: { 's3.bucket': 'acme-statements', 's3.endpoint': 'https://s3.acme.example' }, roles: { alice: 'admin' } },
    { FOLIO_S3_BUCKET: 'my-own-bucket', FOLIO_S3_REGION: 'ap-south-1' },
  );
  try {
    const view = (await engine.call('settings:get', {})) as SettingsView;
    assert.equal(view.policyFile, file);
    assert.equal(view.policyError, null);
    assert.deepEqual([...view.managed].sort(), ['s3.bucket', 's3.endpoint', 'user.role']);
    assert.equal(view.values['s3.bucket'], 'acme-statements', 'policy beats FOLIO_S3_BUCKET');
    assert.equal(view.values['s3.region'], 'ap-south-1', 'unmanaged keys still take the environment');
    assert.equal(view.values['user.role'], 'admin');
    const r = await engine.invoke('settings:set', { key: 's3.bucket', value: 'elsewhere' });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.type, 'forbidden');
    assert.equal(!r.ok && r.error.field, 's3.bucket');
    const ok = await engine.invoke('settings:set', { key: 'locale', value: 'en-GB' });
    assert.equal(ok.ok, true, 'an unmanaged key can be changed');
  } finally {
    await engine.close();
  }
});

test('through the engine: an invalid policy shows its error and leaves only the viewer role', async () => {
  const { engine } = await engineWithPolicy({ settings: { 's3.bucket': 'acme' }, roles: { alice: 'superadmin' } });
  try {
    const view = (await engine.call('settings:get', {})) as SettingsView;
    assert.match(view.policyError ?? '', /roles\.alice/);
    assert.equal(view.values['user.role'], 'viewer');
    const r = await engine.invoke('settings:set', { key: 'locale', value: 'en-GB' });
    assert.equal(!r.ok && r.error.type, 'forbidden', 'locked down: viewer may not change settings');
  } finally {
    await engine.close();
  }
});

test("IT's machine file comes before FOLIO_POLICY_FILE: the variable cannot step around it", () => {
  assert.deepEqual(defaultPolicyFiles({}, 'linux'), ['/etc/folio/policy.json']);
  assert.deepEqual(defaultPolicyFiles({ FOLIO_POLICY_FILE: '/tmp/p.json' }, 'linux'), ['/etc/folio/policy.json', '/tmp/p.json']);
  assert.deepEqual(defaultPolicyFiles({}, 'darwin'), ['/Library/Application Support/Folio/policy.json']);
  assert.deepEqual(defaultPolicyFiles({}, 'win32'), ['C:\\ProgramData\\Folio\\policy.json']);
  // a redirected ProgramData cannot hide the real one, which is looked at first
  assert.deepEqual(defaultPolicyFiles({ ProgramData: 'D:\\Fake' }, 'win32'), ['C:\\ProgramData\\Folio\\policy.json', 'D:\\Fake\\Folio\\policy.json']);
  // the first file that exists wins
  const dir = tempDir();
  const machine = join(dir, 'machine.json');
  const mine = join(dir, 'mine.json');
  writeFileSync(machine, JSON.stringify({ role: 'viewer' }));
  writeFileSync(mine, JSON.stringify({ role: 'admin' }));
  assert.equal(readPolicy([machine, mine], 'x').settings['user.role'], 'viewer');
});

test('a policy file every user may change is not trusted: locked down', { skip: process.platform === 'win32' }, () => {
  const dir = tempDir();
  const file = join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ role: 'admin' }));
  chmodSync(file, 0o666);
  const p = readPolicy([file], 'x');
  assert.match(p.error ?? '', /can be changed by every user of this computer \(mode 666\).*chmod 644/);
  assert.equal(p.settings['user.role'], 'viewer');
  chmodSync(file, 0o644);
  assert.equal(readPolicy([file], 'x').settings['user.role'], 'admin');
});
