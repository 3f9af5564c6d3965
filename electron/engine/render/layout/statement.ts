/**
 * Lays a statement model out on pages: letterhead (branding), title and reference block, the
 * party, review notes (findings, near the top where an accountant looks first), the line tables
 * per group with subtotals, totals per currency, extra sections (payees, aging buckets, VAT),
 * notes; then the running header and the footer ("page X of Y", reference, date) on every page.
 */
import type { Column, LineGroup, StatementModel } from '../../../../shared/contract/statements';
import type { TemplateBody } from '../../../../shared/contract/templates';
import { cleanText } from '../fonts/fontset';
import { columnLabel, totalLabel } from '../format';
import { formatAmount, formatCell, formatDate, formatTimestampUtc, localizeDates } from '../../../../shared/format';
import type { Labels } from '../labels';
import { hexColor, tint, type Canvas, type RGB } from '../pdf/canvas';
import { ERROR_RED, Flow, INK, MUTED, RULE, WARN_AMBER } from './flow';
import { drawKeyValues, drawTable, fitColumns, type TableColumn, type TableRow, type TableSpec } from './table';

export interface LayoutInput {
  model: StatementModel;
  body: TemplateBody;
  ref: string;
  generatedAt: string;
  labels: Labels;
  /** the logo as an image resource, with its size in pixels */
  logo: { name: string; width: number; height: number } | null;
}

const c = cleanText;

/** The line columns shown: the model's, or (detailed breakdown off) description, period, amount. */
export function lineTable(model: StatementModel, body: TemplateBody, L: Labels) {
  const locale = body.locale;
  if (body.sections.detailedBreakdown || !model.groups.some((g) => g.lines.length)) {
    const cols: TableColumn[] = model.columns.map((col) => ({
      label: c(columnLabel(col, body.labels)),
      kind: col.kind,
      weight: col.width ?? 1,
    }));
    // every line's amount (the ledger line item) must be on the page: when a line's amount is
    // not one of its money cells, an Amount column is added
    const moneyCols = model.columns.filter((col) => col.kind === 'money');
    const amountShown = model.groups.every((g) =>
      g.lines.every((line) =>
        moneyCols.some((col) => {
          const v = line.cells[col.key];
          return v === line.item.amount || (typeof v === 'string' && formatAmount(v, g.currency, locale) === formatAmount(line.item.amount, g.currency, locale));
        }),
      ),
    );
    if (!amountShown) cols.push({ label: L('amount'), kind: 'money', weight: 1 });
    const rowsOf = (g: LineGroup): TableRow[] =>
      g.lines.map((line) => {
        const cells = model.columns.map((col: Column) => c(formatCell(line.cells[col.key], col.kind, g.currency, locale)));
        if (!amountShown) cells.push(formatAmount(line.item.amount, g.currency, locale));
        return { cells };
      });
    return { cols, rowsOf, keys: [...model.columns.map((col) => col.key), ...(amountShown ? [] : ['__amount'])] };
  }
  const withPeriod = model.groups.some((g) => g.lines.some((l) => l.item.periodStart || l.item.periodEnd));
  const cols: TableColumn[] = [{ label: L('description'), kind: 'text', weight: 3 }];
  if (withPeriod) cols.push({ label: L('period'), kind: 'text', weight: 1.2 });
  cols.push({ label: L('amount'), kind: 'money', weight: 1 });
  const rowsOf = (g: LineGroup): TableRow[] =>
    g.lines.map((line) => {
      const cells = [c(line.item.description)];
      if (withPeriod) {
        const a = line.item.periodStart ? formatDate(line.item.periodStart, locale) : '';
        const b = line.item.periodEnd ? formatDate(line.item.periodEnd, locale) : '';
        cells.push(a && b && a !== b ? `${a} – ${b}` : a || b);
      }
      cells.push(formatAmount(line.item.amount, g.currency, locale));
      return { cells };
    });
  return { cols, rowsOf, keys: withPeriod ? ['description', 'period', 'amount'] : ['description', 'amount'] };
}

