/**
 * Client statement (CS): the client's payment items posted in [dateFrom, dateTo] (both inclusive),
 * in posted_date then id order, minus excluded ids; totals per currency: gross, commission, net.
 */
import type { FiltersOf, Line, StatementModel } from '../../../shared/contract';
import {
  baseModel,
  checkCurrency,
  checkDateRange,
  cleanFilters,
  col,
  groupsByCurrency,
  invalid,
  money,
  partyBlock,
  requireParty,
  statementCurrency,
  Totals,
  type ComputeContext,
} from './common';
import { STATEMENT_TYPE_DEFS } from '../../../shared/statement-types';

interface PaymentRow {
  id: string;
  posted_date: string;
  description: string;
  reference: string | null;
  currency: string;
  gross: number;
  commission: number;
  net: number;
  deal_ref: string | null;
}

export const CLIENT_TOTAL_KEYS = ['gross', 'commission', 'net'] as const;

export function computeClient(f: FiltersOf<'client'>, ctx: ComputeContext): StatementModel {
  checkDateRange(f.dateFrom, f.dateTo);
  checkCurrency(f.currency);
  const client = requireParty(ctx.cache, f.clientId, 'clientId', 'client');

  const params: Array<string> = [f.clientId, f.dateFrom, f.dateTo];
  let sql =
    'SELECT p.id, p.posted_date, p.description, p.reference, p.currency, p.gross, p.commission, p.net, d.ref AS deal_ref ' +
    'FROM payment_items p LEFT JOIN deals d ON d.id = p.deal_id ' +
    'WHERE p.client_id = ? AND p.posted_date >= ? AND p.posted_date <= ?';
  if (f.currency) {
    sql += ' AND p.currency = ?';
    params.push(f.currency);
  }
  sql += ' ORDER BY p.posted_date, p.id';
  const rows = ctx.cache.all<PaymentRow>(sql, params);

  const excluded = new Set(f.excludedIds ?? []);
  if (excluded.size) {
    const present = new Set(rows.map((r) => r.id));
    const stray = [...excluded].filter((id) => !present.has(id));
    if (stray.length) {
      throw invalid(
        'EXCLUDED_NOT_IN_STATEMENT',
        `excludedIds: ${stray.slice(0, 5).join(', ')}${stray.length > 5 ? ` and ${stray.length - 5} more` : ''} ` +
          `${stray.length === 1 ? 'is not a payment item' : 'are not payment items'} of this statement`,
        'excludedIds',
      );
    }
  }

  const totals = new Totals(CLIENT_TOTAL_KEYS);
  const lines: Array<{ currency: string; line: Line }> = [];
  for (const r of rows) {
    if (excluded.has(r.id)) continue;
    totals.add(r.currency, 'gross', r.gross);
    totals.add(r.currency, 'commission', r.commission);
    totals.add(r.currency, 'net', r.net);
    lines.push({
      currency: r.currency,
      line: {
        id: r.id,
        cells: {
          date: r.posted_date,
          description: r.description,
          reference: r.reference,
          dealRef: r.deal_ref,
          gross: money(r.gross, r.currency),
          commission: money(r.commission, r.currency),
          net: money(r.net, r.currency),
        },
        item: {
          description: r.description,
          periodStart: r.posted_date,
          periodEnd: r.posted_date,
          quantity: null,
          rate: null,
          amount: money(r.gross, r.currency),
          itemType: 'PAYMENT',
        },
      },
    });
  }
  // A zero-line statement still shows its currency's zero totals when one is known.
  const zeroCurrency = f.currency ?? client.defaultCurrency ?? undefined;
  if (lines.length === 0 && zeroCurrency) totals.ensure(zeroCurrency);

  const groups = groupsByCurrency(lines, totals);
  return baseModel(
    {
      type: 'client',
      title: 'Client statement',
      party: partyBlock(client),
      header: [
        { label: 'Client', value: client.name },
        { label: 'Period', value: `${f.dateFrom} to ${f.dateTo}` },
        ...(f.currency ? [{ label: 'Currency', value: f.currency }] : []),
        ...(excluded.size ? [{ label: 'Excluded items', value: String(excluded.size) }] : []),
      ],
      filters: cleanFilters(f),
      dateFrom: f.dateFrom,
      dateTo: f.dateTo,
      currency: statementCurrency(f.currency, totals),
      columns: [
        col('date', 'Date', 'date'),
        col('description', 'Description', 'text', 3),
        col('reference', 'Reference', 'text'),
        col('dealRef', 'Deal', 'text'),
        col('gross', 'Gross', 'money'),
        col('commission', 'Commission', 'money'),
        col('net', 'Net', 'money'),
      ],
      groups,
      totals: totals.format(),
      sections: [],
      findings: [],
      notes: lines.length === 0 ? ['No transactions in this period'] : [],
      itemTotalKey: STATEMENT_TYPE_DEFS.client.itemTotalKey,
    },
    ctx.cache,
  );
}
