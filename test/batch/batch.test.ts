/**
 * Batch end to end: the real CLI in child processes (and the engine in-process), the real
 * statement engine and ledger over a small demo data set, with the ledger's deterministic test
 * renderer (FOLIO_TEST_REAL_RENDER=1 in child.ts uses the real one).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BatchRun } from '../../shared/contract';
import { batchRunner } from '../../electron/engine/batch/runner';
import { bucketOf } from '../../electron/engine/batch/shard';
import { periodBounds } from '../../electron/engine/batch/plan';
import { testRenderer } from '../../electron/engine/ledger/testing';
import { testEngine, withRenderer } from '../helpers/engine';
import { startS3 } from '../helpers/s3';
import { completedBySubject, folioChild, freshDataDir, PERIOD, readLedger, removeDataDirs } from './helpers';

interface RunJson extends BatchRun {
  problems: Array<{ subjectId: string; status: string; findings: Array<{ severity: string; code: string }> }>;
}

/** What the plan must be: contracts overlapping the period, straight from the cache. */
async function expectedSubjects(dataDir: string): Promise<string[]> {
  const { Database } = await import('../../electron/engine/db/database');
  const { findResourcesDir } = await import('../../electron/engine/platform');
  const cache = await Database.open({ file: join(dataDir, 'cache.sqlite'), migrationsDir: join(findResourcesDir(), 'migrations', 'cache'), label: 'cache' });
  const { from, to } = periodBounds(PERIOD);
  const ids = cache
    .all<{ id: string }>('SELECT id FROM contracts WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?) ORDER BY id', [to, from])
    .map((r) => `billing|${r.id}|${PERIOD}`);
  cache.close();
  return ids;
}

