/**
 * Planning: which subjects a run covers, as a compact list of ids (never models), filtered to the
 * run's shard. Derived from the statement-type registry: a kind's `batch` definition
 * (shared/statement-types) says which filter each subject id fills and which of the run's fields
 * every request copies (required unless defaulted); its engine entry (statements/registry.ts)
 * lists the subjects. Rules (docs/rules.md "Batch"):
 * - billing: every contract of the chosen types and customers whose [start_date, end_date]
 *   overlaps the period, whatever its status (a SUSPENDED one fails validation and is reported);
 * - client: every client with a payment item posted in the range, or the listed clients;
 * - settlement: every client with a settlement settled in the range, or the listed clients;
 * - ar-aging: every party with an open billing item as of the date, or the listed parties.
 */
import type { BatchInput, BatchKind, StatementRequest } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { STATEMENT_TYPE_DEFS, type BatchRunField, type BatchSpec, type StatementTypeDef } from '../../../shared/statement-types';
import type { Database } from '../db/database';
import { monthBounds } from '../statements/batch-subjects';
import { batchSubjectsOf } from '../statements/registry';
import { inShard } from './shard';

export interface PlannedSubject {
  /** contract id (billing) or party id */
  id: string;
}

export interface Plan {
  kind: BatchKind;
  /** the normalised run fields the requests are built from (null: not a field of this kind) */
  period: string | null;
  dateFrom: string | null;
  dateTo: string | null;
  asOf: string | null;
  /** subject ids in this shard, in id order */
  ids: string[];
  /** subjects matching the filters before sharding */
  matched: number;
}

export type SubjectKeyFn = (request: StatementRequest) => string;

type BatchDefs = Readonly<Record<string, StatementTypeDef>>;

function batchDef(kind: BatchKind, defs: BatchDefs = STATEMENT_TYPE_DEFS): StatementTypeDef & { batch: BatchSpec } {
  const def = defs[kind];
  if (!def?.batch) throw new FolioError('validation', 'UNKNOWN_KIND', `kind: ${kind} statements are not made in batches`, 'kind');
  return def as StatementTypeDef & { batch: BatchSpec };
}

/** The statement request for one planned subject: the subject's filter plus the run's fields (`defs`: the registry). */
export function requestFor(plan: Plan, id: string, defs: BatchDefs = STATEMENT_TYPE_DEFS): StatementRequest {
  const spec = batchDef(plan.kind, defs).batch;
  const filters: Record<string, string> = { [spec.subject]: id };
  for (const r of spec.run) filters[r.filter] = plan[r.input]!;
  return { type: plan.kind, filters } as StatementRequest;
}

export const periodBounds = monthBounds;

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

/** Listed parties must exist: a typo in a 5,000-id list is named, not silently skipped. */
function checkParties(cache: Database, ids: string[], field: string): void {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found = new Set(
      cache.all<{ id: string }>(`SELECT id FROM parties WHERE id IN (${placeholders(chunk.length)})`, chunk).map((r) => r.id),
    );
    const missing = chunk.find((id) => !found.has(id));
    if (missing !== undefined) {
      throw new FolioError('validation', 'UNKNOWN_PARTY', `${field}: there is no party with id ${missing} in the cache`, field);
    }
  }
}

/** The run's fields of this kind, defaulted (as-of: today) or else required; a range must not run backwards. */
function runFields(def: StatementTypeDef & { batch: BatchSpec }, kind: BatchKind, input: BatchInput, today: string): Partial<Record<BatchRunField, string>> {
  const fields: Partial<Record<BatchRunField, string>> = {};
  for (const r of def.batch.run) {
    const value = input[r.input] ?? (r.default === 'today' ? today : undefined);
    if (value === undefined) {
      throw new FolioError('validation', 'MISSING_FILTER', `${r.input}: is required for a ${kind} batch`, r.input);
    }
    fields[r.input] = value;
  }
  if (def.range) {
    const input = (filter: string) => def.batch.run.find((r) => r.filter === filter)?.input;
    const [fromField, toField] = [input(def.range[0]), input(def.range[1])];
    const [from, to] = [fromField && fields[fromField], toField && fields[toField]];
    if (from && to && from > to) throw new FolioError('validation', 'BAD_RANGE', `${toField}: ${to} is before ${fromField} ${from}`, toField);
  }
  return fields;
}

/**
 * Plans a run. `today` is the local calendar date (AR default as-of). Throws a validation
 * FolioError naming the field for bad or missing filters; nothing is recorded then.
 */
export function planRun(cache: Database, input: BatchInput, keyOf: SubjectKeyFn, today: string): Plan {
  const kind = input.kind;
  const def = batchDef(kind);
  const listed = input.partyIds && input.partyIds.length ? [...new Set(input.partyIds)].sort() : null;
  if (listed) checkParties(cache, listed, 'partyIds');
  const fields = runFields(def, kind, input, today);
  const plan: Plan = { kind, period: null, dateFrom: null, dateTo: null, asOf: null, ...fields, ids: [], matched: 0 };
  const filters = Object.fromEntries(def.batch.run.map((r) => [r.filter, fields[r.input]!]));
  const source = batchSubjectsOf(kind)(cache, { filters, contractTypes: def.batch.contractTypes ? input.contractTypes : undefined, listed });
  for (const id of source) {
    plan.matched++;
    if (inShard(keyOf(requestFor(plan, id)), input.shard)) plan.ids.push(id);
  }
  return plan;
}
