/**
 * AR aging statement (AR). Balance of a billing item as of a date = amount (+ VAT when vat_pct,
 * rounded once per item) − payments with paid_date ≤ as_of. Items issued after as_of are left out;
 * open = balance ≠ 0. Age = as_of − due_date in days; buckets Current (age ≤ 0), then the
 * `aging.buckets` bounds (default 1–30, 31–60, 61–90, 91–120, 120+). Lines are grouped by currency
 * and party; an overpayment (negative balance) is a credit in its bucket, never dropped.
 */
import type { FiltersOf, Line, LineGroup, StatementModel } from '../../../shared/contract';
import { toDayNumber } from '../../../shared/dates';
import { applyPercent, parseDecimal, type Decimal, type Minor } from '../../../shared/money';
import { allRows, baseModel, cleanFilters, col, invalid, money, partyBlock, requireParty, Totals, type ComputeContext } from './common';

interface ItemRow {
  id: string;
  party_id: string;
  party_name: string | null;
  target_type: string;
  description: string;
  issue_date: string;
  due_date: string;
  currency: string;
  amount: number;
  vat_pct: string | null;
  invoice_number: string | null;
  paid: number;
}

export interface AgingBucket {
  key: string;
  label: string;
  /** inclusive upper bound of the age in days; null for the last (open-ended) bucket */
  max: number | null;
}

/** Bucket keys from the bounds: [30,60,90,120] → current, 1-30, 31-60, 61-90, 91-120, 120+. */
export function agingBuckets(bounds: number[]): AgingBucket[] {
  const b = [...new Set(bounds)].filter((n) => Number.isInteger(n) && n > 0).sort((x, y) => x - y);
  if (b.length === 0) throw invalid('BAD_AGING_BUCKETS', 'aging.buckets must hold at least one positive whole number of days', 'aging.buckets');
  const out: AgingBucket[] = [{ key: 'current', label: 'Current', max: 0 }];
  let lo = 1;
  for (const hi of b) {
    out.push({ key: `${lo}-${hi}`, label: `${lo}–${hi}`, max: hi });
    lo = hi + 1;
  }
  const last = b[b.length - 1]!;
  out.push({ key: `${last}+`, label: `${last}+`, max: null });
  return out;
}

export function bucketFor(age: number, buckets: AgingBucket[]): AgingBucket {
  for (const bk of buckets) if (bk.max !== null && age <= bk.max) return bk;
  return buckets[buckets.length - 1]!;
}

