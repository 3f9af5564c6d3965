/**
 * `folio batch KIND …`: month-end runs (cli.md). The command starts the run in the engine,
 * waits for it (progress bar on a terminal), prints a summary or one JSON document, and exits
 * 0 when every planned statement is made or was made before, 1 when any statement failed or the
 * run did not complete (docs/rules.md "Batch"), 2 for bad usage.
 * Also: `folio batch list`, `folio batch show ID [--problems]`, `folio batch report ID [--out FILE]`,
 * `folio batch resume ID`, `folio batch cancel ID`.
 */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { BATCH_KINDS, type BatchKind, type BatchRun } from '../../../shared/contract';
import { statementTypeDef } from '../../../shared/statement-types';
import { batchRunner } from '../../engine/batch/runner';
import { parseShard } from '../../engine/batch/shard';
import { countNeedsReview } from '../../engine/batch/store';
import { ledgerDb } from '../../engine/db/stores';
import type { Engine } from '../../engine';
import { CliExit, globalOptions, print, usageError, withEngine, type CliIo } from '../context';

/** The parsed options of `folio batch KIND`, by commander's attribute name. */
type RunOptions = Record<string, string | boolean | undefined>;

const RUN_OPTION: Record<string, string> = {
  contractTypes: '--contract-types',
  'shard.index': '--shard',
  shard: '--shard',
  concurrency: '--concurrency',
  format: '--format',
};

/** Engine field → the option that sets it for this kind, so errors name what the user typed. */
function fieldOption(kind: BatchKind, field: string): string | undefined {
  const def = statementTypeDef(kind);
  const spec = def.batch!;
  if (field === 'partyIds') return spec.cli.partiesFlag;
  const run = spec.run.find((r) => r.input === field);
  return (run && def.filters[run.filter]?.cli?.flag) ?? RUN_OPTION[field];
}

/** The run fields' options of a kind (the filter's CLI option, from the statement-type registry). */
function runOptions(kind: BatchKind): Array<{ input: string; flag: string; flags: string; help: string; required: boolean; key: string }> {
  const def = statementTypeDef(kind);
  return def.batch!.run.map((r) => {
    const cli = def.filters[r.filter]!.cli!;
    const flags = `${cli.flag} ${cli.arg ?? '<value>'}`;
    return { input: r.input, flag: cli.flag, flags, help: cli.help, required: r.default === undefined, key: new Option(flags).attributeName() };
  });
}

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items;
}

function toInput(kind: BatchKind, o: RunOptions): Record<string, unknown> {
  const input: Record<string, unknown> = { kind };
  for (const r of runOptions(kind)) if (o[r.key] !== undefined) input[r.input] = o[r.key];
  if (o.contractTypes !== undefined) input.contractTypes = list(String(o.contractTypes));
  const partiesFlag = statementTypeDef(kind).batch!.cli.partiesFlag;
  const parties = o[new Option(`${partiesFlag} <ids>`).attributeName()];
  if (parties !== undefined) {
    const ids = list(String(parties))!;
    if (!ids.length) throw usageError(partiesFlag, 'lists no id');
    input.partyIds = ids;
  }
  if (o.shard !== undefined) input.shard = parseShard(String(o.shard));
  if (o.concurrency !== undefined) {
    const n = Number(o.concurrency);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw usageError('--concurrency', `must be a whole number from 1 to 64 (got "${o.concurrency}")`);
    input.concurrency = n;
  }
  if (o.format !== undefined) input.format = o.format;
  if (o.reissue) input.reissue = true;
  return input;
}

