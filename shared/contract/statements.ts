import { z } from 'zod';
import { FILTER_SCHEMAS, STATEMENT_TYPE_DEFS, STATEMENT_TYPES, type StatementType } from '../statement-types';
import { command } from './define';

export { STATEMENT_TYPES, type StatementType } from '../statement-types';

/** Reference prefixes, the seed-003 statement_type_cd and the label of each type (from the registry). */
export const STATEMENT_META = Object.fromEntries(
  STATEMENT_TYPES.map((t) => [t, { prefix: STATEMENT_TYPE_DEFS[t].prefix, code: STATEMENT_TYPE_DEFS[t].code, label: STATEMENT_TYPE_DEFS[t].label }]),
) as Record<StatementType, { prefix: string; code: string; label: string }>;

export const clientFilters = FILTER_SCHEMAS.client;
export const settlementFilters = FILTER_SCHEMAS.settlement;
export const dealFilters = FILTER_SCHEMAS.deal;
export const arAgingFilters = FILTER_SCHEMAS['ar-aging'];
export const invoiceFilters = FILTER_SCHEMAS.invoice;
export const billingFilters = FILTER_SCHEMAS.billing;

function requestSchema<T extends StatementType>(type: T) {
  return z.object({ type: z.literal(type), filters: FILTER_SCHEMAS[type] }).strict();
}
type RequestSchema = { [T in StatementType]: ReturnType<typeof requestSchema<T>> }[StatementType];

/** `{ type, filters }` of any statement type, one member per registry entry. */
export const statementRequest = z.discriminatedUnion(
  'type',
  STATEMENT_TYPES.map((t) => requestSchema(t)) as unknown as [RequestSchema, ...RequestSchema[]],
);
export type StatementRequest = z.infer<typeof statementRequest>;
export type FiltersOf<T extends StatementType> = Extract<StatementRequest, { type: T }>['filters'];

export type Severity = 'ERROR' | 'WARNING';
export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  /** the line or entity the finding is about, when there is one */
  subject?: string;
}

/** How a column's values are written and aligned. Money values are decimal strings in major units. */
export type ColumnKind = 'text' | 'date' | 'money' | 'percent' | 'quantity' | 'integer';
export interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
  /** relative width hint for layouts (default 1) */
  width?: number;
}

/** One line of a statement: cells by column key. Money/percent/quantity cells are decimal strings. */
export interface Line {
  id: string;
  cells: Record<string, string | number | null>;
  /** stored as a ledger line item (seed 000 StatementLineItems) */
  item: {
    description: string;
    periodStart: string | null;
    periodEnd: string | null;
    quantity: string | null;
    rate: string | null;
    amount: string;
    itemType: string;
  };
}

/** A block of lines: one currency (or one party within a currency for AR aging). */
export interface LineGroup {
  key: string;
  title: string;
  currency: string;
  lines: Line[];
  /** subtotal label → decimal string */
  totals: Record<string, string>;
}

/** A small extra table: deal payees, AR bucket summary, VAT summary in GBP … */
export interface Section {
  key: string;
  title: string;
  columns: Column[];
  rows: Array<Record<string, string | number | null>>;
}

export interface PartyBlock {
  id: string;
  name: string;
  addressLines: string[];
  country: string | null;
  email: string | null;
  vatNumber: string | null;
  companyNumber: string | null;
}

/**
 * The statement model: computed once, previewed in the UI, rendered to PDF/HTML/text,
 * recorded in the ledger. Renderers only read this: they never query the cache.
 */
export interface StatementModel {
  type: StatementType;
  title: string;
  party: PartyBlock | null;
  /** label/value pairs printed in the header (period, deal ref, as-of date, due date …) */
  header: Array<{ label: string; value: string }>;
  filters: Record<string, unknown>;
  dateFrom: string | null;
  dateTo: string | null;
  /** the single currency of the statement, or null when lines are grouped by currency */
  currency: string | null;
  columns: Column[];
  groups: LineGroup[];
  /** per currency: total key → decimal string (keys per cli.md) */
  totals: Record<string, Record<string, string>>;
  sections: Section[];
  findings: Finding[];
  notes: string[];
  lineCount: number;
  /** the cache version the model was computed from */
  dataVersion: number;
  /** the totals key that the line items' amounts add up to, per currency (QA: lines = totals) */
  itemTotalKey: string;
  /** deal statements: the payees' shares (amounts in the deal currency, decimal strings) */
  payees?: PayeeShare[];
  /** invoices: the data a (UK VAT) invoice must show besides the seller's branding */
  invoice?: InvoiceData;
}

export interface PayeeShare {
  partyId: string;
  name: string;
  role: string;
  allocationPct: string;
  currency: string;
  gross: string;
  commission: string;
  net: string;
}

export interface InvoiceData {
  /** null in a preview: the ledger reference (INV-…) is the invoice's unique number */
  number: string | null;
  issueDate: string;
  /** the tax point: the latest issue date of the billed items */
  timeOfSupply: string;
  dueDate: string;
  currency: string;
  customer: PartyBlock;
  targetType: 'CLIENT' | 'BUYER';
  ukEntity: boolean;
  reissue: boolean;
  /** excluding VAT, VAT, including VAT (decimal strings in the invoice currency) */
  totalExVat: string;
  totalVat: string;
  totalIncVat: string;
  /** VAT per rate: rate % → { net, vat } */
  vatByRate: Array<{ rate: string; net: string; vat: string }>;
  /** when the currency is not GBP (UK format): the VAT total in GBP at a stated rate */
  gbp: { rate: string; rateSource: 'filter' | 'setting'; vat: string } | null;
}

export interface PreviewResult {
  type: StatementType;
  model: StatementModel;
  /** when paging: the model's groups hold only this page's lines */
  page: { offset: number; limit: number; total: number };
  blocked: boolean;
}

export const OUTPUT_FORMATS = ['pdf', 'html', 'text'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface GenerateResult {
  type: StatementType;
  ref: string;
  status: 'COMPLETED' | 'FAILED';
  file: string | null;
  sha256: string | null;
  sizeBytes: number | null;
  lineCount: number;
  totals: Record<string, Record<string, string>>;
  findings: Finding[];
  templateId: string;
  templateVersion: number;
  templateFallback: boolean;
  /** deal statements: the payees' shares (cli.md generate --json) */
  payees?: PayeeShare[];
  error?: string;
}

export const previewInput = z
  .object({
    request: statementRequest,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(100000).default(1000),
    sort: z.object({ column: z.string().max(64), dir: z.enum(['asc', 'desc']) }).strict().optional(),
    search: z.string().max(200).optional(),
    /** what Generate would be asked for, so that the preview checks the same (preflight) */
    template: z.string().max(200).optional(),
    format: z.enum(OUTPUT_FORMATS).default('pdf'),
  })
  .strict();

export const generateInput = z
  .object({
    request: statementRequest,
    format: z.enum(OUTPUT_FORMATS).default('pdf'),
    /** template id, optionally pinned `id@version`; default: the type's (or the client's) current template */
    template: z.string().max(200).optional(),
  })
  .strict();

export const statementCommands = {
  'statement:preview': command<PreviewResult>()(previewInput, 'accountant'),
  'statement:generate': command<GenerateResult>()(generateInput, 'accountant'),
} as const;
