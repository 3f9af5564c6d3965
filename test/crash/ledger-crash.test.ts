/**
 * Crash safety (issue 6): a child process generating statements and uploading them is killed with
 * SIGKILL at random moments, 20 times. After each kill, a fresh engine on the same data folder
 * (reconciliation runs at start) must show: every statement the child reported COMPLETED is
 * COMPLETED with its file intact; no PENDING/GENERATING left; references unique; every file in
 * the store is a COMPLETED statement's file, and every quarantined file is accounted for; no
 * upload left UPLOADING; each uploaded object put exactly once with the right checksum; the audit
 * chain intact. Set CRASH_SEED to replay a run, CRASH_RUNS to change the count, CRASH_REAL_RENDER=1
 * to make real PDFs in the worker pool (slower) instead of the small test renderer.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { verifyAudit } from '../../electron/engine/audit/log';
import { ledgerService, reconcileReport } from '../../electron/engine/ledger/service';
import { listStoreFiles } from '../../electron/engine/store/files';
import { seedClients } from '../../electron/engine/ledger/testing';
import { startS3Proxy, type S3Proxy } from '../../electron/engine/uploads/testing-proxy';
import { testEngine, withRenderer, type TestEngineOptions } from '../helpers/engine';
import { startS3, type S3TestServer } from '../helpers/s3';

const RUNS = Number(process.env.CRASH_RUNS ?? 20);
let seed = Number(process.env.CRASH_SEED ?? Date.now() % 100000);
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const root = resolve(__dirname, '..', '..');
const BUCKET = 'crash';

let s3: S3TestServer;
let proxy: S3Proxy;
/** the engine's options: the small test renderer unless CRASH_REAL_RENDER=1 */
const rendering = (o: TestEngineOptions): TestEngineOptions => (process.env.CRASH_REAL_RENDER === '1' ? o : withRenderer(o));

before(async () => {
  s3 = await startS3({ kind: 'fauxqs', buckets: [BUCKET] });
  proxy = await startS3Proxy(s3.endpoint);
});
after(async () => {
  await proxy?.stop();
  await s3?.stop();
});

interface ChildRun {
  done: Map<string, string>;
  ready: boolean;
  stderr: string;
}

function runChild(dataDir: string, env: Record<string, string>, killAfterMs: number): Promise<ChildRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(join(root, 'node_modules', '.bin', 'node'), ['--import', 'tsx', join(__dirname, 'ledger-child.ts'), dataDir, String(Math.floor(rand() * 1e9))], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: ChildRun = { done: new Map(), ready: false, stderr: '' };
    let buf = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line === 'READY') {
          run.ready = true;
          setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        } else if (line.startsWith('DONE ')) {
          const [, ref, sha] = line.split(' ');
          run.done.set(ref!, sha!);
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') reject(new Error(`child exited on its own (${code}): ${run.stderr}`));
      else resolveRun(run);
    });
  });
}

