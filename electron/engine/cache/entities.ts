/**
 * The bundle's entities (data-bundle.md, format 1) as data: each field's kind, whether it is
 * required, and where a money field finds its currency. The validator and the SQL are derived
 * from this table, so a field is declared once.
 */
import { ENTITIES, type Entity } from '../../../shared/contract';

export type FieldKind =
  | 'text' // a non-empty string
  | 'ref' // an id of another entity (a non-empty string)
  | 'date' // YYYY-MM-DD, a real calendar date
  | 'money' // decimal string with at most the currency's minor digits → integer minor units
  | 'currency' // ISO 4217
  | 'country' // ISO 3166-1 alpha-2
  | 'pct' // decimal string in percent, 0..100
  | 'decimal' // decimal string (hours, quantity)
  | 'enum'
  | 'lines'; // array of strings, stored as JSON

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  values?: readonly string[];
  /** money: the field of the same record holding the currency */
  currencyField?: string;
  /** money without a currency field: the parent entity whose `currency` applies, via `via` */
  currencyFrom?: { entity: Entity; via: string };
  /** ref: the entity referenced (for the dangling-reference report) */
  references?: Entity;
}

export interface EntitySpec {
  entity: Entity;
  fields: FieldSpec[];
}

const req = (name: string, kind: FieldKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, kind, required: true, ...extra });
const opt = (name: string, kind: FieldKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, kind, required: false, ...extra });
const money = (name: string, required = true): FieldSpec => ({ name, kind: 'money', required, currencyField: 'currency' });
const ref = (name: string, entity: Entity, required = true): FieldSpec => ({ name, kind: 'ref', required, references: entity });
const parentMoney = (name: string, entity: Entity, via: string): FieldSpec => ({
  name,
  kind: 'money',
  required: true,
  currencyFrom: { entity, via },
});

export const SPECS: Record<Entity, EntitySpec> = {
  parties: {
    entity: 'parties',
    fields: [
      req('name', 'text'),
      req('type', 'enum', { values: ['CLIENT', 'BUYER', 'PAYEE'] }),
      opt('email', 'text'),
      opt('address_lines', 'lines'),
      opt('country', 'country'),
      opt('vat_number', 'text'),
      opt('company_number', 'text'),
      opt('default_currency', 'currency'),
    ],
  },
  deals: {
    entity: 'deals',
    fields: [
      req('ref', 'text'),
      req('name', 'text'),
      ref('client_id', 'parties'),
      ref('buyer_id', 'parties', false),
      opt('venue', 'text'),
      opt('city', 'text'),
      req('engagement_date', 'date'),
      req('currency', 'currency'),
      req('commission_pct', 'pct'),
    ],
  },
  deal_payees: {
    entity: 'deal_payees',
    fields: [ref('deal_id', 'deals'), ref('party_id', 'parties'), req('role', 'text'), req('allocation_pct', 'pct')],
  },
  revenue_items: {
    entity: 'revenue_items',
    fields: [ref('deal_id', 'deals'), req('date', 'date'), req('description', 'text'), money('gross'), req('currency', 'currency')],
  },
  payment_items: {
    entity: 'payment_items',
    fields: [
      ref('client_id', 'parties'),
      ref('deal_id', 'deals', false),
      req('posted_date', 'date'),
      req('description', 'text'),
      opt('reference', 'text'),
      req('currency', 'currency'),
      money('gross'),
      money('commission'),
      money('net'),
    ],
  },
  settlements: {
    entity: 'settlements',
    fields: [
      ref('client_id', 'parties'),
      ref('deal_id', 'deals'),
      req('settled_date', 'date'),
      req('engagement_date', 'date'),
      req('venue', 'text'),
      opt('city', 'text'),
      req('currency', 'currency'),
      money('guarantee'),
      money('overage'),
      money('backout'),
      money('net_gross'),
      req('commission_pct', 'pct'),
      money('commission_due'),
    ],
  },
  billing_items: {
    entity: 'billing_items',
    fields: [
      ref('party_id', 'parties'),
      req('target_type', 'enum', { values: ['CLIENT', 'BUYER'] }),
      req('description', 'text'),
      req('issue_date', 'date'),
      req('due_date', 'date'),
      req('currency', 'currency'),
      opt('quantity', 'decimal'),
      money('unit_price', false),
      money('amount'),
      opt('vat_pct', 'pct'),
      opt('invoice_number', 'text'),
    ],
  },
  billing_payments: {
    entity: 'billing_payments',
    fields: [ref('billing_item_id', 'billing_items'), req('paid_date', 'date'), parentMoney('amount', 'billing_items', 'billing_item_id')],
  },
  contracts: {
    entity: 'contracts',
    fields: [
      ref('customer_id', 'parties'),
      req('type', 'enum', { values: ['revenue_share', 'per_labor_hour', 'fixed_fee'] }),
      req('status', 'enum', { values: ['ACTIVE', 'SUSPENDED', 'TERMINATED'] }),
      req('start_date', 'date'),
      opt('end_date', 'date'),
      req('currency', 'currency'),
      opt('share_pct', 'pct'),
      money('monthly_fee', false),
      opt('template_id', 'text'),
    ],
  },
  contract_rates: {
    entity: 'contract_rates',
    fields: [
      ref('contract_id', 'contracts'),
      req('job_code', 'text'),
      parentMoney('hourly_rate', 'contracts', 'contract_id'),
      req('effective_from', 'date'),
      opt('effective_to', 'date'),
    ],
  },
  labor_hours: {
    entity: 'labor_hours',
    fields: [ref('contract_id', 'contracts'), req('work_date', 'date'), req('job_code', 'text'), req('hours', 'decimal')],
  },
  revenue_reports: {
    entity: 'revenue_reports',
    fields: [
      ref('contract_id', 'contracts'),
      req('period_start', 'date'),
      req('period_end', 'date'),
      parentMoney('gross_revenue', 'contracts', 'contract_id'),
    ],
  },
  adjustments: {
    entity: 'adjustments',
    fields: [
      ref('contract_id', 'contracts'),
      req('date', 'date'),
      req('kind', 'enum', { values: ['CREDIT', 'DEBIT', 'SPECIAL_CHARGE'] }),
      req('description', 'text'),
      parentMoney('amount', 'contracts', 'contract_id'),
    ],
  },
};

/** Bundle file names of an entity: plain or gzip. */
export function entityFileNames(entity: Entity): [string, string] {
  return [`${entity}.ndjson`, `${entity}.ndjson.gz`];
}

/** The entity a bundle file name holds, or null for an unknown file. */
export function entityOfFile(name: string): Entity | null {
  const m = /^([a-z_]+)\.ndjson(\.gz)?$/.exec(name);
  if (!m) return null;
  return (ENTITIES as readonly string[]).includes(m[1]!) ? (m[1] as Entity) : null;
}

/** Every reference between entities, for the dangling-reference report after a bundle. */
export function allReferences(): Array<{ entity: Entity; field: string; target: Entity }> {
  const out: Array<{ entity: Entity; field: string; target: Entity }> = [];
  for (const e of ENTITIES) {
    for (const f of SPECS[e].fields) if (f.references) out.push({ entity: e, field: f.name, target: f.references });
  }
  return out;
}

/** ISO 3166-1 alpha-2 codes (officially assigned). */
const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);
export function isCountry(code: string): boolean {
  return COUNTRIES.has(code);
}
