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
  const items = chosenItems(f, ctx);
  const invoiced = alreadyInvoiced(f, ctx);
  const reissue = invoiced.size > 0;
  const cur = items[0]!.currency;
  const uk = f.ukEntity === true;
  const findings: Finding[] = [];
  const { totals, byRate, lines } = invoiceLines(items, cur, uk, findings);
  const gbp = uk && cur !== 'GBP' ? gbpVat(f, ctx, cur, totals.get(cur, 'vat'), findings) : null;
  if (uk && customer.addressLines.length === 0) {
    findings.push(finding('WARNING', 'UK_CUSTOMER_ADDRESS_MISSING', `A UK VAT invoice shows the customer's address; ${customer.name} has none in the billing data`, customer.id));
  }
  if (reissue) {
    findings.push(finding('WARNING', 'REISSUE', `Re-issue: ${[...invoiced].map(([id, ref]) => `${id} was on ${ref}`).join('; ')}`));
  }
  const invoice: InvoiceData = {
    number: null,
    issueDate: ctx.today,
    // time of supply: the latest issue date; due: the latest due date
    timeOfSupply: items.reduce((d, r) => (r.issue_date > d ? r.issue_date : d), items[0]!.issue_date),
    dueDate: items.reduce((d, r) => (r.due_date > d ? r.due_date : d), items[0]!.due_date),
    currency: cur,
    customer: partyBlock(customer),
    targetType: f.targetType,
    ukEntity: uk,
    reissue,
    totalExVat: money(totals.get(cur, 'net'), cur),
    totalVat: money(totals.get(cur, 'vat'), cur),
    totalIncVat: money(totals.get(cur, 'gross'), cur),
    vatByRate: [...byRate].sort(([a], [b]) => compareDecimal(parseDecimal(a), parseDecimal(b))).map(([rate, v]) => ({ rate, net: money(v.net, cur), vat: money(v.vat, cur) })),
    gbp,
  };
  return invoiceModel(f, ctx, invoice, [...new Set(invoiced.values())], { customer, findings, groups: groupsByCurrency(lines, totals), totals: totals.format() });
}

/** The chosen billing items, in the order given: all known, none twice, one party, target type and currency. */
function chosenItems(f: FiltersOf<'invoice'>, ctx: ComputeContext): ItemRow[] {
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
  return items;
}

/** Items already on a COMPLETED invoice (item id → its ref): refused unless this is a re-issue. */
function alreadyInvoiced(f: FiltersOf<'invoice'>, ctx: ComputeContext): Map<string, string> {
  const invoiced = ctx.invoicedItems(f.billingItemIds);
  if (invoiced.size && !f.reissue) {
    const list = [...invoiced].map(([id, ref]) => `${id} (${ref})`);
    throw invalid('ALREADY_INVOICED', `billingItemIds: ${listIds(list)} ${invoiced.size === 1 ? 'is' : 'are'} already on a completed invoice; ask for a re-issue to invoice again`, 'billingItemIds');
  }
  return invoiced;
}

/** One line per item (issue date, then id): amount, VAT per line, totals and the VAT summary by rate. */
function invoiceLines(items: ItemRow[], cur: string, uk: boolean, findings: Finding[]) {
  const totals = new Totals(INVOICE_TOTAL_KEYS);
  totals.ensure(cur);
  const byRate = new Map<string, { net: Minor; vat: Minor }>();
  const lines: Array<{ currency: string; line: Line }> = [];
  const sorted = [...items].sort((a, b) => (a.issue_date < b.issue_date ? -1 : a.issue_date > b.issue_date ? 1 : a.id < b.id ? -1 : 1));
  for (const r of sorted) {
    const amount = lineAmount(r, cur, findings);
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
    lines.push({ currency: cur, line: invoiceLine(r, cur, uk, amount, vat) });
  }
  return { totals, byRate, lines };
}

