/**
 * Deal statement (DS): the deal's revenue items and its payees' shares. Each payee's gross share is
 * the largest-remainder split of the total gross by allocation %; commission = round(share ×
 * deal commission_pct / 100); net = share − commission. ERROR when the allocations do not add up to
 * exactly 100 or there are no payees; ERROR for revenue in another currency than the deal's.
 */
import type { FiltersOf, Finding, Line, PayeeShare, StatementModel } from '../../../shared/contract';
import { applyPercent, formatMoney, parseDecimal, splitLargestRemainder, type Decimal, type Minor } from '../../../shared/money';
import { baseModel, cleanFilters, col, findParty, finding, groupsByCurrency, invalid, money, partyBlock, Totals, type ComputeContext } from './common';
import { STATEMENT_TYPE_DEFS } from '../../../shared/statement-types';

interface DealRow {
  id: string;
  ref: string;
  name: string;
  client_id: string;
  buyer_id: string | null;
  venue: string | null;
  city: string | null;
  engagement_date: string;
  currency: string;
  commission_pct: string;
}
interface RevenueRow {
  id: string;
  date: string;
  description: string;
  gross: number;
  currency: string;
}
interface PayeeRow {
  id: string;
  party_id: string;
  role: string;
  allocation_pct: string;
  name: string | null;
}

export const DEAL_TOTAL_KEYS = ['gross', 'commission', 'net'] as const;

/** Σ decimals compared with 100, exactly. */
function addsUpTo100(pcts: Decimal[]): boolean {
  const scale = Math.max(0, ...pcts.map((d) => d.scale));
  const sum = pcts.reduce((s, d) => s + d.num * 10n ** BigInt(scale - d.scale), 0n);
  return sum === 100n * 10n ** BigInt(scale);
}

function sumPct(pcts: Decimal[]): string {
  const scale = Math.max(0, ...pcts.map((d) => d.scale));
  const sum = pcts.reduce((s, d) => s + d.num * 10n ** BigInt(scale - d.scale), 0n);
  const neg = sum < 0n;
  const digits = (neg ? -sum : sum).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, '') : digits;
  return neg ? `-${text}` : text;
}

