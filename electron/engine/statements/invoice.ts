/**
 * Invoice (INV) for chosen billing items of one party and target type, in one currency.
 * Lines: description, quantity, unit price, amount (= quantity × unit price when both are given,
 * rounded once), VAT % and VAT (per line, rounded), line total. Totals: net, vat, gross.
 * Due date = the latest item due date. The UK format adds time of supply, unit prices ex VAT and,
 * when the currency is not GBP, the VAT total in GBP at a stated rate (filter gbpRate, else the
 * setting fx.gbpRates; none → ERROR UK_FX_RATE_MISSING).
 */
import type { FiltersOf, Finding, InvoiceData, Line, StatementModel } from '../../../shared/contract';
import { applyPercent, compareDecimal, formatMoney, minorDigits, mulDiv, multiply, parseDecimal, type Minor } from '../../../shared/money';
import { baseModel, cleanFilters, col, finding, groupsByCurrency, invalid, money, partyBlock, requireParty, Totals, type ComputeContext } from './common';

interface ItemRow {
  id: string;
  party_id: string;
  target_type: string;
  description: string;
  issue_date: string;
  due_date: string;
  currency: string;
  quantity: string | null;
  unit_price: number | null;
  amount: number;
  vat_pct: string | null;
  invoice_number: string | null;
}

export const INVOICE_TOTAL_KEYS = ['net', 'vat', 'gross'] as const;

function listIds(ids: string[]): string {
  return `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`;
}

