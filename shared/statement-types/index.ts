/**
 * The statement-type registry: ONE definition per statement type (statements.md, cli.md) —
 * reference prefix, ledger code, labels, totals keys, and each filter's schema, requiredness, CLI
 * option with its help, and Generate form field — plus how a batch run makes its requests.
 * Derived from it: the contract's filter schemas and `statementRequest` (shared/contract/statements),
 * the CLI options of `folio preview|generate` (electron/cli/filters), the Generate form
 * (renderer stores/generateRequest, screens/generate/GenerateForm), the batch plan
 * (electron/engine/batch/plan) and the engine's per-type functions (electron/engine/statements/registry).
 */
import { z } from 'zod';
import { currencyCode, id, isoDate, yearMonth } from '../contract/define';
import { filtersSchema, type FiltersSchema, type FormValue, type Picked, type StatementTypeDef } from './define';

export * from './define';

const idList = z.array(id).max(100000);

const clientPeriod = {
  clientId: {
    schema: id,
    required: true,
    cli: { flag: '--client', arg: '<id>', help: 'client id', value: 'text' },
    form: { field: 'client', kind: 'entity', label: 'Client', source: 'clients', placeholder: 'Search clients by name or id' },
  },
  dateFrom: {
    schema: isoDate,
    required: true,
    cli: { flag: '--from', arg: '<date>', help: 'first day YYYY-MM-DD, inclusive', value: 'text' },
    form: { field: 'dateFrom', kind: 'date', label: 'Date from', row: 'range', initial: { calendar: 'previous-month-start' } },
  },
  dateTo: {
    schema: isoDate,
    required: true,
    cli: { flag: '--to', arg: '<date>', help: 'last day YYYY-MM-DD, inclusive', value: 'text' },
    form: { field: 'dateTo', kind: 'date', label: 'Date to', row: 'range', initial: { calendar: 'previous-month-end' } },
  },
  currency: {
    schema: currencyCode,
    required: false,
    cli: { flag: '--currency', arg: '<code>', help: 'only this ISO 4217 currency', value: 'text' },
    form: { field: 'currency', kind: 'currency', label: 'Currency' },
  },
} as const;

const clientBatch = {
  partiesLabel: 'Only these clients',
  subject: 'clientId',
  run: [
    { filter: 'dateFrom', input: 'dateFrom' },
    { filter: 'dateTo', input: 'dateTo' },
  ],
} as const;

