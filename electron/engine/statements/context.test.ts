import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEngine } from '../../../test/helpers/engine';
import { buildComputeContext } from './context';

// 20:00 UTC on 31 January is already 1 February in Auckland, still 31 January in Los Angeles
const instant = new Date('2026-01-31T20:00:00Z');

test("today is the platform's zone (TZ in its environment) when it differs from the runtime's", async () => {
  const saved = process.env.TZ;
  process.env.TZ = 'America/Los_Angeles';
  const t = testEngine({ env: { FOLIO_USER: 'tester', TZ: 'Pacific/Auckland' }, now: () => instant });
  try {
    assert.equal((await buildComputeContext(t.engine)).today, '2026-02-01');
  } finally {
    await t.close();
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test("today is the runtime's zone when the platform names none, or the same one", async () => {
  const saved = process.env.TZ;
  process.env.TZ = 'America/Los_Angeles';
  const plain = testEngine({ env: { FOLIO_USER: 'tester' }, now: () => instant });
  const same = testEngine({ env: { FOLIO_USER: 'tester', TZ: 'America/Los_Angeles' }, now: () => instant });
  try {
    assert.equal((await buildComputeContext(plain.engine)).today, '2026-01-31');
    assert.equal((await buildComputeContext(same.engine)).today, '2026-01-31');
    process.env.TZ = 'Pacific/Auckland';
    assert.equal((await buildComputeContext(plain.engine)).today, '2026-02-01');
  } finally {
    await plain.close();
    await same.close();
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
