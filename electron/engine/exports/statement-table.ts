/**
 * A statement (the preview grid) as an export table: every line of the whole statement (never the
 * page the grid has loaded) with the grid's columns, a Currency column (and Party/Group when the
 * lines are grouped by more than currency), then the totals per currency and the statement's
 * summary tables (AR aging by party, deal payees, VAT by rate). AR aging gets one money column per
 * aging bucket as configured, the line's balance in its bucket's column.
 */
import type { Column, Section, StatementModel } from '../../../shared/contract';
import { TOTAL_LABELS } from '../../../shared/total-labels';
import { col, type CellKind, type ExportColumn, type ExportTable, type Row, type TotalsBlock } from '../sheets/table';

const KIND: Record<Column['kind'], CellKind> = {
  text: 'text',
  date: 'date',
  money: 'money',
  percent: 'percent',
  quantity: 'decimal',
  integer: 'integer',
};

const BY_ROW_CURRENCY = { cell: 'currency' } as const;

function exportColumn(c: Column, currency: ExportColumn['currency']): ExportColumn {
  return col(c.key, c.label, KIND[c.kind], c.kind === 'money' ? { currency } : {});
}

/** The AR aging buckets as configured: the money columns of the by-party summary but its total. */
function agingBuckets(model: StatementModel): Column[] {
  const byParty = model.sections.find((s) => s.key === 'by-party');
  return (byParty?.columns ?? []).filter((c) => c.kind === 'money' && c.key !== 'total');
}

function lineColumns(model: StatementModel): ExportColumn[] {
  const groupsAreCurrencies = model.groups.every((g) => g.title === g.currency);
  const lead: ExportColumn[] = [];
  if (model.type === 'ar-aging') lead.push(col('party', 'Party', 'text'));
  else if (!groupsAreCurrencies) lead.push(col('group', 'Group', 'text'));
  lead.push(col('currency', 'Currency', 'text'));
  if (model.type !== 'ar-aging') return [...lead, ...model.columns.map((c) => exportColumn(c, BY_ROW_CURRENCY))];
  const buckets = agingBuckets(model).map((c) => col(`bucket:${c.key}`, c.label, 'money', { currency: BY_ROW_CURRENCY }));
  return [...lead, ...model.columns.filter((c) => c.key !== 'bucket').map((c) => exportColumn(c, BY_ROW_CURRENCY)), ...buckets];
}

function lineRows(model: StatementModel): Row[] {
  const bucketByLabel = new Map(agingBuckets(model).map((c) => [c.label, c.key]));
  const rows: Row[] = [];
  for (const g of model.groups) {
    for (const l of g.lines) {
      const row: Row = { ...l.cells, group: g.title, currency: g.currency };
      if (model.type === 'ar-aging') {
        const bucket = bucketByLabel.get(String(l.cells.bucket));
        if (bucket) row[`bucket:${bucket}`] = l.cells.balance;
      }
      rows.push(row);
    }
  }
  return rows;
}

/** Labels of total keys: the statement's own columns (AR buckets), else the common names. */
function totalLabel(model: StatementModel, key: string): string {
  const own = [...model.columns, ...model.sections.flatMap((s) => s.columns)].find((c) => c.key === key && c.kind === 'money');
  return own?.label ?? TOTAL_LABELS[key] ?? key;
}

/** One row per currency, one column per totals key (amounts of two currencies are never added). */
function totalsBlock(model: StatementModel): TotalsBlock {
  const keys: string[] = [];
  for (const t of Object.values(model.totals)) for (const k of Object.keys(t)) if (!keys.includes(k)) keys.push(k);
  return {
    title: model.type === 'ar-aging' ? 'Totals by currency' : 'Totals',
    columns: [col('currency', 'Currency', 'text'), ...keys.map((k) => col(k, totalLabel(model, k), 'money', { currency: BY_ROW_CURRENCY }))],
    rows: Object.entries(model.totals).map(([currency, t]) => ({ currency, ...t })),
  };
}

/** A summary table of the model; money needs the row's currency, else the statement's one. */
function sectionBlock(model: StatementModel, s: Section): TotalsBlock | null {
  const money = s.columns.some((c) => c.kind === 'money');
  const rowCurrency = s.columns.some((c) => c.key === 'currency') || s.rows.every((r) => typeof r.currency === 'string');
  if (money && !rowCurrency && !model.currency) return null;
  const currency = rowCurrency ? BY_ROW_CURRENCY : { code: model.currency! };
  return {
    title: model.type === 'ar-aging' && s.key === 'by-party' ? 'Totals by party' : s.title,
    columns: s.columns.map((c) => exportColumn(c, currency)),
    rows: s.rows,
  };
}

function fileStem(model: StatementModel): string {
  const who = model.party?.name ?? (model.type === 'ar-aging' ? 'all-parties' : '');
  const when = model.type === 'ar-aging' ? (model.dateTo ?? '') : [model.dateFrom, model.dateTo].filter(Boolean).join('_');
  return ['preview', model.type, who, when].filter(Boolean).join('-');
}

/** The statement as a table; the model must hold every line (computed without a page). */
export function statementTable(model: StatementModel): ExportTable {
  const sections = model.sections.map((s) => sectionBlock(model, s)).filter((b): b is TotalsBlock => b !== null);
  // AR aging: per party, then per currency; others: the totals, then their summary tables
  const totals = model.type === 'ar-aging' ? [...sections, totalsBlock(model)] : [totalsBlock(model), ...sections];
  return {
    grid: 'preview',
    title: model.title,
    fileStem: fileStem(model),
    columns: lineColumns(model),
    rows: lineRows(model),
    totals,
  };
}
