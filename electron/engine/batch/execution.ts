/**
 * One batch run going on: feeds the plan's subjects to the Producer with at most `window` in
 * flight, skips those already made, records each outcome as a batch_item row, group-commits the
 * ledger in the background when a save is due, honours pause / cancel / stop between subjects,
 * and settles the run's status at the end (runner.ts holds the runs and starts them).
 */
import type { BatchInput, BatchRun, StatementRequest } from '../../../shared/contract';
import { toErrorData } from '../../../shared/errors';
import type { Database } from '../db/database';
import type { Caller, Engine } from '../engine';
import type { Ledger } from '../ledger/service';
import { requestFor, type Plan } from './plan';
import { ProgressMeter } from './progress';
import { isVarianceFinding } from './report';
import type { BatchDeps, ProduceOutcome, Producer } from './runner';
import { countItems, insertItem, updateRun } from './store';

export type Control = 'run' | 'pause' | 'cancel' | 'stop';

export interface ActiveRun {
  run: BatchRun;
  caller: Caller;
  control: Control;
  wake: (() => void) | null;
  done: Promise<void>;
}

/** What a run needs from the runner that holds it. */
export interface RunHost {
  engine: Engine;
  ledger: Ledger;
  /** subject keys being made now, across runs: a second run waits rather than duplicate */
  claims: Map<string, Promise<void>>;
  now(): string;
  changed(run: BatchRun): void;
  /** whether the engine's batch stopper exists yet, and creating it (see `record`) */
  stopperExists(): boolean;
  useStopper(): void;
}

const DEFAULT_WINDOW = 16;
/** a save re-exports the whole ledger, so its cost grows with the ledger: keep saves to about a
 * tenth of the run's time by spacing them at least SAVE_SPACING × the last save's duration */
const SAVE_SPACING = 9;

type Outcome = Omit<ProduceOutcome, 'status'> & { status: 'COMPLETED' | 'FAILED' | 'SKIPPED' };

export class RunExecution {
  private readonly db: Database;
  private readonly run: BatchRun;
  private readonly window: number;
  private readonly commitEvery: number;
  private readonly commitMs: number;
  private readonly meter: ProgressMeter;
  private readonly inflight = new Set<Promise<void>>();
  /** this run's items from before (a resume): subject key → status and ref */
  private readonly prior = new Map<string, { status: string; ref: string | null }>();
  private seq: number;
  private done = 0;
  private sinceCommit = 0;
  private lastCommit = performance.now();
  private lastSaveMs = 0;
  private producer: Producer | null = null;
  private afterCommit: (() => void) | undefined;
  private stopperUsed: boolean;
  private pendingCommit: Promise<void> | null = null;
  private commitFailed: unknown = null;

  constructor(
    private readonly host: RunHost,
    private readonly a: ActiveRun,
    private readonly plan: Plan,
    private readonly input: BatchInput,
    private readonly d: BatchDeps,
    private readonly cache: Database,
  ) {
    this.db = host.ledger.db;
    this.run = a.run;
    this.window = input.concurrency ?? DEFAULT_WINDOW;
    this.commitEvery = d.commitEvery ?? 500;
    this.commitMs = d.commitMs ?? 1000;
    this.meter = new ProgressMeter(this.run.id, `${this.run.kind} batch`, (p) => host.engine.emit('progress', p));
    for (const r of this.db.iterate<{ subject_key: string; status: string; statement_ref: string | null }>(
      'SELECT subject_key, status, statement_ref FROM batch_item WHERE run_id = ?',
      [this.run.id],
    )) {
      this.prior.set(r.subject_key, { status: r.status, ref: r.statement_ref });
    }
    this.seq = (this.db.value<number>('SELECT coalesce(max(seq), 0) FROM batch_item WHERE run_id = ?', [this.run.id]) ?? 0) + 1;
    this.stopperUsed = host.stopperExists();
  }

  /** Runs to the end of the plan, a cancel or a stop (a pause waits inside), then settles. */
  async execute(): Promise<void> {
    const { a } = this;
    try {
      this.producer = await this.d.createProducer(this.host.engine, this.run, a.caller);
      this.afterCommit = this.producer.afterCommit?.bind(this.producer);
      for (const id of this.plan.ids) {
        if (a.control === 'pause') await this.pauseHere();
        if (a.control === 'cancel' || a.control === 'stop') break;
        await this.feed(id);
      }
      await this.drain();
      await this.closeProducer();
      await this.settle(a.control === 'cancel' ? 'CANCELLED' : a.control === 'stop' ? 'INTERRUPTED' : 'COMPLETED');
      this.meter.update(this.done, this.plan.ids.length, true);
    } catch (err) {
      await this.drain().catch(() => undefined);
      await this.closeProducer();
      this.run.message = toErrorData(err).message;
      await this.settle('FAILED').catch(() => undefined);
      this.meter.update(this.done, this.plan.ids.length, true);
    } finally {
      await this.closeProducer();
    }
  }

  /** Paused: the statements in flight finish, the run is saved PAUSED, then waits for resume/cancel/stop. */
  private async pauseHere(): Promise<void> {
    const { a, db, run } = this;
    await this.drain();
    await this.settle('PAUSED');
    this.meter.resetRate();
    while (a.control === 'pause') await new Promise<void>((r) => (a.wake = r));
    a.wake = null;
    if (a.control === 'run') {
      run.status = 'RUNNING';
      run.message = null;
      db.transaction(() => updateRun(db, run));
      this.host.changed(run);
    }
  }

