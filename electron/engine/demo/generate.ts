/**
 * The demo bundle: a realistic, deterministic data set of any size (data-bundle.md "Demo"). Same
 * seed, size and `through` → the same bytes. Every contract type, several currencies (JPY has no
 * minor unit), part-paid billing items, rates changing mid-month, names in Latin with diacritics,
 * Greek and Cyrillic, and deliberately every validation finding of statements.md plus a few bad
 * lines that import quarantines (where each one sits: docs/rules.md, "Demo data").
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { applyPercent, formatMoney, minorDigits, multiply } from '../../../shared/money';
import { isoDay, previousMonth, twelveMonths, type Month } from './calendar';
import { BAND_WORDS, COMPANY_FORMS, COMPANY_WORDS, JOB_CODES, LOCALES, ROLES, TOURS, VENUES, type Locale } from './names';
import { Rng } from './rng';

export type DemoSize = 'small' | 'medium' | 'large' | number;

export interface DemoOptions {
  size: DemoSize;
  seed: number;
  /** YYYY-MM, the last of the twelve months (default: the previous calendar month) */
  through?: string;
  /** the bundle folder to write (created) */
  out: string;
  now?: Date;
  progress?: (done: number, total: number) => void;
}

export interface DemoResult {
  dir: string;
  through: string;
  exportedAt: string;
  lines: Partial<Record<Entity, number>>;
  badLines: number;
}

export function demoScale(size: DemoSize): { clients: number; contracts: number; payments: number } {
  if (size === 'small') return { clients: 50, contracts: 500, payments: 10_000 };
  if (size === 'medium') return { clients: 500, contracts: 5_000, payments: 100_000 };
  if (size === 'large') return { clients: 5_000, contracts: 50_000, payments: 1_000_000 };
  if (!Number.isInteger(size) || size < 1 || size > 100_000) {
    throw new FolioError('validation', 'BAD_DEMO_SIZE', `size must be small, medium, large or a number of clients 1–100000, not ${size}`, 'size');
  }
  return { clients: size, contracts: size * 10, payments: size * 200 };
}

