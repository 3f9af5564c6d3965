import type { Command } from 'commander';
import { isoDate, STATEMENT_TYPES, type StatementRecord, type StatementType } from '../../../shared/contract';
import { print, usageError, withEngine, type CliIo } from '../context';

function row(r: StatementRecord): string {
  const size = r.fileSizeBytes === null ? '' : `${r.fileSizeBytes} B`;
  return [r.generatedDt, r.statementRef, r.type, r.clientId ?? '-', r.generationStatusCd, r.uploadStatus, size, r.errorMessage ?? ''].join('  ').trimEnd();
}

/** `folio history [--client ID] [--type TYPE] [--generated-from DATE] [--generated-to DATE]`: ledger records, newest first. */
export function registerHistory(program: Command, io: CliIo): void {
  program
    .command('history')
    .description('list ledger records, newest first')
    .option('--client <id>', 'only this client (or invoiced party)')
    .option('--type <type>', `only this type (${STATEMENT_TYPES.join(', ')})`)
    .option('--generated-from <date>', 'generated on or after this day (YYYY-MM-DD, UTC)')
    .option('--generated-to <date>', 'generated on or before this day (YYYY-MM-DD, UTC)')
    .option('--offset <n>', 'skip this many records', '0')
    .option('--limit <n>', 'at most this many records', '200')
    .action(async (o: { client?: string; type?: string; generatedFrom?: string; generatedTo?: string; offset: string; limit: string }, cmd: Command) => {
      if (o.type !== undefined && !(STATEMENT_TYPES as readonly string[]).includes(o.type)) {
        throw usageError('--type', `"${o.type}" is not a statement type (${STATEMENT_TYPES.join(', ')})`);
      }
      for (const [opt, v] of [['--generated-from', o.generatedFrom], ['--generated-to', o.generatedTo]] as const) {
        if (v !== undefined && !isoDate.safeParse(v).success) throw usageError(opt, 'must be a real date YYYY-MM-DD');
      }
      if (o.generatedFrom && o.generatedTo && o.generatedFrom > o.generatedTo) throw usageError('--generated-from', 'is after --generated-to');
      const offset = Number(o.offset);
      const limit = Number(o.limit);
      if (!Number.isInteger(offset) || offset < 0) throw usageError('--offset', 'must be a whole number, 0 or more');
      if (!Number.isInteger(limit) || limit < 1 || limit > 10000) throw usageError('--limit', 'must be a whole number from 1 to 10000');
      const page = await withEngine(cmd, io, (engine) =>
        engine.call('history:list', {
          offset,
          limit,
          ...(o.client ? { clientId: o.client } : {}),
          ...(o.type ? { type: o.type as StatementType } : {}),
          ...(o.generatedFrom ? { generatedFrom: o.generatedFrom } : {}),
          ...(o.generatedTo ? { generatedTo: o.generatedTo } : {}),
        }),
      );
      print(cmd, io, page.rows, () =>
        page.rows.length
          ? [`${page.total} statement${page.total === 1 ? '' : 's'}${page.total > page.rows.length ? ` (${page.rows.length} shown)` : ''}`, ...page.rows.map(row)].join('\n')
          : 'no statements match',
      );
    });
}
