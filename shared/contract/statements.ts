import { z } from 'zod';
import { command, currencyCode, id, isoDate, yearMonth } from './define';

export const STATEMENT_TYPES = ['client', 'settlement', 'deal', 'ar-aging', 'invoice', 'billing'] as const;
export type StatementType = (typeof STATEMENT_TYPES)[number];

/** Reference prefixes and the seed-003 statement_type_cd for each type. */
export const STATEMENT_META: Record<StatementType, { prefix: string; code: string; label: string }> = {
  client: { prefix: 'CS', code: 'CLIENT_STATEMENT', label: 'Client statement' },
  settlement: { prefix: 'SS', code: 'SETTLEMENT_STATEMENT', label: 'Settlement statement' },
  deal: { prefix: 'DS', code: 'DEAL_STATEMENT', label: 'Deal statement' },
  'ar-aging': { prefix: 'AR', code: 'AR_STATEMENT', label: 'AR aging statement' },
  invoice: { prefix: 'INV', code: 'INVOICE', label: 'Invoice' },
  billing: { prefix: 'BS', code: 'BILLING_STATEMENT', label: 'Billing statement' },
};

const idList = z.array(id).max(100000);

export const clientFilters = z
  .object({
    clientId: id,
    dateFrom: isoDate,
    dateTo: isoDate,
    currency: currencyCode.optional(),
    excludedIds: idList.optional(),
  })
  .strict();
export const settlementFilters = z
  .object({ clientId: id, dateFrom: isoDate, dateTo: isoDate, currency: currencyCode.optional() })
  .strict();
export const dealFilters = z.object({ dealId: id }).strict();
export const arAgingFilters = z
  .object({ clientId: id.optional(), asOf: isoDate.optional(), openItemsOnly: z.boolean().optional() })
  .strict();
export const invoiceFilters = z
  .object({
    partyId: id,
    targetType: z.enum(['CLIENT', 'BUYER']),
    billingItemIds: z.array(id).min(1, 'must list at least one billing item').max(10000),
    ukEntity: z.boolean().optional(),
    reissue: z.boolean().optional(),
    /** UK format, invoice not in GBP: GBP per one unit of the invoice currency (else setting fx.gbpRates) */
    gbpRate: z.string().regex(/^\d{1,9}(\.\d{1,10})?$/, 'must be a positive decimal such as 0.8571').optional(),
  })
  .strict();
export const billingFilters = z.object({ contractId: id, period: yearMonth }).strict();

export const statementRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('client'), filters: clientFilters }).strict(),
  z.object({ type: z.literal('settlement'), filters: settlementFilters }).strict(),
  z.object({ type: z.literal('deal'), filters: dealFilters }).strict(),
  z.object({ type: z.literal('ar-aging'), filters: arAgingFilters }).strict(),
  z.object({ type: z.literal('invoice'), filters: invoiceFilters }).strict(),
  z.object({ type: z.literal('billing'), filters: billingFilters }).strict(),
]);
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
