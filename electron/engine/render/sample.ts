/**
 * Sample statement models of every type, built by hand with exact money (names in Latin with
 * diacritics, Greek and Cyrillic): the Templates screen's live preview (`templates:sample`), the
 * render tests and the render benchmark. Deterministic for a given seed.
 */
import type { Column, Line, LineGroup, StatementModel, StatementType } from '../../../shared/contract/statements';
import { applyPercent, formatMoney, sum } from '../../../shared/money';
import { STATEMENT_TYPE_DEFS } from '../../../shared/statement-types';

export const SAMPLE_NAMES = [
  'Zoë Ångström-Łukasiewicz',
  'Γιώργος Παπαδόπουλος',
  'Дмитрий Шостакович',
  'François Müller-Øvergård',
  'Ярослава Ковальчук',
  'Αλεξάνδρα Νικολάου',
  'Søren Ærøskøbing',
  'Đặng Thị Hồng',
];

/** A small deterministic pseudo-random sequence (xorshift). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const col = (key: string, label: string, kind: Column['kind'], width?: number): Column => (width ? { key, label, kind, width } : { key, label, kind });
const day = (i: number) => `2026-01-${String((i % 28) + 1).padStart(2, '0')}`;

export interface SampleOptions {
  lines?: number;
  seed?: number;
  /** party name (default: one of SAMPLE_NAMES) */
  name?: string;
  currency?: string;
}

function party(name: string, i: number) {
  return {
    id: `P-${1000 + i}`,
    name,
    addressLines: ['Οδός Ερμού 12', 'Αθήνα 105 63'],
    country: 'Greece',
    email: 'accounts@example.org',
    vatNumber: null,
    companyNumber: null,
  };
}

function base(type: StatementType, title: string, name: string, seed: number): Omit<StatementModel, 'columns' | 'groups' | 'totals' | 'lineCount'> {
  return {
    type,
    title,
    party: party(name, seed),
    header: [
      { label: 'Client', value: name },
      { label: 'Period', value: '2026-01-01 to 2026-01-31' },
    ],
    filters: { clientId: `P-${1000 + seed}`, dateFrom: '2026-01-01', dateTo: '2026-01-31' },
    dateFrom: '2026-01-01',
    dateTo: '2026-01-31',
    currency: null,
    sections: [],
    findings: [],
    notes: [],
    dataVersion: 1,
    itemTotalKey: STATEMENT_TYPE_DEFS[type].itemTotalKey,
  };
}

function group(currency: string, lines: Line[], totals: Record<string, string>, title = currency): LineGroup {
  return { key: currency, title, currency, lines, totals };
}

