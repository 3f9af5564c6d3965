/**
 * The CLI options, the Generate form and the batch plan are derived from the statement-type
 * registry (shared/statement-types): a filter added to a definition shows up in all three, and
 * for every real type the CLI and the form make the same request as the contract schema.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { z } from 'zod';
import { statementRequest, type StatementRequest } from '../../shared/contract';
import { BATCH_KINDS, STATEMENT_TYPE_DEFS, STATEMENT_TYPES, cliOptions, formFields, statementTypeDef, type StatementTypeDef } from '../../shared/statement-types';
import { addFilterOptions, filtersFromOptions, requestFromOptions } from '../../electron/cli/filters';
import { requestFor, type Plan } from '../../electron/engine/batch/plan';
import { buildRequest, FIELDS_BY_TYPE, initialFormValues, validateForm, type GenerateForm } from '../../renderer/src/stores/generateRequest';
import { runCli } from '../helpers/engine';

const billing = STATEMENT_TYPE_DEFS.billing;
/** The registry with one more billing filter (`note`), taken by the CLI, the form and the batch run. */
const extended: Record<string, StatementTypeDef> = {
  ...STATEMENT_TYPE_DEFS,
  billing: {
    ...billing,
    filters: {
      ...billing.filters,
      note: {
        schema: z.string().max(20),
        required: false,
        cli: { flag: '--note', arg: '<text>', help: 'a note printed on the statement', value: 'text' },
        form: { field: 'note', kind: 'decimal', label: 'Note', initial: 'none' },
      },
    },
    batch: { ...billing.batch, run: [...billing.batch.run, { filter: 'note', input: 'asOf' }] },
  },
};

const cal = { today: '2026-02-15', previousMonth: { from: '2026-01-01', to: '2026-01-31', period: '2026-01' } };
const plan = (kind: Plan['kind'], fields: Partial<Plan>): Plan => ({ kind, period: null, dateFrom: null, dateTo: null, asOf: null, ids: [], matched: 0, ...fields });

describe('a filter added to a definition', () => {
  it('becomes a CLI option with its help, read into the filters, refused for other types', () => {
    const help = addFilterOptions(new Command('generate'), extended).helpInformation();
    assert.match(help, /--note <text>\s+a note printed on the statement \(billing\)/);
    assert.doesNotMatch(addFilterOptions(new Command('generate')).helpInformation(), /--note/);
    assert.deepEqual(filtersFromOptions('billing', { contract: 'k1', period: '2026-01', note: 'hi' }, extended), { contractId: 'k1', period: '2026-01', note: 'hi' });
    assert.throws(() => filtersFromOptions('deal', { deal: 'd1', note: 'hi' }, extended), /--note: does not apply to a deal statement/);
  });

  it('becomes a Generate form field with its initial value, sent as its filter', () => {
    const fields = formFields(extended.billing!);
    assert.deepEqual(fields.map((f) => f.field), ['contract', 'period', 'note']);
    const values = initialFormValues(cal, extended);
    assert.equal(values.note, 'none');
    const form = { ...values, type: 'billing', template: '', format: 'pdf', contract: { id: 'k1', label: 'K1' } } as unknown as GenerateForm;
    assert.deepEqual(buildRequest(form, extended), { type: 'billing', filters: { contractId: 'k1', period: '2026-01', note: 'none' } });
  });

  it('is copied by the batch plan into every request of the run', () => {
    assert.deepEqual(requestFor(plan('billing', { period: '2026-01', asOf: 'x' }), 'k9', extended), {
      type: 'billing',
      filters: { contractId: 'k9', period: '2026-01', note: 'x' },
    });
  });
});

