import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BatchRun, ProgressEvent, StatementRequest } from '../../../shared/contract';
import { testEngine, type TestEngine } from '../../../test/helpers/engine';
import { cacheDb } from '../db/stores';
import { subjectKey } from '../statements';
import { batchWiring } from './pipeline';
import { batchRunner, type BatchDeps, type ProduceOutcome } from './runner';
import { bucketOf } from './shard';

/** the engine's wiring: subject keys as in production, the rest from the test's current fake */
let current: BatchDeps | null = null;
const wiring: BatchDeps = {
  keyOf: subjectKey,
  findCompleted: (db, key) => current!.findCompleted(db, key),
  createProducer: (engine, run, caller) => current!.createProducer(engine, run, caller),
  commitEvery: 5,
  commitMs: 50,
};

/** A producer that records what it made in memory (the real one is exercised in test/batch). */
function fakeDeps(made: Map<string, string>, opts: { delayMs?: number; failIds?: Set<string> } = {}) {
  let n = 0;
  current = {
    keyOf: subjectKey,
    findCompleted: (_db, key) => made.get(key) ?? null,
    commitEvery: 5,
    commitMs: 50,
    createProducer: async () => ({
      async produce(request: StatementRequest, key: string): Promise<ProduceOutcome> {
        await new Promise((r) => setTimeout(r, opts.delayMs ?? 1));
        const id = request.type === 'billing' ? request.filters.contractId : '';
        if (opts.failIds?.has(id)) {
          return { status: 'FAILED', ref: null, findings: [{ severity: 'ERROR', code: 'RATE_MISSING', message: `no rate for ${id}` }] };
        }
        const ref = `BS-${++n}`;
        made.set(key, ref);
        const findings: ProduceOutcome['findings'] =
          id.endsWith('7') ? [{ severity: 'WARNING', code: 'HISTORICAL_VARIANCE', message: 'historical variance, review required' }] : [];
        return { status: 'COMPLETED', ref, findings };
      },
      async close() {},
    }),
  };
}

async function seed(t: TestEngine, contracts: number): Promise<void> {
  const cache = await t.engine.use(cacheDb);
  cache.transaction(() => {
    cache.run("INSERT INTO parties (id, updated_at, name, type) VALUES ('P1', 'x', 'Zoë Ñandú', 'CLIENT'), ('P2', 'x', 'Борис', 'CLIENT')");
    for (let i = 0; i < contracts; i++) {
      const id = `C${String(i).padStart(3, '0')}`;
      const type = ['revenue_share', 'per_labor_hour', 'fixed_fee'][i % 3]!;
      cache.run(
        `INSERT INTO contracts (id, updated_at, customer_id, type, status, start_date, end_date, currency, monthly_fee)
         VALUES (?, 'x', ?, ?, 'ACTIVE', '2025-01-01', NULL, 'USD', 10000)`,
        [id, i % 2 ? 'P2' : 'P1', type],
      );
    }
    // not in the period: ended before it, or starts after it
    cache.run("INSERT INTO contracts (id, updated_at, customer_id, type, status, start_date, end_date, currency) VALUES ('OLD', 'x', 'P1', 'fixed_fee', 'TERMINATED', '2020-01-01', '2020-12-31', 'USD')");
    cache.run("INSERT INTO contracts (id, updated_at, customer_id, type, status, start_date, end_date, currency) VALUES ('NEW', 'x', 'P1', 'fixed_fee', 'ACTIVE', '2027-01-01', NULL, 'USD')");
  });
}

