import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { GenerateResult, PreviewResult, StatementModel, TemplateBody } from '../../../shared/contract';
import { testEngine, type TestEngine } from '../../../test/helpers/engine';
import { cacheDb } from '../db/stores';
import { builtinTemplate } from '../templates';
import { sampleModel } from '../render/sample';
import { seedClients, clientRequest } from '../ledger/testing';
import { modelChecks } from './preflight';

/*
 * Every FAILED (or refused) path of generate that can be known before rendering has a twin in the
 * preview: the preview shows an ERROR finding with the same code naming the fix, and generate
 * refuses with that code (docs/rules.md "No surprise at Generate"). Real engine, real renderer.
 */
const BUNDLE = join(__dirname, '../../../test/fixtures/statements/bundle-2026-01');
const ukInvoice = { type: 'invoice' as const, filters: { partyId: 'buyer', targetType: 'BUYER' as const, billingItemIds: ['bi3'], ukEntity: true, gbpRate: '0.86' } };

function errors(r: { findings: Array<{ severity: string; code: string }> }): string[] {
  return r.findings.filter((f) => f.severity === 'ERROR').map((f) => f.code);
}

async function preview(t: TestEngine, input: Record<string, unknown>): Promise<PreviewResult> {
  return t.engine.call('statement:preview', { offset: 0, limit: 100, ...input });
}

