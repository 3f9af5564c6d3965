/**
 * The e2e data: bundle folders in test/fixtures/e2e/ (format 1), imported through the real engine.
 * `main-2026-02-01` is a full bundle (John Smith with 5 payment items in 2026-01 plus one either
 * side, Jane Doe in GBP and EUR, open billing items across four clients, three contracts);
 * `delta-2026-02-02-quarantine` adds one good line and three that break the rules.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Engine } from '../../electron/engine';

export const FIXTURES = resolve(__dirname, '..', 'fixtures', 'e2e');
export const MAIN_BUNDLE = join(FIXTURES, 'main-2026-02-01');
export const QUARANTINE_BUNDLE = join(FIXTURES, 'delta-2026-02-02-quarantine');

export async function importMain(engine: Engine): Promise<void> {
  const r = await engine.call('data:import', { path: MAIN_BUNDLE });
  if (r.bundles.length !== 1 || r.bundles[0]?.status !== 'applied' || r.quarantined !== 0) throw new Error(`the e2e bundle did not import cleanly: ${JSON.stringify(r)}`);
}

/** The records of one entity file of a fixture bundle. */
export function records<T = Record<string, unknown>>(bundle: string, entity: string): T[] {
  return readFileSync(join(bundle, `${entity}.ndjson`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Exact decimal sum of 2-digit money strings (no floats): "12.50" + "0.05" → "12.55". */
export function sumMoney(values: string[]): string {
  let cents = 0n;
  for (const v of values) {
    const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(v);
    if (!m) throw new Error(`not a money string: ${v}`);
    const c = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
    cents += m[1] ? -c : c;
  }
  const neg = cents < 0n;
  const a = neg ? -cents : cents;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}
