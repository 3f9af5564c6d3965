/**
 * Wires the batch runner to the statement, rendering and ledger parts (placeholder until the
 * producer lands: see producer.ts).
 */
import { subjectKey } from '../statements';
import { setBatchDeps } from './runner';
import type { Database } from '../db/database';
import { FolioError } from '../../../shared/errors';

export function findCompletedRef(ledger: Database, key: string): string | null {
  return (
    ledger.value<string>(
      `SELECT statement_ref FROM generated_statement WHERE subject_key = ? AND generation_status_cd = 'COMPLETED'
        ORDER BY generated_statement_id DESC LIMIT 1`,
      [key],
    ) ?? null
  );
}

setBatchDeps({
  keyOf: subjectKey,
  findCompleted: findCompletedRef,
  createProducer: async () => {
    throw new FolioError('internal', 'BATCH_NOT_WIRED', 'The batch producer is not available in this build yet');
  },
});