/** quantity × unit price when both are given (rounded once; a stored amount that differs is a WARNING), else the stored amount. */
function lineAmount(r: ItemRow, cur: string, findings: Finding[]): Minor {
  if (r.quantity === null || r.unit_price === null) return r.amount;
  const amount = multiply(r.unit_price, r.quantity);
  if (amount !== r.amount) {
    findings.push(
      finding('WARNING', 'AMOUNT_MISMATCH', `Billing item ${r.id}: ${r.quantity} × ${formatMoney(r.unit_price, cur)} = ${formatMoney(amount, cur)} ${cur}, not the stored ${formatMoney(r.amount, cur)}; the invoice uses ${formatMoney(amount, cur)}`, r.id),
    );
  }
  return amount;
}

function invoiceLine(r: ItemRow, cur: string, uk: boolean, amount: Minor, vat: Minor): Line {
  const quantity = r.quantity ?? (uk ? '1' : null);
  const unitPrice = r.unit_price !== null ? money(r.unit_price, cur) : uk ? money(amount, cur) : null;
  return {
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
  };
}

/** UK invoices not in GBP: the VAT total in GBP at the filter's rate, else the setting's (none: an ERROR finding). */
function gbpVat(f: FiltersOf<'invoice'>, ctx: ComputeContext, cur: string, totalVat: Minor, findings: Finding[]): InvoiceData['gbp'] {
  const rate = f.gbpRate ?? ctx.settings.gbpRates?.[cur];
  if (!rate) {
    findings.push(finding('ERROR', 'UK_FX_RATE_MISSING', `A UK VAT invoice in ${cur} must also state the VAT total in GBP: give a rate (--gbp-rate) or set fx.gbpRates.${cur}`));
    return null;
  }
  const d = parseDecimal(rate);
  if (d.num <= 0n) throw invalid('BAD_RATE', `gbpRate: the GBP rate must be more than zero, not ${rate}`, 'gbpRate');
  // VAT in minor units of cur → GBP pence: × rate × 10^2 / 10^(minor digits of cur), rounded once
  const pence = mulDiv(totalVat, d.num * 100n, 10n ** BigInt(d.scale + minorDigits(cur)));
  return { rate, rateSource: f.gbpRate ? 'filter' : 'setting', vat: formatMoney(pence, 'GBP') };
}

/** The statement model around the invoice: header, columns, the VAT summary section, notes. */
function invoiceModel(
  f: FiltersOf<'invoice'>,
  ctx: ComputeContext,
  invoice: InvoiceData,
  reissueOf: string[],
  parts: { customer: ReturnType<typeof requireParty>; findings: Finding[]; groups: StatementModel['groups']; totals: StatementModel['totals'] },
): StatementModel {
  const { customer } = parts;
  const { ukEntity: uk, reissue, gbp, currency: cur } = invoice;
  return baseModel(
    {
      type: 'invoice',
      title: uk ? 'VAT invoice' : 'Invoice',
      party: partyBlock(customer),
      header: [
        { label: 'Invoice date', value: ctx.today },
        ...(uk ? [{ label: 'Time of supply', value: invoice.timeOfSupply }] : []),
        { label: 'Due date', value: invoice.dueDate },
        { label: 'Bill to', value: `${customer.name} (${f.targetType.toLowerCase()})` },
        ...(customer.vatNumber ? [{ label: 'Customer VAT number', value: customer.vatNumber }] : []),
        { label: 'Currency', value: cur },
        ...(reissue ? [{ label: 'Re-issue of', value: reissueOf.join(', ') }] : []),
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
      groups: parts.groups,
      totals: parts.totals,
      sections: [
        {
          key: 'vat-summary',
          title: 'VAT summary',
          columns: [col('rate', 'VAT rate %', 'percent'), col('net', 'Net', 'money'), col('vat', 'VAT', 'money')],
          rows: invoice.vatByRate.map((v) => ({ ...v })),
        },
      ],
      findings: parts.findings,
      notes: reissue ? ['Re-issued invoice: replaces the earlier invoice for these items'] : [],
      itemTotalKey: 'net',
      invoice,
    },
    ctx.cache,
  );
}