export function layoutStatement(canvas: Canvas, input: LayoutInput): void {
  const { model, body, ref, generatedAt, labels: L } = input;
  const locale = body.locale;
  const accent = hexColor(body.branding.accentColor);
  const flow = new Flow(canvas);
  canvas.addPage();
  flow.y = flow.margin;
  const issued = formatTimestampUtc(generatedAt, locale);
  const title = c(body.labels.title ?? model.title);

  // ---- letterhead: logo, seller, and the document block on the right
  canvas.rect(0, 0, canvas.width, 5, accent);
  let leftY = flow.y;
  if (input.logo) {
    const h = Math.min(44, input.logo.height);
    const w = Math.min(160, (input.logo.width * h) / input.logo.height);
    const hh = (input.logo.height * w) / input.logo.width;
    canvas.image(input.logo.name, flow.left, leftY, w, hh);
    leftY += hh + 8;
  }
  const b = body.branding;
  if (b.companyName) {
    canvas.text(c(b.companyName), flow.left, leftY + 11, { size: 12.5, style: 1, color: INK });
    leftY += 16;
  }
  const sellerLines = b.addressLines.map(c).filter(Boolean);
  if (b.vatNumber) sellerLines.push(`${L('vatNumber')} ${c(b.vatNumber)}`);
  if (b.companyNumber) sellerLines.push(`${L('companyNumber')} ${c(b.companyNumber)}`);
  for (const line of sellerLines) {
    for (const part of canvas.wrap(line, flow.width * 0.48, { size: 8 })) {
      canvas.text(part, flow.left, leftY + 8, { size: 8, color: MUTED });
      leftY += 10.5;
    }
  }

  let rightY = flow.y;
  const titleLines = canvas.wrap(title, flow.width * 0.48, { size: 17, style: 1 });
  for (const t of titleLines) {
    canvas.textRight(t, flow.right, rightY + 16, { size: 17, style: 1, color: accent });
    rightY += 21;
  }
  rightY += 4;
  const facts: Array<{ label: string; value: string; strong?: boolean }> = [
    { label: model.type === 'invoice' ? L('invoiceNumber') : L('reference'), value: ref, strong: true },
    // an invoice's own dates (invoice date, time of supply) are in its header
    ...(model.invoice ? [] : [{ label: L('generated'), value: issued }]),
    ...model.header.map((h) => ({ label: c(h.label), value: c(localizeDates(h.value, locale)) })),
  ];
  const factW = Math.min(250, flow.width * 0.48);
  const saveY = flow.y;
  flow.y = rightY;
  rightY += drawFacts(flow, flow.right - factW, factW, facts);
  flow.y = Math.max(leftY, rightY, saveY) + 14;

  // ---- the party
  if (model.party) {
    const p = model.party;
    const lines = [...p.addressLines.map(c), p.country ? c(p.country) : ''].filter(Boolean);
    if (p.email) lines.push(c(p.email));
    if (p.vatNumber) lines.push(`${L('vatNumber')} ${c(p.vatNumber)}`);
    if (p.companyNumber) lines.push(`${L('companyNumber')} ${c(p.companyNumber)}`);
    const w = flow.width * 0.5;
    const nameLines = canvas.wrap(c(p.name), w - 16, { size: 10.5, style: 1 });
    const wrapped = lines.flatMap((l) => canvas.wrap(l, w - 16, { size: 8.5 }));
    const h = 22 + nameLines.length * 13 + wrapped.length * 11 + 6;
    flow.ensure(h);
    canvas.rect(flow.left, flow.y, 2, h, accent);
    const label = model.type === 'invoice' ? L('billTo') : L('statementFor');
    canvas.text(label.toUpperCase(), flow.left + 10, flow.y + 11, { size: 7, style: 1, color: MUTED });
    let y = flow.y + 25;
    for (const n of nameLines) {
      canvas.text(n, flow.left + 10, y, { size: 10.5, style: 1, color: INK });
      y += 13;
    }
    for (const l of wrapped) {
      canvas.text(l, flow.left + 10, y, { size: 8.5, color: INK });
      y += 11;
    }
    flow.y += h + 12;
  }

  // ---- review notes: findings first, where an accountant looks
  if (body.sections.findings && model.findings.length) drawFindings(flow, model, L);

  // ---- lines, by group
  const table = lineTable(model, body, L);
  const groupRows = model.groups.map((g) => {
    const rows = table.rowsOf(g);
    if (!rows.length) rows.push({ cells: [L('noTransactions')], note: true });
    // group subtotals: a bold row under the columns when every subtotal has its column, else
    // label/value pairs; left out when they only repeat the statement's totals box
    const entries = Object.entries(g.totals).filter((e): e is [string, string] => typeof e[1] === 'string');
    const repeatsTotals =
      model.groups.length === 1 && entries.every(([k, v]) => model.totals[g.currency]?.[k] === v);
    const extra: Array<{ label: string; value: string }> = [];
    const idx = entries.map(([k]) => table.keys.indexOf(k));
    const onRow = entries.length > 0 && idx.every((i) => i > 0 && table.cols[i]!.kind === 'money');
    if (onRow) {
      const sub = table.cols.map(() => '');
      sub[0] = L('totals');
      entries.forEach(([, v], n) => (sub[idx[n]!] = formatAmount(v, g.currency, locale)));
      rows.push({ cells: sub, strong: true });
    } else if (!repeatsTotals) {
      for (const [k, v] of entries) extra.push({ label: c(totalLabel(k, body.labels)), value: formatAmount(v, g.currency, locale) });
    }
    return { g, rows, extra };
  });
  const spec: TableSpec = { columns: table.cols, continued: L('continued'), accent };
  const fitted = fitColumns(canvas, flow.width, spec, groupRows.flatMap((r) => r.rows));
  const titled = model.groups.length > 1 || model.currency === null;
  if (!model.groups.length) {
    drawTable(flow, spec, [{ cells: [L('noTransactions')], note: true }], fitted);
  }
  for (const { g, rows, extra } of groupRows) {
    const groupTitle = titled ? c(g.title || g.currency) : undefined;
    drawTable(flow, groupTitle ? { ...spec, title: groupTitle } : spec, rows, fitted);
    if (extra.length > 3) {
      // many subtotals (aging buckets): one compact row of labelled figures
      const cols: TableColumn[] = extra.map((e) => ({ label: e.label, kind: 'money', weight: 1 }));
      drawTable(flow, { columns: cols, continued: L('continued'), accent: tint(accent, 0.35), size: 7.5 }, [{ cells: extra.map((e) => e.value), strong: true }]);
    } else if (extra.length) {
      const w = Math.min(260, flow.width * 0.5);
      flow.ensure(extra.length * 13 + 4);
      flow.y += drawKeyValues(flow, flow.right - w, w, extra, 8.5) + 6;
    }
  }

  // ---- totals per currency
  const currencies = Object.keys(model.totals).sort();
  for (const cur of currencies) {
    const pairs: Array<{ label: string; value: string; strong?: boolean }> = Object.entries(model.totals[cur]!)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => ({ label: c(totalLabel(k, body.labels)), value: formatAmount(v, cur, locale) }));
    if (!pairs.length) continue;
    pairs[pairs.length - 1]!.strong = true;
    const w = Math.min(270, flow.width * 0.55);
    const h = 22 + pairs.length * 14 + 6;
    flow.ensure(h);
    const x = flow.right - w;
    canvas.rect(x, flow.y, w, 18, accent);
    canvas.text(L('totalsIn', { currency: cur }), x + 8, flow.y + 12.5, { size: 9, style: 1, color: [1, 1, 1] });
    flow.y += 24;
    flow.y += drawKeyValues(flow, x + 8, w - 16, pairs, 9);
    canvas.line(x, flow.y, flow.right, flow.y, 0.8, accent);
    flow.y += 14;
  }

  // ---- extra sections: payees, aging buckets, VAT summary …
  for (const s of model.sections) {
    if (!s.rows.length) continue;
    const cols: TableColumn[] = s.columns.map((col) => ({ label: c(columnLabel(col, body.labels)), kind: col.kind, weight: col.width ?? 1 }));
    const rows: TableRow[] = s.rows.map((r) => {
      const cur = typeof r.currency === 'string' ? r.currency : model.currency;
      return { cells: s.columns.map((col) => c(formatCell(r[col.key], col.kind, cur, locale))) };
    });
    flow.y += 4;
    drawTable(flow, { columns: cols, title: c(s.title), continued: L('continued'), accent, size: 8 }, rows);
  }

  // ---- notes
  if (model.notes.length) {
    const lines = model.notes.flatMap((n) => canvas.wrap(c(n), flow.width, { size: 8 }));
    flow.ensure(16 + Math.min(lines.length, 3) * 11);
    canvas.text(L('notes'), flow.left, flow.y + 10, { size: 9.5, style: 1, color: accent });
    flow.y += 16;
    for (const l of lines) {
      flow.ensure(11);
      canvas.text(l, flow.left, flow.y + 8, { size: 8, color: MUTED });
      flow.y += 11;
    }
  }

  drawPageFrames(canvas, flow, { title, ref, issued, company: c(b.companyName), accent, L });
}

