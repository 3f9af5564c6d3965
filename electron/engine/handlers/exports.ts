/** export:* handlers: a grid as CSV or XLSX, built by the engine from its own data (exports/). */
import { defineHandlers } from '../engine';
import { deliverExport, gridExportTable, statementExportTable } from '../exports';

export const exportHandlers = defineHandlers({
  'export:statement': async ({ request, format, path }, { engine, caller }) => {
    const table = await statementExportTable(engine, request);
    return deliverExport(engine, caller, table, { format, path, details: { type: request.type, filters: request.filters } });
  },
  'export:grid': async (input, { engine, caller }) => {
    const table = await gridExportTable(engine, input);
    const details = input.grid === 'history' ? { filters: input.filters } : input.grid === 'batch' ? { runId: input.id, onlyProblems: input.onlyProblems } : {};
    return deliverExport(engine, caller, table, { format: input.format, path: input.path, details });
  },
});
