import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, tempDir } from '../../../test/helpers/engine';
import { rmSync } from 'node:fs';

/*
 * `folio import` of test/fixtures/statements/bundle-2026-01, then `folio preview … --json` for
 * every type. Expected figures, worked by hand from the bundle and statements.md:
 *  client john, Jan 2026: pi1..pi5 (pi0 on 12-31 and pi6 on 02-01 out) → 5 lines
 *    gross 1000.00+200.50+300.25+50.00+0.99 = 1551.74; commission 100.00+20.05+30.03+5.00+0.10 = 155.18;
 *    net 900.00+180.45+270.22+45.00+0.89 = 1396.56
 *  client jane: EUR 100.00/15.00/85.00 and GBP 250.00/25.00/225.00, never summed together
 *  settlement john: G 1500.00, O 200.00, B 50.00, NG 1650.00, due 120.00+70.00 = 190.00;
 *    s2: 500.00 × 15% = 75.00 ≠ 70.00 → WARNING COMMISSION_MISMATCH
 *  deal d1: gross 1000.01+500.00 = 1500.01; 60/40: 90000.6 → 90000 r.6, 60000.4 → 60000 r.4, the cent
 *    left → payA: 900.01 / 600.00; commission 20%: 180.002 → 180.00, 120.00; net 720.01, 480.00
 *  AR as of 2026-02-28: bi1 300.00+60.00−100.00 = 260.00 (age 24), bi2 99.99+20.00−150.00 = −30.01
 *    (credit, age 9), bi3 EUR 1200.00 (age 4): GBP 1-30 229.99, EUR 1-30 1200.00; the 03-05 payment ignored
 *  AR as of 2026-03-31 all items: bi1 360.00−150.00 = 210.00 (age 55), bi2 −30.01 (40) → GBP 31-60 179.99
 *  invoice bi1+bi2: net 300.00+99.99 = 399.99, VAT 60.00+20.00 (19.998) = 80.00, gross 479.99
 *  invoice bi3 UK at 0.86 GBP/EUR: VAT 200.00 EUR → 172.00 GBP
 *  billing k1 2026-01: 10000.00 × 10% = 1000.00, December the same → no variance
 *  billing k2 2026-01: (7.5 + 0.5) h × 80.00 = 640.00 − credit 40.00 = 600.00; December 4 h = 320.00
 *    → +87.5% > 25% → WARNING VARIANCE
 *  billing k1 2026-02: no report → ERROR PERIOD_INCOMPLETE, total 0.00 vs 1000.00 → WARNING VARIANCE
 */
type Json = {
  type: string;
  lineCount: number;
  totals: Record<string, Record<string, string>>;
  findings: Array<{ severity: string; code: string }>;
  payees?: Array<{ partyId: string; allocationPct: string; gross: string; commission: string; net: string }>;
  invoice?: { gbp: { vat: string; rate: string } | null; dueDate: string };
  blocked: boolean;
};
const bucket0 = { current: '0.00', '1-30': '0.00', '31-60': '0.00', '61-90': '0.00', '91-120': '0.00', '120+': '0.00' };

