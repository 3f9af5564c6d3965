import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PreviewResult } from '../../../shared/contract';
import { insertRows, party } from '../../../test/fixtures/statements/cache';
import { testEngine, type TestEngine } from '../../../test/helpers/engine';
import { cacheDb } from '../db/stores';
import { ledgerDb } from '../db/stores';

/*
 * Client k: 12 USD payment items on 2026-01-01 … 2026-01-12, gross = day × 10.00 (10.00 … 120.00),
 * commission 10%, plus 2 EUR items (5.00, 7.00). USD gross total = 10.00 × (1+…+12) = 780.00.
 * Deal dz has no payees → ERROR → blocked.
 */
describe('statement:preview', () => {
  let te: TestEngine;
  before(async () => {
    te = testEngine();
    const cache = await te.engine.use(cacheDb);
    const items = Array.from({ length: 12 }, (_, i) => {
      const day = i + 1;
      return {
        id: `u${String(day).padStart(2, '0')}`, client_id: 'k', posted_date: `2026-01-${String(day).padStart(2, '0')}`,
        description: day % 3 === 0 ? `Royalty Ω ${day}` : `Fee ${day}`, currency: 'USD', gross: day * 1000, commission: day * 100, net: day * 900,
      };
    });
    insertRows(cache, {
      parties: [party('k', 'Kateřina')],
      payment_items: [
        ...items,
        { id: 'e1', client_id: 'k', posted_date: '2026-01-05', description: 'Euro fee', currency: 'EUR', gross: 500, commission: 50, net: 450 },
        { id: 'e2', client_id: 'k', posted_date: '2026-01-06', description: 'Euro fee', currency: 'EUR', gross: 700, commission: 70, net: 630 },
      ],
      deals: [{ id: 'dz', ref: 'DZ', name: 'No payees', client_id: 'k', engagement_date: '2026-01-01', currency: 'USD', commission_pct: '10' }],
    });
  });
  after(() => te.close());

  const request = { type: 'client', filters: { clientId: 'k', dateFrom: '2026-01-01', dateTo: '2026-01-31' } };
  const preview = (extra: Record<string, unknown> = {}) => te.engine.call('statement:preview', { request, ...extra }) as Promise<PreviewResult>;
  const ids = (r: PreviewResult) => r.model.groups.flatMap((g) => g.lines.map((l) => l.id));

  it('pages across currency groups while totals cover the whole statement', async () => {
    const r = await preview({ offset: 1, limit: 3 });
    assert.deepEqual(ids(r), ['e2', 'u01', 'u02']); // EUR group first (e1, e2), then USD
    assert.deepEqual(r.page, { offset: 1, limit: 3, total: 14 });
    assert.equal(r.model.lineCount, 14);
    assert.deepEqual(r.model.totals.USD, { gross: '780.00', commission: '78.00', net: '702.00' });
    assert.equal(r.blocked, false);
  });

  it('sorts by a money column numerically and searches text', async () => {
    const desc = await preview({ sort: { column: 'gross', dir: 'desc' }, limit: 4 });
    assert.deepEqual(ids(desc), ['e2', 'e1', 'u12', 'u11']); // 100.00 sorts above 90.00 (not as text)
    const found = await preview({ search: 'royalty ω' });
    assert.deepEqual(ids(found), ['u03', 'u06', 'u09', 'u12']);
    assert.equal(found.page.total, 4);
    await assert.rejects(preview({ sort: { column: 'nope', dir: 'asc' } }), (e: Error & { field?: string }) => e.field === 'sort.column');
  });

  it('a large statement kept between pages is recomputed after any write to the cache', async () => {
    // client big: 600 items of 1.00 on 2026-01-15 → gross 600.00; one more item → 601 lines, 601.00
    const cache = await te.engine.use(cacheDb);
    insertRows(cache, {
      parties: [party('big', 'Big Client')],
      payment_items: Array.from({ length: 600 }, (_, i) => ({
        id: `b${String(i).padStart(3, '0')}`, client_id: 'big', posted_date: '2026-01-15', description: `Item ${i}`, currency: 'USD', gross: 100, commission: 0, net: 100,
      })),
    });
    const req = { type: 'client', filters: { clientId: 'big', dateFrom: '2026-01-01', dateTo: '2026-01-31' } };
    const p1 = (await te.engine.call('statement:preview', { request: req, offset: 0, limit: 100 })) as PreviewResult;
    const p2 = (await te.engine.call('statement:preview', { request: req, offset: 100, limit: 100 })) as PreviewResult;
    assert.equal(p1.model.lineCount, 600);
    assert.deepEqual([ids(p1)[0], ids(p2)[0]], ['b000', 'b100']);
    assert.deepEqual(p2.model.totals, { USD: { gross: '600.00', commission: '0.00', net: '600.00' } });
    insertRows(cache, { payment_items: [{ id: 'b600', client_id: 'big', posted_date: '2026-01-16', description: 'Late', currency: 'USD', gross: 100, commission: 0, net: 100 }] });
    const p3 = (await te.engine.call('statement:preview', { request: req, offset: 600, limit: 100 })) as PreviewResult;
    assert.equal(p3.model.lineCount, 601);
    assert.deepEqual(ids(p3), ['b600']);
    assert.deepEqual(p3.model.totals, { USD: { gross: '601.00', commission: '0.00', net: '601.00' } });
    // one audit entry for the preview (its first page), none for the pages fetched after it
    const audited = (await te.engine.call('audit:list', {})).rows.filter((a) => a.action === 'preview' && a.details.filters && (a.details.filters as { clientId?: string }).clientId === 'big');
    assert.equal(audited.length, 1);
  });

  it('is blocked by an ERROR finding, writes no ledger record, and is audited', async () => {
    const r = (await te.engine.call('statement:preview', { request: { type: 'deal', filters: { dealId: 'dz' } } })) as PreviewResult;
    assert.equal(r.blocked, true);
    assert.equal(r.model.findings[0]!.code, 'NO_PAYEES');
    const ledger = await te.engine.use(ledgerDb);
    assert.equal(ledger.value('SELECT count(*) FROM generated_statement'), 0);
    const audit = await te.engine.call('audit:list', {});
    const previews = audit.rows.filter((a) => a.action === 'preview');
    assert.ok(previews.length >= 3);
    assert.equal(previews[0]!.details.type, 'deal');
  });
});