function drawFacts(flow: Flow, x: number, w: number, facts: Array<{ label: string; value: string; strong?: boolean }>): number {
  const canvas = flow.canvas;
  let y = flow.y;
  let labelW = 0;
  for (const f of facts) labelW = Math.max(labelW, canvas.measure(f.label, { size: 8 }) + 8);
  labelW = Math.min(labelW, w * 0.45);
  for (const f of facts) {
    const vs = { size: 8.5, style: (f.strong ? 1 : 0) as 0 | 1, color: INK };
    const valueLines = canvas.wrap(f.value, w - labelW - 6, vs);
    const labelLines = canvas.wrap(f.label, labelW, { size: 8 });
    labelLines.forEach((l, k) => canvas.text(l, x, y + 8.5 + k * 11, { size: 8, color: MUTED }));
    valueLines.forEach((l, k) => canvas.textRight(l, x + w, y + 8.5 + k * 11, vs));
    y += Math.max(valueLines.length, labelLines.length) * 11 + 2;
  }
  return y - flow.y;
}

function drawFindings(flow: Flow, model: StatementModel, L: Labels): void {
  const canvas = flow.canvas;
  const hasError = model.findings.some((f) => f.severity === 'ERROR');
  const color: RGB = hasError ? ERROR_RED : WARN_AMBER;
  const items = model.findings.map((f) => {
    const tag = f.severity === 'ERROR' ? L('error') : L('warning');
    const text = c(`${tag}: ${f.message}${f.subject ? ` (${f.subject})` : ''}`);
    return canvas.wrap(text, flow.width - 20, { size: 8.5 });
  });
  const h = 20 + items.reduce((s, l) => s + l.length * 11 + 3, 0) + 4;
  flow.ensure(Math.min(h, 80));
  const top = flow.y;
  canvas.rect(flow.left, flow.y, flow.width, Math.min(h, flow.bottom - flow.y), [color[0] * 0.06 + 0.94, color[1] * 0.06 + 0.94, color[2] * 0.06 + 0.94]);
  canvas.rect(flow.left, flow.y, 3, Math.min(h, flow.bottom - flow.y), color);
  canvas.text(L('findings'), flow.left + 10, flow.y + 13, { size: 9.5, style: 1, color });
  flow.y += 20;
  for (const lines of items) {
    for (const l of lines) {
      flow.ensure(11);
      canvas.text(l, flow.left + 10, flow.y + 8.5, { size: 8.5, color: INK });
      flow.y += 11;
    }
    flow.y += 3;
  }
  flow.y = Math.max(flow.y, top) + 14;
}

function drawPageFrames(
  canvas: Canvas,
  flow: Flow,
  f: { title: string; ref: string; issued: string; company: string; accent: RGB; L: Labels },
): void {
  const pages = canvas.pages.length;
  for (let i = 0; i < pages; i++) {
    canvas.onPage(i);
    if (i > 0) {
      canvas.rect(0, 0, canvas.width, 3, f.accent);
      if (f.company) canvas.text(f.company, flow.left, flow.margin + 4, { size: 8, style: 1, color: INK });
      canvas.textRight(`${f.title} · ${f.ref}`, flow.right, flow.margin + 4, { size: 8, color: MUTED });
      canvas.line(flow.left, flow.margin + 10, flow.right, flow.margin + 10, 0.4, RULE);
    }
    const fy = canvas.height - 30;
    canvas.line(flow.left, fy - 10, flow.right, fy - 10, 0.4, RULE);
    canvas.text(`${f.ref} · ${f.L('generated')} ${f.issued}`, flow.left, fy, { size: 7, color: MUTED });
    canvas.textRight(f.L('page', { page: i + 1, pages }), flow.right, fy, { size: 7, color: MUTED });
  }
}
