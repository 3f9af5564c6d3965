import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ENTITIES } from '../../../shared/contract';
import { cacheDb } from '../db/stores';
import { importPath } from './import';
import { dataVersion } from './meta';
import { bareEngine, sampleRecords, writeFixtureBundle } from './test-support';

const root = mkdtempSync(join(tmpdir(), 'folio-import-test-'));
let n = 0;
const dirFor = (name = 'b') => join(root, `${n++}`, name);
const engines: Array<{ close(): Promise<void> }> = [];
after(async () => {
  for (const e of engines) await e.close();
});
async function fresh() {
  const e = bareEngine();
  engines.push(e);
  return { engine: e.engine, db: await e.engine.use(cacheDb) };
}

test('every entity round-trips: money in minor units of its currency, text and decimals as given', async () => {
  const { engine, db } = await fresh();
  const recs = sampleRecords();
  const r = await importPath(engine, writeFixtureBundle(dirFor(), { exportedAt: '2026-01-16T00:00:00Z', kind: 'full', files: recs }));
  assert.equal(r.bundles[0]!.status, 'applied');
  for (const e of ENTITIES) assert.equal(r.bundles[0]!.counts[e]!.applied, recs[e]!.length, e);
  assert.equal(r.quarantined, 0);
  assert.equal(r.bundles[0]!.danglingReferences, 0);
  const party = db.get<Record<string, unknown>>('SELECT * FROM parties WHERE id = ?', ['c1'])!;
  assert.equal(party.name, 'Zoë Ångström');
  assert.deepEqual(JSON.parse(party.address_lines as string), ['1 Rue de la Paix', 'Paris']);
  assert.equal(party.updated_at, '2026-01-15T10:00:00.000Z');
  assert.equal(db.value('SELECT name FROM parties WHERE id = ?', ['p1']), 'Дмитрий Шостакович');
  const pi = db.get<Record<string, unknown>>('SELECT gross, commission, net, currency FROM payment_items WHERE id = ?', ['pi1'])!;
  assert.deepEqual(pi, { gross: 100000, commission: 15000, net: 85000, currency: 'EUR' });
  // JPY has no minor unit: "30000" is 30000 yen; the payment takes its item's currency
  assert.equal(db.value('SELECT amount FROM billing_items WHERE id = ?', ['bi1']), 30000);
  assert.equal(db.value('SELECT unit_price FROM billing_items WHERE id = ?', ['bi1']), 15000);
  assert.equal(db.value('SELECT amount FROM billing_payments WHERE id = ?', ['bp1']), 10000);
  assert.equal(db.value('SELECT hourly_rate FROM contract_rates WHERE id = ?', ['kr1']), 12050);
  assert.equal(db.value('SELECT hours FROM labor_hours WHERE id = ?', ['lh1']), '7.5');
  assert.equal(db.value('SELECT net_gross FROM settlements WHERE id = ?', ['s1']), 580000);
  assert.equal(db.value('SELECT gross_revenue FROM revenue_reports WHERE id = ?', ['rr1']), 8800000);
  assert.equal(db.value('SELECT commission_pct FROM deals WHERE id = ?', ['d1']), '15');
  assert.equal(dataVersion(db), 1);
});

test('a bundle applied twice is skipped and changes nothing; gzip files read the same', async () => {
  const { engine, db } = await fresh();
  const recs = sampleRecords();
  const files: Record<string, Array<Record<string, unknown>>> = {};
  for (const [e, rows] of Object.entries(recs)) files[e === 'payment_items' ? 'payment_items.ndjson.gz' : e] = rows;
  const dir = writeFixtureBundle(dirFor(), { exportedAt: '2026-01-16T00:00:00Z', kind: 'full', files });
  await importPath(engine, dir);
  const before = Buffer.from(db.exportBytes());
  const v = dataVersion(db);
  const again = await importPath(engine, dir);
  assert.equal(again.bundles[0]!.status, 'skipped');
  assert.equal(again.applied, 0);
  assert.equal(dataVersion(db), v);
  assert.ok(Buffer.from(db.exportBytes()).equals(before), 'the database bytes are unchanged');
  assert.equal(db.value('SELECT net FROM payment_items WHERE id = ?', ['pi1']), 85000);
});

