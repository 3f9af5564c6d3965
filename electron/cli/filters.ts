/**
 * The statement filters of cli.md, shared by `folio preview` and `folio generate`:
 * `addFilterOptions(cmd)` declares them, `requestFromOptions(type, opts)` turns them into a
 * `StatementRequest` (bad usage → a validation error naming the option, exit 2), and
 * `optionError(err)` rewrites an engine error's field (clientId …) into the option (--client …).
 */
import type { Command } from 'commander';
import { STATEMENT_TYPES, statementRequest, type StatementRequest, type StatementType } from '../../shared/contract';
import { FolioError, toErrorData } from '../../shared/errors';
import { usageError } from './context';

export interface FilterOptions {
  client?: string;
  from?: string;
  to?: string;
  currency?: string;
  exclude?: string;
  deal?: string;
  asOf?: string;
  allItems?: boolean;
  party?: string;
  target?: string;
  items?: string;
  uk?: boolean;
  reissue?: boolean;
  gbpRate?: string;
  contract?: string;
  period?: string;
}

/** Request field → CLI option. */
export const FIELD_OPTIONS: Record<string, string> = {
  clientId: '--client',
  dateFrom: '--from',
  dateTo: '--to',
  currency: '--currency',
  excludedIds: '--exclude',
  dealId: '--deal',
  asOf: '--as-of',
  openItemsOnly: '--all-items',
  partyId: '--party',
  targetType: '--target',
  billingItemIds: '--items',
  ukEntity: '--uk',
  reissue: '--reissue',
  gbpRate: '--gbp-rate',
  contractId: '--contract',
  period: '--period',
  type: 'TYPE',
};

const OPTION_KEYS: Record<string, keyof FilterOptions> = {
  '--client': 'client',
  '--from': 'from',
  '--to': 'to',
  '--currency': 'currency',
  '--exclude': 'exclude',
  '--deal': 'deal',
  '--as-of': 'asOf',
  '--all-items': 'allItems',
  '--party': 'party',
  '--target': 'target',
  '--items': 'items',
  '--uk': 'uk',
  '--reissue': 'reissue',
  '--gbp-rate': 'gbpRate',
  '--contract': 'contract',
  '--period': 'period',
};

/** Which options each type takes, and which of them are required. */
const ALLOWED: Record<StatementType, { required: string[]; optional: string[] }> = {
  client: { required: ['--client', '--from', '--to'], optional: ['--currency', '--exclude'] },
  settlement: { required: ['--client', '--from', '--to'], optional: ['--currency'] },
  deal: { required: ['--deal'], optional: [] },
  'ar-aging': { required: [], optional: ['--client', '--as-of', '--all-items'] },
  invoice: { required: ['--party', '--target', '--items'], optional: ['--uk', '--reissue', '--gbp-rate'] },
  billing: { required: ['--contract', '--period'], optional: [] },
};

export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--client <id>', 'client id (client, settlement; ar-aging: one client)')
    .option('--from <date>', 'first day, YYYY-MM-DD (inclusive)')
    .option('--to <date>', 'last day, YYYY-MM-DD (inclusive)')
    .option('--currency <code>', 'only this ISO 4217 currency')
    .option('--exclude <ids>', 'payment item ids to leave out, comma-separated (client)')
    .option('--deal <id>', 'deal id (deal)')
    .option('--as-of <date>', 'as-of date (ar-aging; default today)')
    .option('--all-items', 'include settled items (ar-aging)')
    .option('--party <id>', 'party invoiced (invoice)')
    .option('--target <type>', 'CLIENT or BUYER (invoice)')
    .option('--items <ids>', 'billing item ids, comma-separated (invoice)')
    .option('--uk', 'UK VAT invoice format (invoice)')
    .option('--reissue', 'invoice items already on a completed invoice again, recorded as a re-issue (invoice)')
    .option('--gbp-rate <rate>', 'GBP per one unit of the invoice currency (invoice --uk, not GBP)')
    .option('--contract <id>', 'contract id (billing)')
    .option('--period <month>', 'billing month YYYY-MM (billing)');
}

function list(value: string | undefined, option: string): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) throw usageError(option, 'must list at least one id');
  return ids;
}

export function parseStatementType(type: string): StatementType {
  if (!(STATEMENT_TYPES as readonly string[]).includes(type)) {
    throw usageError('TYPE', `"${type}" is not a statement type (${STATEMENT_TYPES.join(', ')})`);
  }
  return type as StatementType;
}

/** Options → a validated StatementRequest; errors name the option. */
export function requestFromOptions(typeArg: string, o: FilterOptions): StatementRequest {
  const type = parseStatementType(typeArg);
  const rules = ALLOWED[type];
  for (const [option, key] of Object.entries(OPTION_KEYS)) {
    const given = o[key] !== undefined && o[key] !== false;
    if (given && !rules.required.includes(option) && !rules.optional.includes(option)) {
      throw usageError(option, `does not apply to a ${type} statement`);
    }
  }
  for (const option of rules.required) {
    if (o[OPTION_KEYS[option]!] === undefined) throw usageError(option, `is required for a ${type} statement`);
  }
  let filters: Record<string, unknown>;
  switch (type) {
    case 'client':
      filters = { clientId: o.client, dateFrom: o.from, dateTo: o.to, currency: o.currency, excludedIds: list(o.exclude, '--exclude') };
      break;
    case 'settlement':
      filters = { clientId: o.client, dateFrom: o.from, dateTo: o.to, currency: o.currency };
      break;
    case 'deal':
      filters = { dealId: o.deal };
      break;
    case 'ar-aging':
      filters = { clientId: o.client, asOf: o.asOf, openItemsOnly: o.allItems ? false : undefined };
      break;
    case 'invoice': {
      const target = o.target?.toUpperCase();
      if (target !== 'CLIENT' && target !== 'BUYER') throw usageError('--target', 'must be CLIENT or BUYER');
      filters = {
        partyId: o.party,
        targetType: target,
        billingItemIds: list(o.items, '--items'),
        ukEntity: o.uk ? true : undefined,
        reissue: o.reissue ? true : undefined,
        gbpRate: o.gbpRate,
      };
      break;
    }
    case 'billing':
      filters = { contractId: o.contract, period: o.period };
      break;
  }
  const clean = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
  const parsed = statementRequest.safeParse({ type, filters: clean });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.filter((p) => typeof p === 'string' && p !== 'filters').pop() as string | undefined;
    const option = (field && FIELD_OPTIONS[field]) ?? field ?? 'TYPE';
    throw usageError(option, issue.message);
  }
  return parsed.data;
}

/** An engine error about a filter field, re-labelled with the CLI option (still exit 2). */
export function optionError(err: unknown): unknown {
  const data = toErrorData(err);
  if (!data.field) return err;
  const last = data.field.split('.').pop()!;
  const option = FIELD_OPTIONS[last];
  if (!option) return err;
  const message = data.message.startsWith(`${data.field}: `)
    ? data.message.slice(data.field.length + 2)
    : data.message.startsWith(`${last}: `)
      ? data.message.slice(last.length + 2)
      : data.message;
  return new FolioError(data.type, data.code, `${option}: ${message}`, option);
}
