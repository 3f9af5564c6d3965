/**
 * A UK VAT invoice must show the seller's legal name, address and VAT registration number: they
 * come from the template's branding, and an invoice without them is refused, not issued. One check,
 * used by the renderer and by the preview's preflight (usecases/preflight.ts), so they cannot differ.
 */
import type { StatementModel } from '../../../shared/contract/statements';
import type { TemplateVersion } from '../../../shared/contract/templates';
import { FolioError } from '../../../shared/errors';

const WHAT: Record<string, string> = { companyName: 'legal name', addressLines: 'address', vatNumber: 'VAT registration number' };

/** The branding fields a UK VAT invoice needs and the template lacks (empty when none, or not UK). */
export function ukSellerMissing(model: StatementModel, template: Pick<TemplateVersion, 'body'>): string[] {
  if (model.type !== 'invoice' || !model.invoice?.ukEntity) return [];
  const b = template.body.branding;
  return [!b.companyName.trim() && 'companyName', !b.addressLines.some((l) => l.trim()) && 'addressLines', !b.vatNumber.trim() && 'vatNumber'].filter(
    (x): x is string => Boolean(x),
  );
}

/** The refusal, naming what is missing and where to fix it. */
export function ukSellerError(template: Pick<TemplateVersion, 'id' | 'body'>, missing: string[]): FolioError {
  return new FolioError(
    'validation',
    'UK_INVOICE_SELLER_DETAILS',
    `A UK VAT invoice needs the seller's ${missing.map((m) => WHAT[m] ?? m).join(', ')}: add ${missing.length === 1 ? 'it' : 'them'} in Templates → ${template.body.name} (${template.id}) → Branding (branding.${missing.join(', branding.')})`,
    `template.branding.${missing[0]}`,
  );
}

export function checkUkSeller(model: StatementModel, template: Pick<TemplateVersion, 'id' | 'body'>): void {
  const missing = ukSellerMissing(model, template);
  if (missing.length) throw ukSellerError(template, missing);
}