export function computeDeal(f: FiltersOf<'deal'>, ctx: ComputeContext): StatementModel {
  const deal = ctx.cache.get<DealRow>('SELECT * FROM deals WHERE id = ?', [f.dealId]);
  if (!deal) throw invalid('UNKNOWN_DEAL', `dealId: there is no deal with id ${f.dealId}`, 'dealId');
  const cur = deal.currency;
  const client = findParty(ctx.cache, deal.client_id);
  const buyer = deal.buyer_id ? findParty(ctx.cache, deal.buyer_id) : null;
  const findings: Finding[] = [];

  const revenue = ctx.cache.all<RevenueRow>(
    'SELECT id, date, description, gross, currency FROM revenue_items WHERE deal_id = ? ORDER BY date, id',
    [deal.id],
  );
  const totals = new Totals(DEAL_TOTAL_KEYS);
  totals.ensure(cur);
  const lines: Array<{ currency: string; line: Line }> = [];
  let totalGross: Minor = 0;
  for (const r of revenue) {
    if (r.currency !== cur) {
      findings.push(
        finding(
          'ERROR',
          'REVENUE_CURRENCY_MISMATCH',
          `Revenue item ${r.id} (${r.date}, ${formatMoney(r.gross, r.currency)} ${r.currency}) is not in the deal's currency ${cur}`,
          r.id,
        ),
      );
      continue;
    }
    totalGross += r.gross;
    lines.push({
      currency: cur,
      line: {
        id: r.id,
        cells: { date: r.date, description: r.description, gross: money(r.gross, cur) },
        item: { description: r.description, periodStart: r.date, periodEnd: r.date, quantity: null, rate: null, amount: money(r.gross, cur), itemType: 'REVENUE' },
      },
    });
  }
  totals.add(cur, 'gross', totalGross);

  const payeeRows = ctx.cache.all<PayeeRow>(
    'SELECT dp.id, dp.party_id, dp.role, dp.allocation_pct, p.name FROM deal_payees dp LEFT JOIN parties p ON p.id = dp.party_id ' +
      'WHERE dp.deal_id = ? ORDER BY dp.id',
    [deal.id],
  );
  const payees: PayeeShare[] = [];
  if (payeeRows.length === 0) {
    findings.push(finding('ERROR', 'NO_PAYEES', `Deal ${deal.ref} has no payees`, deal.id));
    const commission = applyPercent(totalGross, deal.commission_pct);
    totals.add(cur, 'commission', commission);
    totals.add(cur, 'net', totalGross - commission);
  } else {
    const pcts = payeeRows.map((p) => parseDecimal(p.allocation_pct));
    const valid = addsUpTo100(pcts) && pcts.every((d) => d.num >= 0n);
    if (!valid) {
      findings.push(
        finding(
          'ERROR',
          'ALLOCATION_NOT_100',
          `Deal ${deal.ref}: payee allocations add up to ${sumPct(pcts)}%, not 100%`,
          deal.id,
        ),
      );
    }
    // Valid: largest-remainder split (adds up to the total gross). Invalid: each share shown
    // as its own percentage of the total, for review only (the statement is blocked).
    const shares = valid ? splitLargestRemainder(totalGross, pcts) : pcts.map((d) => applyPercent(totalGross, d));
    payeeRows.forEach((p, i) => {
      const gross = shares[i]!;
      const commission = applyPercent(gross, deal.commission_pct);
      const net = gross - commission;
      totals.add(cur, 'commission', commission);
      totals.add(cur, 'net', net);
      payees.push({
        partyId: p.party_id,
        name: p.name ?? p.party_id,
        role: p.role,
        allocationPct: p.allocation_pct,
        currency: cur,
        gross: money(gross, cur),
        commission: money(commission, cur),
        net: money(net, cur),
      });
    });
  }

  return baseModel(
    {
      type: 'deal',
      title: 'Deal statement',
      party: client ? partyBlock(client) : null,
      header: [
        { label: 'Deal', value: `${deal.ref} — ${deal.name}` },
        { label: 'Client', value: client?.name ?? deal.client_id },
        ...(buyer || deal.buyer_id ? [{ label: 'Buyer', value: buyer?.name ?? deal.buyer_id! }] : []),
        ...(deal.venue ? [{ label: 'Venue', value: [deal.venue, deal.city].filter(Boolean).join(', ') }] : []),
        { label: 'Engagement date', value: deal.engagement_date },
        { label: 'Commission', value: `${deal.commission_pct}%` },
        { label: 'Currency', value: cur },
      ],
      filters: cleanFilters(f),
      dateFrom: null,
      dateTo: null,
      currency: cur,
      columns: [col('date', 'Date', 'date'), col('description', 'Description', 'text', 4), col('gross', 'Gross', 'money')],
      groups: groupsByCurrency(lines, totals),
      totals: totals.format(),
      sections: [
        {
          key: 'payees',
          title: 'Payees',
          columns: [
            col('name', 'Payee', 'text', 2),
            col('role', 'Role', 'text'),
            col('allocationPct', 'Allocation %', 'percent'),
            col('gross', 'Gross share', 'money'),
            col('commission', 'Commission', 'money'),
            col('net', 'Net', 'money'),
          ],
          rows: payees.map((p) => ({ partyId: p.partyId, name: p.name, role: p.role, allocationPct: p.allocationPct, gross: p.gross, commission: p.commission, net: p.net })),
        },
      ],
      findings,
      notes: lines.length === 0 ? ['No revenue items for this deal'] : [],
      itemTotalKey: STATEMENT_TYPE_DEFS.deal.itemTotalKey,
      payees,
    },
    ctx.cache,
  );
}
