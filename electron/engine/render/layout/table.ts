/**
 * Tables: column widths fitted to the page (numbers and dates at their natural width, text
 * sharing the rest), column headers repeated on every page the table spans, rows never split
 * across pages (a single row taller than a whole page is the only exception), long text wrapped,
 * numbers right-aligned.
 */
import type { ColumnKind } from '../../../../shared/contract/statements';
import type { Canvas, RGB, TextStyle } from '../pdf/canvas';
import { tint } from '../pdf/canvas';
import { Flow, INK, MUTED, RULE, ZEBRA } from './flow';

export interface TableColumn {
  label: string;
  kind: ColumnKind;
  weight: number;
}

export interface TableRow {
  cells: string[];
  /** bold row (subtotals) */
  strong?: boolean;
  /** muted, spanning the whole row (e.g. "no transactions") */
  note?: boolean;
}

export interface TableSpec {
  columns: TableColumn[];
  /** a title drawn above the table (and again, "(continued)", on later pages) */
  title?: string;
  continued: string;
  accent: RGB;
  /** base font size of the body (shrunk when the columns cannot fit) */
  size?: number;
}

const PAD_X = 4;
const PAD_Y = 3;

const rightAligned = (k: ColumnKind) => k === 'money' || k === 'percent' || k === 'quantity' || k === 'integer';
const natural = (k: ColumnKind) => rightAligned(k) || k === 'date';

export interface FittedTable {
  widths: number[];
  size: number;
}

/** Column widths for the rows at the largest font size (8 → 6) that lets fixed columns fit. */
export function fitColumns(canvas: Canvas, width: number, spec: TableSpec, rows: TableRow[]): FittedTable {
  const cols = spec.columns;
  if (!cols.length) return { widths: [], size: spec.size ?? 8 };
  const textCols = cols.map((c, i) => (natural(c.kind) ? -1 : i)).filter((i) => i >= 0);
  /** natural widths at a size: numbers/dates their widest value, text its longest header word */
  const measureAt = (size: number) => {
    const body: TextStyle = { size };
    const bold: TextStyle = { size, style: 1 };
    const head: TextStyle = { size: size - 0.5, style: 1 };
    const nat = cols.map((c, i) => {
      let w = 0;
      for (const word of c.label.split(' ')) w = Math.max(w, canvas.measure(word, head));
      if (natural(c.kind)) {
        for (const r of rows) {
          if (r.note) continue;
          const cell = r.cells[i] ?? '';
          if (cell) w = Math.max(w, canvas.measure(cell, r.strong ? bold : body));
        }
      }
      return w + 2 * PAD_X;
    });
    const fixed = cols.reduce((s, c, i) => s + (natural(c.kind) ? nat[i]! : 0), 0);
    // a text column wants room for a few words: at least 6 em
    const minText = textCols.reduce((s, i) => s + Math.max(nat[i]!, size * 6), 0);
    return { nat, fixed, minText };
  };
  const sizes = [spec.size ?? 8, 7.5, 7, 6.5, 6];
  let size = sizes[0]!;
  let m = measureAt(size);
  for (const next of sizes.slice(1)) {
    if (m.fixed + m.minText <= width) break;
    size = next;
    m = measureAt(size);
  }
  if (m.fixed + m.minText > width) {
    // still too wide at 6 pt: shrink in proportion (widths scale with the size), not below 3.5 pt
    size = Math.max(3.5, Math.floor(size * (width / (m.fixed + m.minText)) * 10) / 10);
    m = measureAt(size);
  }
  const { nat, fixed } = m;
  const rest = width - fixed;
  const widths = nat.slice();
  if (textCols.length) {
    // text columns share what is left, by weight, never below their longest header word
    const totalWeight = textCols.reduce((s, i) => s + cols[i]!.weight, 0);
    let left = rest;
    for (const i of textCols) {
      widths[i] = Math.max(nat[i]!, size * 6, (rest * cols[i]!.weight) / totalWeight);
      left -= widths[i]!;
    }
    // over by the minimums: take it back from the widest text columns
    for (const i of [...textCols].sort((a, b) => widths[b]! - widths[a]!)) {
      if (left >= 0) break;
      const give = Math.min(-left, widths[i]! - Math.max(nat[i]!, size * 3));
      if (give > 0) {
        widths[i] = widths[i]! - give;
        left += give;
      }
    }
  } else {
    const spare = Math.max(0, width - fixed);
    for (let i = 0; i < widths.length; i++) widths[i] = widths[i]! + spare / widths.length;
  }
  return { widths, size };
}

interface PreparedRow {
  lines: string[][];
  height: number;
  row: TableRow;
}