export function computeArAging(f: FiltersOf<'ar-aging'>, ctx: ComputeContext): StatementModel {
  const asOf = f.asOf ?? ctx.today;
  const openOnly = f.openItemsOnly ?? true;
  const client = f.clientId ? requireParty(ctx.cache, f.clientId, 'clientId', 'client') : null;
  const buckets = agingBuckets(ctx.settings.agingBuckets);
  const keys = [...buckets.map((b) => b.key), 'total'];

  const params: string[] = [asOf, asOf];
  let sql =
    'SELECT bi.id, bi.party_id, p.name AS party_name, bi.target_type, bi.description, bi.issue_date, bi.due_date, bi.currency, ' +
    'bi.amount, bi.vat_pct, bi.invoice_number, ' +
    'COALESCE((SELECT SUM(bp.amount) FROM billing_payments bp WHERE bp.billing_item_id = bi.id AND bp.paid_date <= ?), 0) AS paid ' +
    'FROM billing_items bi LEFT JOIN parties p ON p.id = bi.party_id WHERE bi.issue_date <= ?';
  if (client) {
    sql += ' AND bi.party_id = ?';
    params.push(client.id);
  }
  const rows = allRows<ItemRow>(ctx.cache, sql, params);

  const totals = new Totals(keys);
  const byGroup = new Map<string, { currency: string; partyId: string; partyName: string; lines: Line[]; totals: Totals }>();
  let credits = 0;
  // large statements: parse each distinct VAT rate and due date once
  const vatOf = new Map<string, Decimal>();
  const dayOf = new Map<string, number>();
  const asOfDay = toDayNumber(asOf, 'asOf');
  for (const r of rows) {
    let vat: Decimal | undefined;
    if (r.vat_pct) {
      vat = vatOf.get(r.vat_pct);
      if (!vat) vatOf.set(r.vat_pct, (vat = parseDecimal(r.vat_pct)));
    }
    const gross: Minor = r.amount + (vat ? applyPercent(r.amount, vat) : 0);
    const balance = gross - r.paid;
    if (openOnly && balance === 0) continue;
    let due = dayOf.get(r.due_date);
    if (due === undefined) dayOf.set(r.due_date, (due = toDayNumber(r.due_date)));
    const age = asOfDay - due;
    const bucket = bucketFor(age, buckets);
    if (balance < 0) credits++;
    const c = r.currency;
    totals.add(c, bucket.key, balance);
    totals.add(c, 'total', balance);
    const gk = `${c}|${r.party_id}`;
    let g = byGroup.get(gk);
    if (!g) {
      g = { currency: c, partyId: r.party_id, partyName: r.party_name ?? r.party_id, lines: [], totals: new Totals(keys) };
      byGroup.set(gk, g);
    }
    g.totals.add(c, bucket.key, balance);
    g.totals.add(c, 'total', balance);
    const ref = r.invoice_number ?? r.id;
    g.lines.push({
      id: r.id,
      cells: {
        party: g.partyName,
        invoiceNumber: r.invoice_number,
        description: r.description,
        issueDate: r.issue_date,
        dueDate: r.due_date,
        amount: money(gross, c),
        paid: money(r.paid, c),
        balance: money(balance, c),
        age,
        bucket: bucket.label,
        credit: balance < 0 ? 'CR' : null,
      },
      item: {
        description: `${ref} ${r.description}${balance < 0 ? ' (credit)' : ''}`,
        periodStart: r.issue_date,
        periodEnd: r.due_date,
        quantity: null,
        rate: null,
        amount: money(balance, c),
        itemType: balance < 0 ? 'AR_CREDIT' : 'AR_ITEM',
      },
    });
  }

  const groupList = [...byGroup.values()].sort(
    (a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : a.partyName.localeCompare(b.partyName) || (a.partyId < b.partyId ? -1 : 1)),
  );
  const groups: LineGroup[] = groupList.map((g) => {
    g.lines.sort((x, y) => (x.cells.dueDate! < y.cells.dueDate! ? -1 : x.cells.dueDate! > y.cells.dueDate! ? 1 : x.id < y.id ? -1 : 1));
    return { key: `${g.currency}|${g.partyId}`, title: `${g.partyName} (${g.currency})`, currency: g.currency, lines: g.lines, totals: g.totals.formatOne(g.currency) };
  });
  const bucketCols = buckets.map((b) => col(b.key, b.label, 'money'));

  return baseModel(
    {
      type: 'ar-aging',
      title: 'AR aging statement',
      party: client ? partyBlock(client) : null,
      header: [
        { label: 'Client', value: client ? client.name : 'All parties' },
        { label: 'As of', value: asOf },
        { label: 'Items', value: openOnly ? 'Open items only' : 'All items' },
      ],
      filters: cleanFilters({ ...f, asOf, openItemsOnly: openOnly }),
      dateFrom: null,
      dateTo: asOf,
      currency: totals.currencies().length === 1 ? totals.currencies()[0]! : null,
      columns: [
        col('invoiceNumber', 'Invoice', 'text'),
        col('description', 'Description', 'text', 2),
        col('issueDate', 'Issued', 'date'),
        col('dueDate', 'Due', 'date'),
        col('amount', 'Amount', 'money'),
        col('paid', 'Paid', 'money'),
        col('balance', 'Balance', 'money'),
        col('age', 'Age', 'integer'),
        col('bucket', 'Bucket', 'text'),
      ],
      groups,
      totals: totals.format(),
      sections: [
        {
          key: 'by-party',
          title: 'Summary by party',
          columns: [col('party', 'Party', 'text', 2), col('currency', 'Currency', 'text'), ...bucketCols, col('total', 'Total', 'money')],
          rows: groups.map((g) => ({ partyId: g.key.split('|')[1]!, party: g.title.replace(/ \([A-Z]{3}\)$/, ''), currency: g.currency, ...g.totals })),
        },
      ],
      findings: [],
      notes: [
        ...(groups.length === 0 ? [openOnly ? `No open items as of ${asOf}` : `No items as of ${asOf}`] : []),
        ...(credits ? [`${credits} overpaid item${credits === 1 ? '' : 's'} shown as credit (negative balance) in ${credits === 1 ? 'its' : 'their'} bucket`] : []),
      ],
      itemTotalKey: 'total',
    },
    ctx.cache,
  );
}