/** One full request per type: every filter the CLI takes, given. */
const SAMPLES: StatementRequest[] = [
  { type: 'client', filters: { clientId: 'c1', dateFrom: '2026-01-01', dateTo: '2026-01-31', currency: 'USD', excludedIds: ['p1', 'p2'] } },
  { type: 'settlement', filters: { clientId: 'c1', dateFrom: '2026-01-01', dateTo: '2026-01-31', currency: 'EUR' } },
  { type: 'deal', filters: { dealId: 'd1' } },
  { type: 'ar-aging', filters: { clientId: 'c1', asOf: '2026-02-28', openItemsOnly: false } },
  { type: 'invoice', filters: { partyId: 'b1', targetType: 'BUYER', billingItemIds: ['i1', 'i2'], ukEntity: true, reissue: true, gbpRate: '0.86' } },
  { type: 'billing', filters: { contractId: 'k1', period: '2026-01' } },
];

describe('every registry type', () => {
  it('has a sample here covering all its filters', () => {
    assert.deepEqual(SAMPLES.map((s) => s.type), STATEMENT_TYPES);
    for (const s of SAMPLES) assert.deepEqual(Object.keys(s.filters).sort(), Object.keys(STATEMENT_TYPE_DEFS[s.type].filters).sort(), s.type);
  });

  it('lists each of its flags in `folio generate --help` and `folio preview --help`', async () => {
    for (const command of ['generate', 'preview']) {
      const r = await runCli([command, '--help']);
      assert.equal(r.code, 0, r.stderr);
      for (const o of cliOptions(STATEMENT_TYPE_DEFS)) assert.ok(r.stdout.includes(o.flags), `${command} --help: ${o.flags}`);
      assert.match(r.stdout, /client, settlement, deal, ar-aging, invoice or billing/);
    }
  });

  it('gives `folio batch KIND` the filter options of its batch run fields and its party list', async () => {
    for (const kind of BATCH_KINDS) {
      const def = statementTypeDef(kind);
      const r = await runCli(['batch', kind, '--help']);
      assert.equal(r.code, 0, r.stderr);
      for (const run of def.batch!.run) assert.ok(r.stdout.includes(def.filters[run.filter]!.cli!.flag), `batch ${kind}: ${run.filter}`);
      assert.ok(r.stdout.includes(def.batch!.cli.partiesFlag), `batch ${kind} parties`);
      assert.equal(r.stdout.includes('--contract-types'), def.batch!.contractTypes === true, `batch ${kind} contract types`);
    }
    const missing = await runCli(['batch', 'client', '--from', '2026-01-01']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--to/);
  });

  it('makes the same request from CLI options as the schema does from the filters', () => {
    const options = cliOptions(STATEMENT_TYPE_DEFS);
    for (const sample of SAMPLES) {
      const argv: Record<string, string | boolean> = {};
      for (const [filter, value] of Object.entries(sample.filters)) {
        const o = options.find((x) => x.filter === filter && x.types.includes(sample.type))!;
        const key = new Command().createOption(o.flags).attributeName();
        argv[key] = o.value === 'list' ? (value as string[]).join(',') : o.value.startsWith('set-') ? true : o.value === 'upper' ? String(value).toLowerCase() : String(value);
      }
      assert.deepEqual(requestFromOptions(sample.type, argv), statementRequest.parse(sample), sample.type);
    }
  });

  it('is required on the CLI and in the form where the definition says so', async () => {
    for (const t of STATEMENT_TYPES) {
      const def = STATEMENT_TYPE_DEFS[t] as StatementTypeDef;
      for (const [filter, spec] of Object.entries(def.filters)) {
        const f = FIELDS_BY_TYPE[t].find((x) => x.filter === filter);
        if (f) assert.equal(f.required, spec.required, `${t}.${filter}`);
        if (spec.required && spec.cli) assert.throws(() => filtersFromOptions(t, {}), new RegExp(`is required for a ${t} statement`));
      }
    }
    const missing = validateForm({ ...(initialFormValues(cal) as object), type: 'billing', template: '', format: 'pdf' } as GenerateForm);
    assert.ok(!missing.ok && missing.errors.contract === 'Choose a contract from the list');
    const r = await runCli(['preview', 'billing', '--contract', 'k1']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--period: is required for a billing statement/);
  });
});
