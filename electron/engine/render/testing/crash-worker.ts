/**
 * Test fixture: the real render worker, except that a job whose ref starts with "CRASH" kills
 * its worker thread (as a native crash or an out-of-memory would), to prove that a crashing
 * worker fails only its own job.
 */
import type { RenderJob } from '../types';
import renderJob from '../worker';

export default async function crashOrRender(job: RenderJob) {
  if (job.ref.startsWith('CRASH')) process.exit(70);
  return renderJob(job);
}
