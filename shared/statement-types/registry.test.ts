import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statementRequest, STATEMENT_META } from '../contract';
import { BATCH_KINDS, batchFormFields, cliOptions, FILTER_SCHEMAS, filterValue, formFields, formRows, STATEMENT_TYPE_DEFS, STATEMENT_TYPES, statementTypeDef } from './index';

/** cli.md "Totals keys per type" and statements.md "Reference" prefixes. */
const CLI_MD_TOTALS: Record<string, string[]> = {
  client: ['gross', 'commission', 'net'],
  settlement: ['guarantee', 'overage', 'backout', 'netGross', 'commissionDue'],
  deal: ['gross', 'commission', 'net'],
  'ar-aging': ['current', '1-30', '31-60', '61-90', '91-120', '120+', 'total'],
  invoice: ['net', 'vat', 'gross'],
  billing: ['total'],
};
const PREFIXES: Record<string, string> = { client: 'CS', settlement: 'SS', deal: 'DS', 'ar-aging': 'AR', invoice: 'INV', billing: 'BS' };
/** cli.md FILTERS (plus --reissue and --gbp-rate, invoice options the app added; docs/rules.md). */
const CLI_MD_FLAGS = ['--client', '--from', '--to', '--currency', '--exclude', '--deal', '--as-of', '--all-items', '--party', '--target', '--items', '--uk', '--contract', '--period'];

describe('statement-type registry', () => {
  it('holds the six types of cli.md with their prefixes and totals keys', () => {
    assert.deepEqual(STATEMENT_TYPES, ['client', 'settlement', 'deal', 'ar-aging', 'invoice', 'billing']);
    for (const t of STATEMENT_TYPES) {
      assert.deepEqual([...STATEMENT_TYPE_DEFS[t].totalKeys], CLI_MD_TOTALS[t], t);
      assert.equal(STATEMENT_META[t].prefix, PREFIXES[t], t);
      assert.equal(STATEMENT_META[t].code, STATEMENT_TYPE_DEFS[t].code);
      assert.ok((STATEMENT_TYPE_DEFS[t].totalKeys as readonly string[]).includes(STATEMENT_TYPE_DEFS[t].itemTotalKey), t);
    }
    assert.deepEqual(BATCH_KINDS, ['client', 'settlement', 'ar-aging', 'billing']);
  });

  it('declares every cli.md filter flag, each naming one filter with one value kind', () => {
    const options = cliOptions(STATEMENT_TYPE_DEFS);
    const flags = options.map((o) => o.flag);
    for (const f of CLI_MD_FLAGS) assert.ok(flags.includes(f), f);
    assert.equal(new Set(flags).size, flags.length);
    const client = options.find((o) => o.flag === '--client')!;
    assert.deepEqual(client.types, ['client', 'settlement', 'ar-aging']);
    assert.equal(client.help, 'client id (client, settlement); one client, default every party (ar-aging)');
    assert.equal(options.find((o) => o.flag === '--all-items')!.flags, '--all-items');
  });

  it('refuses a flag declared for two different filters', () => {
    const base = STATEMENT_TYPE_DEFS.deal;
    const clash = { deal: base, other: { ...base, filters: { otherId: { ...base.filters.dealId } } } };
    assert.throws(() => cliOptions(clash), /--deal is declared differently/);
  });

  it('derives each schema: required filters required, optional ones optional, unknown ones refused', () => {
    for (const t of STATEMENT_TYPES) {
      const def = statementTypeDef(t);
      const shape = FILTER_SCHEMAS[t].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
      assert.deepEqual(Object.keys(shape), Object.keys(def.filters), t);
      for (const [k, f] of Object.entries(def.filters)) assert.equal(shape[k]!.safeParse(undefined).success, !f.required, `${t}.${k}`);
    }
    assert.ok(!statementRequest.safeParse({ type: 'deal', filters: { dealId: 'd', clientId: 'x' } }).success);
    assert.ok(statementRequest.safeParse({ type: 'ar-aging', filters: {} }).success);
    const bad = statementRequest.safeParse({ type: 'invoice', filters: { partyId: 'p', targetType: 'SELLER', billingItemIds: ['b'] } });
    assert.ok(!bad.success && bad.error.issues[0]!.message === 'must be CLIENT or BUYER');
  });

  it('gives a form field shared by several types one kind and one initial value', () => {
    const seen = new Map<string, string>();
    for (const t of STATEMENT_TYPES) {
      for (const f of formFields(statementTypeDef(t))) {
        const sig = JSON.stringify([f.kind, f.initial ?? null, f.filter]);
        assert.equal(seen.get(f.field) ?? sig, sig, `${t}: ${f.field}`);
        seen.set(f.field, sig);
      }
    }
  });

  it('lays out fields sharing a row together and turns form values into filter values', () => {
    const rows = formRows(formFields(STATEMENT_TYPE_DEFS.client)).map((r) => r.map((f) => f.field));
    assert.deepEqual(rows, [['client'], ['dateFrom', 'dateTo'], ['currency'], ['excludedIds']]);
    const [client, , , currency, excluded] = formFields(STATEMENT_TYPE_DEFS.client);
    assert.equal(filterValue(client!, null), '');
    assert.equal(filterValue(client!, { id: 'C1', label: 'x' }), 'C1');
    assert.equal(filterValue(currency!, ''), undefined);
    assert.equal(filterValue(excluded!, []), undefined);
    const [, , openOnly] = formFields(STATEMENT_TYPE_DEFS['ar-aging']);
    const uk = formFields(STATEMENT_TYPE_DEFS.invoice).find((f) => f.field === 'ukEntity')!;
    assert.equal(filterValue(openOnly!, false), false);
    assert.equal(filterValue(openOnly!, true), true);
    assert.equal(filterValue(uk, false), undefined);
    assert.equal(filterValue(uk, true), true);
  });

  it('gives the Batch screen each kind\'s run fields, required unless defaulted', () => {
    const fields = (t: (typeof BATCH_KINDS)[number]) => batchFormFields(statementTypeDef(t)).map((f) => [f.field, f.kind, f.label, f.required]);
    assert.deepEqual(fields('billing'), [['period', 'month', 'Billing period', true]]);
    assert.deepEqual(fields('client'), [
      ['dateFrom', 'date', 'Date from', true],
      ['dateTo', 'date', 'Date to', true],
    ]);
    assert.deepEqual(fields('ar-aging'), [['asOf', 'date', 'As-of date', false]]);
    assert.deepEqual(batchFormFields(statementTypeDef('deal')), []);
  });
});