describe('preflight: the preview shows what would make Generate fail, and generate refuses with the same code', () => {
  let t: TestEngine;
  before(async () => {
    t = testEngine();
    await t.engine.call('data:import', { path: BUNDLE });
    await seedClients(t.engine, 2);
  });
  after(async () => {
    await t.close();
  });

  test('UK_INVOICE_SELLER_DETAILS: a UK VAT invoice whose template lacks the seller; fixed in the template branding, it is made', async () => {
    const p = await preview(t, { request: ukInvoice });
    assert.deepEqual(errors(p.model), ['UK_INVOICE_SELLER_DETAILS']);
    assert.equal(p.blocked, true);
    const f = p.model.findings.find((x) => x.code === 'UK_INVOICE_SELLER_DETAILS')!;
    assert.match(f.message, /legal name, address, VAT registration number: add them in Templates → Invoice \(built-in\) \(default-invoice\) → Branding/);
    const g: GenerateResult = await t.engine.call('statement:generate', { request: ukInvoice, format: 'pdf' });
    assert.equal(g.status, 'FAILED');
    assert.match(g.error!, /UK_INVOICE_SELLER_DETAILS/);
    assert.ok(errors(g).includes('UK_INVOICE_SELLER_DETAILS'));

    const body = builtinTemplate('invoice', t.engine.platform.resourcesDir).body;
    const fixed: TemplateBody = { ...body, name: 'Acme invoice', branding: { ...body.branding, companyName: 'Acme Ltd', addressLines: ['1 High St', 'London'], vatNumber: 'GB123456789' } };
    await t.engine.call('templates:save', { id: 'default-invoice', body: fixed });
    const again = await preview(t, { request: ukInvoice });
    assert.deepEqual(errors(again.model), []);
    assert.equal(again.blocked, false);
    const made = await t.engine.call('statement:generate', { request: ukInvoice, format: 'pdf' });
    assert.equal(made.status, 'COMPLETED', made.error);
  });

  test('template resolution: a missing id, a missing version, the wrong type, from the form or from Settings', async () => {
    const req = clientRequest('c1').request;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ template: 'nope' }, 'TEMPLATE_NOT_FOUND'],
      [{ template: 'default-client@9' }, 'TEMPLATE_VERSION_NOT_FOUND'],
      [{ template: 'default-invoice' }, 'TEMPLATE_WRONG_TYPE'],
    ];
    for (const [extra, code] of cases) {
      const p = await preview(t, { request: req, ...extra });
      assert.deepEqual(errors(p.model), [code], JSON.stringify(extra));
      assert.equal(p.blocked, true);
      await assert.rejects(t.engine.call('statement:generate', { request: req, format: 'text', ...extra }), (e: { code?: string }) => e.code === code, JSON.stringify(extra));
    }
    // the settings' template.default applies to every statement, as generate applies it
    await t.engine.call('settings:set', { key: 'template.default', value: 'gone-template' });
    try {
      const p = await preview(t, { request: req });
      assert.deepEqual(errors(p.model), ['TEMPLATE_NOT_FOUND']);
      assert.match(p.model.findings[0]!.message, /template\.default in Settings/);
      await assert.rejects(t.engine.call('statement:generate', { request: req, format: 'text' }), (e: { code?: string }) => e.code === 'TEMPLATE_NOT_FOUND');
    } finally {
      await t.engine.call('settings:set', { key: 'template.default', value: '' });
    }
    assert.deepEqual(errors((await preview(t, { request: req })).model), []);
  });

  test('MISSING_GLYPH: a name no configured font can draw blocks a PDF, not a text statement', async () => {
    const cache = await t.engine.use(cacheDb);
    cache.run("UPDATE parties SET name = ? WHERE id = 'c2'", ['山田 Trading']);
    const { request } = clientRequest('c2');
    const p = await preview(t, { request, format: 'pdf' });
    assert.deepEqual(errors(p.model), ['MISSING_GLYPH']);
    assert.match(p.model.findings.find((f) => f.code === 'MISSING_GLYPH')!.message, /"山" \(U\+5C71\) in "山田 Trading".*add a font that has it/);
    const g = await t.engine.call('statement:generate', { request, format: 'pdf' });
    assert.equal(g.status, 'FAILED');
    assert.match(g.error!, /MISSING_GLYPH/);
    // accented Latin is in the fonts (c1 is "Client 1 Ünïcode"), and text output needs no font
    assert.deepEqual(errors((await preview(t, { request: clientRequest('c1').request, format: 'pdf' })).model), []);
    assert.deepEqual(errors((await preview(t, { request, format: 'text' })).model), []);
    assert.equal((await t.engine.call('statement:generate', { request, format: 'text' })).status, 'COMPLETED');
  });

  test('ALREADY_INVOICED and ERROR findings of the data: the same refusal in the preview and in generate', async () => {
    const inv = { type: 'invoice' as const, filters: { partyId: 'buyer', targetType: 'BUYER' as const, billingItemIds: ['bi1'] } };
    assert.equal((await t.engine.call('statement:generate', { request: inv, format: 'text' })).status, 'COMPLETED');
    const again = (e: { code?: string }) => e.code === 'ALREADY_INVOICED';
    await assert.rejects(preview(t, { request: inv }), again);
    await assert.rejects(t.engine.call('statement:generate', { request: inv, format: 'text' }), again);
    const billing = { type: 'billing' as const, filters: { contractId: 'k1', period: '2026-02' } };
    assert.ok(errors((await preview(t, { request: billing })).model).includes('PERIOD_INCOMPLETE'));
    const g = await t.engine.call('statement:generate', { request: billing, format: 'text' });
    assert.equal(g.status, 'FAILED');
    assert.match(g.error!, /PERIOD_INCOMPLETE/);
  });

  test('a bad locale in the template: preview and generate both fall back; a UK invoice names the template, not the built-in, as the fix', async () => {
    const resourcesDir = t.engine.platform.resourcesDir;
    // a client statement: no ERROR in the preview, and generate draws with the built-in (and says so)
    const client = builtinTemplate('client', resourcesDir).body;
    await t.engine.call('templates:save', { id: 'client-bad-locale', body: { ...client, name: 'Bad locale', locale: 'en_GB' } });
    const req = clientRequest('c1').request;
    assert.deepEqual(errors((await preview(t, { request: req, template: 'client-bad-locale' })).model), []);
    const made = await t.engine.call('statement:generate', { request: req, format: 'text', template: 'client-bad-locale' });
    assert.equal(made.status, 'COMPLETED', made.error);
    assert.equal(made.templateFallback, true);

    // a UK VAT invoice cannot fall back to the built-in (it has no seller): the fix is the locale
    const body = builtinTemplate('invoice', resourcesDir).body;
    const seller = { ...body.branding, companyName: 'Acme Ltd', addressLines: ['1 High St', 'London'], vatNumber: 'GB123456789' };
    const request = { ...ukInvoice, filters: { ...ukInvoice.filters, reissue: true } };
    const refusal = async (template: string): Promise<{ message: string; subject?: string }> => {
      const p = await preview(t, { request, template });
      assert.deepEqual(errors(p.model), ['UK_INVOICE_SELLER_DETAILS'], template);
      const f = p.model.findings.find((x) => x.code === 'UK_INVOICE_SELLER_DETAILS')!;
      const g = await t.engine.call('statement:generate', { request, format: 'pdf', template });
      assert.equal(g.status, 'FAILED');
      assert.ok(g.error!.includes(`UK_INVOICE_SELLER_DETAILS: ${f.message}`), `generate refuses with the preview's finding: ${g.error}`);
      assert.doesNotMatch(f.message, /default-invoice|Templates → Invoice \(built-in\)/, 'the built-in is not the fix');
      return f;
    };
    await t.engine.call('templates:save', { id: 'uk-inv', body: { ...body, name: 'Acme invoice', branding: seller, locale: 'en_GB' } });
    const withSeller = await refusal('uk-inv');
    assert.equal(
      withSeller.message,
      "Template Acme invoice (uk-inv) cannot be drawn: its locale \"en_GB\" is not a valid locale tag (such as en-GB). A UK VAT invoice cannot fall back to the built-in template, which lacks the seller's legal name, address, VAT registration number: correct the template in Templates → Acme invoice (uk-inv)",
    );
    assert.equal(withSeller.subject, 'template.locale');
    await t.engine.call('templates:save', { id: 'uk-inv-bare', body: { ...body, name: 'Bare invoice', locale: 'en_GB' } });
    assert.match((await refusal('uk-inv-bare')).message, /Templates → Bare invoice \(uk-inv-bare\), and add the seller's legal name, address, VAT registration number there \(branding\.companyName, branding\.addressLines, branding\.vatNumber\)$/);

    // the fix named: the template's locale corrected, the invoice is made with that template
    await t.engine.call('templates:save', { id: 'uk-inv', body: { ...body, name: 'Acme invoice', branding: seller, locale: 'en-GB' } });
    assert.deepEqual(errors((await preview(t, { request, template: 'uk-inv' })).model), []);
    const inv = await t.engine.call('statement:generate', { request, format: 'pdf', template: 'uk-inv' });
    assert.equal(inv.status, 'COMPLETED', inv.error);
    assert.equal(inv.templateFallback, false);
    assert.equal(inv.templateId, 'uk-inv');
  });
});