describe('batch runner', () => {
  let t: TestEngine;
  before(async () => {
    t = testEngine({ wire: (e) => e.provide(batchWiring, wiring) });
    await seed(t, 40);
  });
  after(() => t.close());

  it('plans the contracts active in the period, makes each once, and skips them on a second run', async () => {
    const made = new Map<string, string>();
    fakeDeps(made, { failIds: new Set(['C005']) });
    const events: ProgressEvent[] = [];
    const changes: BatchRun[] = [];
    t.engine.subscribe((name, p) => {
      if (name === 'progress') events.push(p as ProgressEvent);
      if (name === 'batch:changed') changes.push(p as BatchRun);
    });
    const notes: Array<{ title: string; body: string }> = [];
    (t.engine.platform as { notify?: (title: string, body: string) => void }).notify = (title, body) => notes.push({ title, body });
    const run = await t.engine.call('batch:start', { kind: 'billing', period: '2026-01', concurrency: 4 });
    assert.equal(run.status, 'RUNNING');
    assert.equal(run.counts.planned, 40);
    const runner = await t.engine.use(batchRunner);
    const done = await runner.wait(run.id);
    assert.equal(done.status, 'COMPLETED');
    assert.deepEqual(done.counts, { planned: 40, completed: 39, failed: 1, warnings: 4, skipped: 0 });
    assert.equal(made.size, 39);
    assert.ok(events.at(-1)!.finished && events.at(-1)!.done === 40);
    assert.ok(changes.some((c) => c.id === run.id && c.status === 'COMPLETED'));
    assert.deepEqual(notes, [{ title: 'Folio: billing batch completed', body: '39 made, 0 already made, 1 failed, 4 with warnings (of 40)' }]);

    const got = await t.engine.call('batch:get', { id: run.id, onlyProblems: true });
    assert.equal(got.total, 5);
    assert.equal(got.items.filter((i) => i.needsReview).length, 4);
    const report = await t.engine.call('batch:report', { id: run.id });
    const lines = report.csv.trim().split('\r\n');
    assert.equal(lines.length, 6);
    assert.match(lines[1]!, /^B-[^,]+,FAILED,fix data \(failed validation\),C005,Борис \(fixed_fee C005\),billing\|C005\|2026-01,,ERROR,RATE_MISSING,no rate for C005$/);
    assert.ok(lines.slice(2).every((l) => l.includes('review variance')));

    // the same batch again: the failed one is retried, the rest are skipped, nothing made twice
    const second = await runner.wait((await t.engine.call('batch:start', { kind: 'billing', period: '2026-01' })).id);
    assert.notEqual(second.id, run.id);
    assert.deepEqual(second.counts, { planned: 40, completed: 0, failed: 1, warnings: 0, skipped: 39 });
    assert.equal(made.size, 39);
  });

  it('filters by contract type and customer, and splits into disjoint shards', async () => {
    const made = new Map<string, string>();
    fakeDeps(made);
    const runner = await t.engine.use(batchRunner);
    const r = await runner.wait(
      (await t.engine.call('batch:start', { kind: 'billing', period: '2026-02', contractTypes: ['fixed_fee'], partyIds: ['P1'] })).id,
    );
    // fixed_fee: i % 3 == 2; P1: i even → i ≡ 2 (mod 6): 2, 8, 14, 20, 26, 32, 38
    assert.equal(r.counts.planned, 7);
    const union: string[] = [];
    for (let k = 1; k <= 3; k++) {
      const s = await runner.wait((await t.engine.call('batch:start', { kind: 'billing', period: '2026-03', shard: { index: k, count: 3 } })).id);
      assert.equal(s.status, 'COMPLETED');
      const items = await t.engine.call('batch:get', { id: s.id, limit: 1000 });
      for (const i of items.items) assert.equal(bucketOf(i.subject, 3), k - 1);
      union.push(...items.items.map((i) => i.subjectId));
    }
    assert.equal(union.length, 40);
    assert.equal(new Set(union).size, 40);
  });

  it('pauses, resumes and cancels; a cancelled run resumed makes only what is missing', async () => {
    const made = new Map<string, string>();
    fakeDeps(made, { delayMs: 15 });
    const runner = await t.engine.use(batchRunner);
    const run = await t.engine.call('batch:start', { kind: 'billing', period: '2026-04', concurrency: 2 });
    await new Promise((r) => setTimeout(r, 60));
    const paused = await t.engine.call('batch:pause', { id: run.id });
    assert.equal(paused.id, run.id);
    await new Promise((r) => setTimeout(r, 100));
    const p1 = runner.current(run.id)!;
    assert.equal(p1.status, 'PAUSED');
    const sizeWhilePaused = made.size;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(made.size, sizeWhilePaused, 'nothing is made while paused');
    assert.ok(sizeWhilePaused > 0 && sizeWhilePaused < 40);
    await t.engine.call('batch:resume', { id: run.id });
    await new Promise((r) => setTimeout(r, 60));
    await t.engine.call('batch:cancel', { id: run.id });
    const cancelled = await runner.wait(run.id);
    assert.equal(cancelled.status, 'CANCELLED');
    assert.ok(cancelled.counts.completed < 40);
    assert.equal(cancelled.counts.completed, made.size);

    // starting the same batch again resumes the cancelled run and finishes it
    const again = await t.engine.call('batch:start', { kind: 'billing', period: '2026-04' });
    assert.equal(again.id, run.id);
    const finished = await runner.wait(run.id);
    assert.equal(finished.status, 'COMPLETED');
    assert.deepEqual(finished.counts, { planned: 40, completed: 40, failed: 0, warnings: 4, skipped: 0 });
    assert.equal(made.size, 40);
  });

  it('names the field for bad filters and refuses unknown parties', async () => {
    await assert.rejects(t.engine.call('batch:start', { kind: 'billing' }), { field: 'period' });
    await assert.rejects(t.engine.call('batch:start', { kind: 'client', dateFrom: '2026-02-01', dateTo: '2026-01-01' }), { field: 'dateTo' });
    await assert.rejects(t.engine.call('batch:start', { kind: 'billing', period: '2026-01', partyIds: ['NOPE'] }), {
      field: 'partyIds',
      message: /NOPE/,
    });
    await assert.rejects(t.engine.call('batch:start', { kind: 'billing', period: '2026-01', shard: { index: 4, count: 3 } }), {
      field: 'shard.index',
    });
  });
});
