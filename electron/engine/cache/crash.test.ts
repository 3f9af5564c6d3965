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
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crash-child.ts'), 'save', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
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

test('a process killed (SIGKILL) in the middle of importing a bundle leaves the cache of the bundle before', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'folio-crash-import-'));
  try {
    const outcome = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crash-child.ts'), 'import', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('importing')) setTimeout(() => child.kill('SIGKILL'), 150);
      });
      child.on('exit', () => {
        clearTimeout(timer);
        if (!out.includes('importing')) reject(new Error('the child never started the second import'));
        else resolve(out.includes('imported') ? 'finished' : 'killed');
      });
    });
    assert.equal(outcome, 'killed', 'the kill landed during the second import');
    const e = bareEngine({ dataDir });
    try {
      const db = await e.engine.use(cacheDb);
      assert.equal(db.value('PRAGMA integrity_check'), 'ok');
      assert.equal(db.value('SELECT count(*) FROM applied_bundles'), 1, 'only the first bundle');
      assert.equal(db.value('SELECT count(*) FROM payment_items'), 2000, 'the first bundle\'s 2,000 payment items, none of the second');
      assert.equal(db.value("SELECT value FROM cache_meta WHERE key = 'data_version'"), '1');
    } finally {
      await e.engine.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
