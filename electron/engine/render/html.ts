/**
 * A statement as one self-contained, printable HTML file (inline CSS, the logo inline as its data
 * URL, no script, no external resource). Every value is escaped. The embedded metadata sits in a
 * `<script type="application/json" id="folio-metadata">` block (data only: never executed, and a
 * strict CSP forbids scripts anyway).
 */
import type { StatementModel } from '../../../shared/contract/statements';
import { columnLabel, totalLabel } from './format';
import { formatAmount, formatCell, formatTimestampUtc, isNumericKind, localizeDates } from '../../../shared/format';
import { labeller } from './labels';
import { lineTable } from './layout/statement';
import type { EmbeddedMetadata } from './metadata';
import type { RenderJob } from './types';

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function table(cols: Array<{ label: string; numeric: boolean }>, rows: Array<{ cells: string[]; strong?: boolean; note?: boolean }>): string {
  const head = cols.map((c) => `<th${c.numeric ? ' class="n"' : ''}>${esc(c.label)}</th>`).join('');
  const body = rows
    .map((r) =>
      r.note
        ? `<tr class="note"><td colspan="${cols.length}">${esc(r.cells[0] ?? '')}</td></tr>`
        : `<tr${r.strong ? ' class="sub"' : ''}>${r.cells.map((v, i) => `<td${cols[i]?.numeric ? ' class="n"' : ''}>${esc(v)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table class="data"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function renderHtml(job: RenderJob, meta: EmbeddedMetadata): string {
  const { model, ref } = job;
  const body = job.template.body;
  const L = labeller(body.labels);
  const locale = body.locale;
  const b = body.branding;
  const accent = /^#[0-9a-fA-F]{6}$/.test(b.accentColor) ? b.accentColor : '#1f4e79';
  const issued = formatTimestampUtc(job.generatedAt, locale);
  const title = body.labels.title ?? model.title;
  const parts: string[] = [];
  const logo = b.logo && /^data:image\/(png|jpeg|jpg);base64,[A-Za-z0-9+/=]+$/.test(b.logo) ? `<img class="logo" alt="" src="${b.logo}">` : '';
  const seller = [...b.addressLines, b.vatNumber ? `${L('vatNumber')} ${b.vatNumber}` : '', b.companyNumber ? `${L('companyNumber')} ${b.companyNumber}` : '']
    .filter(Boolean)
    .map((l) => `<div>${esc(l)}</div>`)
    .join('');
  const facts = [
    [model.type === 'invoice' ? L('invoiceNumber') : L('reference'), ref],
    ...(model.invoice ? [] : [[L('generated'), issued]]),
    ...model.header.map((h) => [h.label, localizeDates(h.value, locale)]),
  ]
    .map(([k, v]) => `<tr><th>${esc(k!)}</th><td>${esc(v!)}</td></tr>`)
    .join('');
  parts.push(`<header><div class="seller">${logo}<div class="company">${esc(b.companyName)}</div><div class="muted">${seller}</div></div>
<div class="doc"><h1>${esc(title)}</h1><table class="facts">${facts}</table></div></header>`);
  if (model.party) {
    const p = model.party;
    const lines = [...p.addressLines, p.country ?? '', p.email ?? '', p.vatNumber ? `${L('vatNumber')} ${p.vatNumber}` : '', p.companyNumber ? `${L('companyNumber')} ${p.companyNumber}` : '']
      .filter(Boolean)
      .map((l) => `<div>${esc(l)}</div>`)
      .join('');
    parts.push(`<section class="party"><div class="label">${esc(model.type === 'invoice' ? L('billTo') : L('statementFor'))}</div><div class="name">${esc(p.name)}</div>${lines}</section>`);
  }
  if (body.sections.findings && model.findings.length) {
    const items = model.findings
      .map((f) => `<li class="${f.severity === 'ERROR' ? 'err' : 'warn'}"><b>${esc(f.severity === 'ERROR' ? L('error') : L('warning'))}:</b> ${esc(f.message)}${f.subject ? ` (${esc(f.subject)})` : ''}</li>`)
      .join('');
    parts.push(`<section class="findings"><h2>${esc(L('findings'))}</h2><ul>${items}</ul></section>`);
  }
  const t = lineTable(model, body, L);
  const cols = t.cols.map((c) => ({ label: c.label, numeric: isNumericKind(c.kind) }));
  if (!model.groups.length) parts.push(table(cols, [{ cells: [L('noTransactions')], note: true }]));
  for (const g of model.groups) {
    const rows: Array<{ cells: string[]; strong?: boolean; note?: boolean }> = t.rowsOf(g);
    if (!rows.length) rows.push({ cells: [L('noTransactions')], note: true });
    if (model.groups.length > 1 || model.currency === null) parts.push(`<h2>${esc(g.title || g.currency)}</h2>`);
    parts.push(table(cols, rows));
    const subs = Object.entries(g.totals).filter(([, v]) => typeof v === 'string');
    // one group: its subtotals are the totals below
    if (subs.length && model.groups.length > 1) {
      parts.push(
        `<table class="totals sub">${subs.map(([k, v]) => `<tr><th>${esc(totalLabel(k, body.labels))}</th><td class="n">${esc(formatAmount(v, g.currency, locale))}</td></tr>`).join('')}</table>`,
      );
    }
  }
  for (const cur of Object.keys(model.totals).sort()) {
    const rows = Object.entries(model.totals[cur]!).filter(([, v]) => typeof v === 'string');
    if (!rows.length) continue;
    parts.push(
      `<table class="totals"><caption>${esc(L('totalsIn', { currency: cur }))}</caption>${rows
        .map(([k, v], i) => `<tr${i === rows.length - 1 ? ' class="grand"' : ''}><th>${esc(totalLabel(k, body.labels))}</th><td class="n">${esc(formatAmount(v, cur, locale))}</td></tr>`)
        .join('')}</table>`,
    );
  }
  for (const s of model.sections) {
    if (!s.rows.length) continue;
    const scols = s.columns.map((c) => ({ label: columnLabel(c, body.labels), numeric: isNumericKind(c.kind) }));
    const rows = s.rows.map((r) => ({
      cells: s.columns.map((c) => formatCell(r[c.key], c.kind, typeof r.currency === 'string' ? r.currency : model.currency, locale)),
    }));
    parts.push(`<h2>${esc(s.title)}</h2>${table(scols, rows)}`);
  }
  if (model.notes.length) parts.push(`<section class="notes"><h2>${esc(L('notes'))}</h2>${model.notes.map((n) => `<p>${esc(n)}</p>`).join('')}</section>`);
  parts.push(`<footer>${esc(ref)} · ${esc(L('generated'))} ${esc(issued)}</footer>`);
  const json = JSON.stringify(meta).replace(/</g, '\\u003c');
  const page = body.pageSize === 'Letter' ? 'letter' : 'A4';
  return `<!DOCTYPE html>
<html lang="${esc(locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="folio-reference" content="${esc(ref)}">
<title>${esc(`${title} ${ref}`)}</title>
<style>
@page { size: ${page}; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 9pt; color: #1c1e24; margin: 0; border-top: 4px solid ${accent}; padding-top: 10px; }
header { display: flex; justify-content: space-between; gap: 24px; margin-bottom: 14px; }
.logo { max-height: 44px; max-width: 160px; display: block; margin-bottom: 6px; }
.company { font-weight: bold; font-size: 12.5pt; }
.muted, .facts th { color: #676a73; font-weight: normal; }
h1 { color: ${accent}; font-size: 17pt; margin: 0 0 6px; text-align: right; }
h2 { color: ${accent}; font-size: 10pt; margin: 14px 0 4px; }
.facts { margin-left: auto; border-collapse: collapse; }
.facts th { text-align: left; padding: 1px 12px 1px 0; }
.facts td { text-align: right; }
.party { border-left: 2px solid ${accent}; padding: 2px 10px; margin: 10px 0 14px; }
.party .label { font-size: 7pt; font-weight: bold; color: #676a73; text-transform: uppercase; }
.party .name { font-weight: bold; font-size: 10.5pt; }
.findings { background: #fdf6ec; border-left: 3px solid #bf7305; padding: 4px 10px; margin-bottom: 12px; }
.findings li.err { color: #b81c1c; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
th, td { padding: 3px 4px; vertical-align: top; }
thead th { background: ${accent}22; text-align: left; font-size: 8pt; }
table.data tbody tr:nth-child(even) { background: #f6f7f9; }
table.data tbody td { border-bottom: 0.5px solid #c7c9d0; }
.n { text-align: right; white-space: nowrap; }
tr.sub td, tr.grand th, tr.grand td { font-weight: bold; border-top: 1px solid #1c1e24; }
tr.note td { color: #676a73; }
table.totals { width: auto; margin: 8px 0 8px auto; min-width: 40%; }
table.totals caption { background: ${accent}; color: #fff; text-align: left; font-weight: bold; padding: 3px 8px; }
table.totals th { text-align: left; font-weight: normal; color: #676a73; }
footer { margin-top: 18px; border-top: 0.5px solid #c7c9d0; padding-top: 4px; font-size: 7pt; color: #676a73; }
</style>
<script type="application/json" id="folio-metadata">${json}</script>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}

export function readHtmlMetadata(html: string): EmbeddedMetadata | null {
  const m = /<script type="application\/json" id="folio-metadata">([\s\S]*?)<\/script>/.exec(html);
  if (!m) return null;
  try {
    return JSON.parse(m[1]!) as EmbeddedMetadata;
  } catch {
    return null;
  }
}

/** Used by tests and the text renderer: what kind of value a column holds. */
export type { StatementModel };
