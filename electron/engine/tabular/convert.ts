/**
 * One spreadsheet row → one bundle record, through the user's mapping: amounts read exactly in the
 * chosen number format ("1.234,56", "(120.00)", "€ 1,234.56", "1 234,56 kr", "-5" or "5-"), dates
 * in the chosen date format (ISO dates always accepted), lists split at line breaks. A value that
 * cannot be read rejects the row with a reason naming the field; the bundle rules (validate.ts)
 * then judge the record exactly as they judge a bundle line.
 */
import type { DateFormat, Entity, NumberFormat, TabularField, TabularMapping } from '../../../shared/contract';
import { ENTITIES } from '../../../shared/contract';
import { SPECS } from '../cache/entities';
import { isCalendarDate, normalizeInstant } from '../cache/validate';
import type { Cell, TableHead } from './read';

export class RowError extends Error {}
const fail = (field: string, msg: string): never => {
  throw new RowError(`${field}: ${msg}`);
};

const EXAMPLE: Record<NumberFormat, string> = { point: '1,234.56', comma: '1.234,56', space: '1 234,56' };
/** the integer part with its thousands separators, per format */
const GROUPED: Record<NumberFormat, RegExp> = {
  point: /^\d{1,3}(?:[,\u00a0\u202f ']\d{3})+$/,
  comma: /^\d{1,3}(?:[.\u00a0\u202f ]\d{3})+$/,
  space: /^\d{1,3}(?:[\u00a0\u202f ]\d{3})+$/,
};
const DECIMAL_MARK: Record<NumberFormat, string> = { point: '.', comma: ',', space: ',' };
/** currency symbols and ISO codes (upper case) around an amount, and a percent sign */
const LEAD = /^(?:[A-Z]{3}\b|R\$|US\$|[$€£¥₹₩₽₺₪฿₫₱¢%]|kr\b|zł|Kč|Fr\.)/;
const TRAIL = /(?:\b[A-Z]{3}|[$€£¥₹₩₽₺₪฿₫₱¢%]|\bkr|zł|Kč)$/;

/**
 * The common shapes ("-1234,56", "1.234,56", "1234") read without the general loop below (a
 * million-row file is mostly these): sign, integer part (plain or grouped the format's usual way),
 * fraction. Same result as the general reading.
 */
const PLAIN: Record<NumberFormat, RegExp> = {
  point: /^(-?)(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/,
  comma: /^(-?)(\d+|\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/,
  space: /^(-?)(\d+|\d{1,3}(?: \d{3})+)(?:,(\d+))?$/,
};

/** An amount as written in `format` → a plain decimal string ("-1234.56"), or null. */
export function parseAmount(raw: string, format: NumberFormat): string | null {
  const plain = PLAIN[format].exec(raw);
  if (plain) {
    const digits = plain[2]!.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
    const value = plain[3] !== undefined ? `${digits}.${plain[3]}` : digits;
    return plain[1] && /[1-9]/.test(value) ? `-${value}` : value;
  }
  let s = raw.trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // symbols and signs on either side, in any order ("-€5", "€ -5", "5 € -", "USD 5")
  for (let changed = true; changed && s; ) {
    changed = false;
    const lead = LEAD.exec(s);
    if (lead) [s, changed] = [s.slice(lead[0].length).trim(), true];
    const trail = TRAIL.exec(s);
    if (trail) [s, changed] = [s.slice(0, s.length - trail[0].length).trim(), true];
    if (/^[-\u2212]/.test(s)) [s, negative, changed] = [s.slice(1).trim(), !negative, true];
    else if (/[-\u2212]$/.test(s)) [s, negative, changed] = [s.slice(0, -1).trim(), !negative, true];
    else if (s.startsWith('+')) [s, changed] = [s.slice(1).trim(), true];
  }
  const mark = DECIMAL_MARK[format];
  const at = s.lastIndexOf(mark);
  const int = at >= 0 ? s.slice(0, at) : s;
  const frac = at >= 0 ? s.slice(at + 1) : '';
  if (at >= 0 && !/^\d+$/.test(frac)) return null;
  let digits: string;
  if (/^\d+$/.test(int)) digits = int;
  else if (int === '' && at >= 0) digits = '0';
  else if (GROUPED[format].test(int)) digits = int.replace(/\D/g, '');
  else return null;
  digits = digits.replace(/^0+(?=\d)/, '');
  const value = frac ? `${digits}.${frac}` : digits;
  return negative && /[1-9]/.test(value) ? `-${value}` : value;
}

const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A date as written in `format` (or ISO YYYY-MM-DD) → YYYY-MM-DD, or null. */
export function parseDate(raw: string, format: DateFormat): string | null {
  const s = raw.trim();
  let y: string, m: string, d: string;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) [, y, m, d] = iso as unknown as [string, string, string, string];
  else {
    const hit = (format === 'DD.MM.YYYY' ? DOTTED : SLASHED).exec(s);
    if (!hit || format === 'YYYY-MM-DD') return null;
    [d, m, y] = format === 'MM/DD/YYYY' ? [hit[2]!, hit[1]!, hit[3]!] : [hit[1]!, hit[2]!, hit[3]!];
  }
  const out = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isCalendarDate(out) ? out : null;
}

/** Every entity's fields for the wizard: `id` and `updated_at` first, as the bundle names them. */
export function entityFields(): Record<Entity, TabularField[]> {
  const out = {} as Record<Entity, TabularField[]>;
  for (const e of ENTITIES) {
    out[e] = [
      { name: 'id', required: true, kind: 'text' },
      { name: 'updated_at', required: false, kind: 'instant' },
      ...SPECS[e].fields.map((f) => ({ name: f.name, required: f.required, kind: f.kind, ...(f.values ? { values: f.values } : {}) })),
    ];
  }
  return out;
}

export interface Converter {
  /** the record for the row, or throws RowError naming the field */
  record(cells: Cell[]): Record<string, unknown>;
  /** the row's cells as "header: value", for the rejected-rows grid and quarantine */
  raw(cells: Cell[]): string;
}

export function converter(table: Pick<TableHead, 'headers' | 'modifiedAt'>, entity: Entity, mapping: TabularMapping): Converter {
  const fields = entityFields()[entity];
  const index = new Map(table.headers.map((h, i) => [h, i]));
  for (const [field, column] of Object.entries(mapping.columns)) {
    if (!column) continue;
    if (!fields.some((f) => f.name === field)) fail(field, `is not a field of ${entity}`);
    if (!index.has(column)) fail(field, `is mapped to "${column}", which is not a column of the file`);
  }
  const plan = fields.flatMap((f) => {
    const column = mapping.columns[f.name];
    return column ? [{ f, i: index.get(column)!, column }] : [];
  });
  const value = (f: TabularField, c: Cell): unknown => {
    const t = c.text.trim();
    if (t === '') return undefined;
    switch (f.kind) {
      case 'money':
      case 'pct':
      case 'decimal': {
        if (c.kind === 'number') return c.text;
        const v = parseAmount(t, mapping.numberFormat);
        return v ?? fail(f.name, `"${t.slice(0, 40)}" is not a number written like ${EXAMPLE[mapping.numberFormat]}`);
      }
      case 'date': {
        if (c.kind === 'date') return c.text.slice(0, 10);
        return parseDate(t, mapping.dateFormat) ?? fail(f.name, `"${t.slice(0, 40)}" is not a real date in the ${mapping.dateFormat} format`);
      }
      case 'instant': {
        if (c.kind === 'date') return c.text.length === 10 ? `${c.text}T00:00:00Z` : c.text;
        if (normalizeInstant(t)) return t;
        const day = parseDate(t, mapping.dateFormat);
        return day ? `${day}T00:00:00Z` : fail(f.name, `"${t.slice(0, 40)}" is neither an ISO 8601 instant nor a date in the ${mapping.dateFormat} format`);
      }
      case 'lines':
        return t.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      case 'currency':
      case 'country':
        return t.toUpperCase();
      default:
        // a line break inside a quoted cell reads the same whichever system wrote it
        return t.replace(/\r\n?/g, '\n');
    }
  };
  return {
    record(cells) {
      const rec: Record<string, unknown> = { updated_at: table.modifiedAt };
      for (const { f, i } of plan) {
        const v = value(f, cells[i] ?? { text: '', kind: 'text' });
        if (v !== undefined) rec[f.name] = v;
      }
      return rec;
    },
    raw(cells) {
      return table.headers.map((h, i) => `${h || `column ${i + 1}`}: ${cells[i]?.text ?? ''}`).join(' | ');
    },
  };
}
