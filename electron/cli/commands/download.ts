import type { Command } from 'commander';
import { print, withEngine, type CliIo } from '../context';

/** `folio download REF --out FILE`: the statement's file from the local store or else S3, after its SHA-256 check. */
export function registerDownload(program: Command, io: CliIo): void {
  program
    .command('download')
    .description("write a statement's file, from the local store or else S3, after checking its SHA-256")
    .argument('<ref>', 'the statement reference, e.g. CS-1736776800000-A1B2C3D4')
    .requiredOption('--out <file>', 'where to write the file')
    .action(async (ref: string, o: { out: string }, cmd: Command) => {
      const res = await withEngine(cmd, io, (engine) => engine.call('history:export', { ref, path: o.out }));
      print(cmd, io, { ref, ...res }, () => `${ref}: wrote ${res.path} (from ${res.source === 'local' ? 'the local store' : 'S3'}, sha256 ${res.sha256} verified)`);
    });
}