test('DISK_FULL: too little free space for a statement and the ledger save', async () => {
  const t = testEngine({ env: { FOLIO_USER: 'tester', FOLIO_MIN_FREE_BYTES: String(2 ** 60) } });
  try {
    await seedClients(t.engine, 1);
    const { request } = clientRequest('c1');
    const p = await preview(t, { request });
    assert.deepEqual(errors(p.model), ['DISK_FULL']);
    assert.match(p.model.findings[0]!.message, /free some space on that disk/);
    const g = await t.engine.call('statement:generate', { request, format: 'text' });
    assert.equal(g.status, 'FAILED');
    assert.match(g.error!, /DISK_FULL/);
  } finally {
    await t.close();
  }
});

test('LEDGER_IN_USE: another Folio holds the ledger: the preview says so, generate refuses', async () => {
  const a = testEngine();
  const b = testEngine({ dataDir: a.dataDir });
  try {
    await seedClients(a.engine, 1);
    await a.engine.call('statement:preview', { request: clientRequest('c1').request }); // a holds the ledger
    const p = await preview(b, { request: clientRequest('c1').request });
    assert.deepEqual(errors(p.model), ['LEDGER_IN_USE']);
    assert.match(p.model.findings[0]!.message, /close the other Folio process/);
    await assert.rejects(b.engine.call('statement:generate', clientRequest('c1')), (e: { code?: string }) => e.code === 'LEDGER_IN_USE');
  } finally {
    await b.close({ keep: true });
    await a.close();
  }
});

test('QA_FAILED: a model whose lines do not add up to its totals is refused before rendering', () => {
  const model: StatementModel = sampleModel('client', { lines: 3 });
  const resourcesDir = join(__dirname, '../../../resources');
  const template = builtinTemplate('client', resourcesDir);
  assert.deepEqual(modelChecks(model, template, 'pdf', resourcesDir), []);
  const cur = Object.keys(model.totals)[0]!;
  const broken = { ...model, totals: { ...model.totals, [cur]: { ...model.totals[cur], [model.itemTotalKey!]: '1.00' } } } as StatementModel;
  const found = modelChecks(broken, template, 'pdf', resourcesDir);
  assert.deepEqual(found.map((f) => f.code), ['QA_FAILED']);
  assert.match(found[0]!.message, /the lines add up to .* total says 1\.00/);
});
