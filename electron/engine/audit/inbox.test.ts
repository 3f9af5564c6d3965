import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEngine } from '../../../test/helpers/engine';
import { ledgerService } from '../store/ledger';
import { appendAudit, verifyAudit } from './log';

test('an operation audited while another process holds the ledger waits in the inbox and joins the chain later', async () => {
  const a = testEngine({ env: { FOLIO_USER: 'app-user' } });
  try {
    await appendAudit(a.engine, { user: 'app-user', role: 'admin' }, 'view', { ref: 'CS-1' });
    const b = testEngine({ dataDir: a.dataDir, env: { FOLIO_USER: 'cli-user' } });
    const e = await appendAudit(b.engine, { user: 'cli-user', role: 'accountant' }, 'preview', { type: 'client', clientId: 'c1' });
    assert.equal(e.seq, 0, 'not in the chain yet');
    const inbox = join(a.dataDir, 'audit-inbox');
    const [file] = readdirSync(inbox);
    assert.match(readFileSync(join(inbox, file!), 'utf8'), /"action":"preview"/);
    await b.close({ keep: true });
    // the CLI process has exited (its pid no longer runs)
    renameSync(join(inbox, file!), join(inbox, file!.replace(/^\d+-/, '4194000-')));
    await a.engine.close();

    const c = testEngine({ dataDir: a.dataDir });
    const { db } = await c.engine.use(ledgerService);
    const rows = (await c.engine.call('audit:list', {})).rows;
    const merged = rows.find((r) => r.action === 'preview')!;
    assert.equal(merged.user, 'cli-user');
    assert.equal(merged.role, 'accountant');
    assert.equal(merged.details.clientId, 'c1');
    assert.match(String(merged.details.recordedVia), /^audit-inbox\//);
    assert.equal(verifyAudit(db).ok, true);
    assert.equal(existsSync(join(inbox, file!.replace(/^\d+-/, '4194000-'))), false, 'the inbox file is gone once merged');
    await c.close({ keep: true });
    // merged once only
    const d = testEngine({ dataDir: a.dataDir });
    assert.equal((await d.engine.call('audit:list', {})).rows.filter((r) => r.action === 'preview').length, 1);
    await d.close({ keep: true });
  } finally {
    await a.close();
  }
});
