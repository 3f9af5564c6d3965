/**
 * Security gate: every engine command of the contract, fuzzed through `engine.invoke` (the path
 * every transport takes) with bad input: wrong types, huge strings, extra keys, prototype
 * pollution keys. Each must answer `{ ok: false, error }` of type `validation` (the schema runs
 * before the role check and the handler), never an `internal` crash, and the engine must keep
 * answering. Inputs the schema happens to accept are skipped (they are not bad input).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { commands, COMMAND_NAMES, type CommandName } from '../../shared/contract';
import { testEngine, type TestEngine } from '../helpers/engine';

const ENGINE_COMMANDS = COMMAND_NAMES.filter((n) => commands[n].host === 'engine');
const RUNS = Number(process.env.FOLIO_FUZZ_RUNS ?? 60);
const HUGE = 'x'.repeat(1_000_000);

/** The keys a command's input object knows (empty for `{}` inputs). */
function knownKeys(name: CommandName): string[] {
  const shape = (commands[name].input as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Objects whose own keys are pollution vectors (JSON.parse makes `__proto__` an own key). */
const pollution = fc.constantFrom(
  () => JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  () => JSON.parse('{"prototype": {"polluted": "yes"}}'),
  () => JSON.parse('{"toString": "x", "valueOf": 1, "hasOwnProperty": null}'),
).map((f) => f() as Record<string, unknown>);

const badValue = fc.oneof(
  fc.constant(HUGE),
  fc.constant(null),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(-1),
  fc.constant(2 ** 53),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 50 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.object({ maxDepth: 2 }),
  pollution,
);

/** Bad input for one command: not an object, wrong values for its own keys, extra keys, pollution. */
function badInput(name: CommandName): fc.Arbitrary<unknown> {
  const keys = knownKeys(name);
  const own = keys.length
    ? fc.dictionary(fc.constantFrom(...keys), badValue, { minKeys: 1, maxKeys: keys.length })
    : fc.constant({} as Record<string, unknown>);
  const extraKey = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'x'.repeat(10_000)));
  return fc.oneof(
    fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.string(), fc.array(fc.anything(), { maxLength: 3 }), fc.constant(HUGE)),
    own,
    fc.tuple(own, extraKey, fc.anything({ maxDepth: 1 })).map(([o, k, v]) => {
      const copy: Record<string, unknown> = { ...o };
      Object.defineProperty(copy, k, { value: v, enumerable: true, configurable: true, writable: true });
      return copy;
    }),
    pollution,
    fc.tuple(own, pollution).map(([o, p]) => Object.assign(Object.create(null) as object, o, { nested: p })),
    // a known key holding a pollution object or a huge string, the others valid-looking
    keys.length ? fc.tuple(fc.constantFrom(...keys), fc.oneof(pollution, fc.constant(HUGE))).map(([k, v]) => ({ [k]: v })) : fc.constant('not an object'),
  );
}

function rejectsBySchema(name: CommandName, input: unknown): boolean {
  return !commands[name].input.safeParse(input ?? {}).success;
}

describe('fuzzing every contract command with bad input', () => {
  let t: TestEngine;
  before(() => {
    t = testEngine();
  });
  after(async () => {
    await t.close();
  });

  test('the table covers the whole contract', () => {
    assert.ok(ENGINE_COMMANDS.length >= 30, `${ENGINE_COMMANDS.length} engine commands`);
    assert.ok(ENGINE_COMMANDS.includes('statement:generate') && ENGINE_COMMANDS.includes('settings:set'));
  });

  for (const name of ENGINE_COMMANDS) {
    test(`${name}: bad input → validation error, never internal`, async () => {
      let tried = 0;
      await fc.assert(
        fc.asyncProperty(badInput(name), async (input) => {
          fc.pre(rejectsBySchema(name, input));
          tried++;
          const reply = await t.engine.invoke(name, input);
          assert.equal(reply.ok, false, `${name} accepted ${String(JSON.stringify(input)).slice(0, 200)}`);
          if (reply.ok) return;
          assert.equal(reply.error.type, 'validation', `${name}: ${reply.error.type} ${reply.error.code}: ${reply.error.message.slice(0, 300)}`);
          assert.equal(reply.error.code, 'INVALID_INPUT');
          assert.ok(reply.error.message.length > 0 && reply.error.message.length < 2_000, 'a short message that does not echo the input');
        }),
        { numRuns: RUNS, seed: Number(process.env.FOLIO_FUZZ_SEED ?? 20261125) },
      );
      assert.ok(tried > RUNS / 4, `${name}: enough bad inputs were really tried (${tried})`);
    });
  }

  test('the engine still answers, and nothing was polluted', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    assert.equal(proto.polluted, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const reply = await t.engine.invoke('settings:get', {});
    assert.equal(reply.ok, true);
  });

  test('unknown command names and non-string names are validation errors', async () => {
    for (const name of ['', 'nope', 'statement:generate ', '__proto__', 'constructor', 'toString', 42, null, undefined, {}, ['app:info'], HUGE]) {
      const reply = await t.engine.invoke(name, {});
      assert.equal(reply.ok, false, String(name).slice(0, 40));
      assert.equal(!reply.ok && reply.error.type, 'validation', String(name).slice(0, 40));
      assert.ok(!reply.ok && reply.error.message.length < 300, 'the name is not echoed in full');
    }
    const shell = await t.engine.invoke('shell:saveCopy', { ref: 'CS-1' });
    assert.equal(!shell.ok && shell.error.code, 'SHELL_COMMAND');
  });

  test('settings:set with prototype keys as the setting name: validation naming the field', async () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const reply = await t.engine.invoke('settings:set', { key, value: { polluted: 'yes' } });
      assert.equal(!reply.ok && reply.error.type, 'validation', key);
      assert.equal(!reply.ok && reply.error.field, key);
    }
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  });
});
