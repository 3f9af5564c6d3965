/**
 * The lines of one contract's billing statement for one calendar month (seed 000), with the data
 * findings: revenue share (pro rata by days for reports crossing the period's edge), labor hours by
 * job code at the rate effective on each work date, fixed fee prorated by active days, adjustments.
 * Used for the statement itself and, the same way, for the previous period's total (variance).
 */
import type { Finding } from '../../../shared/contract';
import { addMonths, daysInclusive, fromDayNumber, maxDate, minDate, monthOf, monthRange, toDayNumber } from '../../../shared/dates';
import {
  addDecimal,
  applyPercent,
  formatDecimal,
  formatMoney,
  mulDiv,
  multiply,
  parseDecimal,
  splitLargestRemainder,
  type Decimal,
  type Minor,
} from '../../../shared/money';
import type { Database } from '../db/database';
import { finding } from './common';

export interface ContractRow {
  id: string;
  customer_id: string;
  type: 'revenue_share' | 'per_labor_hour' | 'fixed_fee';
  status: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';
  start_date: string;
  end_date: string | null;
  currency: string;
  share_pct: string | null;
  monthly_fee: number | null;
  template_id: string | null;
}

export interface BillingLine {
  id: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  /** decimal string: gross revenue attributed, hours, active days … */
  quantity: string | null;
  /** decimal string: share %, hourly rate, monthly fee */
  rate: string | null;
  amount: Minor;
  itemType: 'REVENUE_SHARE' | 'LABOR' | 'FIXED_FEE' | 'CREDIT' | 'DEBIT' | 'SPECIAL_CHARGE';
}

export interface BillingPeriodResult {
  period: { start: string; end: string; days: number };
  /** the part of the period the contract's dates cover, or null */
  active: { from: string; to: string; days: number } | null;
  lines: BillingLine[];
  total: Minor;
  findings: Finding[];
}

/** Days of [from, to] that are not covered by the union of intervals (as inclusive ranges). */
function gaps(from: string, to: string, intervals: Array<[string, string]>): Array<[string, string]> {
  const lo = toDayNumber(from);
  const hi = toDayNumber(to);
  const spans = intervals
    .map(([a, b]) => [Math.max(lo, toDayNumber(a)), Math.min(hi, toDayNumber(b))] as [number, number])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0]);
  const out: Array<[string, string]> = [];
  let next = lo;
  for (const [a, b] of spans) {
    if (a > next) out.push([fromDayNumber(next), fromDayNumber(a - 1)]);
    next = Math.max(next, b + 1);
  }
  if (next <= hi) out.push([fromDayNumber(next), fromDayNumber(hi)]);
  return out;
}

/** Whether any two intervals share a day. */
function overlapping(intervals: Array<[string, string]>): boolean {
  const s = [...intervals].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  for (let i = 1; i < s.length; i++) if (s[i]![0] <= s[i - 1]![1]) return true;
  return false;
}

/**
 * The part of a report's gross that falls in `month`: the gross is split over the calendar months
 * the report spans by days, largest remainder, so the months' parts add up to the gross exactly.
 */
export function monthPortion(gross: Minor, start: string, end: string, month: string): Minor {
  if (monthOf(start) === month && monthOf(end) === month) return gross;
  const months: string[] = [];
  const weights: bigint[] = [];
  for (let m = monthOf(start); m <= monthOf(end); m = addMonths(m, 1)) {
    const r = monthRange(m);
    months.push(m);
    weights.push(BigInt(daysInclusive(maxDate(start, r.start), minDate(end, r.end))));
  }
  const i = months.indexOf(month);
  if (i < 0) return 0;
  return splitLargestRemainder(gross, weights)[i]!;
}

const fmtRange = (a: string, b: string) => (a === b ? a : `${a}–${b}`);