export function drawTable(flow: Flow, spec: TableSpec, rows: TableRow[], fitted?: FittedTable): void {
  const canvas = flow.canvas;
  const { widths, size } = fitted ?? fitColumns(canvas, flow.width, spec, rows);
  const body: TextStyle = { size, color: INK };
  const strong: TextStyle = { size, style: 1, color: INK };
  const head: TextStyle = { size: size - 0.5, style: 1, color: INK };
  const lh = size * 1.25;
  const xs: number[] = [];
  let x = flow.left;
  for (const w of widths) {
    xs.push(x);
    x += w;
  }
  const tableW = x - flow.left;
  const headLines = spec.columns.map((c, i) => canvas.wrap(c.label, widths[i]! - 2 * PAD_X, head));
  const headH = Math.max(...headLines.map((l) => l.length)) * (head.size * 1.2) + 2 * PAD_Y + 1;
  const titleH = spec.title ? 16 : 0;

  const drawHeader = (continued: boolean) => {
    if (spec.title) {
      canvas.text(continued ? `${spec.title} ${spec.continued}` : spec.title, flow.left, flow.y + 10, {
        size: 9.5,
        style: 1,
        color: spec.accent,
      });
      flow.y += titleH;
    }
    canvas.rect(flow.left, flow.y, tableW, headH, tint(spec.accent, 0.86));
    spec.columns.forEach((c, i) => {
      headLines[i]!.forEach((line, k) => {
        const by = flow.y + PAD_Y + head.size + k * head.size * 1.2;
        if (rightAligned(c.kind)) canvas.textRight(line, xs[i]! + widths[i]! - PAD_X, by, head);
        else canvas.text(line, xs[i]! + PAD_X, by, head);
      });
    });
    flow.y += headH;
  };

  // rows are prepared (wrapped, measured) one at a time, just before they are drawn
  const prepare = (row: TableRow): PreparedRow => {
    if (row.note) {
      const lines = canvas.wrap(row.cells[0] ?? '', tableW - 2 * PAD_X, body);
      return { lines: [lines], height: lines.length * lh + 2 * PAD_Y, row };
    }
    const st = row.strong ? strong : body;
    const lines = spec.columns.map((c, i) => {
      const cell = row.cells[i] ?? '';
      // numbers and dates are never wrapped (the column is as wide as its widest value)
      return natural(c.kind) ? [cell] : canvas.wrap(cell, widths[i]! - 2 * PAD_X, st);
    });
    let n = 1;
    for (const l of lines) if (l.length > n) n = l.length;
    return { lines, height: n * lh + 2 * PAD_Y, row };
  };

  // the title, header and first row stay together
  const first = rows.length ? prepare(rows[0]!) : null;
  flow.ensure(titleH + headH + (first?.height ?? 0));
  drawHeader(false);
  const previous = flow.onBreak;
  flow.onBreak = () => drawHeader(true);
  try {
    for (let n = 0; n < rows.length; n++) {
      const p = n === 0 ? first! : prepare(rows[n]!);
      if (p.height > flow.pageBody - titleH - headH) {
        drawTallRow(flow, spec, p, xs, widths, body, strong, lh, tableW);
        continue;
      }
      flow.ensure(p.height);
      drawRow(flow, spec, p, xs, widths, body, strong, lh, tableW, n);
    }
  } finally {
    flow.onBreak = previous;
  }
  flow.y += 6;
}

function drawRow(
  flow: Flow,
  spec: TableSpec,
  p: PreparedRow,
  xs: number[],
  widths: number[],
  body: TextStyle,
  strong: TextStyle,
  lh: number,
  tableW: number,
  n: number,
  from = 0,
  count = Infinity,
): void {
  const canvas = flow.canvas;
  const shown = Math.min(count, Math.max(...p.lines.map((l) => l.length)) - from);
  const h = shown * lh + 2 * PAD_Y;
  if (p.row.strong) canvas.line(flow.left, flow.y, flow.left + tableW, flow.y, 0.8, INK);
  else if (n % 2 === 1) canvas.rect(flow.left, flow.y, tableW, h, ZEBRA);
  if (p.row.note) {
    p.lines[0]!.slice(from, from + shown).forEach((line, k) =>
      canvas.text(line, flow.left + PAD_X, flow.y + PAD_Y + body.size + k * lh, { ...body, color: MUTED }),
    );
  } else {
    const st = p.row.strong ? strong : body;
    spec.columns.forEach((c, i) => {
      p.lines[i]!.slice(from, from + shown).forEach((line, k) => {
        const by = flow.y + PAD_Y + st.size + k * lh;
        if (rightAligned(c.kind)) canvas.textRight(line, xs[i]! + widths[i]! - PAD_X, by, st);
        else canvas.text(line, xs[i]! + PAD_X, by, st);
      });
    });
  }
  flow.y += h;
  canvas.line(flow.left, flow.y, flow.left + tableW, flow.y, 0.3, RULE);
}

/** A row taller than a page: drawn in as many pieces as it needs (nothing cut). */
function drawTallRow(
  flow: Flow,
  spec: TableSpec,
  p: PreparedRow,
  xs: number[],
  widths: number[],
  body: TextStyle,
  strong: TextStyle,
  lh: number,
  tableW: number,
): void {
  const total = Math.max(...p.lines.map((l) => l.length));
  let from = 0;
  while (from < total) {
    const fit = Math.floor((flow.bottom - flow.y - 2 * PAD_Y) / lh);
    if (fit < 1) {
      flow.newPage();
      continue;
    }
    drawRow(flow, spec, p, xs, widths, body, strong, lh, tableW, 0, from, fit);
    from += fit;
    if (from < total) flow.newPage();
  }
}

/** Columns of label/value pairs (a totals box): label left, value right-aligned. */
export function drawKeyValues(
  flow: Flow,
  x: number,
  w: number,
  pairs: Array<{ label: string; value: string; strong?: boolean }>,
  size: number,
  canvas: Canvas = flow.canvas,
): number {
  let y = flow.y;
  for (const p of pairs) {
    const st: TextStyle = { size, style: p.strong ? 1 : 0, color: p.strong ? INK : MUTED };
    const vs: TextStyle = { size, style: p.strong ? 1 : 0, color: INK };
    const vw = canvas.measure(p.value, vs);
    const labelLines = canvas.wrap(p.label, Math.max(30, w - vw - 10), st);
    labelLines.forEach((l, k) => canvas.text(l, x, y + size + k * size * 1.3, st));
    canvas.textRight(p.value, x + w, y + size, vs);
    y += labelLines.length * size * 1.3 + 3;
  }
  return y - flow.y;
}
