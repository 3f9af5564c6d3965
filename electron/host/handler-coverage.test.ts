/**
 * Every command of the contract is handled exactly once: by one engine domain's handler table, or
 * (shell commands) by the desktop shell. A duplicate across domains, a missing handler, a handler
 * for a command the contract does not have, or an engine handler for a shell command fails here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMAND_NAMES, commands } from '../../shared/contract';
import { domainHandlers, handlers } from '../engine/handlers';

test('each contract command has exactly one engine handler or is a shell command', () => {
  const owners = new Map<string, string[]>();
  for (const [domain, table] of Object.entries(domainHandlers)) {
    for (const name of Object.keys(table)) owners.set(name, [...(owners.get(name) ?? []), domain]);
  }
  const problems: string[] = [];
  for (const name of COMMAND_NAMES) {
    const by = owners.get(name) ?? [];
    if (commands[name].host === 'shell') {
      if (by.length > 0) problems.push(`${name} is a shell command but has an engine handler in ${by.join(', ')}`);
    } else if (by.length === 0) {
      problems.push(`${name} has no engine handler`);
    } else if (by.length > 1) {
      problems.push(`${name} is handled twice: ${by.join(' and ')}`);
    }
  }
  for (const name of owners.keys()) {
    if (!(COMMAND_NAMES as string[]).includes(name)) problems.push(`${name} has a handler but is not in the contract`);
  }
  assert.deepEqual(problems, []);
  for (const name of COMMAND_NAMES) {
    if (commands[name].host === 'engine') assert.equal(typeof (handlers as Record<string, unknown>)[name], 'function', name);
  }
});

test('the shell commands are exactly the ones main and the bridge implement', () => {
  const shell = COMMAND_NAMES.filter((n) => commands[n].host === 'shell').sort();
  assert.deepEqual(shell, ['shell:chooseFile', 'shell:chooseFolder', 'shell:chooseSavePath', 'shell:saveCopy', 'shell:showInFolder']);
});
