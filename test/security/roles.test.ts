/**
 * Roles: viewer (history and downloads), accountant (preview, generate, batch), admin (templates,
 * settings, sources). The role comes from settings `user.role` or IT's policy file (policy wins);
 * the engine refuses what the role lacks, before any handler runs, and the audit log records who
 * did what with which role.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { commands, COMMAND_NAMES, ROLE_RANK, type CommandName, type Role } from '../../shared/contract';
import { createEngine, nodePlatform } from '../../electron/engine';
import { clientRequest, seedClients } from '../../electron/engine/ledger/testing';
import { tempDir, testEngine, withRenderer } from '../helpers/engine';

/** A valid input for every command a viewer may not run (the schema passes, so only the role can refuse). */
const template = {
  name: 'T',
  statementType: 'client',
  branding: { companyName: 'ACME', addressLines: [], accentColor: '#1f6feb' },
  pageSize: 'A4',
  locale: 'en-US',
  sections: {},
};
const VALID: Partial<Record<CommandName, unknown>> = {
  'data:import': { path: '/nonexistent/folio-bundle' },
  'data:sync': {},
  'tabular:inspect': { path: '/nonexistent/export.csv' },
  'tabular:mappings': { path: '/nonexistent/export.csv', entity: 'parties' },
  'tabular:preview': { path: '/nonexistent/export.csv', entity: 'parties', mapping: { columns: { id: 'ID' } } },
  'tabular:import': { path: '/nonexistent/export.csv', entity: 'parties', mapping: { columns: { id: 'ID' } } },
  'data:loadDemo': { size: 1 },
  'statement:preview': { request: clientRequest('c1').request },
  'export:statement': { request: clientRequest('c1').request, format: 'csv' },
  'statement:generate': clientRequest('c1'),
  'uploads:drain': {},
  'uploads:retry': {},
  'templates:save': { id: 'custom-1', body: template },
  'templates:rollback': { id: 'custom-1', version: 1 },
  'batch:start': { kind: 'billing', period: '2026-01' },
  'batch:pause': { id: 'run-1' },
  'batch:resume': { id: 'run-1' },
  'batch:cancel': { id: 'run-1' },
  'settings:set': { key: 'locale', value: 'en-GB' },
  'settings:setCredentials': { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
  'settings:clearCredentials': {},
};

const engineCommands = COMMAND_NAMES.filter((n) => commands[n].host === 'engine');
const above = (role: Role) => engineCommands.filter((n) => ROLE_RANK[commands[n].role] > ROLE_RANK[role]);

test('the contract gives each part of the product its role', () => {
  const roleOf = (n: CommandName) => commands[n].role;
  for (const n of ['history:list', 'history:get', 'history:file', 'history:export', 'audit:list', 'app:info', 'settings:get', 'export:grid'] as const) {
    assert.equal(roleOf(n), 'viewer', n);
  }
  for (const n of ['statement:preview', 'statement:generate', 'batch:start', 'export:statement'] as const) assert.equal(roleOf(n), 'accountant', n);
  for (const n of ['templates:save', 'templates:rollback', 'settings:set', 'settings:setCredentials', 'data:sync', 'data:import', 'tabular:inspect', 'tabular:preview', 'tabular:import'] as const) {
    assert.equal(roleOf(n), 'admin', n);
  }
  // the table below must cover every command a viewer may not run, with an input the schema accepts
  assert.deepEqual(Object.keys(VALID).sort(), above('viewer').sort());
  for (const [n, input] of Object.entries(VALID)) {
    const r = commands[n as CommandName].input.safeParse(input);
    assert.ok(r.success, `${n}: ${r.success ? '' : r.error.issues[0]?.message}`);
  }
});

function engineAs(role: Role) {
  const dir = tempDir();
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ roles: { 'CORP\\pat': role, '*': 'viewer' } }));
  const platform = { ...nodePlatform({ dataDir: join(dir, 'data'), kind: 'test', policyFiles: [policy], env: { FOLIO_USER: 'pat' } }), osUser: () => 'pat' };
  return createEngine(platform);
}