function renameField(err: unknown, kind: BatchKind): unknown {
  const e = err as { field?: string; message?: string };
  const opt = e && typeof e === 'object' && e.field ? fieldOption(kind, e.field) : undefined;
  if (opt && typeof e.message === 'string') {
    e.message = e.message.startsWith(`${e.field}:`) ? `${opt}${e.message.slice(e.field!.length)}` : `${opt}: ${e.message}`;
    e.field = opt;
  }
  return err;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

export function summaryText(run: BatchRun, elapsedMs: number, madeNow: number, review: number): string {
  const c = run.counts;
  const rate = elapsedMs > 0 ? Math.round((madeNow / elapsedMs) * 60_000) : 0;
  const lines = [
    `${run.kind} batch ${run.id}: ${run.status} in ${duration(elapsedMs)}${run.filters.shard ? ` (shard ${run.filters.shard.index}/${run.filters.shard.count})` : ''}`,
    `  planned ${c.planned}, completed ${c.completed}, failed ${c.failed}, warnings ${c.warnings}${review ? ` (${review} need variance review)` : ''}, skipped ${c.skipped} (made before)`,
    `  rate ${rate} statements/min`,
  ];
  if (run.message && run.status !== 'COMPLETED') lines.push(`  ${run.message}`);
  if (c.failed || c.warnings) lines.push(`  report: folio batch report ${run.id} --out report.csv`);
  return lines.join('\n');
}

/** Runs a batch to its end in this process; Ctrl-C cancels (made statements stay made). */
async function runToEnd(engine: Engine, start: () => Promise<BatchRun>): Promise<{ run: BatchRun; elapsedMs: number; madeNow: number }> {
  const runner = await engine.use(batchRunner);
  const t0 = performance.now();
  const first = await start();
  const before = first.counts.completed;
  const onSigint = () => {
    void runner.cancel(first.id).catch(() => undefined);
  };
  process.once('SIGINT', onSigint);
  try {
    const run = await runner.wait(first.id);
    return { run, elapsedMs: performance.now() - t0, madeNow: run.counts.completed - before };
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function finish(cmd: Command, io: CliIo, engine: Engine, r: { run: BatchRun; elapsedMs: number; madeNow: number }, allowFailed: boolean) {
  return (async () => {
    const problems = await engine.call('batch:get', { id: r.run.id, onlyProblems: true, limit: 1000 });
    const review = countNeedsReview(await engine.use(ledgerDb), r.run.id);
    const ratePerMin = r.elapsedMs > 0 ? Math.round((r.madeNow / r.elapsedMs) * 60_000) : 0;
    print(cmd, io, { ...r.run, elapsedMs: Math.round(r.elapsedMs), ratePerMin, needsReview: review, problems: problems.items, problemCount: problems.total }, () =>
      summaryText(r.run, r.elapsedMs, r.madeNow, review),
    );
    const ok = r.run.status === 'COMPLETED' && (allowFailed || r.run.counts.failed === 0);
    if (!ok) throw new CliExit(1);
  })();
}

/** `folio batch KIND`: options from the kind's batch definition (run fields, party list), then the run options. */
function addRunCommand(batch: Command, io: CliIo, kind: BatchKind): void {
  const spec = statementTypeDef(kind).batch!;
  const c = batch.command(kind).description(spec.cli.description);
  for (const r of runOptions(kind)) {
    if (r.required) c.requiredOption(r.flags, r.help);
    else c.option(r.flags, r.help);
  }
  if (spec.contractTypes) c.option('--contract-types <a,b>', 'revenue_share, per_labor_hour, fixed_fee');
  c.option(`${spec.cli.partiesFlag} <id,id>`, spec.cli.partiesHelp)
    .option('--shard <K/N>', 'make only shard K of N (stable hash of each statement\'s subject): run N of these on N machines')
    .option('--concurrency <N>', 'statements in flight at once (default 16)')
    .option('--format <format>', 'pdf (default), html or text')
    .option('--reissue', 'make a new statement even where one was already made (recorded as a re-issue)')
    .option('--allow-failed', 'exit 0 when the run completed even if some statements failed validation');
  c.action(async (o: RunOptions, cmd: Command) => {
    const input = toInput(kind, o);
    await withEngine(cmd, io, async (engine) => {
      let r;
      try {
        r = await runToEnd(engine, () => engine.call('batch:start', input));
      } catch (err) {
        throw renameField(err, kind);
      }
      await finish(cmd, io, engine, r, Boolean(o.allowFailed));
    });
  });
}

export function registerBatch(program: Command, io: CliIo): void {
  const batch = program
    .command('batch')
    .description('month-end batch runs: resumable (run again to finish what is missing), shardable across machines');

  for (const kind of BATCH_KINDS) addRunCommand(batch, io, kind);

  batch
    .command('list')
    .description('batch runs, newest first')
    .action(async (_o, cmd: Command) => {
      const runs = await withEngine(cmd, io, (engine) => engine.call('batch:list', {}));
      print(cmd, io, runs, () =>
        runs.length
          ? runs
              .map((r) => {
                const c = r.counts;
                return `${r.id}  ${r.kind.padEnd(10)} ${r.status.padEnd(11)} ${r.startedAt}  planned ${c.planned} completed ${c.completed} failed ${c.failed} warnings ${c.warnings} skipped ${c.skipped}`;
              })
              .join('\n')
          : 'no batch runs yet',
      );
    });

  batch
    .command('show <id>')
    .description('a run and its statements (--problems: only failed or with warnings)')
    .option('--problems', 'only the statements that failed or have warnings')
    .option('--limit <N>', 'at most N statements', '200')
    .action(async (id: string, o: { problems?: boolean; limit: string }, cmd: Command) => {
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10000) throw usageError('--limit', 'must be a whole number from 1 to 10000');
      const r = await withEngine(cmd, io, (engine) => engine.call('batch:get', { id, onlyProblems: Boolean(o.problems), limit }));
      print(cmd, io, r, () =>
        [
          summaryText(r.run, 0, 0, r.items.filter((i) => i.needsReview && i.status === 'COMPLETED').length).split('\n').filter((l) => !l.includes('rate ')).join('\n'),
          ...r.items.map(
            (i) =>
              `  ${i.status.padEnd(9)} ${i.statementRef ?? '-'}  ${i.subjectName}${i.findings.length ? `: ${i.findings.map((f) => `${f.severity} ${f.code} ${f.message}`).join('; ')}` : ''}`,
          ),
          r.total > r.items.length ? `  … ${r.total - r.items.length} more` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  batch
    .command('report <id>')
    .description('the run report as CSV: failed statements and why, statements to review')
    .option('--out <file>', 'write the CSV to this file (default: stdout)')
    .action(async (id: string, o: { out?: string }, cmd: Command) => {
      const r = await withEngine(cmd, io, (engine) => engine.call('batch:report', { id }));
      if (o.out) {
        writeFileSync(o.out, r.csv);
        print(cmd, io, { fileName: r.fileName, out: o.out }, () => `wrote ${o.out}`);
      } else if (globalOptions(cmd).json) print(cmd, io, r, () => '');
      else io.out(r.csv);
    });

  batch
    .command('resume <id>')
    .description('resume an interrupted, paused or cancelled run: makes only what is missing')
    .option('--allow-failed', 'exit 0 when the run completed even if some statements failed validation')
    .action(async (id: string, o: { allowFailed?: boolean }, cmd: Command) => {
      await withEngine(cmd, io, async (engine) => {
        const r = await runToEnd(engine, () => engine.call('batch:resume', { id }));
        await finish(cmd, io, engine, r, Boolean(o.allowFailed));
      });
    });

  batch
    .command('cancel <id>')
    .description('mark an unfinished run cancelled (statements already made stay made)')
    .action(async (id: string, _o, cmd: Command) => {
      const run = await withEngine(cmd, io, (engine) => engine.call('batch:cancel', { id }));
      print(cmd, io, run, () => `${run.id}: ${run.status}`);
    });
}
