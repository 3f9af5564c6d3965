/**
 * Column definitions shared by the grids: money right-aligned and formatted exactly from decimal
 * strings, calendar dates, instants, and sorting that compares decimals exactly. Every value is
 * written by shared/format, the formatter the engine's PDF/HTML/text renderers use: a statement
 * cell reads the same in the preview grid and in the file (`statementCellText`).
 */
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { Column } from '../../../../shared/contract';
import { compareDecimalText, formatAmount, formatCell, formatDateMedium, formatInstant, isNegativeDecimal } from '../../../../shared/format';

type Row = Record<string, unknown>;

/** The text of a statement cell in the preview grid: the very call the PDF renderer makes. */
export function statementCellText(value: unknown, kind: Column['kind'], currency: string | null | undefined, locale: string): string {
  return formatCell(value, kind, currency, locale);
}

export function textColumn<T>(field: string, headerName: string, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return { field: field as ColDef<T>['field'], headerName, flex: 1, ...extra };
}

/**
 * A money column: `currency` names the row field holding the ISO code (or gives it directly).
 * Sorting compares the decimal strings exactly; negatives get the `num-negative` class.
 */
export function moneyColumn<T>(
  field: string,
  headerName: string,
  locale: string,
  currency: { field: string } | { code: string | null },
  extra: Partial<ColDef<T>> = {},
): ColDef<T> {
  const codeOf = (data: T | undefined) => ('field' in currency ? ((data as Row | undefined)?.[currency.field] as string | undefined) ?? null : currency.code);
  return {
    field: field as ColDef<T>['field'],
    headerName,
    type: 'rightAligned',
    cellClass: (p) => ['ag-right-aligned-cell', 'num', isNegativeDecimal(p.value) ? 'num-negative' : ''],
    comparator: (a, b) => compareDecimalText(a, b),
    getQuickFilterText: (p) => `${p.value ?? ''} ${formatAmount(p.value, codeOf(p.data), locale)}`,
    valueFormatter: (p: ValueFormatterParams<T>) => statementCellText(p.value, 'money', codeOf(p.data), locale),
    minWidth: 96,
    flex: 1,
    ...extra,
  };
}

/**
 * A non-money number (percent, quantity, hours, a count), right-aligned, written as a statement
 * cell of that kind.
 */
export function decimalColumn<T>(field: string, headerName: string, locale: string, kind: 'percent' | 'quantity' | 'integer' = 'quantity', extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    type: 'rightAligned',
    cellClass: ['ag-right-aligned-cell', 'num'],
    comparator: (a, b) => compareDecimalText(a, b),
    valueFormatter: (p) => statementCellText(p.value, kind, null, locale),
    minWidth: 90,
    flex: 0.7,
    ...extra,
  };
}

/** A calendar date; `style` "numeric" (what documents print: 31/01/2026) or "medium" (31 Jan 2026). */
export function dateColumn<T>(field: string, headerName: string, locale: string, extra: Partial<ColDef<T>> = {}, style: 'numeric' | 'medium' = 'medium'): ColDef<T> {
  const text = (v: unknown) => (style === 'numeric' ? statementCellText(v, 'date', null, locale) : formatDateMedium(v as string | null, locale));
  return {
    field: field as ColDef<T>['field'],
    headerName,
    valueFormatter: (p) => text(p.value),
    getQuickFilterText: (p) => `${p.value ?? ''} ${text(p.value)}`,
    minWidth: 112,
    width: 116,
    flex: 0,
    ...extra,
  };
}

export function instantColumn<T>(field: string, headerName: string, locale: string, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    valueFormatter: (p) => formatInstant(p.value as string | null, locale),
    minWidth: 150,
    flex: 1,
    ...extra,
  };
}
