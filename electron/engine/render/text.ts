/**
 * A statement as plain text (UTF-8): aligned columns for reading in a terminal or an e-mail,
 * numbers right-aligned; the embedded metadata as one JSON line after a marker at the end.
 */
import { columnLabel, totalLabel } from './format';
import { formatAmount, formatCell, formatTimestampUtc, isNumericKind, localizeDates } from '../../../shared/format';
import { labeller } from './labels';
import { lineTable } from './layout/statement';
import type { EmbeddedMetadata } from './metadata';
import type { RenderJob } from './types';

export const TEXT_METADATA_MARKER = '-- folio-metadata --';

/** Display width: code points (combining marks count 0). */
const width = (s: string) => [...s.normalize('NFC')].filter((ch) => !/\p{M}/u.test(ch)).length;
/** Runs of white space as one space; the no-break spaces that group digits (sv-SE, fr-FR) are kept. */
const oneLine = (s: string) => s.replace(/[^\S\u00a0\u202f]+/g, ' ');
const pad = (s: string, w: number, right: boolean) => (right ? ' '.repeat(Math.max(0, w - width(s))) + s : s + ' '.repeat(Math.max(0, w - width(s))));

function textTable(cols: Array<{ label: string; numeric: boolean }>, rows: string[][]): string[] {
  const maxW = 40;
  const ws = cols.map((c, i) => Math.min(maxW, Math.max(width(c.label), ...rows.map((r) => width(r[i] ?? '')))));
  const fmt = (cells: string[]) =>
    cols
      .map((c, i) => {
        let v = oneLine(cells[i] ?? '');
        // long text is wrapped onto continuation lines below, never cut
        if (!c.numeric && width(v) > ws[i]!) v = [...v].slice(0, ws[i]!).join('');
        return pad(v, ws[i]!, c.numeric);
      })
      .join('  ')
      .trimEnd();
  const out = [fmt(cols.map((c) => c.label)), ws.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows) {
    out.push(fmt(r));
    // continuation lines for text longer than its column
    let k = 1;
    for (;;) {
      const more = cols.map((c, i) => (c.numeric ? '' : [...oneLine(r[i] ?? '')].slice(k * ws[i]!, (k + 1) * ws[i]!).join('')));
      if (!more.some(Boolean)) break;
      out.push(fmt(more));
      k++;
    }
  }
  return out;
}

export function renderText(job: RenderJob, meta: EmbeddedMetadata): string {
  const { model, ref } = job;
  const body = job.template.body;
  const L = labeller(body.labels);
  const locale = body.locale;
  const b = body.branding;
  const out: string[] = [];
  const title = body.labels.title ?? model.title;
  if (b.companyName) out.push(b.companyName);
  out.push(...b.addressLines);
  if (b.vatNumber) out.push(`${L('vatNumber')} ${b.vatNumber}`);
  if (b.companyNumber) out.push(`${L('companyNumber')} ${b.companyNumber}`);
  out.push('', title.toUpperCase(), '=' .repeat(width(title)));
  const facts: Array<[string, string]> = [
    [model.type === 'invoice' ? L('invoiceNumber') : L('reference'), ref],
    ...(model.invoice ? [] : [[L('generated'), formatTimestampUtc(job.generatedAt, locale)] as [string, string]]),
    ...model.header.map((h): [string, string] => [h.label, localizeDates(h.value, locale)]),
  ];
  const fw = Math.max(...facts.map(([k]) => width(k)));
  for (const [k, v] of facts) out.push(`${pad(k, fw, false)}  ${v}`);
  if (model.party) {
    const p = model.party;
    out.push('', `${model.type === 'invoice' ? L('billTo') : L('statementFor')}:`, `  ${p.name}`);
    for (const l of [...p.addressLines, p.country ?? '', p.email ?? '', p.vatNumber ? `${L('vatNumber')} ${p.vatNumber}` : ''].filter(Boolean)) out.push(`  ${l}`);
  }
  if (body.sections.findings && model.findings.length) {
    out.push('', `${L('findings')}:`);
    for (const f of model.findings) out.push(`  [${f.severity === 'ERROR' ? L('error') : L('warning')}] ${f.message}${f.subject ? ` (${f.subject})` : ''}`);
  }
  const t = lineTable(model, body, L);
  const cols = t.cols.map((c) => ({ label: c.label, numeric: isNumericKind(c.kind) }));
  if (!model.groups.length) out.push('', L('noTransactions'));
  for (const g of model.groups) {
    out.push('');
    if (model.groups.length > 1 || model.currency === null) out.push(g.title || g.currency, '');
    const rows = t.rowsOf(g).map((r) => r.cells);
    if (!rows.length) out.push(L('noTransactions'));
    else out.push(...textTable(cols, rows));
    if (model.groups.length > 1) {
      for (const [k, v] of Object.entries(g.totals)) if (typeof v === 'string') out.push(`${totalLabel(k, body.labels)}: ${formatAmount(v, g.currency, locale)}`);
    }
  }
  for (const cur of Object.keys(model.totals).sort()) {
    const rows = Object.entries(model.totals[cur]!).filter(([, v]) => typeof v === 'string');
    if (!rows.length) continue;
    out.push('', L('totalsIn', { currency: cur }));
    const labels = rows.map(([k]) => totalLabel(k, body.labels));
    const values = rows.map(([, v]) => formatAmount(v, cur, locale));
    const lw = Math.max(...labels.map(width));
    const vw = Math.max(...values.map(width));
    rows.forEach((_, i) => out.push(`  ${pad(labels[i]!, lw, false)}  ${pad(values[i]!, vw, true)}`));
  }
  for (const s of model.sections) {
    if (!s.rows.length) continue;
    out.push('', s.title, '');
    const scols = s.columns.map((c) => ({ label: columnLabel(c, body.labels), numeric: isNumericKind(c.kind) }));
    out.push(...textTable(scols, s.rows.map((r) => s.columns.map((c) => formatCell(r[c.key], c.kind, typeof r.currency === 'string' ? r.currency : model.currency, locale)))));
  }
  if (model.notes.length) out.push('', `${L('notes')}:`, ...model.notes.map((n) => `  ${n}`));
  out.push('', `${ref} · ${L('generated')} ${formatTimestampUtc(job.generatedAt, locale)}`, '', TEXT_METADATA_MARKER, JSON.stringify(meta), '');
  return out.join('\n');
}

export function readTextMetadata(text: string): EmbeddedMetadata | null {
  const at = text.lastIndexOf(`\n${TEXT_METADATA_MARKER}\n`);
  if (at < 0) return null;
  try {
    return JSON.parse(text.slice(at + TEXT_METADATA_MARKER.length + 2).trim()) as EmbeddedMetadata;
  } catch {
    return null;
  }
}
