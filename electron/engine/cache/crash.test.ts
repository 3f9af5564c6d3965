import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cacheDb } from '../db/stores';
import { getMeta } from './meta';
import { bareEngine } from './test-support';

/** Runs the child, kills it with SIGKILL a little after it announced its Nth save. */
function runAndKill(dataDir: string, afterSaves: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crash-child.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = 0;
    let buf = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the child did not reach its saves in time'));
    }, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      for (const m of buf.matchAll(/saving (\d+)/g)) last = Number(m[1]);
      if (last >= afterSaves) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the child ended by itself (${signal})`));
      else resolve(last);
    });
  });
}

test('a process killed (SIGKILL) while saving leaves a readable cache holding a saved state', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'folio-crash-'));
  try {
    for (const [afterSaves, delay] of [[3, 0], [5, 1], [8, 3]] as const) {
      const announced = await runAndKill(dataDir, afterSaves, delay);
      const e = bareEngine({ dataDir });
      try {
        const db = await e.engine.use(cacheDb);
        assert.equal(db.value('PRAGMA integrity_check'), 'ok');
        const counter = Number(getMeta(db, 'crash_counter') ?? 0);
        // the file holds the last completed save: the one announced, or the one before it
        assert.ok(counter === announced || counter === announced - 1 || counter > announced, `counter ${counter} vs announced ${announced}`);
        assert.equal(db.value('SELECT count(*) FROM payment_items'), 2000);
      } finally {
        await e.engine.close();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