export const STATEMENT_TYPE_DEFS = {
  client: {
    prefix: 'CS',
    code: 'CLIENT_STATEMENT',
    label: 'Client statement',
    menuLabel: 'Client Statement',
    totalKeys: ['gross', 'commission', 'net'],
    itemTotalKey: 'gross',
    filters: {
      ...clientPeriod,
      excludedIds: {
        schema: idList,
        required: false,
        cli: { flag: '--exclude', arg: '<ids>', help: 'payment item ids to leave out, comma-separated', value: 'list' },
        form: { field: 'excludedIds', kind: 'excluded-lines', label: 'Excluded transactions' },
      },
    },
    range: ['dateFrom', 'dateTo'],
    batch: {
      ...clientBatch,
      label: 'Client statements',
      cli: { description: 'client statements for every client with payments in the range, or the listed clients', partiesFlag: '--clients', partiesHelp: 'only these clients' },
    },
  },
  settlement: {
    prefix: 'SS',
    code: 'SETTLEMENT_STATEMENT',
    label: 'Settlement statement',
    menuLabel: 'Settlement Statement',
    totalKeys: ['guarantee', 'overage', 'backout', 'netGross', 'commissionDue'],
    itemTotalKey: 'commissionDue',
    filters: clientPeriod,
    range: ['dateFrom', 'dateTo'],
    batch: {
      ...clientBatch,
      label: 'Settlement statements',
      cli: {
        description: 'settlement statements for every client with settlements in the range, or the listed clients',
        partiesFlag: '--clients',
        partiesHelp: 'only these clients',
      },
    },
  },
  deal: {
    prefix: 'DS',
    code: 'DEAL_STATEMENT',
    label: 'Deal statement',
    menuLabel: 'Deal Statement',
    totalKeys: ['gross', 'commission', 'net'],
    itemTotalKey: 'gross',
    filters: {
      dealId: {
        schema: id,
        required: true,
        cli: { flag: '--deal', arg: '<id>', help: 'deal id', value: 'text' },
        form: { field: 'deal', kind: 'entity', label: 'Deal', source: 'deals', placeholder: 'Search deals by reference or name' },
      },
    },
  },
  'ar-aging': {
    prefix: 'AR',
    code: 'AR_STATEMENT',
    label: 'AR aging statement',
    menuLabel: 'AR Aging',
    totalKeys: ['current', '1-30', '31-60', '61-90', '91-120', '120+', 'total'],
    itemTotalKey: 'total',
    filters: {
      clientId: {
        schema: id,
        required: false,
        cli: { flag: '--client', arg: '<id>', help: 'one client, default every party', value: 'text' },
        form: { field: 'client', kind: 'entity', label: 'Client (leave empty for all clients)', source: 'clients', placeholder: 'Search clients by name or id' },
      },
      asOf: {
        schema: isoDate,
        required: false,
        cli: { flag: '--as-of', arg: '<date>', help: 'as-of date, default today', value: 'text' },
        form: { field: 'asOf', kind: 'date', label: 'As-of date', hint: 'Ages are counted to this date', row: 'as-of', initial: { calendar: 'today' } },
      },
      openItemsOnly: {
        schema: z.boolean(),
        required: false,
        cli: { flag: '--all-items', help: 'include settled items', value: 'set-false' },
        form: { field: 'openItemsOnly', kind: 'checkbox', label: 'Open items only', row: 'as-of', initial: true },
      },
    },
    batch: {
      label: 'AR aging statements',
      partiesLabel: 'Only these clients',
      cli: { description: 'AR aging statements for every party with open items as of the date, or the listed parties', partiesFlag: '--parties', partiesHelp: 'only these parties' },
      subject: 'clientId',
      run: [{ filter: 'asOf', input: 'asOf', default: 'today' }],
    },
  },
  invoice: {
    prefix: 'INV',
    code: 'INVOICE',
    label: 'Invoice',
    menuLabel: 'Invoice',
    totalKeys: ['net', 'vat', 'gross'],
    itemTotalKey: 'net',
    filters: {
      partyId: {
        schema: id,
        required: true,
        cli: { flag: '--party', arg: '<id>', help: 'party invoiced', value: 'text' },
        form: { field: 'party', kind: 'entity', label: 'Party', source: 'any-party', placeholder: 'Search clients and buyers' },
      },
      targetType: {
        schema: z.enum(['CLIENT', 'BUYER'], { error: 'must be CLIENT or BUYER' }),
        required: true,
        cli: { flag: '--target', arg: '<type>', help: 'CLIENT or BUYER', value: 'upper' },
        form: {
          field: 'targetType',
          kind: 'choice',
          label: 'Target',
          options: [
            { value: 'CLIENT', label: 'Client' },
            { value: 'BUYER', label: 'Buyer' },
          ],
          initial: 'CLIENT',
        },
      },
      billingItemIds: {
        schema: z.array(id).min(1, 'must list at least one billing item').max(10000),
        required: true,
        cli: { flag: '--items', arg: '<ids>', help: 'billing item ids, comma-separated', value: 'list' },
        form: { field: 'billingItemIds', kind: 'billing-items', label: 'Billing items' },
      },
      ukEntity: {
        schema: z.boolean(),
        required: false,
        cli: { flag: '--uk', help: 'UK VAT invoice format', value: 'set-true' },
        form: { field: 'ukEntity', kind: 'checkbox', label: 'UK entity format (VAT invoice)', row: 'invoice-options' },
      },
      reissue: {
        schema: z.boolean(),
        required: false,
        cli: { flag: '--reissue', help: 'invoice items already on a completed invoice again, recorded as a re-issue', value: 'set-true' },
        form: { field: 'reissue', kind: 'checkbox', label: 'Re-issue items already invoiced', row: 'invoice-options' },
      },
      /** UK format, invoice not in GBP: GBP per one unit of the invoice currency (else setting fx.gbpRates) */
      gbpRate: {
        schema: z.string().regex(/^\d{1,9}(\.\d{1,10})?$/, 'must be a positive decimal such as 0.8571'),
        required: false,
        cli: { flag: '--gbp-rate', arg: '<rate>', help: 'GBP per one unit of the invoice currency, with --uk when not GBP', value: 'text' },
        form: { field: 'gbpRate', kind: 'decimal', label: 'GBP per unit of the invoice currency', hint: 'UK format, invoice not in GBP; empty: the fx.gbpRates setting' },
      },
    },
  },
  billing: {
    prefix: 'BS',
    code: 'BILLING_STATEMENT',
    label: 'Billing statement',
    menuLabel: 'Contract Billing Statement',
    totalKeys: ['total'],
    itemTotalKey: 'total',
    filters: {
      contractId: {
        schema: id,
        required: true,
        cli: { flag: '--contract', arg: '<id>', help: 'contract id', value: 'text' },
        form: { field: 'contract', kind: 'entity', label: 'Contract', source: 'contracts', placeholder: 'Search by customer or contract id' },
      },
      period: {
        schema: yearMonth,
        required: true,
        cli: { flag: '--period', arg: '<month>', help: 'billing month YYYY-MM', value: 'text' },
        form: { field: 'period', kind: 'month', label: 'Billing period', initial: { calendar: 'previous-month' } },
      },
    },
    batch: {
      label: 'Contract billing statements',
      partiesLabel: 'Only these customers',
      cli: { description: 'billing statements for every contract active in the period (seed 000)', partiesFlag: '--customers', partiesHelp: "only these customers' contracts" },
      subject: 'contractId',
      run: [{ filter: 'period', input: 'period' }],
      contractTypes: true,
    },
  },
} as const satisfies Record<string, StatementTypeDef>;

