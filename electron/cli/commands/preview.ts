import type { Command } from 'commander';
import type { PreviewResult, StatementModel } from '../../../shared/contract';
import { print, usageError, withEngine, type CliIo } from '../context';
import { addFilterOptions, optionError, requestFromOptions, TYPE_HELP, type FilterOptions } from '../filters';

/** The JSON document of `folio preview --json` (cli.md): type, lineCount, totals, findings (+ payees). */
export function previewJson(model: StatementModel, blocked: boolean): Record<string, unknown> {
  return {
    type: model.type,
    lineCount: model.lineCount,
    currency: model.currency,
    totals: model.totals,
    findings: model.findings,
    ...(model.payees ? { payees: model.payees.map(({ partyId, allocationPct, gross, commission, net, name, role, currency }) => ({ partyId, name, role, allocationPct, currency, gross, commission, net })) } : {}),
    ...(model.invoice ? { invoice: model.invoice } : {}),
    notes: model.notes,
    blocked,
    dataVersion: model.dataVersion,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** Human text: header, the first lines of each group, totals, findings, notes. */
export function previewText(result: PreviewResult): string {
  const m = result.model;
  const out: string[] = [m.title];
  for (const h of m.header) out.push(`${h.label}: ${h.value}`);
  for (const g of m.groups) {
    out.push('', `[${g.title}]`);
    const rows = [m.columns.map((c) => c.label), ...g.lines.map((l) => m.columns.map((c) => String(l.cells[c.key] ?? '')))];
    out.push(table(rows));
  }
  if (result.page.total > result.page.limit) out.push('', `(showing ${result.page.limit} of ${result.page.total} lines; --limit to see more)`);
  for (const s of m.sections) {
    out.push('', `[${s.title}]`);
    out.push(table([s.columns.map((c) => c.label), ...s.rows.map((r) => s.columns.map((c) => String(r[c.key] ?? '')))]));
  }
  out.push('', `lines: ${m.lineCount}`);
  for (const [cur, t] of Object.entries(m.totals)) {
    out.push(`totals ${cur}: ${Object.entries(t).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  for (const n of m.notes) out.push(`note: ${n}`);
  for (const f of m.findings) out.push(`${f.severity} ${f.code}: ${f.message}`);
  if (result.blocked) out.push('blocked: this statement has ERROR findings and cannot be generated');
  return out.join('\n');
}

/** `folio preview TYPE FILTERS [--json]`: computes the statement; no file, no ledger record. */
export function registerPreview(program: Command, io: CliIo): void {
  const cmd = program
    .command('preview')
    .description('compute a statement without making a file or a ledger record')
    .argument('<type>', TYPE_HELP);
  addFilterOptions(cmd)
    .option('--limit <n>', 'lines shown in text output', '50')
    .action(async (type: string, opts: FilterOptions & { limit: string }, command: Command) => {
      const request = requestFromOptions(type, opts);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100000) throw usageError('--limit', 'must be a whole number from 1 to 100000');
      const result = await withEngine(command, io, async (engine) => {
        try {
          return await engine.call('statement:preview', { request, offset: 0, limit });
        } catch (err) {
          throw optionError(err);
        }
      });
      print(command, io, previewJson(result.model, result.blocked), () => previewText(result));
    });
}