  /** One subject: skipped when made already, else started once the window has room. */
  private async feed(id: string): Promise<void> {
    const request = requestFor(this.plan, id);
    const key = this.d.keyOf(request);
    await this.claimFree(key);
    const existing = this.d.findCompleted(this.db, key);
    if (this.alreadyMade(key, id, existing)) return;
    while (this.inflight.size >= this.window) await Promise.race(this.inflight);
    this.startOne(request, key, id, existing);
    if (this.commitFailed) throw this.commitFailed;
    this.commitIfDue();
  }

  /** Waits while another run is making the same subject. */
  private async claimFree(key: string): Promise<void> {
    let claim = this.host.claims.get(key);
    while (claim) {
      await claim;
      claim = this.host.claims.get(key);
    }
  }

  /** Made before, by this run (its item stays as it is) or by another (recorded as SKIPPED). */
  private alreadyMade(key: string, id: string, existing: string | null): boolean {
    const before = this.prior.get(key);
    if (!this.input.reissue && existing) {
      if (before && before.status !== 'FAILED' && before.ref === existing) this.done++;
      else this.record(key, id, { status: 'SKIPPED', ref: existing, findings: [] });
      this.meter.update(this.done, this.plan.ids.length);
      return true;
    }
    if (this.input.reissue && before && before.status !== 'FAILED' && before.ref && existing) {
      this.done++; // re-issued already by this run
      return true;
    }
    return false;
  }

  /** Starts making one statement, holding the subject's claim until it is recorded. */
  private startOne(request: StatementRequest, key: string, id: string, existing: string | null): void {
    let release!: () => void;
    this.host.claims.set(key, new Promise<void>((r) => (release = r)));
    const p = this.producer!
      .produce(request, key, this.input.reissue ? existing : null)
      .catch((err: unknown): ProduceOutcome => {
        const e = toErrorData(err);
        return { status: 'FAILED', ref: null, findings: [{ severity: 'ERROR', code: e.code, message: e.message }], error: e.message };
      })
      .then((out) => this.record(key, id, out))
      .finally(() => {
        this.host.claims.delete(key);
        release();
        this.inflight.delete(p);
      });
    this.inflight.add(p);
  }

  /** Writes the outcome as a batch_item row (saved by the next group commit). */
  private record(key: string, id: string, out: Outcome): void {
    const { db, run } = this;
    db.transaction(() =>
      insertItem(
        db,
        run.id,
        this.seq++,
        {
          subject: key,
          subjectId: id,
          subjectName: out.subjectName ?? subjectName(this.cache, this.plan, id),
          status: out.status,
          statementRef: out.ref,
          needsReview: out.findings.some((f) => f.severity === 'WARNING' && isVarianceFinding(f)),
          findings: out.findings.map((f) => ({ severity: f.severity, code: f.code, message: f.message })),
        },
        this.host.now(),
      ),
    );
    this.done++;
    this.sinceCommit++;
    this.meter.update(this.done, this.plan.ids.length);
    if (!this.stopperUsed && out.status !== 'SKIPPED') {
      // created once a statement came back, so after the services it used (render pool …): the
      // engine closes it before them, and the statements in flight finish
      this.stopperUsed = true;
      this.host.useStopper();
    }
  }

  private commitDue(): boolean {
    if (this.sinceCommit === 0) return false;
    const elapsed = performance.now() - this.lastCommit;
    const spacing = SAVE_SPACING * this.lastSaveMs;
    return elapsed >= Math.max(this.commitMs, spacing) || (this.sinceCommit >= this.commitEvery && elapsed >= spacing);
  }

  /** The save runs while the pipeline keeps going; the next one waits for it. */
  private commitIfDue(): void {
    if (this.pendingCommit || !this.commitDue()) return;
    this.pendingCommit = this.commit()
      .catch((err: unknown) => {
        this.commitFailed = err;
      })
      .finally(() => (this.pendingCommit = null));
  }

  /** Saves the run's counts and every row written since the last save. */
  private async commit(): Promise<void> {
    const { db, run } = this;
    run.counts = { planned: this.plan.ids.length, ...countItems(db, run.id) };
    db.transaction(() => updateRun(db, run));
    this.sinceCommit = 0;
    const t = performance.now();
    await this.host.ledger.writer.commit();
    this.lastCommit = performance.now();
    this.lastSaveMs = this.lastCommit - t;
    this.host.changed(run);
    this.afterCommit?.();
  }

  /** Waits for the statements in flight and the save going on; a failed save fails the run. */
  private async drain(): Promise<void> {
    while (this.inflight.size) await Promise.race(this.inflight);
    if (this.pendingCommit) await this.pendingCommit;
    if (this.commitFailed) throw this.commitFailed;
  }

  private async closeProducer(): Promise<void> {
    const p = this.producer;
    this.producer = null;
    await p?.close().catch(() => undefined);
  }

  private async settle(status: BatchRun['status']): Promise<void> {
    const { run } = this;
    run.status = status;
    const ending = status !== 'PAUSED' && status !== 'RUNNING';
    run.endedAt = ending ? this.host.now() : null;
    if (status === 'CANCELLED') run.message = 'cancelled; statements already made stay made';
    if (status === 'INTERRUPTED') run.message = 'the engine closed during the run; resume it or run the same batch again';
    if (status === 'PAUSED') run.message = 'paused';
    await this.commit();
  }
}

/** A readable name for the report: the customer and contract, or the party. */
export function subjectName(cache: Database, plan: Plan, id: string): string {
  if (plan.kind === 'billing') {
    const r = cache.get<{ name: string | null; type: string }>(
      'SELECT p.name AS name, c.type AS type FROM contracts c LEFT JOIN parties p ON p.id = c.customer_id WHERE c.id = ?',
      [id],
    );
    return r ? `${r.name ?? '?'} (${r.type} ${id})` : id;
  }
  return cache.value<string>('SELECT name FROM parties WHERE id = ?', [id]) ?? id;
}
