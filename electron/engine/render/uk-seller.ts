/**
 * A UK VAT invoice must show the seller's legal name, address and VAT registration number: they
 * come from the template's branding, and an invoice without them is refused, not issued. One check,
 * used by the renderer and by the preview's preflight (usecases/preflight.ts), so they cannot differ.
 */
import type { StatementModel } from '../../../shared/contract/statements';
import type { TemplateVersion } from '../../../shared/contract/templates';
import { FolioError } from '../../../shared/errors';

const WHAT: Record<string, string> = { companyName: 'legal name', addressLines: 'address', vatNumber: 'VAT registration number' };

type Branding = TemplateVersion['body']['branding'];

function missingIn(b: Branding): string[] {
  return [!b.companyName.trim() && 'companyName', !b.addressLines.some((l) => l.trim()) && 'addressLines', !b.vatNumber.trim() && 'vatNumber'].filter(
    (x): x is string => Boolean(x),
  );
}

const listed = (missing: string[]) => missing.map((m) => WHAT[m] ?? m).join(', ');

/** The branding fields a UK VAT invoice needs and the template lacks (empty when none, or not UK). */
export function ukSellerMissing(model: StatementModel, template: Pick<TemplateVersion, 'body'>): string[] {
  if (model.type !== 'invoice' || !model.invoice?.ukEntity) return [];
  return missingIn(template.body.branding);
}

/** The refusal, naming what is missing and where to fix it. */
export function ukSellerError(template: Pick<TemplateVersion, 'id' | 'body'>, missing: string[]): FolioError {
  return new FolioError(
    'validation',
    'UK_INVOICE_SELLER_DETAILS',
    `A UK VAT invoice needs the seller's ${listed(missing)}: add ${missing.length === 1 ? 'it' : 'them'} in Templates → ${template.body.name} (${template.id}) → Branding (branding.${missing.join(', branding.')})`,
    `template.branding.${missing[0]}`,
  );
}

/**
 * The refusal when the chosen template cannot be drawn (`fallback.reason`: a bad locale, an invalid
 * body) and the built-in it falls back to lacks the seller (`missing`): the fix is in the chosen
 * template, so the message names it, and what it lacks itself, instead of the built-in.
 */
export function ukSellerFallbackError(chosen: Pick<TemplateVersion, 'id' | 'body'>, fallback: { reason: string; field: string }, missing: string[]): FolioError {
  const name = chosen.body?.name ? `${chosen.body.name} (${chosen.id})` : chosen.id;
  const own = chosen.body?.branding && typeof chosen.body.branding === 'object' ? safeMissing(chosen.body.branding) : [];
  return new FolioError(
    'validation',
    'UK_INVOICE_SELLER_DETAILS',
    `Template ${name} cannot be drawn: ${fallback.reason}. A UK VAT invoice cannot fall back to the built-in template, which lacks the seller's ${listed(missing)}: correct the template in Templates → ${name}${
      own.length ? `, and add the seller's ${listed(own)} there (branding.${own.join(', branding.')})` : ''
    }`,
    fallback.field,
  );
}

/** What a possibly invalid branding lacks (an unreadable field counts as missing). */
function safeMissing(b: Partial<Branding>): string[] {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const lines = Array.isArray(b.addressLines) ? b.addressLines.map(text) : [];
  return missingIn({ ...(b as Branding), companyName: text(b.companyName), addressLines: lines, vatNumber: text(b.vatNumber) });
}

export function checkUkSeller(model: StatementModel, template: Pick<TemplateVersion, 'id' | 'body'>): void {
  const missing = ukSellerMissing(model, template);
  if (missing.length) throw ukSellerError(template, missing);
}
