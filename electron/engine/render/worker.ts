/**
 * The render worker (a piscina worker thread): one job in, one file out. Fonts are parsed once
 * per worker and reused for every job. Errors come back as data (type, code, message), so that
 * a FolioError keeps its code across the thread boundary.
 */
import { workerData } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { toErrorData, type FolioErrorData } from '../../../shared/errors';
import { loadFontSet } from './fonts/fontset';
import { renderStatement } from './index';
import type { RenderJob, RenderOutput } from './types';

export type WorkerReply = { ok: true; value: RenderOutput } | { ok: false; error: FolioErrorData };

const resourcesDir = (workerData as { resourcesDir?: string } | null)?.resourcesDir;
// parse the fonts when the worker starts, not on its first job
if (resourcesDir) {
  try {
    loadFontSet(resourcesDir);
  } catch {
    // reported by the first job that needs them
  }
}

export default async function renderJob(job: RenderJob): Promise<WorkerReply> {
  try {
    const value = await renderStatement(job, resourcesDir ? { resourcesDir } : {});
    // hand the file's buffer over to the main thread instead of copying it
    let bytes = value.bytes;
    if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) bytes = bytes.slice();
    const reply: WorkerReply = { ok: true, value: { ...value, bytes } };
    return Piscina.move({
      [Piscina.transferableSymbol]: [bytes.buffer],
      [Piscina.valueSymbol]: reply,
    } as unknown as ArrayBufferView) as unknown as WorkerReply;
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}