type Defs = typeof STATEMENT_TYPE_DEFS;
export type StatementType = keyof Defs;
export const STATEMENT_TYPES = Object.keys(STATEMENT_TYPE_DEFS) as StatementType[];

/** The types a batch run can make (those with a `batch` definition), in registry order. */
export type BatchKind = { [T in StatementType]: Defs[T] extends { batch: object } ? T : never }[StatementType];
export const BATCH_KINDS = STATEMENT_TYPES.filter((t) => 'batch' in STATEMENT_TYPE_DEFS[t]) as BatchKind[];

/** The definition of one type, as the general shape (for code that walks the registry). */
export function statementTypeDef(type: StatementType): StatementTypeDef {
  return STATEMENT_TYPE_DEFS[type];
}

/** Each type's filters schema (strict zod object), derived from its definition. */
export const FILTER_SCHEMAS = Object.fromEntries(STATEMENT_TYPES.map((t) => [t, filtersSchema(STATEMENT_TYPE_DEFS[t].filters)])) as {
  [T in StatementType]: FiltersSchema<Defs[T]['filters']>;
};

/** The value type a form field of a given spec holds. */
type ValueOf<S> = S extends { kind: 'entity' }
  ? Picked | null
  : S extends { kind: 'checkbox' }
    ? boolean
    : S extends { kind: 'billing-items' | 'excluded-lines' }
      ? string[]
      : S extends { options: ReadonlyArray<{ value: infer V }> }
        ? V
        : string;
type FormSpecsOf<F> = { [K in keyof F]: F[K] extends { form: infer S } ? S : never }[keyof F];
type AllFormSpecs = { [T in StatementType]: FormSpecsOf<Defs[T]['filters']> }[StatementType];
/** The Generate form's filter fields (every type's, by form field name), derived from the registry. */
export type StatementFormValues = { -readonly [S in Extract<AllFormSpecs, { field: string }> as S['field']]: ValueOf<S> };

// the derived form values must be form values (a kind added without a value type fails here)
export type _FormValuesCheck = StatementFormValues[keyof StatementFormValues] extends FormValue ? true : never;
