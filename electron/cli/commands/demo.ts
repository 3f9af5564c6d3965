import { resolve } from 'node:path';
import type { Command } from 'commander';
import { demoSize } from '../../../shared/contract';
import { writeDemoBundle, type DemoSize } from '../../engine/demo/generate';
import { print, usageError, type CliIo } from '../context';

interface DemoOpts {
  size: string;
  seed: string;
  through?: string;
  out?: string;
}

/** `folio demo [--size small|medium|large|N] [--seed N] [--through YYYY-MM] --out DIR`: writes a demo bundle. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('write a deterministic demo bundle (data-bundle.md) to a folder')
    .option('--size <size>', 'small, medium, large or a number of clients', 'small')
    .option('--seed <n>', 'random seed: the same seed, size and --through give the same bytes', '1')
    .option('--through <YYYY-MM>', 'the last of the twelve months covered (default: the previous calendar month)')
    .option('--out <dir>', 'the bundle folder to write')
    .action(async (opts: DemoOpts, cmd: Command) => {
      if (!opts.out) throw usageError('--out', 'is required (the bundle folder to write)');
      const size = demoSize.safeParse(opts.size);
      if (!size.success) throw usageError('--size', `must be small, medium, large or a number of clients 1–100000, not "${opts.size}"`);
      if (!/^-?\d+$/.test(opts.seed)) throw usageError('--seed', `must be an integer, not "${opts.seed}"`);
      if (opts.through !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.through)) throw usageError('--through', `must be a month YYYY-MM, not "${opts.through}"`);
      const started = Date.now();
      const r = writeDemoBundle({ size: size.data as DemoSize, seed: Number(opts.seed), ...(opts.through ? { through: opts.through } : {}), out: resolve(opts.out) });
      print(cmd, io, r, () =>
        [
          `demo bundle written to ${r.dir} (twelve months through ${r.through}, exported ${r.exportedAt}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          ...Object.entries(r.lines).map(([e, n]) => `  ${e.padEnd(17)} ${String(n).padStart(9)} lines`),
          `  (${r.badLines} of them deliberately bad: import quarantines them)`,
        ].join('\n'),
      );
    });
}