export function billingPeriod(cache: Database, c: ContractRow, month: string, opts: { findings: boolean } = { findings: true }): BillingPeriodResult {
  const { start, end } = monthRange(month);
  const days = daysInclusive(start, end);
  const cur = c.currency;
  const findings: Finding[] = [];
  const lines: BillingLine[] = [];
  const aFrom = maxDate(c.start_date, start);
  const aTo = minDate(c.end_date ?? end, end);
  const active = aFrom <= aTo ? { from: aFrom, to: aTo, days: daysInclusive(aFrom, aTo) } : null;

  if (opts.findings) {
    if (c.status === 'SUSPENDED') {
      findings.push(finding('ERROR', 'CONTRACT_NOT_ACTIVE', `Contract ${c.id} is SUSPENDED: no statement for ${month} until it is active again`, c.id));
    } else if (c.status === 'TERMINATED' && (!c.end_date || c.end_date < start)) {
      findings.push(finding('ERROR', 'CONTRACT_NOT_ACTIVE', `Contract ${c.id} is TERMINATED${c.end_date ? ` (ended ${c.end_date})` : ''}: it was not active during ${month}`, c.id));
    } else if (!active) {
      findings.push(
        finding('ERROR', 'CONTRACT_NOT_ACTIVE', `Contract ${c.id} runs ${c.start_date} to ${c.end_date ?? 'open end'}: it is not active during ${month}`, c.id),
      );
    }
  }

  if (c.type === 'revenue_share') {
    const reports = cache.all<{ id: string; period_start: string; period_end: string; gross_revenue: number }>(
      'SELECT id, period_start, period_end, gross_revenue FROM revenue_reports WHERE contract_id = ? AND period_start <= ? AND period_end >= ? ORDER BY period_start, id',
      [c.id, end, start],
    );
    if (c.share_pct === null) {
      if (opts.findings) findings.push(finding('ERROR', 'RATE_MISSING', `Revenue share contract ${c.id} has no share_pct`, c.id));
    } else {
      for (const r of reports) {
        const portion = monthPortion(r.gross_revenue, r.period_start, r.period_end, month);
        const from = maxDate(r.period_start, start);
        const to = minDate(r.period_end, end);
        const prorated = r.period_start < start || r.period_end > end;
        lines.push({
          id: r.id,
          description:
            `Revenue share ${c.share_pct}% of gross revenue ${fmtRange(r.period_start, r.period_end)}` +
            (prorated ? ` (${daysInclusive(from, to)} of ${daysInclusive(r.period_start, r.period_end)} days: ${formatMoney(portion, cur)} of ${formatMoney(r.gross_revenue, cur)})` : ''),
          periodStart: from,
          periodEnd: to,
          quantity: formatMoney(portion, cur),
          rate: c.share_pct,
          amount: applyPercent(portion, c.share_pct),
          itemType: 'REVENUE_SHARE',
        });
      }
    }
    if (opts.findings && active) {
      const ranges = reports.map((r) => [r.period_start, r.period_end] as [string, string]);
      const missing = gaps(active.from, active.to, ranges);
      if (missing.length) {
        findings.push(
          finding(
            'ERROR',
            'PERIOD_INCOMPLETE',
            `Billing period completeness: revenue reports do not cover ${missing.map(([a, b]) => fmtRange(a, b)).join(', ')}`,
            c.id,
          ),
        );
      }
      if (overlapping(ranges)) {
        findings.push(finding('WARNING', 'REVENUE_REPORTS_OVERLAP', `Revenue reports of contract ${c.id} overlap in ${month}: some days are reported twice`, c.id));
      }
    }
  } else if (c.type === 'per_labor_hour') {
    const entries = cache.all<{ id: string; work_date: string; job_code: string; hours: string }>(
      'SELECT id, work_date, job_code, hours FROM labor_hours WHERE contract_id = ? AND work_date >= ? AND work_date <= ? ORDER BY work_date, id',
      [c.id, start, end],
    );
    const rates = cache.all<{ id: string; job_code: string; hourly_rate: number; effective_from: string; effective_to: string | null }>(
      'SELECT id, job_code, hourly_rate, effective_from, effective_to FROM contract_rates WHERE contract_id = ? ORDER BY job_code, effective_from DESC, id',
      [c.id],
    );
    const groups = new Map<string, { job: string; rate: (typeof rates)[number]; hours: Decimal; from: string; to: string; entries: number }>();
    const unrated: string[] = [];
    for (const e of entries) {
      const rate = rates.find((r) => r.job_code === e.job_code && r.effective_from <= e.work_date && (r.effective_to === null || r.effective_to >= e.work_date));
      if (!rate) {
        unrated.push(`${e.id} (${e.job_code}, ${e.work_date})`);
        continue;
      }
      const key = `${e.job_code}\u0000${rate.id}`;
      const g = groups.get(key);
      const h = parseDecimal(e.hours);
      if (g) {
        g.hours = addDecimal(g.hours, h);
        g.from = minDate(g.from, e.work_date);
        g.to = maxDate(g.to, e.work_date);
        g.entries++;
      } else {
        groups.set(key, { job: e.job_code, rate, hours: h, from: e.work_date, to: e.work_date, entries: 1 });
      }
    }
    if (opts.findings && unrated.length) {
      findings.push(
        finding(
          'ERROR',
          'RATE_MISSING',
          `Rate verification: no effective rate for labor ${unrated.slice(0, 5).join(', ')}${unrated.length > 5 ? ` and ${unrated.length - 5} more` : ''}`,
          c.id,
        ),
      );
    }
    const sorted = [...groups.values()].sort((a, b) => (a.job < b.job ? -1 : a.job > b.job ? 1 : a.rate.effective_from < b.rate.effective_from ? -1 : 1));
    for (const g of sorted) {
      const hours = formatDecimal(g.hours);
      lines.push({
        id: `${c.id}:${g.job}:${g.rate.id}`,
        description: `Labor ${g.job}: ${hours} h at ${formatMoney(g.rate.hourly_rate, cur)}/h (${g.entries} entr${g.entries === 1 ? 'y' : 'ies'})`,
        periodStart: g.from,
        periodEnd: g.to,
        quantity: hours,
        rate: formatMoney(g.rate.hourly_rate, cur),
        amount: multiply(g.rate.hourly_rate, g.hours),
        itemType: 'LABOR',
      });
    }
  } else if (c.type === 'fixed_fee') {
    if (c.monthly_fee === null) {
      if (opts.findings) findings.push(finding('ERROR', 'RATE_MISSING', `Fixed fee contract ${c.id} has no monthly_fee`, c.id));
    } else if (active) {
      const full = active.days === days;
      lines.push({
        id: `${c.id}:fee:${month}`,
        description: full ? `Fixed fee ${month}` : `Fixed fee ${month}, prorated ${active.days} of ${days} days (${fmtRange(active.from, active.to)})`,
        periodStart: active.from,
        periodEnd: active.to,
        quantity: full ? '1' : null,
        rate: formatMoney(c.monthly_fee, cur),
        amount: full ? c.monthly_fee : mulDiv(c.monthly_fee, BigInt(active.days), BigInt(days)),
        itemType: 'FIXED_FEE',
      });
    }
  }

  const adjustments = cache.all<{ id: string; date: string; kind: 'CREDIT' | 'DEBIT' | 'SPECIAL_CHARGE'; description: string; amount: number }>(
    'SELECT id, date, kind, description, amount FROM adjustments WHERE contract_id = ? AND date >= ? AND date <= ? ORDER BY date, id',
    [c.id, start, end],
  );
  for (const a of adjustments) {
    const amount = a.kind === 'CREDIT' ? -Math.abs(a.amount) : Math.abs(a.amount);
    lines.push({ id: a.id, description: a.description, periodStart: a.date, periodEnd: a.date, quantity: null, rate: null, amount, itemType: a.kind });
  }

  const total = lines.reduce((s, l) => s + l.amount, 0);
  return { period: { start, end, days }, active, lines, total, findings };
}
