import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { StatementModel } from '../../../shared/contract/statements';
import type { TemplateVersion } from '../../../shared/contract/templates';
import { findResourcesDir } from '../platform';
import { builtinTemplate } from '../templates/builtin';
import { renderStatement, type RenderJob } from './index';
import { sampleModel } from './sample';
import { pdfPages, qpdfCheck } from './testing/pdf';

const resourcesDir = findResourcesDir(__dirname);
const PNG_1x1 = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const job = (model: StatementModel, template?: TemplateVersion, format: RenderJob['format'] = 'pdf'): RenderJob => ({
  model,
  template: template ?? builtinTemplate(model.type, resourcesDir),
  format,
  ref: 'BS-1736776800000-0000BEEF',
  generatedAt: '2026-01-31T12:00:00.000Z',
  generatedBy: 'tester',
  metadata: {},
});

describe('rendering edge cases', () => {
  it('renders a statement with no lines as a valid file saying so, in every format', async () => {
    const model = sampleModel('client', { lines: 0 });
    model.groups = [];
    model.totals = { EUR: { gross: '0.00', commission: '0.00', net: '0.00' } };
    model.lineCount = 0;
    const pdf = await renderStatement(job(model), { resourcesDir });
    assert.ok(qpdfCheck(pdf.bytes).ok);
    assert.match(pdfPages(pdf.bytes).join('\n'), /No transactions in this period\./);
    for (const format of ['html', 'text'] as const) {
      const out = await renderStatement(job(model, undefined, format), { resourcesDir });
      assert.match(new TextDecoder().decode(out.bytes), /No transactions in this period\./);
    }
  });

  it('renders a model without a party, without columns and with an empty group', async () => {
    const model = sampleModel('billing', { lines: 2 });
    model.party = null;
    model.groups.push({ key: 'USD', title: 'USD', currency: 'USD', lines: [], totals: {} });
    const out = await renderStatement(job(model), { resourcesDir });
    assert.ok(qpdfCheck(out.bytes).ok);
    const bare = sampleModel('billing', { lines: 0 });
    bare.columns = [];
    bare.groups = [];
    bare.totals = {};
    const out2 = await renderStatement(job(bare), { resourcesDir });
    assert.ok(qpdfCheck(out2.bytes).ok);
  });

  it('breaks a word wider than its column instead of cutting it', async () => {
    const model = sampleModel('client', { lines: 2 });
    const word = `X${'ЖΩé'.repeat(60)}END`;
    model.groups[0]!.lines[0]!.cells.description = word;
    const out = await renderStatement(job(model), { resourcesDir });
    const text = pdfPages(out.bytes).join('\n');
    // the word is broken over several lines of its cell: every one of its characters is there
    assert.equal(text.split('Ж').length - 1, 60);
    assert.equal(text.split('Ω').length - 1, 60);
    assert.ok(text.includes('END'));
    assert.ok(text.split('\n').filter((l) => l.includes('Ж')).length > 1, 'wrapped onto several lines');
  });

  it('prints a logo image and shrinks many columns to fit the page', async () => {
    const t = structuredClone(builtinTemplate('settlement', resourcesDir)) as TemplateVersion;
    t.id = 'with-logo';
    t.body.branding.logo = PNG_1x1;
    t.body.branding.companyName = 'Logo Ltd';
    const model = sampleModel('settlement', { lines: 3 });
    for (let i = 0; i < 6; i++) model.columns.push({ key: `extra${i}`, label: `Extra amount ${i}`, kind: 'money' });
    for (const l of model.groups[0]!.lines) for (let i = 0; i < 6; i++) l.cells[`extra${i}`] = '123456.78';
    const out = await renderStatement(job(model, t), { resourcesDir });
    assert.equal(out.templateFallback, false, out.fallbackReason ?? '');
    const doc = await PDFDocument.load(out.bytes);
    const xobjects = doc.getPage(0).node.Resources()?.lookup(PDFName.of('XObject'));
    assert.ok(xobjects, 'the page has an image resource');
    const text = pdfPages(out.bytes)[0]!;
    assert.equal(text.split('123,456.78').length - 1, 18, 'every extra amount printed, none cut');
  });
});

describe('UK VAT invoices', () => {
  it("refuse to render without the seller's legal name, address and VAT number, and print them when set", async () => {
    const model = sampleModel('invoice', { lines: 2, currency: 'GBP' });
    model.invoice = {
      number: null, issueDate: '2026-01-31', timeOfSupply: '2026-01-31', dueDate: '2026-02-28', currency: 'GBP', customer: model.party!, targetType: 'CLIENT',
      ukEntity: true, reissue: false, totalExVat: model.totals.GBP!.net!, totalVat: model.totals.GBP!.vat!, totalIncVat: model.totals.GBP!.gross!, vatByRate: [], gbp: null,
    };
    await assert.rejects(renderStatement(job(model), { resourcesDir }), (e: { code: string; field: string }) => e.code === 'UK_INVOICE_SELLER_DETAILS' && e.field === 'template.branding.companyName');
    const t = structuredClone(builtinTemplate('invoice', resourcesDir)) as TemplateVersion;
    t.id = 'uk-invoice';
    Object.assign(t.body.branding, { companyName: 'Folio Demo Ltd', addressLines: ['1 Example Street', 'London EC1A 1AA'], vatNumber: 'GB 123 4567 89', companyNumber: '01234567' });
    const out = await renderStatement(job(model, t), { resourcesDir });
    assert.equal(out.templateFallback, false);
    const text = pdfPages(out.bytes).join('\n');
    for (const s of ['Folio Demo Ltd', '1 Example Street', 'GB 123 4567 89', '01234567', 'Time of supply']) assert.ok(text.includes(s), s);
  });
});
