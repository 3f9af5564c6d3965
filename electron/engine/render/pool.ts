/**
 * The render pool: worker threads (piscina) sized to the machine's cores, so that rendering never
 * blocks the engine's event loop and batches use every core. A worker that crashes fails only
 * the job it was running (piscina replaces the worker); the other jobs go on.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { FolioError } from '../../../shared/errors';
import { defineService } from '../engine';
import type { RenderJob, RenderOutput } from './types';
import type { WorkerReply } from './worker';

export interface RenderPool {
  readonly threads: number;
  render(job: RenderJob): Promise<RenderOutput>;
  /** jobs waiting for a free worker */
  readonly queued: number;
  destroy(): Promise<void>;
}

export interface RenderPoolOptions {
  resourcesDir: string;
  /** default: the number of cores */
  threads?: number;
  /** the worker module (tests use a wrapper that can crash) */
  filename?: string;
}

/** The worker entry: the built `out/engine/render/worker.js`, or the TypeScript source under tsx. */
export function workerFile(): string {
  const env = process.env.FOLIO_RENDER_WORKER;
  const candidates = [
    ...(env ? [env] : []),
    join(__dirname, 'worker.ts'),
    join(__dirname, 'worker.js'),
    join(__dirname, '..', 'engine', 'render', 'worker.js'),
  ];
  const found = candidates.find((f) => existsSync(f));
  if (!found) throw new FolioError('internal', 'RENDER_WORKER_MISSING', `The render worker was not found (looked for ${candidates.join(', ')})`);
  return found;
}

export function createRenderPool(opts: RenderPoolOptions): RenderPool {
  const threads = Math.max(1, opts.threads ?? availableParallelism());
  const filename = opts.filename ?? workerFile();
  const pool = new Piscina({
    filename,
    // a TypeScript worker (a checkout run through bin/folio.js, which loads tsx with require) needs tsx
    // in the worker too: workers inherit execArgv, not hooks registered at run time
    ...(filename.endsWith('.ts') && !process.execArgv.some((a) => a.includes('tsx'))
      ? { execArgv: [...process.execArgv, '--import', 'tsx'] }
      : {}),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    // rendering allocates many short-lived strings: a larger young generation means fewer scavenges
    resourceLimits: { maxYoungGenerationSizeMb: 48 },
    workerData: { resourcesDir: opts.resourcesDir },
  });
  return {
    threads,
    get queued() {
      return pool.queueSize;
    },
    async render(job) {
      let reply: WorkerReply;
      try {
        reply = (await pool.run(job)) as WorkerReply;
      } catch (err) {
        throw new FolioError('internal', 'RENDER_WORKER_FAILED', `The render worker stopped while rendering ${job.ref}: ${(err as Error).message}`);
      }
      if (!reply.ok) throw FolioError.from(reply.error);
      return reply.value;
    },
    destroy: () => pool.destroy(),
  };
}

export const renderPool = defineService(
  'render-pool',
  (engine) => createRenderPool({ resourcesDir: engine.platform.resourcesDir }),
  (pool) => pool.destroy(),
);
