import type { Command } from 'commander';
import type { UploadsSummary } from '../../../shared/contract';
import { CliExit, print, withEngine, type CliIo } from '../context';

function text(s: UploadsSummary): string {
  const head = `uploads: ${s.pending} pending, ${s.failed} failed, ${s.uploaded} uploaded${s.configured ? '' : ' (no S3 bucket configured: statements stay local)'}${s.online ? '' : ' (offline)'}`;
  const waiting = s.rows.filter((r) => r.status !== 'UPLOADED');
  return [
    head,
    ...waiting.map(
      (r) => `${String(r.id).padStart(6)}  ${r.status.padEnd(9)}  ${r.statementRef}  ${r.key}  attempts ${r.attempts}${r.nextAttemptAt ? `  next ${r.nextAttemptAt}` : ''}${r.lastError ? `  ${r.lastError}` : ''}`,
    ),
  ].join('\n');
}

/** `folio uploads [--drain] [--retry [ID]]`: the upload queue; --drain uploads what is pending now. */
export function registerUploads(program: Command, io: CliIo): void {
  program
    .command('uploads')
    .description('show the upload queue; --drain uploads what is pending now')
    .option('--drain', 'upload what is pending now (tries even when the system reports offline)')
    .option('--retry [id]', 'put failed uploads (or one) back in the queue, due now')
    .action(async (o: { drain?: boolean; retry?: string | boolean }, cmd: Command) => {
      const s = await withEngine(cmd, io, async (engine) => {
        if (o.retry !== undefined) {
          const id = typeof o.retry === 'string' ? Number(o.retry) : undefined;
          await engine.call('uploads:retry', id === undefined || Number.isNaN(id) ? {} : { id });
        }
        return o.drain ? engine.call('uploads:drain', {}) : engine.call('uploads:list', {});
      });
      print(cmd, io, s, () => text(s));
      if (o.drain && s.configured && (s.failed > 0 || s.pending > 0)) {
        io.err(`folio: ${s.pending} upload(s) still pending and ${s.failed} failed`);
        throw new CliExit(1);
      }
    });
}
