/**
 * What every `folio` command shares: global options, one engine per run (closed at the end so
 * that databases are saved), output as text or one JSON document, exit codes per cli.md
 * (0 ok, 1 the work failed, 2 bad usage or bad input), and a progress bar on a terminal.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import type { ProgressEvent } from '../../shared/contract';
import { FolioError, toErrorData, type FolioErrorData } from '../../shared/errors';
import { createEngine, nodePlatform, type Engine } from '../engine';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress bars are shown */
  readonly tty: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** a test harness's services for the run's engine, given before its first call (`engine.provide`) */
  wire?: (engine: Engine) => void;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  tty: Boolean(process.stderr.isTTY),
  env: process.env,
};

/** Thrown to end the run with an exit code (after output was written). */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

/** Runs `fn` with an engine on the chosen data folder, and always closes it (saving databases). */
export async function withEngine<T>(cmd: Command, io: CliIo, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const g = globalOptions(cmd);
  const engine = createEngine(
    nodePlatform({ ...(g.dataDir ? { dataDir: g.dataDir } : {}), kind: 'cli', env: io.env }),
  );
  io.wire?.(engine);
  const stopProgress = io.tty && !g.json ? showProgress(engine) : () => {};
  try {
    return await fn(engine);
  } finally {
    stopProgress();
    await engine.close();
  }
}

/** Prints `value` as JSON with --json, else the human text. */
export function print(cmd: Command, io: CliIo, value: unknown, human: () => string): void {
  if (globalOptions(cmd).json) io.out(JSON.stringify(value, null, 2));
  else io.out(human());
}

/** Exit code for an error: 2 for bad input or usage, 1 for anything else. */
export function exitCodeFor(err: FolioErrorData): number {
  return err.type === 'validation' || err.type === 'not_found' ? 2 : 1;
}

export function reportError(io: CliIo, err: unknown, json: boolean): number {
  const data = toErrorData(err);
  if (json) io.out(JSON.stringify({ error: data }, null, 2));
  io.err(`folio: ${data.field && !data.message.includes(data.field) ? `${data.field}: ` : ''}${data.message}`);
  return exitCodeFor(data);
}

/** A bad option value: exit 2 naming the option. */
export function usageError(option: string, message: string): FolioError {
  return new FolioError('validation', 'BAD_OPTION', `${option}: ${message}`, option);
}

/** A cli-progress bar on stderr fed by the engine's progress events. */
function showProgress(engine: Engine): () => void {
  const bars = new Map<string, SingleBar>();
  const unsubscribe = engine.subscribe((name, payload) => {
    if (name !== 'progress') return;
    const p = payload as ProgressEvent;
    let bar = bars.get(p.taskId);
    if (!bar) {
      bar = new SingleBar(
        { format: `${p.label} [{bar}] {percentage}% | {value}/{total} | {rate}/min | ETA {eta_formatted}`, stream: process.stderr },
        Presets.shades_classic,
      );
      bar.start(Math.max(1, p.total), p.done, { rate: '-' });
      bars.set(p.taskId, bar);
    }
    bar.setTotal(Math.max(1, p.total));
    bar.update(p.done, { rate: p.ratePerMin === null ? '-' : String(Math.round(p.ratePerMin)) });
    if (p.finished) {
      bar.stop();
      bars.delete(p.taskId);
    }
  });
  return () => {
    unsubscribe();
    for (const b of bars.values()) b.stop();
  };
}
