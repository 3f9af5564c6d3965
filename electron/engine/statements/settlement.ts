/**
 * Settlement statement (SS): the client's settlements with settled_date in [dateFrom, dateTo];
 * totals per currency: guarantee, overage, backout, netGross, commissionDue. A WARNING when the
 * stored commission due differs from round((guarantee + overage) × commission_pct / 100).
 */
import type { FiltersOf, Finding, Line, StatementModel } from '../../../shared/contract';
import { applyPercent, formatMoney } from '../../../shared/money';
import {
  baseModel,
  checkCurrency,
  checkDateRange,
  cleanFilters,
  col,
  finding,
  groupsByCurrency,
  money,
  partyBlock,
  requireParty,
  statementCurrency,
  Totals,
  type ComputeContext,
} from './common';
import { STATEMENT_TYPE_DEFS } from '../../../shared/statement-types';

interface SettlementRow {
  id: string;
  settled_date: string;
  engagement_date: string;
  venue: string;
  city: string | null;
  currency: string;
  guarantee: number;
  overage: number;
  backout: number;
  net_gross: number;
  commission_pct: string;
  commission_due: number;
  deal_ref: string | null;
}

export const SETTLEMENT_TOTAL_KEYS = ['guarantee', 'overage', 'backout', 'netGross', 'commissionDue'] as const;

export function computeSettlement(f: FiltersOf<'settlement'>, ctx: ComputeContext): StatementModel {
  checkDateRange(f.dateFrom, f.dateTo);
  checkCurrency(f.currency);
  const client = requireParty(ctx.cache, f.clientId, 'clientId', 'client');

  const params: string[] = [f.clientId, f.dateFrom, f.dateTo];
  let sql =
    'SELECT s.*, d.ref AS deal_ref FROM settlements s LEFT JOIN deals d ON d.id = s.deal_id ' +
    'WHERE s.client_id = ? AND s.settled_date >= ? AND s.settled_date <= ?';
  if (f.currency) {
    sql += ' AND s.currency = ?';
    params.push(f.currency);
  }
  sql += ' ORDER BY s.settled_date, s.id';
  const rows = ctx.cache.all<SettlementRow>(sql, params);

  const totals = new Totals(SETTLEMENT_TOTAL_KEYS);
  const findings: Finding[] = [];
  const lines: Array<{ currency: string; line: Line }> = [];
  for (const r of rows) {
    const c = r.currency;
    totals.add(c, 'guarantee', r.guarantee);
    totals.add(c, 'overage', r.overage);
    totals.add(c, 'backout', r.backout);
    totals.add(c, 'netGross', r.net_gross);
    totals.add(c, 'commissionDue', r.commission_due);
    const expected = applyPercent(r.guarantee + r.overage, r.commission_pct);
    if (expected !== r.commission_due) {
      findings.push(
        finding(
          'WARNING',
          'COMMISSION_MISMATCH',
          `Settlement ${r.deal_ref ?? r.id} (${r.settled_date}): commission due ${formatMoney(r.commission_due, c)} ${c} ` +
            `differs from (guarantee + overage) × ${r.commission_pct}% = ${formatMoney(expected, c)} ${c}`,
          r.id,
        ),
      );
    }
    lines.push({
      currency: c,
      line: {
        id: r.id,
        cells: {
          engagementDate: r.engagement_date,
          settledDate: r.settled_date,
          dealRef: r.deal_ref,
          venue: r.venue,
          city: r.city,
          guarantee: money(r.guarantee, c),
          overage: money(r.overage, c),
          backout: money(r.backout, c),
          netGross: money(r.net_gross, c),
          commissionPct: r.commission_pct,
          commissionDue: money(r.commission_due, c),
        },
        item: {
          description: [r.deal_ref, r.venue, r.city].filter(Boolean).join(' · '),
          periodStart: r.engagement_date,
          periodEnd: r.engagement_date,
          quantity: null,
          rate: r.commission_pct,
          amount: money(r.commission_due, c),
          itemType: 'SETTLEMENT',
        },
      },
    });
  }
  const zeroCurrency = f.currency ?? client.defaultCurrency ?? undefined;
  if (lines.length === 0 && zeroCurrency) totals.ensure(zeroCurrency);

  return baseModel(
    {
      type: 'settlement',
      title: 'Settlement statement',
      party: partyBlock(client),
      header: [
        { label: 'Client', value: client.name },
        { label: 'Period', value: `${f.dateFrom} to ${f.dateTo}` },
        ...(f.currency ? [{ label: 'Currency', value: f.currency }] : []),
      ],
      filters: cleanFilters(f),
      dateFrom: f.dateFrom,
      dateTo: f.dateTo,
      currency: statementCurrency(f.currency, totals),
      columns: [
        col('engagementDate', 'Engagement', 'date'),
        col('dealRef', 'Deal', 'text'),
        col('venue', 'Venue', 'text', 2),
        col('city', 'City', 'text'),
        col('guarantee', 'Guarantee', 'money'),
        col('overage', 'Overage', 'money'),
        col('backout', 'Backout', 'money'),
        col('netGross', 'Net gross', 'money'),
        col('commissionPct', 'Comm. %', 'percent'),
        col('commissionDue', 'Commission due', 'money'),
      ],
      groups: groupsByCurrency(lines, totals),
      totals: totals.format(),
      sections: [],
      findings,
      notes: lines.length === 0 ? ['No settlements in this period'] : [],
      itemTotalKey: STATEMENT_TYPE_DEFS.settlement.itemTotalKey,
    },
    ctx.cache,
  );
}
