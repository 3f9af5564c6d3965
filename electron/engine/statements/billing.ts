/**
 * Contract billing statement (BS, seed 000) for one contract and one calendar month: the lines of
 * billing-lines.ts, total, and the findings — contract status, rate verification, billing period
 * completeness, and the historical variance against the previous month computed the same way.
 */
import type { FiltersOf, Finding, Line, StatementModel } from '../../../shared/contract';
import { addMonths } from '../../../shared/dates';
import { formatMoney, parseDecimal } from '../../../shared/money';
import { billingPeriod, type ContractRow } from './billing-lines';
import { baseModel, cleanFilters, col, findParty, finding, groupsByCurrency, invalid, money, partyBlock, Totals, type ComputeContext } from './common';
import { STATEMENT_TYPE_DEFS } from '../../../shared/statement-types';

const TYPE_LABEL: Record<ContractRow['type'], string> = {
  revenue_share: 'Revenue share',
  per_labor_hour: 'Per labor hour',
  fixed_fee: 'Fixed fee',
};

/**
 * WARNING when |total − previous| × 100 > threshold × |previous|. No comparison when the contract
 * was not active in the previous month or the previous total is zero (no base for a percentage).
 */
export function varianceFinding(total: number, previous: number, thresholdPct: number, currency: string, prevMonth: string): Finding | null {
  if (previous === 0) return null;
  const t = parseDecimal(String(thresholdPct));
  const diff = BigInt(Math.abs(total - previous));
  const base = BigInt(Math.abs(previous));
  // diff / base × 100 > t.num / 10^scale  ⇔  diff × 100 × 10^scale > t.num × base
  if (diff * 100n * 10n ** BigInt(t.scale) <= t.num * base) return null;
  const pctTenths = Number((diff * 1000n) / base);
  return finding(
    'WARNING',
    'VARIANCE',
    `Historical variance, review required: total ${formatMoney(total, currency)} ${currency} differs from ${prevMonth}'s ` +
      `${formatMoney(previous, currency)} ${currency} by ${Math.floor(pctTenths / 10)}.${pctTenths % 10}% (threshold ${thresholdPct}%)`,
  );
}

export function computeBilling(f: FiltersOf<'billing'>, ctx: ComputeContext): StatementModel {
  const c = ctx.cache.get<ContractRow>('SELECT * FROM contracts WHERE id = ?', [f.contractId]);
  if (!c) throw invalid('UNKNOWN_CONTRACT', `contractId: there is no contract with id ${f.contractId}`, 'contractId');
  const cur = c.currency;
  const customer = findParty(ctx.cache, c.customer_id);
  const result = billingPeriod(ctx.cache, c, f.period);
  const findings = [...result.findings];

  const prevMonth = addMonths(f.period, -1);
  const prev = billingPeriod(ctx.cache, c, prevMonth, { findings: false });
  if (prev.active && c.start_date <= prev.period.start) {
    // only compare with a full previous month of the same contract (a first, partial month is no base)
    const v = varianceFinding(result.total, prev.total, ctx.settings.varianceThresholdPct, cur, prevMonth);
    if (v) findings.push({ ...v, subject: c.id });
  }

  const totals = new Totals(['total']);
  totals.ensure(cur);
  const lines: Array<{ currency: string; line: Line }> = result.lines.map((l) => {
    totals.add(cur, 'total', l.amount);
    return {
      currency: cur,
      line: {
        id: l.id,
        cells: {
          description: l.description,
          periodStart: l.periodStart,
          periodEnd: l.periodEnd,
          quantity: l.quantity,
          rate: l.rate,
          amount: money(l.amount, cur),
          type: l.itemType,
        },
        item: {
          description: l.description,
          periodStart: l.periodStart,
          periodEnd: l.periodEnd,
          quantity: l.quantity,
          rate: l.rate,
          amount: money(l.amount, cur),
          itemType: l.itemType,
        },
      },
    };
  });

  const active = result.active;
  return baseModel(
    {
      type: 'billing',
      title: 'Billing statement',
      party: customer ? partyBlock(customer) : null,
      header: [
        { label: 'Customer', value: customer?.name ?? c.customer_id },
        { label: 'Contract', value: `${c.id} (${TYPE_LABEL[c.type]})` },
        { label: 'Billing period', value: `${f.period} (${result.period.start} to ${result.period.end})` },
        ...(active && active.days !== result.period.days ? [{ label: 'Active days', value: `${active.days} of ${result.period.days} (${active.from} to ${active.to})` }] : []),
        { label: 'Status', value: c.status },
        { label: 'Currency', value: cur },
      ],
      filters: cleanFilters(f),
      dateFrom: result.period.start,
      dateTo: result.period.end,
      currency: cur,
      columns: [
        col('description', 'Description', 'text', 4),
        col('periodStart', 'From', 'date'),
        col('periodEnd', 'To', 'date'),
        col('quantity', 'Quantity', 'quantity'),
        col('rate', 'Rate', 'text'),
        col('amount', 'Amount', 'money'),
      ],
      groups: groupsByCurrency(lines, totals),
      totals: totals.format(),
      sections: [],
      findings,
      notes: lines.length === 0 ? [`No billable items for ${f.period}`] : [],
      itemTotalKey: STATEMENT_TYPE_DEFS.billing.itemTotalKey,
    },
    ctx.cache,
  );
}