export function computeInvoice(f: FiltersOf<'invoice'>, ctx: ComputeContext): StatementModel {
  const customer = requireParty(ctx.cache, f.partyId, 'partyId', 'party');
  const ids = f.billingItemIds;
  if (!ids || ids.length === 0) throw invalid('EMPTY_ITEMS', 'billingItemIds: must list at least one billing item', 'billingItemIds');
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length) throw invalid('DUPLICATE_ITEM', `billingItemIds: ${listIds([...new Set(dup)])} listed more than once`, 'billingItemIds');

  const found = new Map<string, ItemRow>();
  // one prepared statement for any number of ids (a JSON array bound as one parameter)
  for (const r of ctx.cache.all<ItemRow>('SELECT * FROM billing_items WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)])) {
    found.set(r.id, r);
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw invalid('UNKNOWN_ITEM', `billingItemIds: there is no billing item ${listIds(missing)}`, 'billingItemIds');
  const items = ids.map((id) => found.get(id)!);
  const otherParty = items.filter((r) => r.party_id !== f.partyId);
  if (otherParty.length) {
    throw invalid('ITEM_OTHER_PARTY', `billingItemIds: ${listIds(otherParty.map((r) => r.id))} belong${otherParty.length === 1 ? 's' : ''} to another party than ${f.partyId}`, 'billingItemIds');
  }
  const otherTarget = items.filter((r) => r.target_type !== f.targetType);
  if (otherTarget.length) {
    throw invalid('ITEM_OTHER_TARGET', `billingItemIds: ${listIds(otherTarget.map((r) => r.id))} ${otherTarget.length === 1 ? 'has' : 'have'} another target type than ${f.targetType}`, 'billingItemIds');
  }
  const cur = items[0]!.currency;
  const otherCur = items.filter((r) => r.currency !== cur);
  if (otherCur.length) {
    throw invalid('ITEM_OTHER_CURRENCY', `billingItemIds: ${listIds(otherCur.map((r) => `${r.id} (${r.currency})`))} ${otherCur.length === 1 ? 'is' : 'are'} not in ${cur}, the first item's currency`, 'billingItemIds');
  }
  const invoiced = ctx.invoicedItems(ids);
  if (invoiced.size && !f.reissue) {
    const list = [...invoiced].map(([id, ref]) => `${id} (${ref})`);
    throw invalid('ALREADY_INVOICED', `billingItemIds: ${listIds(list)} ${invoiced.size === 1 ? 'is' : 'are'} already on a completed invoice; ask for a re-issue to invoice again`, 'billingItemIds');
  }
  const reissue = invoiced.size > 0;

  const findings: Finding[] = [];
  const uk = f.ukEntity === true;
  const totals = new Totals(INVOICE_TOTAL_KEYS);
  totals.ensure(cur);
  const byRate = new Map<string, { net: Minor; vat: Minor }>();
  const lines: Array<{ currency: string; line: Line }> = [];
  const sorted = [...items].sort((a, b) => (a.issue_date < b.issue_date ? -1 : a.issue_date > b.issue_date ? 1 : a.id < b.id ? -1 : 1));
  for (const r of sorted) {
    let amount: Minor = r.amount;
    if (r.quantity !== null && r.unit_price !== null) {
      amount = multiply(r.unit_price, r.quantity);
      if (amount !== r.amount) {
        findings.push(
          finding('WARNING', 'AMOUNT_MISMATCH', `Billing item ${r.id}: ${r.quantity} × ${formatMoney(r.unit_price, cur)} = ${formatMoney(amount, cur)} ${cur}, not the stored ${formatMoney(r.amount, cur)}; the invoice uses ${formatMoney(amount, cur)}`, r.id),
        );
      }
    }
    const rate = r.vat_pct ?? '0';
    const vat = r.vat_pct ? applyPercent(amount, r.vat_pct) : 0;
    totals.add(cur, 'net', amount);
    totals.add(cur, 'vat', vat);
    totals.add(cur, 'gross', amount + vat);
    const key = parseDecimal(rate).num === 0n ? '0' : rate;
    const agg = byRate.get(key) ?? { net: 0, vat: 0 };
    agg.net += amount;
    agg.vat += vat;
    byRate.set(key, agg);
    const quantity = r.quantity ?? (uk ? '1' : null);
    const unitPrice = r.unit_price !== null ? money(r.unit_price, cur) : uk ? money(amount, cur) : null;
    lines.push({
      currency: cur,
      line: {
        id: r.id,
        cells: {
          description: r.description,
          issueDate: r.issue_date,
          quantity,
          unitPrice,
          amount: money(amount, cur),
          vatPct: r.vat_pct,
          vat: money(vat, cur),
          total: money(amount + vat, cur),
        },
        item: { description: r.description, periodStart: r.issue_date, periodEnd: r.due_date, quantity: r.quantity, rate: r.unit_price !== null ? money(r.unit_price, cur) : null, amount: money(amount, cur), itemType: 'BILLING_ITEM' },
      },
    });
  }

  const dueDate = items.reduce((d, r) => (r.due_date > d ? r.due_date : d), items[0]!.due_date);
  const timeOfSupply = items.reduce((d, r) => (r.issue_date > d ? r.issue_date : d), items[0]!.issue_date);
  const totalVat = totals.get(cur, 'vat');

  let gbp: InvoiceData['gbp'] = null;
  if (uk && cur !== 'GBP') {
    const rate = f.gbpRate ?? ctx.settings.gbpRates?.[cur];
    if (!rate) {
      findings.push(finding('ERROR', 'UK_FX_RATE_MISSING', `A UK VAT invoice in ${cur} must also state the VAT total in GBP: give a rate (--gbp-rate) or set fx.gbpRates.${cur}`));
    } else {
      const d = parseDecimal(rate);
      if (d.num <= 0n) throw invalid('BAD_RATE', `gbpRate: the GBP rate must be more than zero, not ${rate}`, 'gbpRate');
      // VAT in minor units of cur → GBP pence: × rate × 10^2 / 10^(minor digits of cur), rounded once
      const pence = mulDiv(totalVat, d.num * 100n, 10n ** BigInt(d.scale + minorDigits(cur)));
      gbp = { rate, rateSource: f.gbpRate ? 'filter' : 'setting', vat: formatMoney(pence, 'GBP') };
    }
  }
  if (uk && customer.addressLines.length === 0) {
    findings.push(finding('WARNING', 'UK_CUSTOMER_ADDRESS_MISSING', `A UK VAT invoice shows the customer's address; ${customer.name} has none in the billing data`, customer.id));
  }
  if (reissue) {
    findings.push(finding('WARNING', 'REISSUE', `Re-issue: ${[...invoiced].map(([id, ref]) => `${id} was on ${ref}`).join('; ')}`));
  }

  const invoice: InvoiceData = {
    number: null,
    issueDate: ctx.today,
    timeOfSupply,
    dueDate,
    currency: cur,
    customer: partyBlock(customer),
    targetType: f.targetType,
    ukEntity: uk,
    reissue,
    totalExVat: money(totals.get(cur, 'net'), cur),
    totalVat: money(totalVat, cur),
    totalIncVat: money(totals.get(cur, 'gross'), cur),
    vatByRate: [...byRate].sort(([a], [b]) => compareDecimal(parseDecimal(a), parseDecimal(b))).map(([rate, v]) => ({ rate, net: money(v.net, cur), vat: money(v.vat, cur) })),
    gbp,
  };

  return baseModel(
    {
      type: 'invoice',
      title: uk ? 'VAT invoice' : 'Invoice',
      party: partyBlock(customer),
      header: [
        { label: 'Invoice date', value: ctx.today },
        ...(uk ? [{ label: 'Time of supply', value: timeOfSupply }] : []),
        { label: 'Due date', value: dueDate },
        { label: 'Bill to', value: `${customer.name} (${f.targetType.toLowerCase()})` },
        ...(customer.vatNumber ? [{ label: 'Customer VAT number', value: customer.vatNumber }] : []),
        { label: 'Currency', value: cur },
        ...(reissue ? [{ label: 'Re-issue of', value: [...new Set(invoiced.values())].join(', ') }] : []),
        ...(gbp ? [{ label: 'VAT in GBP', value: `${gbp.vat} GBP at ${gbp.rate} GBP per ${cur}` }] : []),
      ],
      filters: cleanFilters(f),
      dateFrom: null,
      dateTo: null,
      currency: cur,
      columns: [
        col('description', 'Description', 'text', 3),
        col('quantity', 'Qty', 'quantity'),
        col('unitPrice', uk ? 'Unit price ex VAT' : 'Unit price', 'money'),
        col('amount', uk ? 'Amount ex VAT' : 'Amount', 'money'),
        col('vatPct', 'VAT %', 'percent'),
        col('vat', 'VAT', 'money'),
        col('total', 'Total', 'money'),
      ],
      groups: groupsByCurrency(lines, totals),
      totals: totals.format(),
      sections: [
        {
          key: 'vat-summary',
          title: 'VAT summary',
          columns: [col('rate', 'VAT rate %', 'percent'), col('net', 'Net', 'money'), col('vat', 'VAT', 'money')],
          rows: invoice.vatByRate.map((v) => ({ ...v })),
        },
      ],
      findings,
      notes: reissue ? ['Re-issued invoice: replaces the earlier invoice for these items'] : [],
      itemTotalKey: 'net',
      invoice,
    },
    ctx.cache,
  );
}