test('delta upserts, tombstones delete, and an older upsert does not revive a deleted id', async () => {
  const { engine, db } = await fresh();
  await importPath(engine, writeFixtureBundle(dirFor(), { exportedAt: '2026-01-16T00:00:00Z', kind: 'full', files: sampleRecords() }));
  const recs = sampleRecords('2026-01-20T00:00:00Z');
  const delta = await importPath(
    engine,
    writeFixtureBundle(dirFor(), {
      exportedAt: '2026-01-21T00:00:00Z',
      files: {
        payment_items: [
          { ...recs.payment_items![0], gross: '2000.00', commission: '300.00', net: '1700.00' },
          { ...recs.payment_items![0], id: 'pi2', posted_date: '2026-01-19' },
        ],
        adjustments: [{ id: 'a1', updated_at: '2026-01-20T00:00:00Z', deleted: true }],
      },
    }),
  );
  assert.deepEqual(delta.bundles[0]!.counts.payment_items, { applied: 2, skipped: 0, deleted: 0, quarantined: 0 });
  assert.deepEqual(delta.bundles[0]!.counts.adjustments, { applied: 0, skipped: 0, deleted: 1, quarantined: 0 });
  assert.equal(db.value('SELECT gross FROM payment_items WHERE id = ?', ['pi1']), 200000);
  assert.equal(db.value('SELECT count(*) FROM payment_items'), 2);
  assert.equal(db.value('SELECT count(*) FROM adjustments'), 0);
  assert.equal(db.value('SELECT count(*) FROM parties'), 3, 'entities without a file are untouched by a delta');
  // an older version of the deleted adjustment arrives late: it stays deleted
  const late = await importPath(
    engine,
    writeFixtureBundle(dirFor(), { exportedAt: '2026-01-22T00:00:00Z', files: { adjustments: [sampleRecords('2026-01-18T00:00:00Z').adjustments![0]!] } }),
  );
  assert.equal(late.bundles[0]!.counts.adjustments!.skipped, 1);
  assert.equal(db.value('SELECT count(*) FROM adjustments'), 0);
  // a newer version revives it
  await importPath(engine, writeFixtureBundle(dirFor(), { exportedAt: '2026-01-23T00:00:00Z', files: { adjustments: [sampleRecords('2026-01-22T00:00:00Z').adjustments![0]!] } }));
  assert.equal(db.value('SELECT count(*) FROM adjustments'), 1);
});

test('out-of-order updates: the newest updated_at wins, in one bundle and across bundles', async () => {
  const { engine, db } = await fresh();
  const base = sampleRecords().parties![0]!;
  await importPath(
    engine,
    writeFixtureBundle(dirFor(), {
      exportedAt: '2026-02-01T00:00:00Z',
      files: {
        parties: [
          { ...base, name: 'v3', updated_at: '2026-01-03T00:00:00Z' },
          { ...base, name: 'v1', updated_at: '2026-01-01T00:00:00Z' },
          // the same instant written with an offset: 2026-01-02T23:00Z, older than v3
          { ...base, name: 'v2', updated_at: '2026-01-03T01:00:00+02:00' },
        ],
      },
    }),
  );
  assert.equal(db.value('SELECT name FROM parties WHERE id = ?', ['c1']), 'v3');
  const r = await importPath(engine, writeFixtureBundle(dirFor(), { exportedAt: '2026-02-02T00:00:00Z', files: { parties: [{ ...base, name: 'old', updated_at: '2026-01-02T00:00:00Z' }] } }));
  assert.equal(r.bundles[0]!.counts.parties!.skipped, 1);
  assert.equal(db.value('SELECT name FROM parties WHERE id = ?', ['c1']), 'v3');
});

test('several bundles in a folder apply in exported_at order, whatever their names', async () => {
  const { engine, db } = await fresh();
  const folder = join(root, `${n++}`);
  const base = sampleRecords().parties![0]!;
  // "a" is exported later than "b" but both carry the same updated_at: order alone decides
  writeFixtureBundle(join(folder, 'a'), { exportedAt: '2026-03-02T00:00:00Z', kind: 'full', files: { parties: [{ ...base, name: 'from a' }] } });
  writeFixtureBundle(join(folder, 'b'), { exportedAt: '2026-03-01T00:00:00Z', kind: 'full', files: { parties: [{ ...base, name: 'from b' }, { ...base, id: 'x9', name: 'only in b' }] } });
  const r = await importPath(engine, folder);
  assert.deepEqual(r.bundles.map((b) => b.sourceKey.split('/').pop()), ['b', 'a']);
  // the later full bundle replaced parties: x9 (not in it, older than its export) is gone
  assert.equal(db.value('SELECT count(*) FROM parties WHERE id = ?', ['x9']), 0);
  assert.equal(db.value('SELECT name FROM parties WHERE id = ?', ['c1']), 'from a');
  assert.equal(dataVersion(db), 2);
});

