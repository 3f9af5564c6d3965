import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FolioError } from '../../../shared/errors';
import { findResourcesDir } from '../platform';
import { builtinTemplate } from '../templates/builtin';
import { testEngine } from '../../../test/helpers/engine';
import { createRenderPool, renderPool, type RenderPool } from './pool';
import { sampleModel } from './sample';
import type { RenderJob } from './types';

const resourcesDir = findResourcesDir(__dirname);

const job = (ref: string, seed = 1): RenderJob => ({
  model: sampleModel('client', { lines: 30, seed }),
  template: builtinTemplate('client', resourcesDir),
  format: 'pdf',
  ref,
  generatedAt: '2026-01-31T12:00:00.000Z',
  generatedBy: 'tester',
  metadata: { ref },
});

describe('render pool', () => {
  let pool: RenderPool;
  before(() => {
    pool = createRenderPool({ resourcesDir, threads: 2, filename: join(__dirname, 'testing', 'crash-worker.ts') });
  });
  after(() => pool.destroy());

  it('renders in worker threads: the same bytes as in-process, errors keep their code', async () => {
    const outs = await Promise.all([1, 2, 3, 4, 5, 6].map((s) => pool.render(job(`CS-1-0000000${s}`, s))));
    for (const o of outs) assert.equal(Buffer.from(o.bytes.subarray(0, 5)).toString(), '%PDF-');
    const again = await pool.render(job('CS-1-00000001', 1));
    assert.deepEqual(Buffer.from(again.bytes), Buffer.from(outs[0]!.bytes));
    const bad = job('CS-1-0000000X');
    bad.model.party!.name = 'Ünïcødé 漢字';
    await assert.rejects(pool.render(bad), (err: FolioError) => err instanceof FolioError && err.code === 'MISSING_GLYPH');
  });

  it('a crashing worker fails only its own job; the others complete and the pool goes on', async () => {
    const refs = ['CS-1-A', 'CS-1-B', 'CRASH-1', 'CS-1-C', 'CS-1-D', 'CS-1-E'];
    const results = await Promise.allSettled(refs.map((r, i) => pool.render(job(r, i + 1))));
    results.forEach((r, i) => {
      if (refs[i] === 'CRASH-1') {
        assert.equal(r.status, 'rejected');
        assert.equal((r as PromiseRejectedResult).reason.code, 'RENDER_WORKER_FAILED');
      } else assert.equal(r.status, 'fulfilled', `${refs[i]} should complete`);
    });
    const after = await pool.render(job('CS-1-F', 9));
    assert.equal(Buffer.from(after.bytes.subarray(0, 5)).toString(), '%PDF-');
  });
});

describe('renderPool service', () => {
  it('is created on first use with the engine resources, renders, and stops with the engine', async () => {
    const t = testEngine();
    try {
      const pool = await t.engine.use(renderPool);
      assert.ok(pool.threads >= 1);
      const out = await pool.render(job('CS-1-SERVICE1'));
      assert.equal(out.ext, 'pdf');
      assert.equal(out.templateFallback, false);
    } finally {
      await t.close();
    }
  });
});
