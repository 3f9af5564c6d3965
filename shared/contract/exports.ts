import { z } from 'zod';
import { command, id, isoDate } from './define';
import { STATEMENT_TYPES, statementRequest } from './statements';

/** Exporting a grid to a spreadsheet file: CSV (UTF-8 with BOM) or XLSX (real number and date cells). */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_GRIDS = ['preview', 'history', 'batch', 'quarantine'] as const;
export type ExportGrid = (typeof EXPORT_GRIDS)[number];

/** The file: written to `path` when one was given (durably), else its bytes for a browser download. */
export interface ExportResult {
  grid: ExportGrid;
  format: ExportFormat;
  fileName: string;
  mime: string;
  /** data rows written (totals not counted) */
  rows: number;
  sizeBytes: number;
  /** where it was written, or null when the bytes are returned */
  path: string | null;
  /** the file's bytes, base64, when no path was given */
  base64: string | null;
}

const target = {
  format: z.enum(EXPORT_FORMATS),
  /** a path the user chose (save dialog); absent: the bytes come back */
  path: z.string().min(1, 'is required').max(4096, 'is longer than any file path').optional(),
};

export const exportGridInput = z.discriminatedUnion('grid', [
  z
    .object({
      grid: z.literal('history'),
      filters: z
        .object({ clientId: id.optional(), type: z.enum(STATEMENT_TYPES).optional(), generatedFrom: isoDate.optional(), generatedTo: isoDate.optional() })
        .strict()
        .default({}),
      ...target,
    })
    .strict(),
  z.object({ grid: z.literal('batch'), id, onlyProblems: z.boolean().default(false), ...target }).strict(),
  z.object({ grid: z.literal('quarantine'), ...target }).strict(),
]);

export const exportCommands = {
  /** the whole statement of a preview (every line, not the grid's loaded page), its totals and summaries */
  'export:statement': command<ExportResult>()(z.object({ request: statementRequest, ...target }).strict(), 'accountant'),
  /** history (the filtered list), a batch run's items, the quarantined lines */
  'export:grid': command<ExportResult>()(exportGridInput, 'viewer'),
} as const;
