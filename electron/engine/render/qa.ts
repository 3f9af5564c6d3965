/**
 * QA before a file is final: every line amount and every total of the model must appear in the
 * rendered output, formatted as the template's locale writes it. For a PDF the check reads the
 * pieces of text the layout drew (each line amount counted: a lost line is found even when another
 * line has the same amount); for HTML and text it searches the output.
 */
import type { StatementModel } from '../../../shared/contract/statements';
import { FolioError } from '../../../shared/errors';
import { parseMoney } from '../../../shared/money';
import { formatAmount } from '../../../shared/format';
import { cleanText } from './fonts/fontset';

export interface ExpectedAmount {
  what: string;
  text: string;
}

/**
 * The model itself: per currency, the line items' amounts add up to the `itemTotalKey` total, and
 * every line of a group is in the group's currency.
 */
export function checkModel(model: StatementModel, ref: string): void {
  const sums = new Map<string, number>();
  for (const g of model.groups) {
    for (const line of g.lines) {
      let minor: number;
      try {
        minor = parseMoney(line.item.amount, g.currency);
      } catch (err) {
        throw new FolioError('integrity', 'QA_FAILED', `QA check of ${ref} failed: line ${line.id} amount "${line.item.amount}" is not an amount in ${g.currency} (${(err as Error).message})`);
      }
      sums.set(g.currency, (sums.get(g.currency) ?? 0) + minor);
    }
  }
  const key = model.itemTotalKey;
  if (!key) return;
  for (const [cur, total] of sums) {
    const stated = model.totals[cur]?.[key];
    if (typeof stated !== 'string') continue;
    if (parseMoney(stated, cur) !== total) {
      throw new FolioError('integrity', 'QA_FAILED', `QA check of ${ref} failed: the lines add up to ${total} minor units of ${cur}, the ${key} total says ${stated}`);
    }
  }
}

export function expectedAmounts(model: StatementModel, locale: string): ExpectedAmount[] {
  const out: ExpectedAmount[] = [];
  for (const g of model.groups) {
    for (const line of g.lines) {
      out.push({ what: `line ${line.id}`, text: cleanText(formatAmount(line.item.amount, g.currency, locale)) });
    }
    for (const [k, v] of Object.entries(g.totals)) {
      if (typeof v === 'string') out.push({ what: `${g.title || g.currency} ${k}`, text: cleanText(formatAmount(v, g.currency, locale)) });
    }
  }
  for (const [cur, totals] of Object.entries(model.totals)) {
    for (const [k, v] of Object.entries(totals)) {
      if (typeof v === 'string') out.push({ what: `total ${k} ${cur}`, text: cleanText(formatAmount(v, cur, locale)) });
    }
  }
  return out;
}

function fail(missing: ExpectedAmount[], ref: string): never {
  const list = missing.slice(0, 5).map((m) => `${m.what} (${m.text})`).join(', ');
  throw new FolioError(
    'integrity',
    'QA_FAILED',
    `QA check of ${ref} failed: ${missing.length} amount${missing.length === 1 ? '' : 's'} of the statement ${missing.length === 1 ? 'is' : 'are'} not in the rendered file: ${list}${missing.length > 5 ? ' …' : ''}`,
  );
}

/**
 * PDF: the drawn pieces of text hold each line amount (as many times as there are lines) and each
 * total. `drawn`: the pieces of text, or how many times each text was drawn.
 */
export function checkDrawn(model: StatementModel, locale: string, drawn: Iterable<string> | Map<string, number>, ref: string): void {
  let counts: Map<string, number>;
  if (drawn instanceof Map) counts = drawn;
  else {
    counts = new Map<string, number>();
    for (const t of drawn) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const needLines = new Map<string, number>();
  const expected = expectedAmounts(model, locale);
  const missing: ExpectedAmount[] = [];
  for (const e of expected) {
    if (e.what.startsWith('line ')) needLines.set(e.text, (needLines.get(e.text) ?? 0) + 1);
    else if (!counts.get(e.text)) missing.push(e);
  }
  for (const [text, n] of needLines) {
    if ((counts.get(text) ?? 0) < n) {
      const lost = expected.filter((e) => e.text === text && e.what.startsWith('line '));
      missing.push(...lost.slice(0, n - (counts.get(text) ?? 0)));
    }
  }
  if (missing.length) fail(missing, ref);
}

/**
 * HTML or text output: each amount appears somewhere, as the output encodes text (`encode`: HTML
 * escapes the apostrophe de-CH groups with).
 */
export function checkText(model: StatementModel, locale: string, output: string, ref: string, encode: (s: string) => string = (s) => s): void {
  const missing = expectedAmounts(model, locale).filter((e) => !output.includes(encode(e.text)));
  if (missing.length) fail(missing, ref);
}
