/**
 * Column definitions shared by the grids: money right-aligned and formatted exactly from decimal
 * strings, calendar dates, instants, and sorting that compares decimals exactly.
 */
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { formatDate, formatInstant } from '../format/dates';
import { compareDecimal, formatAmount, formatDecimal, isNegative } from '../format/number';

type Row = Record<string, unknown>;

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
  return {
    field: field as ColDef<T>['field'],
    headerName,
    type: 'rightAligned',
    cellClass: (p) => ['ag-right-aligned-cell', 'num', isNegative(p.value) ? 'num-negative' : ''],
    comparator: (a, b) => compareDecimal(a, b),
    getQuickFilterText: (p) => `${p.value ?? ''} ${formatDecimal(p.value as string, locale)}`,
    valueFormatter: (p: ValueFormatterParams<T>) => {
      const code = 'field' in currency ? ((p.data as Row | undefined)?.[currency.field] as string | undefined) ?? null : currency.code;
      return formatAmount(p.value as string | null, locale, code);
    },
    minWidth: 96,
    flex: 1,
    ...extra,
  };
}

/** A non-money decimal (percent, quantity, hours), right-aligned. */
export function decimalColumn<T>(field: string, headerName: string, locale: string, suffix = '', extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    type: 'rightAligned',
    cellClass: ['ag-right-aligned-cell', 'num'],
    comparator: (a, b) => compareDecimal(a, b),
    valueFormatter: (p) => {
      const v = formatDecimal(p.value as string | number | null, locale);
      return v && suffix ? `${v}${suffix}` : v;
    },
    minWidth: 90,
    flex: 0.7,
    ...extra,
  };
}

export function dateColumn<T>(field: string, headerName: string, locale: string, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    valueFormatter: (p) => formatDate(p.value as string | null, locale),
    getQuickFilterText: (p) => `${p.value ?? ''} ${formatDate(p.value as string | null, locale)}`,
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
