/**
 * The batch runner: one service per engine holding the runs going on now. A run plans its
 * subjects (ids only), then feeds them one at a time to a Producer with a bounded number in
 * flight (the window), writes each outcome as a batch_item row, and group-commits the ledger
 * every `commitEvery` statements or `commitMs` milliseconds, spaced so that saves (which export
 * the whole ledger) take about a tenth of the run's time. Counts shown as durable (the run
 * record, `batch:changed`) are those of the last save; progress shows what was processed.
 *
 * Pause and cancel stop feeding, let the statements in flight finish (made ones stay made),
 * save, and set the status. Resume re-plans from the stored filters and makes only what is
 * missing: a subject is done when the ledger holds a COMPLETED statement with its subject key.
 * One run's feeding, recording and saving is execution.ts.
 */
import { hostname } from 'node:os';
import type { BatchInput, BatchRun, Finding, StatementRequest } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import type { Database } from '../db/database';
import { cacheDb } from '../db/stores';
import { defineService, type Caller, type Engine } from '../engine';
import { ledgerService, onLedgerStart, type Ledger } from '../ledger/service';
import { engineToday } from '../statements/context';
import { RunExecution, type ActiveRun, type Control, type RunHost } from './execution';
import { batchWiring } from './pipeline';
import { planRun, type Plan, type SubjectKeyFn } from './plan';
import { countItems, getRun, insertRun, markInterrupted, runKey, updateRun } from './store';

export interface ProduceOutcome {
  status: 'COMPLETED' | 'FAILED';
  ref: string | null;
  findings: Finding[];
  /** the party's display name from the model, when known */
  subjectName?: string;
  error?: string;
}

/** Makes one statement: compute, render, store the file, write its ledger rows (not yet saved). */
export interface Producer {
  /** `reissueOf`: the COMPLETED statement this one re-issues (reissue runs), else null */
  produce(request: StatementRequest, subjectKey: string, reissueOf: string | null): Promise<ProduceOutcome>;
  /** called once the run stops feeding, before its last save */
  close(): Promise<void>;
  /** called after each group commit: the statements made so far are durable */
  afterCommit?(): void;
}

export interface BatchDeps {
  keyOf: SubjectKeyFn;
  /** the ref of a COMPLETED statement with this subject key, or null */
  findCompleted(ledger: Database, subjectKey: string): string | null;
  createProducer(engine: Engine, run: BatchRun, caller: Caller): Promise<Producer>;
  /** statements per group commit and the longest time between two (defaults 500 / 1000 ms) */
  commitEvery?: number;
  commitMs?: number;
}

// a run left RUNNING or PAUSED by a process that stopped becomes INTERRUPTED when the ledger opens
onLedgerStart(async function markInterruptedRuns(engine, ledger) {
  const n = markInterrupted(ledger.db, engine.platform.now().toISOString());
  if (n > 0) await ledger.writer.commit();
});

