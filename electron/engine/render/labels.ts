/**
 * The words printed around the figures. A template's `labels` override any of these by key
 * (and `col.<columnKey>` / `total.<totalKey>` rename columns and totals).
 */
export const DEFAULT_LABELS: Record<string, string> = {
  reference: 'Reference',
  generated: 'Date issued',
  page: 'Page {page} of {pages}',
  statementFor: 'Statement for',
  billTo: 'Bill to',
  seller: 'From',
  totals: 'Totals',
  totalsIn: 'Totals in {currency}',
  findings: 'Review notes',
  notes: 'Notes',
  noTransactions: 'No transactions in this period.',
  vatNumber: 'VAT reg. no.',
  companyNumber: 'Company no.',
  continued: '(continued)',
  error: 'Error',
  warning: 'Warning',
  currency: 'Currency',
  description: 'Description',
  period: 'Period',
  amount: 'Amount',
  email: 'Email',
  invoiceNumber: 'Invoice number',
  issueDate: 'Issue date',
  vatInvoice: 'VAT invoice',
};

export type Labels = (key: string, vars?: Record<string, string | number>) => string;

export function labeller(overrides: Record<string, string>): Labels {
  return (key, vars) => {
    let s = overrides[key] ?? DEFAULT_LABELS[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
}