/** Buffered NDJSON writer for one entity file. */
class Out {
  private fd: number;
  private buf: string[] = [];
  private len = 0;
  count = 0;
  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }
  rec(o: Record<string, unknown>): void {
    this.raw(JSON.stringify(o));
  }
  raw(line: string): void {
    this.buf.push(line);
    this.len += line.length;
    this.count++;
    if (this.len > 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.buf.length) writeSync(this.fd, this.buf.join('\n') + '\n');
    this.buf = [];
    this.len = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

interface Party {
  id: string;
  name: string;
  loc: Locale;
}

const SCALE: Record<string, number> = { JPY: 150, SEK: 10 };
/** a random amount between lo and hi major units (scaled for the currency), in minor units */
function amount(rng: Rng, cur: string, lo: number, hi: number): number {
  const f = 10 ** minorDigits(cur);
  const s = SCALE[cur] ?? 1;
  const major = rng.int(lo * s, hi * s);
  return major * f + (f > 1 ? rng.int(0, 19) * Math.floor(f / 20) : 0);
}
const ALT_CURRENCIES = ['USD', 'EUR', 'JPY'];
const money = (minor: number, cur: string) => formatMoney(minor, cur);
const pad = (n: number, w = 6) => String(n).padStart(w, '0');

export function writeDemoBundle(opts: DemoOptions): DemoResult {
  const scale = demoScale(opts.size);
  const through = opts.through ?? previousMonth(opts.now ?? new Date());
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(through)) {
    throw new FolioError('validation', 'BAD_THROUGH', `through must be a month YYYY-MM, not "${through}"`, 'through');
  }
  const months = twelveMonths(through);
  const end = months[11]!;
  const next = isoDay(end.last + 1);
  const exportedAt = `${next}T06:00:00Z`;
  const u = `${next}T05:00:00Z`;
  const rng = new Rng(opts.seed, `${String(opts.size)}|${through}`);
  const first = months[0]!.first;
  const randomDay = () => rng.int(first, end.last);
  const dir = opts.out;
  mkdirSync(dir, { recursive: true });
  const outs = new Map<Entity, Out>();
  const out = (e: Entity) => {
    let o = outs.get(e);
    if (!o) outs.set(e, (o = new Out(join(dir, `${e}.ndjson`))));
    return o;
  };
  let badLines = 0;
  const totalWork = scale.payments + scale.contracts * 6;
  let work = 0;
  const tick = (n = 1) => {
    work += n;
    if (opts.progress && work % 20000 < n) opts.progress(Math.min(work, totalWork), totalWork);
  };

  // --- parties ---------------------------------------------------------------------------------
  const person = (loc: Locale) => `${rng.pick(loc.first)} ${rng.pick(loc.last)}`;
  const clients: Party[] = [];
  const buyers: Party[] = [];
  const payees: Party[] = [];
  const nBuyers = Math.max(3, Math.ceil(scale.clients / 5));
  const nPayees = Math.max(4, Math.ceil(scale.clients / 2));
  const P = out('parties');
  const address = (loc: Locale) => [`${rng.int(1, 240)} ${rng.pick(loc.last)} Street`, `${pad(rng.int(1000, 99999), 5)} ${rng.pick(loc.city)}`];
  for (let i = 0; i < scale.clients; i++) {
    const loc = LOCALES[i % LOCALES.length]!;
    const name = i % 3 === 2 ? `${rng.pick(loc.last)} ${rng.pick(BAND_WORDS)}` : person(loc);
    const c = { id: `c${pad(i + 1)}`, name, loc };
    clients.push(c);
    P.rec({ id: c.id, updated_at: u, name, type: 'CLIENT', email: `client${i + 1}@example.com`, address_lines: address(loc), country: loc.country, default_currency: loc.currency });
  }
  for (let i = 0; i < nBuyers; i++) {
    const loc = LOCALES[(i * 3 + 4) % LOCALES.length]!;
    const name = `${rng.pick(loc.city)} ${rng.pick(COMPANY_WORDS)} ${COMPANY_FORMS[loc.country]}`;
    const b = { id: `b${pad(i + 1)}`, name, loc };
    buyers.push(b);
    P.rec({
      id: b.id, updated_at: u, name, type: 'BUYER', email: `accounts${i + 1}@example.org`, address_lines: address(loc), country: loc.country,
      vat_number: `${loc.country === 'GR' ? 'EL' : loc.country}${pad(rng.int(100000000, 999999999), 9)}`,
      ...(loc.country === 'GB' ? { company_number: pad(rng.int(1000000, 9999999), 8) } : {}), default_currency: loc.currency,
    });
  }
  for (let i = 0; i < nPayees; i++) {
    const loc = LOCALES[(i + 5) % LOCALES.length]!;
    const p = { id: `p${pad(i + 1)}`, name: person(loc), loc };
    payees.push(p);
    P.rec({ id: p.id, updated_at: u, name: p.name, type: 'PAYEE', country: loc.country, default_currency: loc.currency });
  }
  P.raw(`{"id":"bad-party-1","updated_at":"${u}","name":"Unterminated`); // quarantine: invalid JSON
  badLines++;

  // --- deals, payees, revenue, settlements -----------------------------------------------------
  const nDeals = Math.max(8, scale.clients * 2);
  const dealsOf: string[][] = clients.map(() => []);
  const dealPct: string[] = [];
  const D = out('deals');
  const DP = out('deal_payees');
  const RI = out('revenue_items');
  const S = out('settlements');
  const ALLOC = [['100'], ['60', '40'], ['50', '30', '20'], ['33.34', '33.33', '33.33']];
  for (let i = 0; i < nDeals; i++) {
    const client = clients[i % clients.length]!;
    const cur = client.loc.currency;
    const id = `d${pad(i + 1)}`;
    dealsOf[i % clients.length]!.push(id);
    const pct = rng.pick(['10', '12.5', '15', '20']);
    dealPct.push(pct);
    const day = randomDay();
    const venue = `${rng.pick(client.loc.city)} ${rng.pick(VENUES)}`;
    const city = rng.pick(client.loc.city);
    D.rec({ id, updated_at: u, ref: `D-${pad(i + 1, 5)}`, name: `${client.name} — ${rng.pick(TOURS)}`, client_id: client.id, buyer_id: rng.pick(buyers).id, venue, city, engagement_date: isoDay(day), currency: cur, commission_pct: pct });
    // finding (deal 2): payees add up to 90, not 100; finding (deal 3): no payees at all
    const alloc = i === 1 ? ['60', '30'] : i === 2 ? [] : ALLOC[i % ALLOC.length]!;
    alloc.forEach((a, k) => DP.rec({ id: `dp${pad(i + 1)}-${k + 1}`, updated_at: u, deal_id: id, party_id: payees[(i + k * 7) % payees.length]!.id, role: ROLES[k % ROLES.length], allocation_pct: a }));
    ['Ticket sales', 'Merchandise', 'Sponsorship'].forEach((what, k) => {
      // finding (deal 4): one revenue item in another currency than the deal's
      const rc = i === 3 && k === 2 ? (cur === 'USD' ? 'EUR' : 'USD') : cur;
      RI.rec({ id: `ri${pad(i + 1)}-${k + 1}`, updated_at: u, deal_id: id, date: isoDay(Math.min(end.last, day + k)), description: what, gross: money(amount(rng, rc, 500, 20000), rc), currency: rc });
    });
    const g = amount(rng, cur, 1000, 15000);
    const o = rng.chance(0.5) ? amount(rng, cur, 0, 5000) : 0;
    const b = rng.chance(0.3) ? amount(rng, cur, 0, 800) : 0;
    let due = applyPercent(g + o, pct);
    if (i === 4) due += 100 * 10 ** minorDigits(cur); // finding (deal 5): commission_due off by 100
    S.rec({
      id: `s${pad(i + 1)}`, updated_at: u, client_id: client.id, deal_id: id, settled_date: isoDay(Math.min(end.last, day + rng.int(3, 20))), engagement_date: isoDay(day),
      venue, city, currency: cur, guarantee: money(g, cur), overage: money(o, cur), backout: money(b, cur), net_gross: money(g + o - b, cur), commission_pct: pct, commission_due: money(due, cur),
    });
  }
  out('deals').raw(JSON.stringify({ id: 'bad-deal-1', updated_at: u, ref: 'D-X', name: 'Bad pct', client_id: clients[0]!.id, engagement_date: isoDay(first), currency: 'EUR', commission_pct: '150' }));
  out('revenue_items').raw(JSON.stringify({ id: 'bad-ri-1', deal_id: 'd000001', date: isoDay(first), description: 'No timestamp', gross: '10.00', currency: 'EUR' }));
  badLines += 2;

  // --- payment items ---------------------------------------------------------------------------
  const PI = out('payment_items');
  const WHAT = ['Show fee', 'Royalty payment', 'Merchandise share', 'Streaming income', 'Sync licence', 'Advance recoupment'];
  let pn = 0;
  for (let ci = 0; ci < clients.length; ci++) {
    const client = clients[ci]!;
    const n = Math.floor(scale.payments / clients.length) + (ci < scale.payments % clients.length ? 1 : 0);
    const own = dealsOf[ci]!;
    for (let k = 0; k < n; k++) {
      // some clients (every seventh, and the first three) also earn in other currencies, JPY among them
      let cur = client.loc.currency;
      if (k % 10 === 0 && (ci % 7 === 6 || ci < 3)) {
        const alt = ALT_CURRENCIES[(k / 10) % ALT_CURRENCIES.length]!;
        cur = alt === cur ? 'CHF' : alt;
      }
      const dealIx = rng.chance(0.8) ? rng.int(0, own.length - 1) : -1;
      const dealId = dealIx >= 0 ? own[dealIx]! : null;
      const pct = dealId ? dealPct[Number(dealId.slice(1)) - 1]! : '15';
      let gross = amount(rng, cur, 20, 6000);
      const refund = rng.chance(0.02);
      if (refund) gross = -gross;
      const commission = applyPercent(gross, pct);
      pn++;
      PI.rec({
        id: `pi${pad(pn, 7)}`, updated_at: u, client_id: client.id, deal_id: dealId, posted_date: isoDay(randomDay()),
        description: refund ? 'Refund' : `${rng.pick(WHAT)} — ${rng.pick(client.loc.city)}`, reference: `R${pad(pn, 8)}`,
        currency: cur, gross: money(gross, cur), commission: money(commission, cur), net: money(gross - commission, cur),
      });
      tick();
    }
  }
  const c0 = clients[0]!;
  PI.raw(JSON.stringify({ id: 'bad-pi-1', updated_at: u, client_id: c0.id, posted_date: isoDay(first), description: 'Float money', currency: 'EUR', gross: 100.5, commission: '10.05', net: '90.45' }));
  PI.raw(JSON.stringify({ id: 'bad-pi-2', updated_at: u, client_id: c0.id, posted_date: isoDay(first), description: 'Net mismatch', currency: 'EUR', gross: '100.00', commission: '10.00', net: '95.00' }));
  PI.raw(JSON.stringify({ id: 'bad-pi-3', updated_at: u, client_id: c0.id, posted_date: isoDay(first), description: 'Bad currency', currency: 'EURO', gross: '1.00', commission: '0.00', net: '1.00' }));
  badLines += 3;

  // --- billing items and part payments ---------------------------------------------------------
  const BI = out('billing_items');
  const BP = out('billing_payments');
  let bn = 0;
  const bill = (party: Party, target: 'CLIENT' | 'BUYER', count: number) => {
    for (let k = 0; k < count; k++) {
      const cur = party.loc.currency;
      const issue = rng.int(first, end.last - 5);
      const qty = rng.chance(0.5) ? rng.pick(['1', '2', '3', '0.5', '12']) : null;
      const unit = qty ? amount(rng, cur, 50, 900) : null;
      const amt = qty ? multiply(unit!, qty) : amount(rng, cur, 100, 9000);
      const vat = party.loc.country === 'GB' ? '20' : rng.chance(0.3) ? '19' : null;
      bn++;
      const id = `bi${pad(bn)}`;
      BI.rec({
        id, updated_at: u, party_id: party.id, target_type: target, description: rng.pick(['Booking fee', 'Production costs', 'Marketing contribution', 'Travel recharge', 'Hospitality']),
        issue_date: isoDay(issue), due_date: isoDay(issue + 30), currency: cur, quantity: qty, unit_price: unit === null ? null : money(unit, cur), amount: money(amt, cur), vat_pct: vat,
        invoice_number: bn % 2 ? `INV-${pad(bn)}` : null,
      });
      const gross = amt + (vat ? applyPercent(amt, vat) : 0);
      const payDay = (d: number) => isoDay(Math.min(end.last, issue + d));
      const pattern = bn % 6; // 0 open, 1 part-paid, 2 paid, 3 paid in two parts, 4 three quarters, 5 overpaid
      if (pattern === 1) BP.rec({ id: `bp${pad(bn)}-1`, updated_at: u, billing_item_id: id, paid_date: payDay(rng.int(5, 40)), amount: money(Math.round(gross * 0.4), cur) });
      if (pattern === 2) BP.rec({ id: `bp${pad(bn)}-1`, updated_at: u, billing_item_id: id, paid_date: payDay(rng.int(5, 40)), amount: money(gross, cur) });
      if (pattern === 3) {
        const half = Math.floor(gross / 2);
        BP.rec({ id: `bp${pad(bn)}-1`, updated_at: u, billing_item_id: id, paid_date: payDay(10), amount: money(half, cur) });
        BP.rec({ id: `bp${pad(bn)}-2`, updated_at: u, billing_item_id: id, paid_date: payDay(35), amount: money(gross - half, cur) });
      }
      if (pattern === 4) BP.rec({ id: `bp${pad(bn)}-1`, updated_at: u, billing_item_id: id, paid_date: payDay(20), amount: money(Math.round(gross * 0.75), cur) });
      if (pattern === 5 && bn % 30 === 5) BP.rec({ id: `bp${pad(bn)}-1`, updated_at: u, billing_item_id: id, paid_date: payDay(25), amount: money(gross + 10 ** minorDigits(cur), cur) });
    }
  };
  clients.forEach((c) => bill(c, 'CLIENT', 3));
  buyers.forEach((b) => bill(b, 'BUYER', 4));
  BI.raw(JSON.stringify({ id: 'bad-bi-1', updated_at: u, party_id: buyers[0]!.id, target_type: 'BUYER', description: 'Impossible date', issue_date: isoDay(first), due_date: `${through.slice(0, 4)}-02-30`, currency: 'EUR', amount: '10.00' }));
  badLines++;

  writeContracts({ rng, u, months, clients, scale, out, tick });
  badLines += 2;

  for (const o of outs.values()) o.close();
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 1, exported_at: exportedAt, kind: 'full' }) + '\n');
  const lines: Partial<Record<Entity, number>> = {};
  for (const [e, o] of outs) lines[e] = o.count;
  opts.progress?.(totalWork, totalWork);
  return { dir, through, exportedAt, lines, badLines };
}

