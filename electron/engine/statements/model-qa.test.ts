import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StatementRequest } from '../../../shared/contract';
import { testEngine, type TestEngine } from '../../../test/helpers/engine';
import { importPath } from '../cache/import';
import { STATEMENT_TYPE_DEFS } from '../../../shared/statement-types';
import { checkModel } from '../render/qa';
import { buildComputeContext, computeStatement } from './index';

/*
 * Every type computed from the imported fixture bundle passes the renderer's model QA: per
 * currency, the ledger line items' amounts add up to the `itemTotalKey` total, and each group's
 * lines are in its currency. (A model failing this would be refused at generate time.)
 */
const requests: StatementRequest[] = [
  { type: 'client', filters: { clientId: 'john', dateFrom: '2026-01-01', dateTo: '2026-01-31' } },
  { type: 'client', filters: { clientId: 'jane', dateFrom: '2026-01-01', dateTo: '2026-01-31' } },
  { type: 'settlement', filters: { clientId: 'john', dateFrom: '2026-01-01', dateTo: '2026-01-31' } },
  { type: 'deal', filters: { dealId: 'd1' } },
  { type: 'ar-aging', filters: { asOf: '2026-02-28' } },
  { type: 'ar-aging', filters: { asOf: '2026-03-31', openItemsOnly: false } },
  { type: 'invoice', filters: { partyId: 'buyer', targetType: 'BUYER', billingItemIds: ['bi1', 'bi2'] } },
  { type: 'invoice', filters: { partyId: 'buyer', targetType: 'BUYER', billingItemIds: ['bi3'], ukEntity: true, gbpRate: '0.86' } },
  { type: 'billing', filters: { contractId: 'k1', period: '2026-01' } },
  { type: 'billing', filters: { contractId: 'k2', period: '2026-01' } },
];

describe('statement models pass the model QA', () => {
  let te: TestEngine;
  before(async () => {
    te = testEngine();
    await importPath(te.engine, join(__dirname, '../../../test/fixtures/statements/bundle-2026-01'));
  });
  after(() => te.close());

  it('totals per currency carry exactly the registry\'s totalKeys of the type (cli.md)', async () => {
    const ctx = await buildComputeContext(te.engine, { today: '2026-02-28' });
    for (const r of requests) {
      const m = computeStatement(r, ctx);
      assert.ok(Object.keys(m.totals).length > 0, `${r.type} has totals`);
      for (const [currency, totals] of Object.entries(m.totals)) {
        assert.deepEqual(Object.keys(totals), [...STATEMENT_TYPE_DEFS[r.type].totalKeys], `${r.type} ${currency}`);
      }
      assert.equal(m.itemTotalKey, STATEMENT_TYPE_DEFS[r.type].itemTotalKey, r.type);
      assert.ok(STATEMENT_TYPE_DEFS[r.type].totalKeys.includes(m.itemTotalKey as never), `${r.type} itemTotalKey ${m.itemTotalKey}`);
    }
  });

  it('line items add up to the itemTotalKey total for every type', async () => {
    const ctx = await buildComputeContext(te.engine, { today: '2026-02-28' });
    for (const r of requests) {
      const m = computeStatement(r, ctx);
      assert.ok(m.lineCount > 0, `${r.type} has lines`);
      assert.ok(m.dataVersion > 0, 'the data version of the import is recorded');
      assert.doesNotThrow(() => checkModel(m, `${r.type}`), `${r.type} ${JSON.stringify(r.filters)}`);
      for (const g of m.groups) for (const l of g.lines) assert.match(l.item.amount, /^-?\d+(\.\d+)?$/);
    }
  });
});