export class BatchRunner {
  private readonly active = new Map<string, ActiveRun>();
  /** subject keys being made now, across runs: a second run waits rather than duplicate */
  private readonly claims = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly engine: Engine,
    private readonly ledger: Ledger,
    private readonly deps: BatchDeps,
  ) {}

  private now(): string {
    return this.engine.platform.now().toISOString();
  }

  private localToday(): string {
    return engineToday(this.engine);
  }

  private changed(run: BatchRun): void {
    this.engine.emit('batch:changed', { ...run, counts: { ...run.counts } });
  }

  /** Starts a run (or resumes an unfinished run of the same batch) and returns it at once. */
  async start(input: BatchInput, caller: Caller): Promise<BatchRun> {
    const d = this.deps;
    const cache = await this.engine.use(cacheDb);
    const plan = planRun(cache, input, d.keyOf, this.localToday());
    // AR: the as-of date is fixed when the run starts, so a resume tomorrow makes the same statements
    if (input.kind === 'ar-aging' && !input.asOf) input = { ...input, asOf: plan.asOf! };
    const db = this.ledger.db;
    const key = runKey(input);
    for (const a of this.active.values()) {
      const f = a.run.filters;
      if (runKey(f) === key && f.shard?.index === input.shard?.index && f.shard?.count === input.shard?.count) {
        return { ...a.run, counts: { ...a.run.counts } }; // the same batch is going on now
      }
    }
    const unfinished = db.get<{ id: string }>(
      `SELECT id FROM batch_run WHERE run_key = ? AND coalesce(shard_index, 0) = ? AND coalesce(shard_count, 0) = ?
         AND status IN ('INTERRUPTED', 'CANCELLED', 'PAUSED', 'FAILED') ORDER BY started_at DESC LIMIT 1`,
      [key, input.shard?.index ?? 0, input.shard?.count ?? 0],
    );
    if (unfinished && !this.active.has(unfinished.id)) return this.launch(getRun(db, unfinished.id), plan, caller, input);
    const run: BatchRun = {
      id: `B-${Date.now()}-${Math.random().toString(16).slice(2, 10).toUpperCase().padEnd(8, '0')}`,
      kind: input.kind,
      filters: input,
      status: 'RUNNING',
      counts: { planned: plan.ids.length, completed: 0, failed: 0, warnings: 0, skipped: 0 },
      startedAt: this.now(),
      endedAt: null,
      startedBy: caller.user,
      host: hostname(),
      message: null,
    };
    db.transaction(() => insertRun(db, run));
    await this.ledger.writer.commit();
    return this.launch(run, plan, caller, input);
  }

  /** Resumes a paused run, or an interrupted/cancelled/failed one (re-planned from its filters). */
  async resume(id: string, caller: Caller): Promise<BatchRun> {
    const a = this.active.get(id);
    if (a) {
      if (a.control === 'pause') {
        a.control = 'run';
        a.wake?.();
      }
      return { ...a.run, counts: { ...a.run.counts } };
    }
    const run = getRun(this.ledger.db, id);
    if (run.status === 'COMPLETED') {
      throw new FolioError('conflict', 'BATCH_FINISHED', `Batch run ${id} is already complete; start the batch again to check for anything new`, 'id');
    }
    const cache = await this.engine.use(cacheDb);
    const plan = planRun(cache, run.filters, this.deps.keyOf, this.localToday());
    return this.launch(run, plan, caller, run.filters);
  }

  private launch(run: BatchRun, plan: Plan, caller: Caller, input: BatchInput): BatchRun {
    if (this.closed) throw new FolioError('internal', 'ENGINE_CLOSED', 'The engine is shutting down');
    const db = this.ledger.db;
    run.status = 'RUNNING';
    run.endedAt = null;
    run.message = null;
    run.counts = { planned: plan.ids.length, ...countItems(db, run.id) };
    db.transaction(() => updateRun(db, run));
    const a: ActiveRun = { run, caller, control: 'run', wake: null, done: Promise.resolve() };
    this.active.set(run.id, a);
    a.done = this.execute(a, plan, input).finally(() => this.active.delete(run.id));
    this.changed(run);
    return { ...run, counts: { ...run.counts } };
  }

  pause(id: string): BatchRun {
    return this.control(id, 'pause');
  }

  async cancel(id: string): Promise<BatchRun> {
    if (!this.active.has(id)) {
      const db = this.ledger.db;
      const run = getRun(db, id);
      if (run.status === 'COMPLETED' || run.status === 'CANCELLED') return run;
      run.status = 'CANCELLED';
      run.endedAt = this.now();
      run.message = 'cancelled';
      db.transaction(() => updateRun(db, run));
      await this.ledger.writer.commit();
      this.changed(run);
      return run;
    }
    return this.control(id, 'cancel');
  }

  private control(id: string, c: Control): BatchRun {
    const a = this.active.get(id);
    if (!a) {
      const run = getRun(this.ledger.db, id);
      throw new FolioError('conflict', 'BATCH_NOT_RUNNING', `Batch run ${id} is ${run.status}, not running`, 'id');
    }
    if (a.control !== 'stop' && a.control !== 'cancel') a.control = c;
    a.wake?.();
    return { ...a.run, counts: { ...a.run.counts } };
  }

  /** Resolves when the run is no longer going (finished, paused stays going). */
  async wait(id: string): Promise<BatchRun> {
    const a = this.active.get(id);
    if (a) await a.done;
    return getRun(this.ledger.db, id);
  }

  isActive(id: string): boolean {
    return this.active.has(id);
  }

  /** The live record of a run going on now (counts as of the last save), else null. */
  current(id: string): BatchRun | null {
    const a = this.active.get(id);
    return a ? { ...a.run, counts: { ...a.run.counts } } : null;
  }

  get db(): Database {
    return this.ledger.db;
  }

  /** Stops every run (engine closing): in-flight statements finish, the runs become INTERRUPTED. */
  async close(): Promise<void> {
    this.closed = true;
    for (const a of this.active.values()) {
      a.control = 'stop';
      a.wake?.();
    }
    await Promise.all([...this.active.values()].map((a) => a.done.catch(() => undefined)));
  }

  private async execute(a: ActiveRun, plan: Plan, input: BatchInput): Promise<void> {
    const d = this.deps;
    const cache = await this.engine.use(cacheDb);
    const host: RunHost = {
      engine: this.engine,
      ledger: this.ledger,
      claims: this.claims,
      now: () => this.now(),
      changed: (run) => this.changed(run),
      stopperExists: () => this.engine.peek(batchStopper) !== null,
      useStopper: () => void this.engine.use(batchStopper).catch(() => undefined),
    };
    await new RunExecution(host, a, plan, input, d, cache).execute();
    if (a.run.status !== 'PAUSED') this.notify(a.run);
  }

  private notify(run: BatchRun): void {
    const c = run.counts;
    const title = `Folio: ${run.kind} batch ${run.status.toLowerCase()}`;
    const body = `${c.completed} made, ${c.skipped} already made, ${c.failed} failed, ${c.warnings} with warnings (of ${c.planned})`;
    try {
      this.engine.platform.notify?.(title, body);
    } catch {
      // a notification that cannot be shown never fails the run
    }
  }
}

export const batchRunner = defineService<BatchRunner>(
  'batch-runner',
  async (engine) => new BatchRunner(engine, await engine.use(ledgerService), await engine.use(batchWiring)),
  (runner) => runner.close(),
);

/** Stops the runs when the engine closes, before the services they use are disposed. */
const batchStopper = defineService<BatchRunner>(
  'batch-stopper',
  (engine) => engine.use(batchRunner),
  (runner) => runner.close(),
);
