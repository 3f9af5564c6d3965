/**
 * Two processes on one data folder: engine A previews a 600-line client statement (kept between
 * pages), a second process adds 50 lines to the same cache file through its own node:sqlite
 * connection, and A's next preview, searched preview and AR aging must see them. Before the one
 * cache version (cache/version.ts) the preview memo keyed on total_changes() alone, which only
 * moves with A's own writes, so A kept showing 600.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PreviewResult } from '../../shared/contract';
import { cacheDb } from '../../electron/engine/db/stores';
import { insertRows, party } from '../fixtures/statements/cache';
import { testEngine, type TestEngine } from '../helpers/engine';

const item = (i: number) => ({
  id: `b${String(i).padStart(3, '0')}`, client_id: 'big', posted_date: '2026-01-15', description: `Item ${i}`, currency: 'USD', gross: 100, commission: 0, net: 100,
});

/** the second process: 50 more lines for client big and one billing item, committed, then exits */
const CHILD = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1]);
db.exec('PRAGMA busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
const ins = db.prepare("INSERT INTO payment_items (id, updated_at, client_id, posted_date, description, currency, gross, commission, net) VALUES (?, '2026-01-01T00:00:00Z', 'big', '2026-01-20', ?, 'USD', 100, 0, 100)");
for (let i = 600; i < 650; i++) ins.run('b' + i, 'Item ' + i);
db.prepare("INSERT INTO billing_items (id, updated_at, party_id, target_type, description, issue_date, due_date, currency, quantity, unit_price, amount, vat_pct) VALUES ('bx', '2026-01-01T00:00:00Z', 'big', 'CLIENT', 'Late fee', '2026-01-01', '2026-01-31', 'USD', '1', 5000, 5000, '0')").run();
db.exec('COMMIT');
db.close();
`;

/** a third write: one more open billing item for client big (10.00), so the aging grows by one line */
const CHILD2 = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1]);
db.exec('PRAGMA busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
db.prepare("INSERT INTO billing_items (id, updated_at, party_id, target_type, description, issue_date, due_date, currency, quantity, unit_price, amount, vat_pct) VALUES ('by', '2026-01-01T00:00:00Z', 'big', 'CLIENT', 'Second fee', '2026-01-02', '2026-02-01', 'USD', '1', 1000, 1000, '0')").run();
db.exec('COMMIT');
db.close();
`;

describe('preview across two processes on one folder', () => {
  let te: TestEngine;
  const request = { type: 'client', filters: { clientId: 'big', dateFrom: '2026-01-01', dateTo: '2026-01-31' } };
  const preview = async (extra: Record<string, unknown> = {}) => (await te.engine.call('statement:preview', { request, ...extra })) as PreviewResult;

  before(async () => {
    te = testEngine({ env: { FOLIO_USER: 'tester', FOLIO_DB_ENGINE: 'node:sqlite' } });
    const cache = await te.engine.use(cacheDb);
    insertRows(cache, { parties: [party('big', 'Big Client')], payment_items: Array.from({ length: 600 }, (_, i) => item(i)) });
    await cache.save();
  });
  after(() => te.close());

  it('sees the lines another process committed, in the preview, a searched preview and AR aging', async () => {
    const first = await preview({ offset: 0, limit: 100 });
    assert.equal(first.model.lineCount, 600);
    assert.equal((await preview({ search: 'Item', limit: 100 })).page.total, 600);

    execFileSync(process.execPath, ['-e', CHILD, join(te.dataDir, 'cache.sqlite')], { stdio: 'pipe', timeout: 30_000 });

    const again = await preview({ offset: 0, limit: 100 });
    assert.equal(again.model.lineCount, 650);
    assert.deepEqual(again.model.totals, { USD: { gross: '650.00', commission: '0.00', net: '650.00' } });
    const searched = await preview({ search: 'Item', limit: 100 });
    assert.equal(searched.page.total, 650);
    const lastPage = await preview({ offset: 600, limit: 100 });
    assert.equal(lastPage.model.groups.flatMap((g) => g.lines).length, 50);
  });

  it('AR aging over every party sees a billing item another process added', async () => {
    const aging = async () => ((await te.engine.call('statement:preview', { request: { type: 'ar-aging', filters: { asOf: '2026-03-01' } } })) as PreviewResult).model;
    const before = await aging();
    execFileSync(process.execPath, ['-e', CHILD2, join(te.dataDir, 'cache.sqlite')], { stdio: 'pipe', timeout: 30_000 });
    const after = await aging();
    assert.equal(after.lineCount, before.lineCount + 1);
  });
});
