/**
 * The Generate form → a contract `StatementRequest`, validated with the contract's own zod schema
 * before the engine is asked, plus the checks the schema cannot express (from ≤ to). Pure: no
 * React, no engine, so it is unit-tested directly.
 */
import { statementRequest, type OutputFormat, type StatementRequest, type StatementType } from '../../../shared/contract';
import { zodFieldErrors } from '../components/errors';

export interface Picked {
  id: string;
  label: string;
  detail?: string;
}

export interface GenerateForm {
  type: StatementType;
  client: Picked | null;
  deal: Picked | null;
  party: Picked | null;
  contract: Picked | null;
  targetType: 'CLIENT' | 'BUYER';
  billingItemIds: string[];
  ukEntity: boolean;
  reissue: boolean;
  period: string;
  dateFrom: string;
  dateTo: string;
  asOf: string;
  openItemsOnly: boolean;
  /** '' = every currency, grouped */
  currency: string;
  /** '' = the type's default template */
  template: string;
  format: OutputFormat;
  excludedIds: string[];
}

/** Which form fields each statement type uses (the screen shows only these). */
export const FIELDS_BY_TYPE: Record<StatementType, ReadonlyArray<keyof GenerateForm>> = {
  client: ['client', 'dateFrom', 'dateTo', 'currency'],
  settlement: ['client', 'dateFrom', 'dateTo', 'currency'],
  deal: ['deal'],
  'ar-aging': ['client', 'asOf', 'openItemsOnly'],
  invoice: ['party', 'targetType', 'billingItemIds', 'ukEntity', 'reissue'],
  billing: ['contract', 'period'],
};

/** contract filter name → form field name, for errors that name the filter */
const FILTER_TO_FIELD: Record<string, keyof GenerateForm> = {
  clientId: 'client',
  dealId: 'deal',
  partyId: 'party',
  contractId: 'contract',
  billingItemIds: 'billingItemIds',
  targetType: 'targetType',
  dateFrom: 'dateFrom',
  dateTo: 'dateTo',
  asOf: 'asOf',
  currency: 'currency',
  period: 'period',
  excludedIds: 'excludedIds',
  openItemsOnly: 'openItemsOnly',
  ukEntity: 'ukEntity',
  template: 'template',
  format: 'format',
};

export function formFieldFor(filterOrField: string | null | undefined): keyof GenerateForm | '_form' {
  if (!filterOrField) return '_form';
  return FILTER_TO_FIELD[filterOrField] ?? (filterOrField as keyof GenerateForm);
}

export function buildRequest(f: GenerateForm): unknown {
  const opt = (v: string) => (v ? v : undefined);
  switch (f.type) {
    case 'client':
      return {
        type: 'client',
        filters: {
          clientId: f.client?.id ?? '',
          dateFrom: f.dateFrom,
          dateTo: f.dateTo,
          currency: opt(f.currency),
          excludedIds: f.excludedIds.length ? f.excludedIds : undefined,
        },
      };
    case 'settlement':
      return { type: 'settlement', filters: { clientId: f.client?.id ?? '', dateFrom: f.dateFrom, dateTo: f.dateTo, currency: opt(f.currency) } };
    case 'deal':
      return { type: 'deal', filters: { dealId: f.deal?.id ?? '' } };
    case 'ar-aging':
      return { type: 'ar-aging', filters: { clientId: f.client?.id, asOf: opt(f.asOf), openItemsOnly: f.openItemsOnly } };
    case 'invoice':
      return {
        type: 'invoice',
        filters: {
          partyId: f.party?.id ?? '',
          targetType: f.targetType,
          billingItemIds: f.billingItemIds,
          ukEntity: f.ukEntity || undefined,
          reissue: f.reissue || undefined,
        },
      };
    case 'billing':
      return { type: 'billing', filters: { contractId: f.contract?.id ?? '', period: f.period } };
  }
}

const REQUIRED_MESSAGES: Partial<Record<keyof GenerateForm, string>> = {
  client: 'Choose a client from the list',
  deal: 'Choose a deal from the list',
  party: 'Choose a party from the list',
  contract: 'Choose a contract from the list',
};

export type ValidationResult = { ok: true; request: StatementRequest } | { ok: false; errors: Record<string, string> };

/** Validates the form as the engine would (the contract schema), field by field. */
export function validateForm(f: GenerateForm): ValidationResult {
  const parsed = statementRequest.safeParse(buildRequest(f));
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const [k, message] of Object.entries(zodFieldErrors(parsed.error))) {
      const field = formFieldFor(k);
      const friendly = REQUIRED_MESSAGES[field as keyof GenerateForm];
      const label = field === 'dateFrom' ? 'Date from' : field === 'dateTo' ? 'Date to' : field === 'asOf' ? 'As-of date' : null;
      errors[field] = friendly ?? (label ? `${label} ${message}` : capitalise(message));
    }
  }
  if ((f.type === 'client' || f.type === 'settlement') && !errors.dateFrom && !errors.dateTo && f.dateFrom > f.dateTo) {
    errors.dateTo = 'Date to must be on or after Date from';
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  // undefined optional filters are dropped, as they would be on the wire
  return { ok: true, request: JSON.parse(JSON.stringify(parsed.data)) as StatementRequest };
}

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** A stable key for "the same request" (to know whether a preview matches what would be generated). */
export function requestKey(r: StatementRequest): string {
  return JSON.stringify(r, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
