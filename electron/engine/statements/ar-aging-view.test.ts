import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixtureContext } from '../../../test/fixtures/statements/cache';
import { importPath } from '../cache/import';
import { bareEngine } from '../cache/test-support';
import { cacheDb } from '../db/stores';
import { writeDemoBundle } from '../demo/generate';
import { computeArAging, viewArAging, type LineView } from './ar-aging';
import { pageModel } from './page';

/**
 * AR aging searches and sorts over its scan, materializing only the page. Whatever it returns must
 * be what searching, sorting and paging the whole model gives (pageModel, the rule for every other
 * type): the same lines in the same order, the same totals, the same total; like a plain page it
 * carries only the page's parties (groups and summary rows).
 */
describe('AR aging preview with search and sort', () => {
  it('gives the same page and total as pageModel over the whole model, for every column, direction, search and page', async () => {
    const e = bareEngine();
    try {
      const demo = writeDemoBundle({ size: 60, seed: 5, through: '2025-06', out: join(e.dataDir, 'bundle') });
      await importPath(e.engine, demo.dir);
      const ctx = fixtureContext(await e.engine.use(cacheDb));
      const whole = computeArAging({ asOf: '2025-06-30', openItemsOnly: false }, ctx);
      const g0 = whole.groups[0]!;
      const line = g0.lines[Math.floor(g0.lines.length / 2)]!;
      const searches = [
        undefined,
        '  ',
        'CR', // credits (overpaid items), if any
        String(line.cells.invoiceNumber ?? line.id).slice(0, 6).toUpperCase(),
        String(line.cells.description).slice(2, 7),
        g0.title.slice(0, 5).toLowerCase(), // a party name: every line of that party
        '2025-03',
        String(line.cells.balance),
        '1–30',
        'no such text',
      ];
      const sorts: Array<LineView['sort']> = [undefined, ...whole.columns.flatMap((c) => (['asc', 'desc'] as const).map((dir) => ({ column: c.key, dir })))];
      const pages = [
        { offset: 0, limit: 7 },
        { offset: 25, limit: 40 },
        { offset: 0, limit: 100_000 },
      ];
      let compared = 0;
      for (const filters of [
        { asOf: '2025-06-30', openItemsOnly: false },
        { asOf: '2025-04-10' },
        { asOf: '2025-06-30', clientId: String(g0.key.split('|')[1]) },
      ]) {
        const full = computeArAging(filters, ctx);
        assert.ok(full.lineCount > 0, JSON.stringify(filters));
        for (const search of searches) {
          for (const sort of sorts) {
            if (!search?.trim() && !sort) continue; // a plain preview does not take this path
            for (const page of pages) {
              const view = { ...page, sort, search };
              const mine = viewArAging(filters, ctx, view);
              const expected = pageModel(full, view);
              const what = JSON.stringify({ filters, view });
              assert.equal(mine.total, expected.total, what);
              // the page's parties only, as a plain page: pageModel keeps every group, most empty
              const onPage = expected.model.groups.filter((g) => g.lines.length > 0);
              assert.deepEqual(mine.model.groups, onPage, what);
              const keys = new Set(onPage.map((g) => g.key));
              assert.deepEqual(mine.model.sections[0]!.rows, expected.model.sections[0]!.rows.filter((r) => keys.has(`${r.currency}|${r.partyId}`)), what);
              assert.deepEqual({ ...mine.model, groups: [], sections: [] }, { ...expected.model, groups: [], sections: [] }, what);
              compared++;
            }
          }
        }
      }
      assert.ok(compared > 500, `${compared} views compared`);
      // and the search really filters: some searches match a part of the lines, one matches none
      const part = viewArAging({ asOf: '2025-06-30', openItemsOnly: false }, ctx, { offset: 0, limit: 10, search: '2025-03' });
      assert.ok(part.total > 0 && part.total < whole.lineCount, `${part.total} of ${whole.lineCount}`);
      assert.equal(viewArAging({ asOf: '2025-06-30' }, ctx, { offset: 0, limit: 10, search: 'no such text' }).total, 0);
    } finally {
      await e.close();
    }
  });

  it('names the column when the sort asks for one the statement does not have', async () => {
    const e = bareEngine();
    try {
      const ctx = fixtureContext(await e.engine.use(cacheDb));
      assert.throws(
        () => viewArAging({ asOf: '2025-06-30' }, ctx, { offset: 0, limit: 10, sort: { column: 'gross', dir: 'asc' } }),
        (err: Error & { field?: string }) => err.field === 'sort.column' && /gross is not a column/.test(err.message) && /invoiceNumber/.test(err.message),
      );
    } finally {
      await e.close();
    }
  });
});
