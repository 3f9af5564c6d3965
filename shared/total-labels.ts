/** Names of the totals keys of cli.md as people read them (PDF, HTML, text and the preview screen). */
export const TOTAL_LABELS: Readonly<Record<string, string>> = {
  gross: 'Gross',
  commission: 'Commission',
  net: 'Net',
  guarantee: 'Guarantee',
  overage: 'Overage',
  backout: 'Backout',
  netGross: 'Net gross',
  commissionDue: 'Commission due',
  current: 'Current',
  total: 'Total',
  vat: 'VAT',
};
