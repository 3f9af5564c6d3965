import assert from 'node:assert/strict';
import { test } from 'node:test';
import '..';
import { defineService, Engine, onServiceStart, startHooksOf } from '../engine';
import { ledgerService } from './ledger';

test('the ledger store runs the start hooks its dependants registered, repair before merge before the rest', () => {
  const hooks = startHooksOf(ledgerService);
  const names = hooks.map((h) => h.name);
  assert.equal(names[0], 'reconcileAtStart');
  assert.equal(names[1], 'mergeAuditInbox');
  // interrupted batch runs (batch/runner.ts): 'ready'
  assert.ok(names.includes('markInterruptedRuns'), names.join(', '));
  assert.ok(hooks.length >= 3, names.join(', '));
  assert.deepEqual(hooks.slice(2).map((h) => h.phase), hooks.slice(2).map(() => 'ready'));
});

test('start hooks run in phase order, once per registered function, and the first failure stops them', async () => {
  const svc = defineService<string[]>('probe', async (engine) => {
    const seen: string[] = [];
    await engine.runStartHooks(svc, seen);
    return seen;
  });
  const ready = (_e: Engine, seen: string[]) => void seen.push('ready');
  onServiceStart(svc, { name: 'ready', phase: 'ready', run: ready });
  onServiceStart(svc, { name: 'ready again', phase: 'ready', run: ready });
  onServiceStart(svc, { name: 'repair', phase: 'repair', run: (_e, seen) => void seen.push('repair') });
  onServiceStart(svc, { name: 'merge', phase: 'merge', run: (_e, seen) => void seen.push('merge') });
  const engine = new Engine({} as never, {} as never, async () => ({ user: 'u', role: 'admin' }));
  assert.deepEqual(await engine.use(svc), ['repair', 'merge', 'ready']);

  const failing = defineService<string[]>('failing', async (e) => {
    const seen: string[] = [];
    await e.runStartHooks(failing, seen);
    return seen;
  });
  let after = false;
  onServiceStart(failing, { name: 'boom', phase: 'repair', run: () => Promise.reject(new Error('boom')) });
  onServiceStart(failing, { name: 'after', phase: 'ready', run: () => void (after = true) });
  await assert.rejects(engine.use(failing), /boom/);
  assert.equal(after, false);
});
