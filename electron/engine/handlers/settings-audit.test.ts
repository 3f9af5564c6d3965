import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AuditEntry } from '../../../shared/contract';
import { tempDir, testEngine } from '../../../test/helpers/engine';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRET';

async function settingsEntries(engine: ReturnType<typeof testEngine>['engine']): Promise<AuditEntry[]> {
  const page = await engine.call('audit:list', { offset: 0, limit: 1000 });
  return page.rows.filter((e) => e.action === 'settings').sort((a, b) => a.seq - b.seq);
}

test('settings:set is audited with the key and its value before and after; a refused managed key is audited without its value', async () => {
  const t = testEngine();
  try {
    await t.engine.call('settings:set', { key: 'locale', value: 'de-DE' });
    await t.engine.call('settings:set', { key: 'variance.thresholdPct', value: 10 });
    await t.engine.call('settings:set', { key: 'locale', value: 'fr-FR' });
    const rows = await settingsEntries(t.engine);
    assert.deepEqual(
      rows.map((e) => e.details),
      [
        { op: 'set', key: 'locale', from: 'en-US', to: 'de-DE', changed: true },
        { op: 'set', key: 'variance.thresholdPct', from: 25, to: 10, changed: true },
        { op: 'set', key: 'locale', from: 'de-DE', to: 'fr-FR', changed: true },
      ],
    );
    assert.equal(rows[0]!.user, 'tester');
    // a bad value is refused before anything is stored or audited
    await assert.rejects(t.engine.call('settings:set', { key: 'variance.thresholdPct', value: -1 }), (e: Error & { code?: string; field?: string }) => e.code === 'BAD_SETTING_VALUE' && e.field === 'variance.thresholdPct');
    assert.equal((await settingsEntries(t.engine)).length, 3);
  } finally {
    await t.close();
  }
  const dir = tempDir();
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ settings: { 's3.bucket': 'acme' } }));
  const p = testEngine({ policyFiles: [policy] });
  try {
    await assert.rejects(p.engine.call('settings:set', { key: 's3.bucket', value: 'mine-SECRETISH' }), (e: Error & { code?: string }) => e.code === 'SETTING_MANAGED');
    const rows = await settingsEntries(p.engine);
    assert.deepEqual(rows.map((e) => e.details), [{ op: 'set', key: 's3.bucket', refused: 'SETTING_MANAGED' }]);
    assert.equal(existsSync(join(p.dataDir, 'settings.json')), false, 'nothing stored');
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('credentials: set, replaced and cleared are audited with at most the last 4 characters of the key id, never the secret', async () => {
  const t = testEngine();
  try {
    await t.engine.call('settings:setCredentials', { accessKeyId: KEY_ID, secretAccessKey: SECRET });
    await t.engine.call('settings:setCredentials', { accessKeyId: KEY_ID, secretAccessKey: `${SECRET}2` });
    await t.engine.call('settings:clearCredentials', {});
    const rows = await settingsEntries(t.engine);
    assert.deepEqual(
      rows.map((e) => e.details),
      [
        { op: 'setCredentials', credentials: 'set', accessKeyId: '…MPLE' },
        { op: 'setCredentials', credentials: 'replaced', accessKeyId: '…MPLE' },
        { op: 'clearCredentials', credentials: 'cleared' },
      ],
    );
    const all = JSON.stringify((await t.engine.call('audit:list', { offset: 0, limit: 1000 })).rows);
    assert.ok(!all.includes(SECRET.slice(0, 12)), 'no part of the secret in the audit log');
    assert.ok(!all.includes(KEY_ID) && !all.includes(KEY_ID.slice(0, 8)), 'no more than the last 4 characters of the key id');
    assert.equal((await t.engine.call('audit:verify', {})).ok, true);
  } finally {
    await t.close({ keep: true });
  }
  // nor anywhere in the saved ledger (nor an audit inbox)
  const ledger = readFileSync(join(t.dataDir, 'ledger.sqlite'));
  assert.ok(ledger.includes(Buffer.from('setCredentials')), 'the entries were saved');
  assert.ok(!ledger.includes(Buffer.from(SECRET.slice(0, 12))), 'the secret is not in the ledger file');
  const inbox = join(t.dataDir, 'audit-inbox');
  if (existsSync(inbox)) for (const f of readdirSync(inbox)) assert.ok(!readFileSync(join(inbox, f), 'utf8').includes(SECRET.slice(0, 12)));
  rmSync(t.dataDir, { recursive: true, force: true });
});
