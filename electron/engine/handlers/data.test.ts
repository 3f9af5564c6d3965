import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EventName } from '../../../shared/contract';
import { tempDir, testEngine } from '../../../test/helpers/engine';
import { sampleRecords, writeFixtureBundle } from '../cache/test-support';

test('data:* handlers: import with events and audit, status counts, quarantine pages, autocomplete, billing items', { timeout: 60_000 }, async () => {
  const t = testEngine();
  try {
    const events: EventName[] = [];
    t.engine.subscribe((name) => events.push(name));
    const empty = await t.engine.call('data:status', {});
    assert.equal(empty.empty, true);
    const recs = sampleRecords();
    const dir = writeFixtureBundle(join(tempDir(), 'b'), {
      exportedAt: '2026-01-16T00:00:00Z',
      kind: 'full',
      files: { ...recs, parties: [...recs.parties!, '{"broken', { id: 'c2', updated_at: '2026-01-15T10:00:00Z', name: 'Σοφία Οικονόμου', type: 'CLIENT' }] },
    });
    const r = await t.engine.call('data:import', { path: dir });
    assert.equal(r.quarantined, 1);
    assert.ok(events.includes('progress') && events.includes('data:changed'));
    const audit = await t.engine.call('audit:list', {});
    const entry = audit.rows.find((e) => e.action === 'import');
    assert.ok(entry, 'the import is audited');
    assert.equal((entry.details as { quarantined: number }).quarantined, 1);

    const s = await t.engine.call('data:status', {});
    assert.equal(s.empty, false);
    assert.equal(s.counts.parties, 4);
    assert.equal(s.counts.payment_items, 1);
    assert.equal(s.quarantined, 1);
    assert.equal(s.bundles, 1);
    assert.ok(s.lastImportAt);

    const q = await t.engine.call('data:quarantine', { offset: 0, limit: 10 });
    assert.equal(q.total, 1);
    assert.equal(q.rows[0]!.file, 'parties.ndjson');
    assert.equal(q.rows[0]!.line, 4);
    assert.match(q.rows[0]!.reason, /invalid JSON/);

    // accent- and case-insensitive, prefix matches first, type filter, limit
    assert.deepEqual((await t.engine.call('data:parties', { query: 'zoe' })).map((p) => p.id), ['c1']);
    assert.deepEqual((await t.engine.call('data:parties', { query: 'σοφια' })).map((p) => p.id), ['c2']);
    assert.deepEqual((await t.engine.call('data:parties', { query: '', type: 'BUYER' })).map((p) => p.id), ['b1']);
    assert.equal((await t.engine.call('data:parties', { query: '', limit: 2 })).length, 2);
    assert.deepEqual((await t.engine.call('data:deals', { query: 'spring' })).map((d) => [d.id, d.clientName]), [['d1', 'Zoë Ångström']]);
    assert.deepEqual((await t.engine.call('data:contracts', { query: 'angstrom' })).map((c) => [c.id, c.type]), [['k1', 'fixed_fee']]);

    const items = await t.engine.call('data:billingItems', { partyId: 'b1', targetType: 'BUYER' });
    assert.deepEqual(items, [
      { id: 'bi1', description: 'Booking fee', issueDate: '2026-01-05', dueDate: '2026-02-04', currency: 'JPY', amount: '30000', invoiceNumber: 'INV-1', invoicedRef: null },
    ]);
    assert.deepEqual(await t.engine.call('data:billingItems', { partyId: 'b1', targetType: 'CLIENT' }), []);

    const bad = await t.engine.invoke('data:import', { path: join(dir, 'missing') });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.field, 'path');
  } finally {
    await t.close();
  }
});

test('data:loadDemo writes a demo bundle and imports it; loading the same demo again changes nothing', { timeout: 60_000 }, async () => {
  const t = testEngine();
  try {
    const r = await t.engine.call('data:loadDemo', { size: 2, seed: 4, through: '2025-10' });
    assert.equal(r.bundles[0]!.status, 'applied');
    assert.ok(r.applied > 400);
    const s = await t.engine.call('data:status', {});
    assert.equal(s.counts.payment_items, 400);
    assert.equal(s.counts.contracts, 20);
    const again = await t.engine.call('data:loadDemo', { size: 2, seed: 4, through: '2025-10' });
    assert.equal(again.bundles[0]!.status, 'skipped');
  } finally {
    await t.close();
  }
});