interface ContractCtx {
  rng: Rng;
  u: string;
  months: Month[];
  clients: Party[];
  scale: { contracts: number };
  out: (e: Entity) => Out;
  tick: (n?: number) => void;
}

const TYPES = ['revenue_share', 'per_labor_hour', 'fixed_fee'] as const;

/** Contracts of the three types, their rates (changing mid-month), hours, revenue reports, adjustments. */
function writeContracts(x: ContractCtx): void {
  const { rng, u, months } = x;
  const first = months[0]!;
  const end = months[11]!;
  const C = x.out('contracts');
  const R = x.out('contract_rates');
  const L = x.out('labor_hours');
  const RR = x.out('revenue_reports');
  const A = x.out('adjustments');
  for (let i = 0; i < Math.max(12, x.scale.contracts); i++) {
    const type = TYPES[i % 3]!;
    const customer = x.clients[i % x.clients.length]!;
    const cur = customer.loc.currency;
    const id = `k${pad(i + 1)}`;
    // most started before the twelve months; some start or end inside them (proration)
    let start = first.first - rng.int(30, 900);
    let endDay: number | null = null;
    if (i % 17 === 5) start = months[rng.int(2, 8)]!.first + 9;
    if (i % 19 === 7) endDay = months[rng.int(3, 9)]!.first + 19;
    // finding (k000004): SUSPENDED; (k000005): TERMINATED mid-period, not ACTIVE in later periods
    if (endDay !== null && endDay <= start + 30) endDay = start + 75;
    let status = 'ACTIVE';
    if (i === 3) status = 'SUSPENDED';
    if (i === 4) {
      status = 'TERMINATED';
      endDay = months[6]!.first + 14;
    }
    const share = type === 'revenue_share' ? rng.pick(['5', '7.5', '10', '12.5']) : null;
    const fee = type === 'fixed_fee' ? amount(rng, cur, 500, 5000) : null;
    C.rec({
      id, updated_at: u, customer_id: customer.id, type, status, start_date: isoDay(start), end_date: endDay === null ? null : isoDay(endDay),
      currency: cur, share_pct: share, monthly_fee: fee === null ? null : money(fee, cur), template_id: null,
    });
    const active = (m: Month) => m.last >= start && (endDay === null || m.first <= endDay);
    if (type === 'per_labor_hour') {
      const a = JOB_CODES[i % JOB_CODES.length]!;
      const b = JOB_CODES[(i + 1) % JOB_CODES.length]!;
      const change = months[Math.floor(i / 3) % 12]!;
      let mid = change.first + 14; // the rate of job a changes on the 15th of that month
      if (mid <= start) mid = start + 10; // (or ten days after a start inside the twelve months)
      const r1 = amount(rng, cur, 60, 180);
      R.rec({ id: `kr${pad(i + 1)}-1`, updated_at: u, contract_id: id, job_code: a, hourly_rate: money(r1, cur), effective_from: isoDay(start), effective_to: isoDay(mid - 1) });
      R.rec({ id: `kr${pad(i + 1)}-2`, updated_at: u, contract_id: id, job_code: a, hourly_rate: money(r1 + amount(rng, cur, 5, 25), cur), effective_from: isoDay(mid), effective_to: null });
      R.rec({ id: `kr${pad(i + 1)}-3`, updated_at: u, contract_id: id, job_code: b, hourly_rate: money(amount(rng, cur, 50, 150), cur), effective_from: isoDay(start), effective_to: null });
      months.forEach((m, mi) => {
        if (!active(m)) return;
        const lo = Math.max(m.first, start);
        const hi = endDay === null ? m.last : Math.min(m.last, endDay);
        const hours = () => rng.pick(['16', '24.5', '32', '37.5', '40']);
        const entry = (n: number, day: number, job: string) =>
          L.rec({ id: `lh${pad(i + 1)}-${pad(mi + 1, 2)}-${n}`, updated_at: u, contract_id: id, work_date: isoDay(Math.min(hi, Math.max(lo, day))), job_code: job, hours: hours() });
        if (m === change) {
          entry(1, m.first + 4, a);
          entry(2, m.first + 21, a);
        } else entry(1, m.first + rng.int(0, m.days - 1), mi % 2 ? b : a);
      });
      // finding (k000002): an entry whose job code has no rate at all
      if (i === 1) L.rec({ id: `lh${pad(i + 1)}-norate`, updated_at: u, contract_id: id, work_date: isoDay(end.first + 9), job_code: 'XJOB', hours: '8' });
    }
    if (type === 'revenue_share') {
      const midMonth = i % 5 === 3; // reports from the 16th to the 15th: prorated across the period's edge
      months.forEach((m, mi) => {
        if (!active(m)) return;
        if (i === 0 && mi === 5) return; // finding (k000001): no report for the sixth month
        const ps = midMonth ? Math.max(start, m.first - daysBefore(m) + 15) : Math.max(start, m.first);
        const pe = midMonth ? m.first + 14 : endDay === null ? m.last : Math.min(m.last, endDay);
        RR.rec({ id: `rr${pad(i + 1)}-${pad(mi + 1, 2)}`, updated_at: u, contract_id: id, period_start: isoDay(ps), period_end: isoDay(pe), gross_revenue: money(amount(rng, cur, 2000, 60000), cur) });
        if (midMonth && mi === 11) RR.rec({ id: `rr${pad(i + 1)}-13`, updated_at: u, contract_id: id, period_start: isoDay(m.first + 15), period_end: isoDay(m.last + 15), gross_revenue: money(amount(rng, cur, 2000, 60000), cur) });
      });
    }
    if (i % 10 === 9 || i === 2) {
      const kinds = ['CREDIT', 'DEBIT', 'SPECIAL_CHARGE'] as const;
      const m = i === 2 ? months[7]! : rng.pick(months);
      // finding (k000003, fixed_fee): a special charge as big as the fee: the total doubles that month
      const amt = i === 2 ? fee! : amount(rng, cur, 50, 500);
      A.rec({ id: `adj${pad(i + 1)}`, updated_at: u, contract_id: id, date: isoDay(m.first + rng.int(0, m.days - 1)), kind: i === 2 ? 'SPECIAL_CHARGE' : kinds[i % 3], description: i === 2 ? 'Emergency call-out' : 'Service credit / extra work', amount: money(amt, cur) });
    }
    x.tick(6);
  }
  C.raw(JSON.stringify({ id: 'bad-k-1', updated_at: u, customer_id: x.clients[0]!.id, type: 'fixed_fee', status: 'PAUSED', start_date: isoDay(first.first), currency: 'EUR', monthly_fee: '100.00' }));
  L.raw(JSON.stringify({ id: 'bad-lh-1', updated_at: u, contract_id: 'k000002', work_date: isoDay(first.first), hours: '8' }));
}

/** Days of the month before `m` (for periods running from the 16th of one month to the 15th of the next). */
function daysBefore(m: Month): number {
  const prevLast = m.first - 1;
  return new Date(prevLast * 86400000).getUTCDate();
}
