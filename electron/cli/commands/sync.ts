import type { Command } from 'commander';
import { CliExit, print, withEngine, type CliIo } from '../context';
import { importText, quarantinedLines } from './import';

/** `folio sync`: pulls new bundles from the configured S3 source (`source.s3`). Exit 1 when it failed or was offline. */
export function registerSync(program: Command, io: CliIo): void {
  program
    .command('sync')
    .description('pull the bundles not yet applied from the configured S3 source (source.s3) and apply them')
    .action(async (_opts: unknown, cmd: Command) => {
      await withEngine(cmd, io, async (engine) => {
        const since = engine.platform.now().toISOString();
        const r = await engine.call('data:sync', {});
        const lines = r.result ? await quarantinedLines(engine, r.result, since) : [];
        print(cmd, io, { ...r, quarantinedLines: lines }, () => [r.message, ...(r.result ? ['', importText(r.result, lines)] : [])].join('\n'));
        if (!r.ok) {
          io.err(`folio: ${r.message}`);
          throw new CliExit(1);
        }
      });
    });
}
