/** CSV / XLSX import (the Data screen's wizard): inspect a file, its saved mapping, check, apply. */
import { appendAudit } from '../audit/log';
import { defineHandlers } from '../engine';
import { entityFields } from '../tabular/convert';
import { savedMapping, saveMapping } from '../tabular/mappings';
import { openTable, type Cell } from '../tabular/read';
import { checkRows, importRows } from '../tabular/rows';

const PREVIEW_ROWS = 20;

export const tabularHandlers = defineHandlers({
  'tabular:inspect': async ({ path, sheet }) => {
    const t = await openTable(path, sheet);
    // the preview rows kept, the rest only counted (a CSV streamed: its size costs no memory)
    const rows: Cell[][] = [];
    const rowCount = await t.eachRow((cells) => {
      if (rows.length < PREVIEW_ROWS) rows.push(cells);
    });
    return {
      path,
      format: t.format,
      sheets: t.sheets,
      sheet: t.sheet,
      delimiter: t.delimiter,
      headers: t.headers,
      rows: rows.map((r) => t.headers.map((_, i) => r[i]?.text ?? '')),
      rowCount,
      entities: entityFields(),
    };
  },
  'tabular:mappings': async ({ path, entity, sheet }, { engine }) => {
    const t = await openTable(path, sheet);
    return { mapping: savedMapping(engine, entity, t.headers) };
  },
  'tabular:preview': async (req, { engine }) => {
    const { table: _table, ...check } = await checkRows(engine, req);
    return check;
  },
  'tabular:import': async (req, { engine, caller }) => {
    const { table, ...result } = await importRows(engine, req);
    await saveMapping(engine, req.entity, table.headers, req.path, req.mapping);
    try {
      await appendAudit(engine, caller, 'import', {
        path: req.path,
        ...(table.sheet ? { sheet: table.sheet } : {}),
        entity: req.entity,
        status: result.status,
        applied: result.applied,
        skipped: result.skipped,
        quarantined: result.quarantined,
      });
    } catch (err) {
      process.emitWarning(`Folio: the audit entry for a spreadsheet import could not be written: ${(err as Error).message}`);
    }
    return result;
  },
});