describe('batch runs end to end', () => {
  let full: { subjects: string[]; completed: Set<string>; failed: Set<string> };
  after(removeDataDirs);

  before(async () => {
    const dir = await freshDataDir();
    const subjects = await expectedSubjects(dir);
    full = { subjects, completed: new Set(), failed: new Set() };
  });

  it('makes one statement per planned subject, and the CSV report lists the failing contracts', async () => {
    const dir = await freshDataDir();
    // the real renderer (PDFs from the worker pool) for this one
    const r = await folioChild(['--data-dir', dir, '--json', 'batch', 'billing', '--period', PERIOD], { FOLIO_TEST_REAL_RENDER: '1' });
    const out = JSON.parse(r.stdout) as RunJson;
    assert.equal(out.status, 'COMPLETED', r.stderr);
    assert.equal(out.counts.planned, full.subjects.length);
    assert.ok(out.counts.failed > 0, 'the demo data holds contracts that fail validation');
    assert.equal(r.code, 1, 'failed statements make the exit status 1');
    assert.equal(out.counts.completed + out.counts.failed, out.counts.planned);
    const review = (out as unknown as { needsReview: number }).needsReview;
    assert.ok(review > 0 && review <= out.counts.warnings, `needsReview ${review} of ${out.counts.warnings} with warnings`);

    const ledger = await readLedger(dir);
    const made = completedBySubject(ledger);
    assert.equal(made.size, out.counts.completed);
    for (const [key, n] of made) {
      assert.equal(n, 1, `${key} made once`);
      assert.ok(full.subjects.includes(key));
      full.completed.add(key);
    }
    const files = ledger.all<{ file_path: string; format: string }>("SELECT file_path, format FROM generated_statement WHERE generation_status_cd = 'COMPLETED'");
    assert.equal(files.length, made.size);
    for (const f of files) {
      assert.equal(f.format, 'pdf');
      assert.equal(readFileSync(join(dir, 'store', f.file_path)).subarray(0, 5).toString('latin1'), '%PDF-');
    }
    // one made PDF passes qpdf's structural check and reads back with its reference (poppler)
    const sample = ledger.get<{ file_path: string; statement_ref: string }>(
      "SELECT file_path, statement_ref FROM generated_statement WHERE generation_status_cd = 'COMPLETED' LIMIT 1",
    )!;
    const pdf = join(dir, 'store', sample.file_path);
    execFileSync('qpdf', ['--check', pdf], { stdio: 'pipe' });
    assert.match(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }), new RegExp(sample.statement_ref));
    const failedItems = ledger.all<{ subject_id: string; subject_key: string; findings: string }>(
      "SELECT subject_id, subject_key, findings FROM batch_item WHERE run_id = ? AND status = 'FAILED'",
      [out.id],
    );
    assert.equal(failedItems.length, out.counts.failed);
    for (const f of failedItems) full.failed.add(f.subject_key);
    ledger.close();

    const csvFile = join(dir, 'report.csv');
    const rep = await folioChild(['--data-dir', dir, 'batch', 'report', out.id, '--out', csvFile]);
    assert.equal(rep.code, 0, rep.stderr);
    const csv = readFileSync(csvFile, 'utf8');
    const rows = csv.replace(/^\ufeff/, '').trim().split('\r\n');
    assert.match(rows[0]!, /^run_id,status,action,subject_id/);
    for (const f of failedItems) {
      const codes = (JSON.parse(f.findings) as Array<{ severity: string; code: string }>).filter((x) => x.severity === 'ERROR').map((x) => x.code);
      assert.ok(codes.length > 0);
      for (const code of codes) {
        assert.ok(
          rows.some((row) => row.includes(`,FAILED,fix data (failed validation),${f.subject_id},`) && row.includes(`,ERROR,${code},`)),
          `report lists ${f.subject_id} ${code}`,
        );
      }
    }
    assert.ok(rows.some((row) => row.includes(',review variance,')), 'variance warnings are listed for review');
  });

  it('a run killed part way (SIGKILL) and run again makes every statement exactly once', async () => {
    const dir = await freshDataDir();
    const killed = await folioChild(['--data-dir', dir, 'batch', 'billing', '--period', PERIOD, '--concurrency', '2'], {
      FOLIO_TEST_KILL_AFTER: '14',
      FOLIO_TEST_COMMIT_EVERY: '4',
      FOLIO_TEST_RENDER_MS: '10',
    });
    assert.equal(killed.signal, 'SIGKILL');
    let ledger = await readLedger(dir);
    const before = completedBySubject(ledger);
    const runRow = ledger.get<{ id: string; status: string }>('SELECT id, status FROM batch_run');
    ledger.close();
    assert.ok(before.size > 0 && before.size < full.completed.size, `part made before the kill (${before.size})`);
    assert.equal(runRow!.status, 'RUNNING', 'the killed process could not mark its run');
    const listed = await folioChild(['--data-dir', dir, '--json', 'batch', 'list']);
    assert.equal((JSON.parse(listed.stdout) as BatchRun[])[0]!.status, 'INTERRUPTED', 'the next engine marks it INTERRUPTED');

    const again = await folioChild(['--data-dir', dir, '--json', 'batch', 'billing', '--period', PERIOD]);
    const out = JSON.parse(again.stdout) as RunJson;
    assert.equal(out.id, runRow!.id, 'the same batch resumes the interrupted run');
    assert.equal(out.status, 'COMPLETED');
    ledger = await readLedger(dir);
    const made = completedBySubject(ledger);
    ledger.close();
    assert.deepEqual([...made.keys()].sort(), [...full.completed].sort());
    for (const [key, n] of made) assert.equal(n, 1, `${key} exactly once`);
    for (const key of before.keys()) assert.ok(made.has(key));
    assert.equal(out.counts.completed, full.completed.size);
  });

  it('3 shards in 3 processes on 3 copies of the data folder, one S3 bucket: the whole, with no overlap', async () => {
    const s3 = await startS3({ buckets: ['statements'] });
    try {
    const env = s3.env({ bucket: 'statements', prefix: 'month-end/' });
    const dirs = await Promise.all([1, 2, 3].map(() => freshDataDir()));
    const runs = await Promise.all(
      dirs.map((dir, i) => folioChild(['--data-dir', dir, '--json', 'batch', 'billing', '--period', PERIOD, '--shard', `${i + 1}/3`, '--allow-failed'], env)),
    );
    const union: string[] = [];
    const planned: number[] = [];
    for (const [i, r] of runs.entries()) {
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as RunJson;
      planned.push(out.counts.planned);
      const ledger = await readLedger(dirs[i]!);
      const made = completedBySubject(ledger);
      const items = ledger.all<{ subject_key: string }>('SELECT subject_key FROM batch_item');
      ledger.close();
      for (const it of items) assert.equal(bucketOf(it.subject_key, 3), i, `${it.subject_key} belongs to shard ${i + 1}`);
      union.push(...items.map((x) => x.subject_key));
      for (const key of made.keys()) assert.ok(full.completed.has(key));
    }
    assert.equal(planned.reduce((a, b) => a + b, 0), full.subjects.length);
    assert.ok(planned.every((p) => p > 0 && p < full.subjects.length), `every shard has a part: ${planned}`);
    assert.equal(union.length, full.subjects.length, 'no overlap');
    assert.deepEqual([...new Set(union)].sort(), [...full.subjects].sort(), 'the union is the whole');

    // every shard uploads to the same bucket: one object per statement, each subject once
    for (const dir of dirs) {
      const up = await folioChild(['--data-dir', dir, '--json', 'uploads', '--drain'], env);
      assert.equal(up.code, 0, up.stderr);
    }
    const bucket = await s3.bucket('statements');
    const metas = (await bucket.keys('month-end/')).filter((k) => k.endsWith('.json'));
    const subjects: string[] = [];
    for (const k of metas) {
      const meta = JSON.parse((await bucket.get(k)).toString('utf8')) as { subjectKey?: string; metadata?: { subjectKey?: string } };
      subjects.push(meta.subjectKey ?? meta.metadata?.subjectKey ?? '');
    }
    assert.equal(subjects.length, full.completed.size, 'one object per statement made');
    assert.deepEqual([...subjects].sort(), [...full.completed].sort(), 'each subject once in the bucket');
    } finally {
      await s3.stop();
    }
  });

  describe('in the engine', () => {

    it('cancel keeps what was made; resume makes only what is missing', async () => {
      const t = testEngine(withRenderer({ dataDir: await freshDataDir() }, testRenderer({ delayMs: 8 })));
      try {
        const runner = await t.engine.use(batchRunner);
        // cancel once the first statement is made (not after a fixed delay: a fast run finishes first)
        let off = () => {};
        const firstMade = new Promise<void>((resolve) => {
          off = t.engine.subscribe((name, p) => {
            if (name === 'ledger:changed' && (p as { status?: string }).status === 'COMPLETED') resolve();
          });
        });
        const run = await t.engine.call('batch:start', { kind: 'billing', period: PERIOD, concurrency: 2 });
        await firstMade;
        off();
        await t.engine.call('batch:cancel', { id: run.id });
        const cancelled = await runner.wait(run.id);
        assert.equal(cancelled.status, 'CANCELLED');
        const ledger = await t.engine.use((await import('../../electron/engine/db/stores')).ledgerDb);
        const madeBefore = completedBySubject(ledger);
        assert.ok(madeBefore.size > 0 && madeBefore.size < full.completed.size, `cancelled part way (${madeBefore.size})`);

        const resumed = await t.engine.call('batch:resume', { id: run.id });
        assert.equal(resumed.status, 'RUNNING');
        const done = await runner.wait(run.id);
        assert.equal(done.status, 'COMPLETED');
        const made = completedBySubject(ledger);
        assert.deepEqual([...made.keys()].sort(), [...full.completed].sort());
        for (const n of made.values()) assert.equal(n, 1);
        assert.equal(done.counts.completed, full.completed.size);

        const got = await t.engine.call('batch:get', { id: run.id, onlyProblems: true, limit: 1000 });
        assert.equal(got.items.filter((i) => i.status === 'FAILED').length, full.failed.size);
      } finally {
        await t.close();
      }
    });

    it('reissue makes each subject again once, recorded as a re-issue of the earlier statement', async () => {
      const t = testEngine(withRenderer({ dataDir: await freshDataDir() }, testRenderer({ delayMs: 8 })));
      try {
        const runner = await t.engine.use(batchRunner);
        const { ledgerDb } = await import('../../electron/engine/db/stores');
        const ledger = await t.engine.use(ledgerDb);
        const first = await runner.wait((await t.engine.call('batch:start', { kind: 'billing', period: PERIOD })).id);
        const again = await runner.wait((await t.engine.call('batch:start', { kind: 'billing', period: PERIOD })).id);
        assert.equal(again.counts.skipped, first.counts.completed, 'without reissue nothing is made twice');
        assert.equal(again.counts.completed, 0);
        const re = await runner.wait((await t.engine.call('batch:start', { kind: 'billing', period: PERIOD, reissue: true })).id);
        assert.equal(re.counts.completed, first.counts.completed);
        const rows = ledger.all<{ subject_key: string; n: number; reissues: number }>(
          `SELECT subject_key, count(*) AS n, sum(reissue_of IS NOT NULL) AS reissues FROM generated_statement
            WHERE generation_status_cd = 'COMPLETED' GROUP BY subject_key`,
        );
        assert.equal(rows.length, first.counts.completed);
        for (const r of rows) assert.deepEqual([r.n, r.reissues], [2, 1], r.subject_key);
        const linked = ledger.value<number>(
          `SELECT count(*) FROM generated_statement r JOIN generated_statement o ON o.statement_ref = r.reissue_of
            WHERE r.batch_id = ? AND o.batch_id = ? AND o.subject_key = r.subject_key`,
          [re.id, first.id],
        );
        assert.equal(linked, first.counts.completed);
      } finally {
        await t.close();
      }
    });

    it('client, settlement and AR runs cover every party with activity; AR fixes its as-of date', async () => {
      const t = testEngine(withRenderer({ dataDir: await freshDataDir(), now: () => new Date('2026-02-10T12:00:00Z') }, testRenderer({ delayMs: 8 })));
      try {
        const runner = await t.engine.use(batchRunner);
        const { cacheDb, ledgerDb } = await import('../../electron/engine/db/stores');
        const cache = await t.engine.use(cacheDb);
        const ledger = await t.engine.use(ledgerDb);
        const range = { dateFrom: '2026-01-01', dateTo: '2026-01-31' };
        const expect = {
          client: cache.value<number>('SELECT count(DISTINCT client_id) FROM payment_items WHERE posted_date BETWEEN ? AND ?', ['2026-01-01', '2026-01-31'])!,
          settlement: cache.value<number>('SELECT count(DISTINCT client_id) FROM settlements WHERE settled_date BETWEEN ? AND ?', ['2026-01-01', '2026-01-31'])!,
        };
        for (const kind of ['client', 'settlement'] as const) {
          const started = await t.engine.call('batch:start', { kind, ...range });
          const again = await t.engine.call('batch:start', { kind, ...range, concurrency: 3 });
          assert.equal(again.id, started.id, 'the same batch asked while it runs is the same run');
          const done = await runner.wait(started.id);
          assert.equal(done.status, 'COMPLETED', done.message ?? '');
          assert.equal(done.counts.planned, expect[kind]);
          assert.ok(expect[kind] > 0);
          assert.equal(done.counts.completed + done.counts.failed, done.counts.planned);
          const n = ledger.value<number>(
            "SELECT count(*) FROM generated_statement WHERE batch_id = ? AND generation_status_cd = 'COMPLETED' AND statement_type = ?",
            [done.id, kind],
          );
          assert.equal(n, done.counts.completed);
        }
        const ar = await t.engine.call('batch:start', { kind: 'ar-aging' });
        assert.equal(ar.filters.asOf, '2026-02-10', 'the as-of date defaults to today and is stored with the run');
        const arDone = await runner.wait(ar.id);
        assert.equal(arDone.status, 'COMPLETED');
        assert.ok(arDone.counts.planned > 0);
        const keys = ledger.all<{ subject_key: string }>('SELECT subject_key FROM batch_item WHERE run_id = ?', [ar.id]).map((r) => r.subject_key);
        assert.ok(keys.every((k) => /^ar-aging\|[^|]+\|2026-02-10\|open$/.test(k)), keys[0]);
      } finally {
        await t.close();
      }
    });
  });
});
