import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ENTITIES, type ImportResult, type QuarantineRow } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import type { Engine } from '../../engine';
import { CliExit, globalOptions, print, withEngine, type CliIo } from '../context';
import { importTabular, type TabularOptions } from './import-tabular';

/** Human text for an import (also used by `folio sync`): per bundle, counts per entity, quarantined lines. */
export function importText(result: ImportResult, lines: QuarantineRow[]): string {
  const out: string[] = [];
  for (const b of result.bundles) {
    out.push(`${b.status.toUpperCase()} ${b.sourceKey}${b.exportedAt ? ` (${b.kind}, exported ${b.exportedAt})` : ''}${b.error ? `: ${b.error}` : ''}`);
    const rows = ENTITIES.filter((e) => b.counts[e]).map((e) => {
      const c = b.counts[e]!;
      return `  ${e.padEnd(17)} applied ${String(c.applied).padStart(8)}  deleted ${String(c.deleted).padStart(6)}  skipped ${String(c.skipped).padStart(8)}  quarantined ${String(c.quarantined).padStart(5)}`;
    });
    out.push(...rows);
    for (const w of b.warnings) out.push(`  warning: ${w}`);
  }
  if (lines.length) {
    out.push('', 'quarantined lines:');
    for (const q of lines) out.push(`  ${q.file}:${q.line}: ${q.reason}`);
  }
  out.push('', `total: ${result.applied} applied, ${result.skipped} skipped, ${result.quarantined} quarantined in ${(result.durationMs / 1000).toFixed(1)} s`);
  return out.join('\n');
}

/** The quarantined lines recorded by this run's bundles. */
export async function quarantinedLines(engine: Engine, result: ImportResult, since: string): Promise<QuarantineRow[]> {
  if (!result.quarantined) return [];
  const keys = new Set(result.bundles.filter((b) => b.status === 'applied').map((b) => b.sourceKey));
  const page = await engine.call('data:quarantine', { offset: 0, limit: 5000 });
  return page.rows.filter((r) => keys.has(r.sourceKey) && r.at >= since).reverse();
}

const SPREADSHEET = /\.(csv|tsv|txt|xlsx)$/i;

/** `folio import DIR` applies a bundle folder (or a folder of bundles); `folio import FILE.csv|xlsx --entity NAME` a spreadsheet. */
export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('apply a bundle folder (or a folder of bundles), or a CSV/XLSX file of one entity (--entity), to the cache; prints counts applied, skipped, quarantined')
    .argument('<path>', 'a bundle folder (manifest.json + .ndjson files), a folder of bundle folders, or a .csv/.xlsx file')
    .option('--entity <name>', `CSV/XLSX: what the rows are (${ENTITIES.join(', ')})`)
    .option('--mapping <file>', 'CSV/XLSX: a JSON mapping {"columns": {field: header}, "numberFormat", "dateFormat"} (default: the one saved for these columns, else by header name)')
    .option('--sheet <name>', 'XLSX: the sheet (default: the first with data)')
    .option('--numbers <format>', 'CSV/XLSX: point (1,234.56), comma (1.234,56) or space (1 234,56)')
    .option('--dates <format>', 'CSV/XLSX: YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or MM/DD/YYYY')
    .action(async (dir: string, opts: TabularOptions, cmd: Command) => {
      await withEngine(cmd, io, async (engine) => {
        if (SPREADSHEET.test(dir) || opts.entity) return importTabular(engine, cmd, io, dir, opts);
        const since = engine.platform.now().toISOString();
        const result = await engine.call('data:import', { path: resolve(dir) });
        const lines = await quarantinedLines(engine, result, since);
        print(cmd, io, { ...result, quarantinedLines: lines }, () => importText(result, lines));
        const refused = result.bundles.filter((b) => b.status === 'refused');
        if (refused.length) {
          // a refused bundle is bad input: exit 2, the message names the manifest field at fault
          const err = new FolioError('validation', 'BUNDLE_REFUSED', `${refused.length} bundle(s) refused: ${refused.map((b) => `${b.sourceKey}: ${b.error}`).join('; ')}`, 'manifest.json');
          if (!globalOptions(cmd).json) io.err(`folio: ${err.message}`);
          throw new CliExit(2);
        }
      });
    });
}
