import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEngine, withRenderer } from '../../../test/helpers/engine';
import { FolioError } from '../../../shared/errors';
import { generateStatement } from '../usecases/generate';
import { clientRequest, seedClients } from './testing';

const caller = { user: 'alice', role: 'accountant' as const };

test('history:list filters by client, type and generated day range (UTC, inclusive), newest first, with paging', async () => {
  let now = Date.parse('2026-03-01T10:00:00.000Z');
  const t = testEngine(withRenderer({ env: { FOLIO_USER: 'alice' }, now: () => new Date(now) }));
  try {
    await seedClients(t.engine, 3);
    const made: Array<{ ref: string; client: string; day: string }> = [];
    for (let i = 0; i < 12; i++) {
      const client = `c${(i % 3) + 1}`;
      const r = await generateStatement(t.engine, clientRequest(client), caller);
      made.push({ ref: r.ref, client, day: new Date(now).toISOString().slice(0, 10) });
      now += 12 * 3600_000; // two statements a day
    }
    const all = await t.engine.call('history:list', { limit: 100 });
    assert.equal(all.total, 12);
    assert.deepEqual(all.rows.map((r) => r.statementRef), [...made].reverse().map((m) => m.ref), 'newest first');
    const c2 = await t.engine.call('history:list', { clientId: 'c2' });
    assert.deepEqual(c2.rows.map((r) => r.statementRef), made.filter((m) => m.client === 'c2').reverse().map((m) => m.ref));
    assert.equal((await t.engine.call('history:list', { type: 'client' })).total, 12);
    assert.equal((await t.engine.call('history:list', { type: 'invoice' })).total, 0);
    const range = await t.engine.call('history:list', { generatedFrom: '2026-03-02', generatedTo: '2026-03-03' });
    assert.deepEqual(range.rows.map((r) => r.statementRef).sort(), made.filter((m) => m.day >= '2026-03-02' && m.day <= '2026-03-03').map((m) => m.ref).sort());
    assert.equal(range.total, 4, 'both days whole');
    const both = await t.engine.call('history:list', { clientId: 'c1', type: 'client', generatedFrom: '2026-03-01', generatedTo: '2026-03-04' });
    assert.ok(both.rows.every((r) => r.clientId === 'c1' && r.generatedDt < '2026-03-05'));
    const page2 = await t.engine.call('history:list', { offset: 5, limit: 5 });
    assert.deepEqual(page2.rows.map((r) => r.statementRef), all.rows.slice(5, 10).map((r) => r.statementRef));
    assert.equal(page2.total, 12);
    await assert.rejects(t.engine.call('history:list', { generatedFrom: '2026-03-05', generatedTo: '2026-03-01' }), (e: FolioError) => e.field === 'generatedFrom');
    await assert.rejects(t.engine.call('history:get', { ref: 'CS-0-00000000' }), (e: FolioError) => e.type === 'not_found' && e.field === 'ref');
  } finally {
    await t.close();
  }
});
