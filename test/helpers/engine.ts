/**
 * Test helpers: a real engine on a fresh temporary data folder, and the CLI run in-process with
 * captured output. Nothing is mocked: the same engine the app and the CLI use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, nodePlatform, type Engine } from '../../electron/engine';
import type { NodePlatformOptions } from '../../electron/engine/platform';
import { run } from '../../electron/cli/program';
import { renderDeps, type RenderDeps } from '../../electron/engine/ledger/render-deps';
import { testRenderer } from '../../electron/engine/ledger/testing';

export function tempDir(prefix = 'folio-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestEngine {
  engine: Engine;
  dataDir: string;
  /** closes the engine (saving databases) and removes the folder unless keep is set */
  close(opts?: { keep?: boolean }): Promise<void>;
}

export interface TestEngineOptions extends NodePlatformOptions {
  /** services given to this engine before its first call (`engine.provide`), e.g. a test renderer */
  wire?: (engine: Engine) => void;
}

export function testEngine({ wire, ...opts }: TestEngineOptions = {}): TestEngine {
  const dataDir = opts.dataDir ?? tempDir();
  const engine = createEngine(
    nodePlatform({ kind: 'test', policyFiles: [], env: { FOLIO_USER: 'tester' }, ...opts, dataDir }),
  );
  wire?.(engine);
  return {
    engine,
    dataDir,
    async close({ keep = false } = {}) {
      await engine.close();
      if (!keep && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs `folio ARGS` in-process (same code path as the bin) with captured output. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    out: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
    tty: false,
    env: { FOLIO_USER: 'tester', FOLIO_POLICY_FILE: '/nonexistent/folio-policy.json', ...env },
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

/** Options for an engine that renders with `renderer` (the ledger's small deterministic test renderer unless given). */
export function withRenderer(opts: TestEngineOptions = {}, renderer: RenderDeps = testRenderer()): TestEngineOptions {
  return {
    ...opts,
    wire: (engine) => {
      opts.wire?.(engine);
      engine.provide(renderDeps, renderer);
    },
  };
}