test('bad lines are quarantined with file, line and reason; the rest of the bundle is applied', async () => {
  const { engine, db } = await fresh();
  const recs = sampleRecords();
  const pi = recs.payment_items![0]!;
  const bad: Array<[string, Record<string, unknown> | string, RegExp]> = [
    ['payment_items', '{"id": "x1", "updated_at": ', /invalid JSON/],
    ['payment_items', { ...pi, id: 'x2', gross: 1000.5 }, /gross: .*JSON number/],
    ['payment_items', { ...pi, id: 'x3', posted_date: '2026-02-30' }, /posted_date: .*calendar date/],
    ['payment_items', { ...pi, id: 'x4', net: '851.00' }, /net: .*gross − commission/],
    ['payment_items', { ...pi, id: 'x5', description: undefined }, /description: is required/],
    ['payment_items', { ...pi, id: 'x6', currency: 'XYZ' }, /currency: .*ISO 4217/],
    ['payment_items', { ...pi, id: 'x7', gross: '1000.123', commission: '0', net: '1000.123' }, /gross: .*3 decimal places/],
    ['payment_items', { ...pi, id: 'x8', updated_at: 'yesterday' }, /updated_at: .*ISO 8601/],
    ['parties', { ...recs.parties![0], id: 'x9', type: 'VENDOR' }, /type: .*not one of/],
    ['parties', { ...recs.parties![0], id: 'x10', country: 'XX' }, /country: .*ISO 3166/],
    ['deals', { ...recs.deals![0], id: 'x11', commission_pct: '12,5' }, /commission_pct: .*decimal/],
    ['contracts', { ...recs.contracts![0], id: 'x12', type: 'revenue_share' }, /share_pct: is required/],
    ['adjustments', { ...recs.adjustments![0], id: 'x13', amount: '-5.00' }, /amount: must be positive/],
    ['billing_payments', { ...recs.billing_payments![0], id: 'x14', amount: '10.5' }, /amount: .*JPY has 0/],
    ['labor_hours', { ...recs.labor_hours![0], id: 'x15', hours: 'eight' }, /hours: .*decimal/],
    ['parties', '[1, 2, 3]', /record: is not a JSON object/],
    ['parties', { ...recs.parties![0], id: 'x17', deleted: 'yes' }, /deleted: must be true or false/],
  ];
  const files: Record<string, Array<Record<string, unknown> | string>> = { ...recs };
  for (const [e, line] of bad) files[e] = [...(files[e] ?? []), line];
  const r = await importPath(engine, writeFixtureBundle(dirFor(), { exportedAt: '2026-01-16T00:00:00Z', kind: 'full', files }));
  assert.equal(r.quarantined, bad.length);
  const rows = db.all<{ file: string; line: number; reason: string; raw: string }>('SELECT file, line, reason, raw FROM quarantine ORDER BY id');
  assert.equal(rows.length, bad.length);
  for (const [e, line, re] of bad) {
    const raw = typeof line === 'string' ? line : JSON.stringify(line);
    const row = rows.find((q) => q.raw === raw);
    assert.ok(row, `quarantined: ${raw}`);
    assert.equal(row.file, `${e}.ndjson`);
    assert.match(row.reason, re);
  }
  assert.equal(rows.find((q) => q.raw.includes('"x2"'))!.line, 3, 'line numbers are 1-based in the file');
  for (const e of ENTITIES) assert.equal(r.bundles[0]!.counts[e]!.applied, recs[e]!.length, `valid ${e} applied`);
});

test('a bundle with a missing or wrong manifest is refused whole; unknown files are warned about', async () => {
  const { engine, db } = await fresh();
  const folder = join(root, `${n++}`);
  writeFixtureBundle(join(folder, 'no-manifest'), { exportedAt: '', manifest: null, files: sampleRecords() });
  writeFixtureBundle(join(folder, 'format-2'), { exportedAt: '', manifest: '{"format":2,"exported_at":"2026-01-01T00:00:00Z","kind":"full"}', files: sampleRecords() });
  writeFixtureBundle(join(folder, 'bad-kind'), { exportedAt: '', manifest: '{"format":1,"exported_at":"2026-01-01T00:00:00Z","kind":"partial"}', files: sampleRecords() });
  writeFixtureBundle(join(folder, 'good'), { exportedAt: '2026-01-16T00:00:00Z', files: { parties: sampleRecords().parties! } });
  writeFileSync(join(folder, 'good', 'notes.txt'), 'hello');
  const r = await importPath(engine, folder);
  const by = (k: string) => r.bundles.find((b) => b.sourceKey.endsWith(`/${k}`))!;
  assert.equal(by('no-manifest').status, 'refused');
  assert.match(by('no-manifest').error!, /manifest/);
  assert.equal(by('format-2').status, 'refused');
  assert.match(by('format-2').error!, /format is 2/);
  assert.equal(by('bad-kind').status, 'refused');
  assert.equal(by('good').status, 'applied');
  assert.deepEqual(by('good').warnings, ['unknown file notes.txt ignored']);
  assert.equal(db.value('SELECT count(*) FROM parties'), 3, 'only the good bundle was applied');
  assert.equal(db.value('SELECT count(*) FROM deals'), 0);
});

test('dangling references are reported after the bundle, and the records are kept', async () => {
  const { engine, db } = await fresh();
  const recs = sampleRecords();
  const r = await importPath(
    engine,
    writeFixtureBundle(dirFor(), { exportedAt: '2026-01-16T00:00:00Z', files: { parties: recs.parties!, payment_items: [{ ...recs.payment_items![0], client_id: 'ghost', deal_id: null }] } }),
  );
  assert.equal(r.bundles[0]!.danglingReferences, 1);
  assert.match(r.bundles[0]!.warnings.join('\n'), /payment_items .*client_id .*parties \(e\.g\. pi1 → ghost\)/);
  assert.equal(db.value('SELECT count(*) FROM payment_items'), 1);
});
