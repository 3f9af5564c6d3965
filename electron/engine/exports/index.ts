/**
 * Exporting a grid: the engine builds the table from its own data (the whole statement, the whole
 * filtered history, every item of a run, every quarantined line — never the rows a grid has
 * loaded), writes it as CSV or XLSX, and either writes the file durably where the user chose
 * (write to temp, fsync, rename) or returns its bytes for a browser download. Audited as `export`.
 */
import { resolve } from 'node:path';
import type { ExportFormat, ExportResult, ParsedInput, StatementRequest } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { appendAudit } from '../audit/log';
import { batchTable } from '../batch/report';
import { getRun, listItems } from '../batch/store';
import { quarantinePage } from '../cache/queries';
import { cacheDb } from '../db/stores';
import type { Caller, Engine } from '../engine';
import { writeFileDurable } from '../fs/durable';
import { listHistory } from '../ledger/history';
import { invoicedItems } from '../ledger/records';
import { ledgerForReading } from '../ledger/service';
import { buildComputeContext, computeStatement } from '../statements';
import { writeCsv } from '../sheets/csv';
import { historyTable, quarantineTable } from './ledger-tables';
import { statementTable } from './statement-table';
import { MIME, safeFileStem, type ExportFile, type ExportTable } from '../sheets/table';
import { writeXlsx } from '../sheets/xlsx';

export { writeCsv } from '../sheets/csv';
export { writeXlsx } from '../sheets/xlsx';
export { historyTable, quarantineTable } from './ledger-tables';
export { statementTable } from './statement-table';
export type { ExportTable } from '../sheets/table';

/** Every row of a grid, at most this many (a spreadsheet holds 1,048,576 rows). */
const MAX_ROWS = 1_000_000;

/** The whole statement of a request, as generate would compute it (every line, no page). */
export async function statementExportTable(engine: Engine, request: StatementRequest): Promise<ExportTable> {
  const ledger = request.type === 'invoice' ? await ledgerForReading(engine) : null;
  const ctx = await buildComputeContext(engine, ledger ? { invoicedItems: (ids) => invoicedItems(ledger, ids) } : {});
  return statementTable(computeStatement(request, ctx));
}

export async function gridExportTable(engine: Engine, input: ParsedInput<'export:grid'>): Promise<ExportTable> {
  switch (input.grid) {
    case 'history': {
      const { rows } = listHistory(await ledgerForReading(engine), { ...input.filters, offset: 0, limit: MAX_ROWS });
      return historyTable(rows, input.filters);
    }
    case 'batch': {
      const db = await ledgerForReading(engine);
      const run = getRun(db, input.id);
      const { items } = listItems(db, run.id, { offset: 0, limit: MAX_ROWS, onlyProblems: input.onlyProblems });
      return batchTable(run, items, true);
    }
    case 'quarantine':
      return quarantineTable(quarantinePage(await engine.use(cacheDb), 0, MAX_ROWS).rows);
  }
}

export async function renderExport(table: ExportTable, format: ExportFormat): Promise<ExportFile> {
  const bytes = format === 'csv' ? Buffer.from(writeCsv(table), 'utf8') : await writeXlsx(table);
  return { fileName: `${safeFileStem(table.fileStem)}.${format}`, mime: MIME[format], bytes, rows: table.rows.length };
}

/** Writes (or returns) the export and records it in the audit log. */
export async function deliverExport(
  engine: Engine,
  caller: Caller,
  table: ExportTable,
  opts: { format: ExportFormat; path?: string | undefined; details?: Record<string, unknown> },
): Promise<ExportResult> {
  const file = await renderExport(table, opts.format);
  let path: string | null = null;
  if (opts.path) {
    path = resolve(opts.path);
    try {
      await writeFileDurable(path, file.bytes);
    } catch (err) {
      throw new FolioError('io', 'EXPORT_FAILED', `Could not write ${path}: ${(err as Error).message}`, 'path');
    }
  }
  await appendAudit(engine, caller, 'export', { grid: table.grid, format: opts.format, rows: file.rows, fileName: file.fileName, path, ...opts.details });
  return {
    grid: table.grid,
    format: opts.format,
    fileName: file.fileName,
    mime: file.mime,
    rows: file.rows,
    sizeBytes: file.bytes.length,
    path,
    base64: path ? null : Buffer.from(file.bytes).toString('base64'),
  };
}