test(`SIGKILL at random points of generate and upload, ${RUNS} runs: nothing lost, duplicated or unaccounted for`, { timeout: 300_000 }, async (tc) => {
  const startSeed = seed;
  const s3env = { ...s3.env({ bucket: BUCKET, prefix: 'crash' }), FOLIO_S3_ENDPOINT: proxy.endpoint, FOLIO_USER: 'crash-child' };
  const setup = testEngine(rendering({ env: s3env }));
  const dataDir = setup.dataDir;
  await seedClients(setup.engine, 30);
  await setup.engine.close();
  const reported = new Map<string, string>();
  let killsWithWork = 0;
  const totals = { finished: 0, failed: 0, recordedOrphans: 0, quarantined: 0, uploadsRequeued: 0, tempFilesRemoved: 0 };
  try {
    for (let run = 0; run < RUNS; run++) {
      // the real renderer starts a worker pool first: its statements take longer to appear
      const killAfter = process.env.CRASH_REAL_RENDER === '1' ? 3000 + Math.floor(rand() * 6000) : 20 + Math.floor(rand() * 700);
      const child = await runChild(dataDir, s3env, killAfter);
      assert.ok(child.ready, `run ${run}: the child never opened the ledger: ${child.stderr}`);
      for (const [ref, sha] of child.done) reported.set(ref, sha);
      if (child.done.size) killsWithWork++;

      const t = testEngine(rendering({ dataDir, env: s3env }));
      const ledger = await t.engine.use(ledgerService);
      const { db } = ledger;
      const rep = reconcileReport(ledger)!;
      totals.finished += rep.finished.length;
      totals.failed += rep.failed.length;
      totals.recordedOrphans += rep.recordedOrphans.length;
      totals.quarantined += rep.quarantined.length;
      totals.uploadsRequeued += rep.uploadsRequeued;
      totals.tempFilesRemoved += rep.tempFilesRemoved;
      const ctx = `run ${run} (seed ${startSeed}, kill after ${killAfter} ms)`;
      // every statement ever reported COMPLETED is still COMPLETED with its file intact
      for (const [ref, sha] of reported) {
        const row = db.get<{ generation_status_cd: string; sha256: string; file_path: string }>('SELECT * FROM generated_statement WHERE statement_ref = ?', [ref]);
        assert.equal(row?.generation_status_cd, 'COMPLETED', `${ctx}: ${ref} was reported COMPLETED`);
        assert.equal(row!.sha256, sha, `${ctx}: ${ref} checksum`);
        const bytes = readFileSync(join(ledger.storeDir, row!.file_path));
        assert.equal(createHash('sha256').update(bytes).digest('hex'), sha, `${ctx}: ${ref} file intact`);
      }
      assert.equal(db.value("SELECT count(*) FROM generated_statement WHERE generation_status_cd IN ('PENDING', 'GENERATING')"), 0, `${ctx}: nothing left in flight`);
      assert.equal(db.value('SELECT count(*) - count(DISTINCT statement_ref) FROM generated_statement'), 0, `${ctx}: references unique`);
      // every file in the store belongs to a COMPLETED row, and every COMPLETED row has its file
      const files = new Set(await listStoreFiles(ledger.storeDir));
      const completed = db.all<{ file_path: string; statement_ref: string }>("SELECT file_path, statement_ref FROM generated_statement WHERE generation_status_cd = 'COMPLETED'");
      assert.deepEqual(files, new Set(completed.map((r) => r.file_path)), `${ctx}: store files = COMPLETED files`);
      // every quarantined file is accounted for (a FAILED row points at it, or a reconcile audit entry lists it)
      const accounted = new Set<string>();
      for (const r of db.all<{ metadata: string }>("SELECT metadata FROM generated_statement WHERE generation_status_cd = 'FAILED'")) {
        const q = (JSON.parse(r.metadata) as { quarantinedFile?: string }).quarantinedFile;
        if (q) accounted.add(q);
      }
      for (const r of db.all<{ details: string }>("SELECT details FROM audit_log WHERE action = 'reconcile'")) {
        for (const q of (JSON.parse(r.details) as { quarantined?: string[] }).quarantined ?? []) accounted.add(q);
      }
      for (const f of readdirSync(ledger.quarantineDir)) assert.ok(accounted.has(`quarantine/${f}`), `${ctx}: quarantined ${f} accounted for`);
      // the outbox: one queue row per COMPLETED statement, none left UPLOADING
      assert.equal(db.value("SELECT count(*) FROM upload_queue WHERE status = 'UPLOADING'"), 0, `${ctx}: no upload left UPLOADING`);
      assert.equal(
        db.value("SELECT count(*) FROM generated_statement gs WHERE generation_status_cd = 'COMPLETED' AND (SELECT count(*) FROM upload_queue q WHERE q.statement_ref = gs.statement_ref) <> 1"),
        0,
        `${ctx}: exactly one upload row per COMPLETED statement`,
      );
      assert.equal(db.value("SELECT count(*) FROM upload_queue q JOIN generated_statement gs USING (statement_ref) WHERE gs.generation_status_cd <> 'COMPLETED'"), 0);
      assert.ok([...proxy.acceptedPuts.values()].every((n) => n === 1), `${ctx}: no object put twice`);
      const v = verifyAudit(db);
      assert.equal(v.ok, true, `${ctx}: ${v.message}`);
      await t.close({ keep: true });
    }

    tc.diagnostic(`seed ${startSeed}: ${reported.size} statements reported COMPLETED; reconciliation totals ${JSON.stringify(totals)}`);
    assert.ok(totals.finished + totals.failed + totals.recordedOrphans + totals.quarantined > 0, 'some kills interrupted a statement mid-way (reconciliation had work)');
    // finally everything uploads, each object exactly once and with the right checksum
    const t = testEngine(rendering({ dataDir, env: s3env }));
    const s = await t.engine.call('uploads:drain', {});
    const { db } = await t.engine.use(ledgerService);
    const completed = db.value<number>("SELECT count(*) FROM generated_statement WHERE generation_status_cd = 'COMPLETED'")!;
    assert.equal(s.uploaded, completed, JSON.stringify(s.rows.filter((r) => r.status !== 'UPLOADED').slice(0, 3)));
    assert.ok(completed >= reported.size && reported.size > 0, `statements were made (${reported.size} reported)`);
    assert.ok(killsWithWork >= Math.floor(RUNS / 3), `most kills hit a child that was working (${killsWithWork}/${RUNS})`);
    for (const r of db.all<{ s3_key: string; sha256: string }>("SELECT s3_key, sha256 FROM generated_statement WHERE generation_status_cd = 'COMPLETED'")) {
      const h = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: r.s3_key }));
      assert.equal(h.Metadata?.sha256, r.sha256);
    }
    const objects = (await (await s3.bucket(BUCKET)).keys()).filter((k) => !k.endsWith('.json'));
    assert.equal(objects.length, completed, 'no object for a statement that is not COMPLETED');
    assert.ok([...proxy.acceptedPuts.values()].every((n) => n === 1), 'no object put twice');
    await t.close({ keep: true });
  } finally {
    (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
  }
});
