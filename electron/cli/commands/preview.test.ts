import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cacheDb } from '../../engine/db/stores';
import { insertRows, party } from '../../../test/fixtures/statements/cache';
import { runCli, testEngine, type TestEngine } from '../../../test/helpers/engine';

/*
 * John Smith (USD): 5 items in January 2026 (the seed 003 Gherkin), one on 2025-12-31 and one on
 * 2026-02-01 outside. Gross 100.00 + 200.00 + 300.00 + 400.00 + 0.05 = 1000.05;
 * commission 10% each rounded: 10.00 + 20.00 + 30.00 + 40.00 + 0.01 = 100.01; net 900.04.
 */
describe('folio preview', () => {
  let te: TestEngine;
  before(async () => {
    te = testEngine();
    const cache = await te.engine.use(cacheDb);
    const items: Array<[string, string, number, number]> = [
      ['a0', '2025-12-31', 99900, 9990],
      ['a1', '2026-01-01', 10000, 1000],
      ['a2', '2026-01-02', 20000, 2000],
      ['a3', '2026-01-15', 30000, 3000],
      ['a4', '2026-01-30', 40000, 4000],
      ['a5', '2026-01-31', 5, 1],
      ['a6', '2026-02-01', 88800, 8880],
    ];
    insertRows(cache, {
      parties: [party('john', 'John Smith')],
      payment_items: items.map(([id, date, gross, commission]) => ({
        id, client_id: 'john', posted_date: date, description: `Fee ${id}`, currency: 'USD', gross, commission, net: gross - commission,
      })),
    });
    await te.engine.close();
  });
  after(() => te.close());

  const base = () => ['--data-dir', te.dataDir];

  it('prints the cli.md JSON shape for a client statement', async () => {
    const r = await runCli([...base(), '--json', 'preview', 'client', '--client', 'john', '--from', '2026-01-01', '--to', '2026-01-31']);
    assert.equal(r.code, 0, r.stderr);
    const j = r.json<{ type: string; lineCount: number; totals: unknown; findings: unknown[]; blocked: boolean }>();
    assert.equal(j.type, 'client');
    assert.equal(j.lineCount, 5);
    assert.deepEqual(j.totals, { USD: { gross: '1000.05', commission: '100.01', net: '900.04' } });
    assert.deepEqual(j.findings, []);
    assert.equal(j.blocked, false);
  });

  it('prints a human table without --json', async () => {
    const r = await runCli([...base(), 'preview', 'client', '--client', 'john', '--from', '2026-01-01', '--to', '2026-01-31', '--exclude', 'a5']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /John Smith/);
    assert.match(r.stdout, /totals USD: gross 1000\.00, commission 100\.00, net 900\.00/);
    assert.doesNotMatch(r.stdout, /Fee a5/);
  });

  it('exits 2 naming the option for bad filters', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['client', '--client', 'nobody', '--from', '2026-01-01', '--to', '2026-01-31'], /--client/],
      [['client', '--client', 'john', '--from', '2026-02-01', '--to', '2026-01-31'], /--from/],
      [['client', '--client', 'john', '--from', '2026-01-01', '--to', '2026-01-31', '--currency', 'QQQ'], /--currency/],
      [['client', '--client', 'john', '--from', '2026-01-01', '--to', '2026-01-31', '--exclude', 'a0'], /--exclude/],
      [['client', '--client', 'john', '--from', '2026-13-01', '--to', '2026-01-31'], /--from/],
      [['client', '--client', 'john', '--from', '2026-01-01'], /--to/],
      [['client', '--deal', 'x', '--client', 'john', '--from', '2026-01-01', '--to', '2026-01-31'], /--deal/],
      [['nonsense'], /TYPE/],
    ];
    for (const [args, re] of cases) {
      const r = await runCli([...base(), 'preview', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re, args.join(' '));
    }
  });
});
