import { z } from 'zod';
import { BATCH_KINDS, type BatchKind } from '../statement-types';
import { command, empty, id, isoDate, yearMonth } from './define';

/** the types with a batch definition in the statement-type registry */
export { BATCH_KINDS, type BatchKind } from '../statement-types';
export type BatchStatus = 'RUNNING' | 'PAUSED' | 'CANCELLED' | 'COMPLETED' | 'FAILED' | 'INTERRUPTED';

export const batchInput = z
  .object({
    kind: z.enum(BATCH_KINDS),
    /** billing: the period */
    period: yearMonth.optional(),
    /** client/settlement: the date range; ar-aging: asOf */
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    asOf: isoDate.optional(),
    contractTypes: z.array(z.enum(['revenue_share', 'per_labor_hour', 'fixed_fee'])).optional(),
    /** customer / client ids; empty means every party with activity */
    partyIds: z.array(id).optional(),
    shard: z
      .object({ index: z.number().int().min(1), count: z.number().int().min(1).max(10000) })
      .strict()
      .refine((s) => s.index <= s.count, { message: 'shard K/N needs 1 ≤ K ≤ N', path: ['index'] })
      .optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
    /** output format of every statement (default pdf) */
    format: z.enum(['pdf', 'html', 'text']).optional(),
    reissue: z.boolean().default(false),
  })
  .strict();
export type BatchInput = z.infer<typeof batchInput>;

export interface BatchCounts {
  planned: number;
  completed: number;
  failed: number;
  warnings: number;
  skipped: number;
}

export interface BatchRun {
  id: string;
  kind: BatchKind;
  filters: BatchInput;
  status: BatchStatus;
  counts: BatchCounts;
  startedAt: string;
  endedAt: string | null;
  startedBy: string;
  /** the machine that ran it (shards run on several) */
  host: string;
  /** why it stopped, when it did not complete normally */
  message: string | null;
}

export interface BatchItemOutcome {
  /** the statement's subject key (`billing|<contract>|2026-01`) */
  subject: string;
  /** the contract id (billing) or party id */
  subjectId: string;
  subjectName: string;
  /** a historical-variance warning: an accountant should review the statement */
  needsReview: boolean;
  status: 'COMPLETED' | 'FAILED' | 'SKIPPED';
  statementRef: string | null;
  findings: Array<{ severity: 'ERROR' | 'WARNING'; code: string; message: string }>;
}

export const batchCommands = {
  'batch:start': command<BatchRun>()(batchInput, 'accountant'),
  'batch:list': command<BatchRun[]>()(empty, 'viewer'),
  'batch:get': command<{ run: BatchRun; items: BatchItemOutcome[]; total: number }>()(
    z
      .object({
        id,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(10000).default(500),
        onlyProblems: z.boolean().default(false),
      })
      .strict(),
    'viewer',
  ),
  'batch:pause': command<BatchRun>()(z.object({ id }).strict(), 'accountant'),
  'batch:resume': command<BatchRun>()(z.object({ id }).strict(), 'accountant'),
  'batch:cancel': command<BatchRun>()(z.object({ id }).strict(), 'accountant'),
  /** the run report as CSV text */
  'batch:report': command<{ fileName: string; csv: string }>()(z.object({ id }).strict(), 'viewer'),
} as const;