describe('folio preview over an imported bundle', () => {
  const dir = tempDir();
  before(async () => {
    const r = await runCli(['--data-dir', dir, 'import', join(__dirname, '../../../test/fixtures/statements/bundle-2026-01')]);
    assert.equal(r.code, 0, r.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const preview = async (...args: string[]) => {
    const r = await runCli(['--data-dir', dir, '--json', 'preview', ...args]);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r.json<Json>();
  };
  const codes = (j: Json) => j.findings.map((f) => `${f.severity} ${f.code}`);

  it('client statements (the seed 003 Gherkin: 5 payment items → 5 transactions; multi-currency)', async () => {
    const john = await preview('client', '--client', 'john', '--from', '2026-01-01', '--to', '2026-01-31');
    assert.equal(john.lineCount, 5);
    assert.deepEqual(john.totals, { USD: { gross: '1551.74', commission: '155.18', net: '1396.56' } });
    const jane = await preview('client', '--client', 'jane', '--from', '2026-01-01', '--to', '2026-01-31');
    assert.deepEqual(jane.totals, { EUR: { gross: '100.00', commission: '15.00', net: '85.00' }, GBP: { gross: '250.00', commission: '25.00', net: '225.00' } });
  });

  it('settlement and deal statements', async () => {
    const s = await preview('settlement', '--client', 'john', '--from', '2026-01-01', '--to', '2026-01-31');
    assert.equal(s.lineCount, 2);
    assert.deepEqual(s.totals, { USD: { guarantee: '1500.00', overage: '200.00', backout: '50.00', netGross: '1650.00', commissionDue: '190.00' } });
    assert.deepEqual(codes(s), ['WARNING COMMISSION_MISMATCH']);
    const d = await preview('deal', '--deal', 'd1');
    assert.deepEqual(d.totals, { USD: { gross: '1500.01', commission: '300.00', net: '1200.01' } });
    assert.deepEqual(d.payees!.map((p) => [p.partyId, p.allocationPct, p.gross, p.commission, p.net]), [
      ['payA', '60', '900.01', '180.00', '720.01'],
      ['payB', '40', '600.00', '120.00', '480.00'],
    ]);
  });

  it('AR aging: as-of balances, later payments ignored, credits, all items', async () => {
    const feb = await preview('ar-aging', '--as-of', '2026-02-28');
    assert.equal(feb.lineCount, 3);
    assert.deepEqual(feb.totals, { EUR: { ...bucket0, '1-30': '1200.00', total: '1200.00' }, GBP: { ...bucket0, '1-30': '229.99', total: '229.99' } });
    const mar = await preview('ar-aging', '--client', 'buyer', '--as-of', '2026-03-31', '--all-items');
    assert.deepEqual(mar.totals.GBP, { ...bucket0, '31-60': '179.99', total: '179.99' });
  });

  it('invoices: VAT per line, UK format in EUR with the GBP VAT, item validation', async () => {
    const inv = await preview('invoice', '--party', 'buyer', '--target', 'BUYER', '--items', 'bi1,bi2');
    assert.deepEqual(inv.totals, { GBP: { net: '399.99', vat: '80.00', gross: '479.99' } });
    assert.equal(inv.invoice!.dueDate, '2026-02-19');
    const uk = await preview('invoice', '--party', 'buyer', '--target', 'BUYER', '--items', 'bi3', '--uk', '--gbp-rate', '0.86');
    assert.deepEqual(uk.totals, { EUR: { net: '1000.00', vat: '200.00', gross: '1200.00' } });
    assert.deepEqual(uk.invoice!.gbp, { rate: '0.86', rateSource: 'filter', vat: '172.00' });
    const noRate = await preview('invoice', '--party', 'buyer', '--target', 'BUYER', '--items', 'bi3', '--uk');
    // the built-in invoice template has no seller details: Generate would refuse, so the preview says so
    assert.deepEqual(codes(noRate), ['ERROR UK_FX_RATE_MISSING', 'ERROR UK_INVOICE_SELLER_DETAILS']);
    assert.equal(noRate.blocked, true);
    for (const [args, option] of [
      [['--items', 'bi1,bi3'], '--items'],
      [['--items', 'bi1', '--target', 'CLIENT'], '--items'],
      [['--items', 'bi1', '--party', 'jane'], '--items'],
    ] as const) {
      const base = { '--party': 'buyer', '--target': 'BUYER' } as Record<string, string>;
      const flags: string[] = [...args];
      for (const [k, v] of Object.entries(base)) if (!flags.includes(k)) flags.push(k, v);
      const r = await runCli(['--data-dir', dir, 'preview', 'invoice', ...flags]);
      assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(option));
    }
  });

  it('billing statements: revenue share, labor hours with a credit and the variance warning, completeness error', async () => {
    const k1 = await preview('billing', '--contract', 'k1', '--period', '2026-01');
    assert.deepEqual(k1.totals, { GBP: { total: '1000.00' } });
    assert.deepEqual(codes(k1), []);
    const k2 = await preview('billing', '--contract', 'k2', '--period', '2026-01');
    assert.deepEqual(k2.totals, { GBP: { total: '600.00' } });
    assert.deepEqual(codes(k2), ['WARNING VARIANCE']);
    const feb = await preview('billing', '--contract', 'k1', '--period', '2026-02');
    assert.deepEqual(feb.totals, { GBP: { total: '0.00' } });
    assert.deepEqual(codes(feb), ['ERROR PERIOD_INCOMPLETE', 'WARNING VARIANCE']);
    assert.equal(feb.blocked, true);
    const bad = await runCli(['--data-dir', dir, 'preview', 'billing', '--contract', 'nope', '--period', '2026-01']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--contract/);
    const badPeriod = await runCli(['--data-dir', dir, 'preview', 'billing', '--contract', 'k1', '--period', '2026-13']);
    assert.equal(badPeriod.code, 2);
    assert.match(badPeriod.stderr, /--period/);
  });
});
