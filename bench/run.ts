/**
 * `npm run bench [suite…]`: runs the benchmark suites and prints one table (metric, value,
 * target, peer, ok). Data sets are built once per run under .bench-data/ and reused.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suites } from './suites';
import type { BenchContext, BenchRow } from './suites/types';
import { prepareDemoDataDir } from './data';

const root = resolve(__dirname, '..', '.bench-data');

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const chosen = wanted.length ? suites.filter((s) => wanted.includes(s.name)) : suites;
  if (wanted.length && chosen.length !== wanted.length) {
    const known = suites.map((s) => s.name).join(', ');
    throw new Error(`unknown suite in ${wanted.join(', ')}; known: ${known}`);
  }
  const dataDirs = new Map<string, Promise<string>>();
  const ctx: BenchContext = {
    demoDataDir(size) {
      let p = dataDirs.get(size);
      if (!p) dataDirs.set(size, (p = prepareDemoDataDir(root, size, ctx.log)));
      return p;
    },
    scratchDir(name) {
      const dir = join(root, 'scratch', name);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    log: (m) => process.stderr.write(`[bench] ${m}\n`),
  };
  const rows: BenchRow[] = [];
  for (const s of chosen) {
    ctx.log(`${s.name} (${s.estimate})…`);
    try {
      rows.push(...(await s.run(ctx)));
    } catch (err) {
      rows.push({ suite: s.name, metric: 'error', value: (err as Error).message, ok: false });
    }
  }
  printTable(rows);
  if (rows.some((r) => r.ok === false)) process.exitCode = 1;
}

function printTable(rows: BenchRow[]): void {
  const head = ['suite', 'metric', 'value', 'target', 'peer', 'ok'];
  const body = rows.map((r) => [r.suite, r.metric, r.value, r.target ?? '', r.peer ?? '', r.ok === undefined ? '' : r.ok ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