for (const role of ['viewer', 'accountant'] as const) {
  test(`a ${role} (from the policy file) is refused every command above ${role}, before the handler runs`, async () => {
    const engine = engineAs(role);
    try {
      for (const n of above(role)) {
        const reply = await engine.invoke(n, VALID[n]);
        assert.equal(reply.ok, false, n);
        if (reply.ok) continue;
        assert.equal(reply.error.type, 'forbidden', `${n}: ${reply.error.code} ${reply.error.message}`);
        assert.equal(reply.error.code, 'ROLE_FORBIDDEN');
        assert.match(reply.error.message, new RegExp(`${n} needs the ${commands[n].role} role; pat has the ${role} role`));
      }
      for (const n of ['history:list', 'audit:list', 'settings:get'] as const) {
        const reply = await engine.invoke(n, {});
        assert.ok(reply.ok || reply.error.type !== 'forbidden', `${role} may run ${n}`);
      }
    } finally {
      await engine.close();
    }
  });
}

test('a viewer is refused statement:generate with forbidden, and nothing is recorded', async () => {
  const engine = engineAs('viewer');
  try {
    const reply = await engine.invoke('statement:generate', clientRequest('c1'));
    assert.equal(!reply.ok && reply.error.type, 'forbidden');
    const history = await engine.invoke('history:list', {});
    assert.ok(history.ok, 'a viewer reads history');
    assert.equal((history.value as { total: number }).total, 0);
    // the refusal itself is in the audit log: who tried what, with which role
    const audit = await engine.call('audit:list', {});
    const denied = audit.rows.filter((r) => r.action === 'denied');
    assert.equal(denied.length, 1);
    assert.deepEqual({ user: denied[0]!.user, role: denied[0]!.role, command: denied[0]!.details.command }, { user: 'pat', role: 'viewer', command: 'statement:generate' });
    assert.equal((await engine.call('audit:verify', {})).ok, true);
  } finally {
    await engine.close();
  }
});

test('the policy wins over the user setting; without a policy the user setting decides', async () => {
  const dir = tempDir();
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ role: 'viewer' }));
  const dataDir = join(dir, 'data');
  // the user made themselves admin in their own settings file
  const mk = (files: string[]) => createEngine({ ...nodePlatform({ dataDir, kind: 'test', policyFiles: files, env: { FOLIO_USER: 'pat' } }), osUser: () => 'pat' });
  const free = mk([]);
  await free.call('settings:set', { key: 'user.role', value: 'accountant' });
  const r1 = await free.invoke('settings:set', { key: 'locale', value: 'en-GB' });
  assert.equal(!r1.ok && r1.error.type, 'forbidden', 'an accountant cannot change settings');
  await free.close();
  const managed = mk([policy]);
  try {
    const r2 = await managed.invoke('batch:start', VALID['batch:start']);
    assert.equal(!r2.ok && r2.error.code, 'ROLE_FORBIDDEN', 'the policy made them a viewer');
    const r3 = await managed.invoke('settings:set', { key: 'user.role', value: 'admin' });
    assert.equal(!r3.ok && r3.error.type, 'forbidden', 'and they cannot change it back');
  } finally {
    await managed.close();
  }
});

describe('the audit log records who did what, with which role', () => {

  test('an accountant generates: the audit entry names the user and the role', async () => {
    const t = testEngine(withRenderer({ env: { FOLIO_USER: 'alice' } }));
    try {
      await t.engine.call('settings:set', { key: 'user.role', value: 'accountant' });
      await seedClients(t.engine, 1);
      const reply = await t.engine.invoke('statement:generate', clientRequest('c1'));
      assert.ok(reply.ok, JSON.stringify(reply));
      const ref = (reply.value as { ref: string }).ref;
      const audit = await t.engine.call('audit:list', {});
      const entry = audit.rows.find((r) => r.action === 'generate' && JSON.stringify(r.details).includes(ref));
      assert.ok(entry, 'a generate entry for the reference');
      assert.equal(entry.user, 'alice');
      assert.equal(entry.role, 'accountant');
      const verdict = await t.engine.call('audit:verify', {});
      assert.equal(verdict.ok, true, verdict.message);
    } finally {
      await t.close();
    }
  });
});