export function sampleModel(type: StatementType, opts: SampleOptions = {}): StatementModel {
  const seed = opts.seed ?? 1;
  const r = rng(seed * 7919 + type.length);
  const n = opts.lines ?? 12;
  const name = opts.name ?? SAMPLE_NAMES[seed % SAMPLE_NAMES.length]!;
  const cur = opts.currency ?? 'EUR';
  const m = (minor: number) => formatMoney(minor, cur);
  const amount = () => Math.floor(r() * 2_500_000) + 1000;

  if (type === 'client') {
    const lines: Line[] = [];
    const g: number[] = [];
    const cm: number[] = [];
    for (let i = 0; i < n; i++) {
      const gross = amount();
      const commission = applyPercent(gross, '12.5');
      g.push(gross);
      cm.push(commission);
      const desc = i % 5 === 0 ? `Royalty payment — ${SAMPLE_NAMES[(i + seed) % SAMPLE_NAMES.length]} tour, Q4 settlement including merchandise and broadcast rights` : `Payment ${i + 1} · ${SAMPLE_NAMES[(i + seed) % SAMPLE_NAMES.length]}`;
      lines.push({
        id: `PI-${seed}-${i}`,
        cells: { date: day(i), description: desc, reference: `REF-${10000 + i}`, dealRef: `D-${200 + (i % 7)}`, gross: m(gross), commission: m(commission), net: m(gross - commission) },
        item: { description: desc, periodStart: day(i), periodEnd: day(i), quantity: null, rate: null, amount: m(gross), itemType: 'PAYMENT' },
      });
    }
    const totals = { gross: m(sum(g)), commission: m(sum(cm)), net: m(sum(g) - sum(cm)) };
    return {
      ...base(type, 'Client statement', name, seed),
      currency: cur,
      columns: [col('date', 'Date', 'date'), col('description', 'Description', 'text', 3), col('reference', 'Reference', 'text'), col('dealRef', 'Deal', 'text'), col('gross', 'Gross', 'money'), col('commission', 'Commission', 'money'), col('net', 'Net', 'money')],
      groups: [group(cur, lines, totals)],
      totals: { [cur]: totals },
      lineCount: n,
    };
  }

  if (type === 'settlement') {
    const lines: Line[] = [];
    const acc = { guarantee: 0, overage: 0, backout: 0, netGross: 0, commissionDue: 0 };
    for (let i = 0; i < n; i++) {
      const guarantee = amount();
      const overage = Math.floor(r() * 300_000);
      const backout = Math.floor(r() * 100_000);
      const netGross = guarantee + overage - backout;
      const commissionDue = applyPercent(guarantee + overage, '10');
      acc.guarantee += guarantee;
      acc.overage += overage;
      acc.backout += backout;
      acc.netGross += netGross;
      acc.commissionDue += commissionDue;
      lines.push({
        id: `S-${i}`,
        cells: { engagementDate: day(i), dealRef: `D-${300 + i}`, venue: i % 2 ? 'Θέατρο Ηρώδου Αττικού' : 'Большой театр', city: i % 2 ? 'Αθήνα' : 'Москва', guarantee: m(guarantee), overage: m(overage), backout: m(backout), netGross: m(netGross), commissionPct: '10', commissionDue: m(commissionDue) },
        item: { description: `Settlement D-${300 + i}`, periodStart: day(i), periodEnd: day(i), quantity: null, rate: '10', amount: m(commissionDue), itemType: 'SETTLEMENT' },
      });
    }
    const totals = Object.fromEntries(Object.entries(acc).map(([k, v]) => [k, m(v)]));
    return {
      ...base(type, 'Settlement statement', name, seed),
      currency: cur,
      columns: [col('engagementDate', 'Engagement date', 'date'), col('dealRef', 'Deal', 'text'), col('venue', 'Venue', 'text', 2), col('city', 'City', 'text'), col('guarantee', 'Guarantee', 'money'), col('overage', 'Overage', 'money'), col('backout', 'Backout', 'money'), col('netGross', 'Net gross', 'money'), col('commissionPct', 'Comm. %', 'percent'), col('commissionDue', 'Commission due', 'money')],
      groups: [group(cur, lines, totals)],
      totals: { [cur]: totals },
      lineCount: n,
      findings: [{ severity: 'WARNING', code: 'COMMISSION_MISMATCH', message: 'Commission due differs from (guarantee + overage) × commission % on one settlement', subject: 'D-301' }],
    };
  }

  if (type === 'deal') {
    const lines: Line[] = [];
    const g: number[] = [];
    for (let i = 0; i < n; i++) {
      const gross = amount();
      g.push(gross);
      lines.push({ id: `R-${i}`, cells: { date: day(i), description: `Ticket revenue night ${i + 1}`, gross: m(gross) }, item: { description: `Ticket revenue night ${i + 1}`, periodStart: day(i), periodEnd: day(i), quantity: null, rate: null, amount: m(gross), itemType: 'REVENUE' } });
    }
    const total = sum(g);
    const payees = [
      { party: SAMPLE_NAMES[1]!, role: 'Artist', pct: '60' },
      { party: SAMPLE_NAMES[2]!, role: 'Producer', pct: '25' },
      { party: SAMPLE_NAMES[0]!, role: 'Agent', pct: '15' },
    ];
    const shares = payees.map((p) => Math.round((total * Number(p.pct)) / 100));
    shares[0]! += total - sum(shares);
    const commission = shares.map((s) => applyPercent(s, '10'));
    const totals = { gross: m(total), commission: m(sum(commission)), net: m(total - sum(commission)) };
    return {
      ...base(type, 'Deal statement', name, seed),
      header: [
        { label: 'Deal', value: 'D-0042 · Ωδείο Αθηνών spring residency' },
        { label: 'Buyer', value: 'Филармония Санкт-Петербурга' },
        { label: 'Engagement date', value: '2026-03-14' },
      ],
      currency: cur,
      columns: [col('date', 'Date', 'date'), col('description', 'Description', 'text', 3), col('gross', 'Gross', 'money')],
      groups: [group(cur, lines, totals)],
      totals: { [cur]: totals },
      sections: [
        {
          key: 'payees',
          title: 'Payees',
          columns: [col('party', 'Payee', 'text', 2), col('role', 'Role', 'text'), col('allocationPct', 'Allocation', 'percent'), col('gross', 'Gross share', 'money'), col('commission', 'Commission', 'money'), col('net', 'Net', 'money')],
          rows: payees.map((p, i) => ({ party: p.party, role: p.role, allocationPct: p.pct, gross: m(shares[i]!), commission: m(commission[i]!), net: m(shares[i]! - commission[i]!) })),
        },
      ],
      lineCount: n,
    };
  }

  if (type === 'ar-aging') {
    const buckets = ['current', '1-30', '31-60', '61-90', '91-120', '120+'];
    const groups: LineGroup[] = [];
    const all: Record<string, number> = Object.fromEntries(buckets.map((b) => [b, 0]));
    const perParty = Math.max(1, Math.ceil(n / 3));
    let made = 0;
    for (let p = 0; p < 3 && made < n; p++) {
      const lines: Line[] = [];
      let bal = 0;
      for (let i = 0; i < perParty && made < n; i++, made++) {
        const amt = amount();
        const paid = i % 3 === 0 ? Math.floor(amt / 2) : 0;
        const balance = amt - paid;
        const age = (made * 17) % 150 - 10;
        const bucket = age <= 0 ? 'current' : age <= 30 ? '1-30' : age <= 60 ? '31-60' : age <= 90 ? '61-90' : age <= 120 ? '91-120' : '120+';
        all[bucket]! += balance;
        bal += balance;
        lines.push({
          id: `B-${made}`,
          cells: { party: SAMPLE_NAMES[p]!, invoice: `INV-${5000 + made}`, issueDate: day(made), dueDate: day(made + 14), amount: m(amt), paid: m(paid), balance: m(balance), age: age, bucket },
          item: { description: `INV-${5000 + made}`, periodStart: day(made), periodEnd: day(made + 14), quantity: null, rate: null, amount: m(balance), itemType: 'RECEIVABLE' },
        });
      }
      groups.push(group(cur, lines, { balance: m(bal) }, `${SAMPLE_NAMES[p]} · ${cur}`));
    }
    const totals = { ...Object.fromEntries(buckets.map((b) => [b, m(all[b]!)])), total: m(sum(Object.values(all))) };
    return {
      ...base(type, 'AR aging statement', name, seed),
      party: null,
      header: [{ label: 'As of', value: '2026-01-31' }],
      columns: [col('party', 'Party', 'text', 2), col('invoice', 'Invoice', 'text'), col('issueDate', 'Issued', 'date'), col('dueDate', 'Due', 'date'), col('amount', 'Amount', 'money'), col('paid', 'Paid', 'money'), col('balance', 'Balance', 'money'), col('age', 'Age (days)', 'integer'), col('bucket', 'Bucket', 'text')],
      groups,
      totals: { [cur]: totals },
      sections: [{ key: 'buckets', title: 'Summary by bucket', columns: [col('currency', 'Currency', 'text'), ...buckets.map((b) => col(b, b === 'current' ? 'Current' : `${b} days`, 'money')), col('total', 'Total', 'money')], rows: [{ currency: cur, ...totals }] }],
      lineCount: made,
    };
  }

  if (type === 'invoice') {
    const lines: Line[] = [];
    const nets: number[] = [];
    const vats: number[] = [];
    for (let i = 0; i < n; i++) {
      const unit = amount();
      const qty = (i % 3) + 1;
      const net = unit * qty;
      const vat = applyPercent(net, '20');
      nets.push(net);
      vats.push(vat);
      const desc = `Consulting services — ${SAMPLE_NAMES[(i + seed) % SAMPLE_NAMES.length]}, January 2026`;
      lines.push({
        id: `BI-${i}`,
        cells: { description: desc, quantity: String(qty), unitPrice: m(unit), amount: m(net), vatPct: '20', vat: m(vat), total: m(net + vat) },
        item: { description: desc, periodStart: '2026-01-01', periodEnd: '2026-01-31', quantity: String(qty), rate: m(unit), amount: m(net), itemType: 'BILLING_ITEM' },
      });
    }
    const totals = { net: m(sum(nets)), vat: m(sum(vats)), gross: m(sum(nets) + sum(vats)) };
    return {
      ...base(type, 'VAT invoice', name, seed),
      header: [
        { label: 'Time of supply', value: '2026-01-31' },
        { label: 'Due date', value: '2026-02-28' },
        { label: 'Customer VAT no.', value: 'EL 094 123 456' },
      ],
      currency: cur,
      columns: [col('description', 'Description', 'text', 3), col('quantity', 'Qty', 'quantity'), col('unitPrice', 'Unit price (excl. VAT)', 'money'), col('amount', 'Net', 'money'), col('vatPct', 'VAT %', 'percent'), col('vat', 'VAT', 'money'), col('total', 'Total', 'money')],
      groups: [group(cur, lines, totals)],
      totals: { [cur]: totals },
      sections: cur === 'GBP' ? [] : [{ key: 'vat-gbp', title: 'VAT in GBP', columns: [col('rate', 'Exchange rate', 'quantity'), col('vat', 'VAT (GBP)', 'money')], rows: [{ currency: 'GBP', rate: '0.8412', vat: formatMoney(applyPercent(sum(vats), '84.12'), 'GBP') }] }],
      notes: ['Payment within 28 days by bank transfer, quoting the invoice number.'],
      lineCount: n,
    };
  }

  // billing
  const lines: Line[] = [];
  const amounts: number[] = [];
  for (let i = 0; i < n; i++) {
    const hours = (i % 9) + 1;
    const rate = 4500 + (i % 4) * 500;
    const a = i === n - 1 ? -25_000 : hours * rate;
    amounts.push(a);
    const desc = i === n - 1 ? 'Credit: service level adjustment' : `Labour — job code JC-${10 + (i % 5)}`;
    lines.push({
      id: `BL-${i}`,
      cells: { description: desc, period: '2026-01', hours: i === n - 1 ? null : String(hours), rate: i === n - 1 ? null : m(rate), amount: m(a) },
      item: { description: desc, periodStart: '2026-01-01', periodEnd: '2026-01-31', quantity: i === n - 1 ? null : String(hours), rate: i === n - 1 ? null : m(rate), amount: m(a), itemType: i === n - 1 ? 'CREDIT' : 'LABOR' },
    });
  }
  const totals = { total: m(sum(amounts)) };
  return {
    ...base(type, 'Billing statement', name, seed),
    header: [
      { label: 'Contract', value: 'C-7781 · per labour hour' },
      { label: 'Billing period', value: '2026-01' },
    ],
    currency: cur,
    columns: [col('description', 'Description', 'text', 3), col('period', 'Period', 'text'), col('hours', 'Hours', 'quantity'), col('rate', 'Rate', 'money'), col('amount', 'Amount', 'money')],
    groups: [group(cur, lines, totals)],
    totals: { [cur]: totals },
    lineCount: n,
    findings: [{ severity: 'WARNING', code: 'HISTORICAL_VARIANCE', message: 'Total differs from the previous period by 31.4% (threshold 25%): review required' }],
  };
}
