import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { STATEMENT_TYPES, type StatementModel } from '../../../shared/contract/statements';
import type { TemplateVersion } from '../../../shared/contract/templates';
import { FolioError } from '../../../shared/errors';
import { findResourcesDir } from '../platform';
import { builtinTemplate } from '../templates/builtin';
import { formatAmount } from '../../../shared/format';
import { readEmbeddedInfo, readEmbeddedMetadata, renderStatement, type RenderJob } from './index';
import { checkDrawn } from './qa';
import { SAMPLE_NAMES, sampleModel } from './sample';
import { pdfPages, qpdfCheck } from './testing/pdf';

const resourcesDir = findResourcesDir(__dirname);

function job(model: StatementModel, over: Partial<RenderJob> = {}, template?: TemplateVersion): RenderJob {
  return {
    model,
    template: template ?? builtinTemplate(model.type, resourcesDir),
    format: 'pdf',
    ref: 'CS-1736776800000-A1B2C3D4',
    generatedAt: '2026-01-31T12:00:00.000Z',
    generatedBy: 'tester',
    metadata: { statementRef: 'CS-1736776800000-A1B2C3D4', lineCount: model.lineCount },
    ...over,
  };
}

function branded(type: StatementModel['type'], change: (b: TemplateVersion['body']) => void = () => {}): TemplateVersion {
  const t = structuredClone(builtinTemplate(type, resourcesDir)) as TemplateVersion;
  t.id = `custom-${type}`;
  t.version = 3;
  t.body.branding.companyName = 'Ἀθηνᾶ Finance Ltd';
  t.body.branding.addressLines = ['1 Example Street', 'London EC1A 1AA'];
  t.body.branding.vatNumber = 'GB123456789';
  t.body.branding.companyNumber = '01234567';
  change(t.body);
  return t;
}

describe('renderStatement (PDF)', () => {
  for (const type of STATEMENT_TYPES) {
    it(`renders a ${type} statement that qpdf accepts, with every name's text intact`, async () => {
      const model = sampleModel(type, { lines: 14, seed: 3 });
      const out = await renderStatement(job(model, {}, branded(type)), { resourcesDir });
      assert.equal(out.ext, 'pdf');
      assert.equal(out.templateFallback, false, out.fallbackReason ?? '');
      const check = qpdfCheck(out.bytes);
      assert.ok(check.ok, check.output);
      const text = pdfPages(out.bytes).join('\n');
      assert.match(text, /Ἀθηνᾶ Finance Ltd/);
      if (model.party) assert.ok(text.includes(model.party.name), `party name ${model.party.name} in extracted text`);
      for (const line of model.groups.flatMap((g) => g.lines)) {
        assert.ok(text.includes(formatAmount(line.item.amount, model.groups[0]!.currency, 'en-GB')), `line amount ${line.item.amount}`);
      }
      for (const [cur, totals] of Object.entries(model.totals)) {
        for (const v of Object.values(totals)) assert.ok(text.includes(formatAmount(v, cur, 'en-GB')), `total ${v}`);
      }
    });
  }

  it('keeps Greek, Cyrillic and Latin names with diacritics intact after text extraction', async () => {
    for (const name of SAMPLE_NAMES) {
      const model = sampleModel('client', { lines: 3, name });
      const out = await renderStatement(job(model), { resourcesDir });
      const text = pdfPages(out.bytes).join('\n');
      assert.ok(text.includes(name), `${name} not found in extracted text`);
    }
  });

  it('paginates 300 lines with repeated column headers, "page X of Y", reference and date on every page', async () => {
    const model = sampleModel('client', { lines: 300, seed: 5 });
    const out = await renderStatement(job(model), { resourcesDir });
    const pages = pdfPages(out.bytes);
    assert.ok(pages.length >= 6, `expected many pages, got ${pages.length}`);
    pages.forEach((p, i) => {
      assert.match(p, /Date\s+Description\s+Reference\s+Deal\s+Gross\s+Commission\s+Net/, `column headers on page ${i + 1}`);
      assert.ok(p.includes(`Page ${i + 1} of ${pages.length}`), `page ${i + 1} footer`);
      assert.ok(p.includes('CS-1736776800000-A1B2C3D4'), `reference on page ${i + 1}`);
      assert.ok(p.includes('31/01/2026 12:00 UTC'), `generation date on page ${i + 1}`);
    });
    // every line is there exactly once: its reference cell (REF-10000 … REF-10299)
    const all = pages.join('\n');
    for (let i = 0; i < 300; i++) assert.equal(all.split(`REF-${10000 + i} `).length - 1, 1, `line REF-${10000 + i}`);
    assert.ok(qpdfCheck(out.bytes).ok);
  });

  it('never splits a row across pages and wraps long text instead of cutting it', async () => {
    const model = sampleModel('client', { lines: 80, seed: 2 });
    const long = 'Reconciliation of withheld royalties for the Scandinavian leg including Göteborg Malmö Ærø Tromsø with merchandise broadcast and streaming rights itemised separately final-word-ZQX';
    for (const l of model.groups[0]!.lines) {
      l.cells.description = long;
      l.item.description = long;
    }
    const out = await renderStatement(job(model), { resourcesDir });
    const pages = pdfPages(out.bytes);
    const all = pages.join('\n');
    assert.equal(all.split('final-word-ZQX').length - 1, 80, 'the end of every wrapped description is printed');
    // the first and the last wrapped fragment of each row are on the same page: count per page
    for (const p of pages) assert.equal(p.split('Reconciliation of').length, p.split('final-word-ZQX').length);
  });

  it('is byte-for-byte reproducible, and the dates come from generatedAt', async () => {
    const model = sampleModel('invoice', { lines: 20, seed: 9 });
    const a = await renderStatement(job(model, {}, branded('invoice')), { resourcesDir });
    const b = await renderStatement(job(structuredClone(model), {}, branded('invoice')), { resourcesDir });
    assert.deepEqual(Buffer.from(a.bytes), Buffer.from(b.bytes));
    const c = await renderStatement(job(model, { generatedAt: '2026-02-01T08:00:00.000Z' }, branded('invoice')), { resourcesDir });
    assert.notDeepEqual(Buffer.from(a.bytes), Buffer.from(c.bytes));
    const doc = await PDFDocument.load(a.bytes, { updateMetadata: false });
    assert.equal(doc.getCreationDate()?.toISOString(), '2026-01-31T12:00:00.000Z');
    assert.equal(doc.getModificationDate()?.toISOString(), '2026-01-31T12:00:00.000Z');
  });

  it('names the character and the text when no configured font has a glyph', async () => {
    const model = sampleModel('client', { lines: 2, name: 'Acme 株式会社 Holdings' });
    await assert.rejects(renderStatement(job(model), { resourcesDir }), (err: FolioError) => {
      assert.equal(err.code, 'MISSING_GLYPH');
      assert.equal(err.type, 'validation');
      assert.match(err.message, /"株" \(U\+682A\) in "Acme 株式会社 Holdings"/);
      return true;
    });
  });

  it('falls back to the built-in template when a template fails, and says why', async () => {
    const model = sampleModel('client', { lines: 5 });
    const broken = branded('client', (b) => {
      b.branding.logo = 'data:image/png;base64,AAAAAAAA';
    });
    const out = await renderStatement(job(model, {}, broken), { resourcesDir });
    assert.equal(out.templateFallback, true);
    assert.match(out.fallbackReason ?? '', /custom-client@3.*logo/);
    assert.ok(qpdfCheck(out.bytes).ok);
    assert.doesNotMatch(pdfPages(out.bytes).join('\n'), /Ἀθηνᾶ Finance Ltd/, 'rendered with the built-in, not the broken template');
    const badLocale = branded('client', (b) => {
      b.locale = 'not a locale!!';
    });
    const out2 = await renderStatement(job(model, {}, badLocale), { resourcesDir });
    assert.equal(out2.templateFallback, true);
    assert.match(out2.fallbackReason ?? '', /locale/);
  });

  it('fails QA when the lines do not add up to the stated total', async () => {
    const model = sampleModel('billing', { lines: 6 });
    model.totals.EUR!.total = '1.00';
    model.groups[0]!.totals.total = '1.00';
    await assert.rejects(renderStatement(job(model), { resourcesDir }), (err: FolioError) => err.code === 'QA_FAILED' && err.type === 'integrity');
  });

  it('QA finds a line amount missing from the drawn text', () => {
    const model = sampleModel('client', { lines: 4 });
    const amounts = model.groups[0]!.lines.map((l) => formatAmount(l.item.amount, 'EUR', 'en-GB'));
    const totals = Object.values(model.totals.EUR!).map((v) => formatAmount(v, 'EUR', 'en-GB'));
    assert.doesNotThrow(() => checkDrawn(model, 'en-GB', [...amounts, ...totals], 'X'));
    assert.throws(() => checkDrawn(model, 'en-GB', [...amounts.slice(1), ...totals], 'X'), (err: FolioError) => err.code === 'QA_FAILED' && /line PI-1-0/.test(err.message));
  });

  it('embeds its metadata so that a file found alone can be identified', async () => {
    const model = sampleModel('deal', { lines: 4 });
    const out = await renderStatement(job(model, { metadata: { statementRef: 'DS-1-ABCDEF12', note: 'Ωμέγα' } }), { resourcesDir });
    assert.deepEqual(await readEmbeddedMetadata(out.bytes), { statementRef: 'DS-1-ABCDEF12', note: 'Ωμέγα' });
    const info = await readEmbeddedInfo(out.bytes);
    assert.equal(info?.ref, 'CS-1736776800000-A1B2C3D4');
    assert.equal(info?.type, 'deal');
    assert.deepEqual(info?.totals, model.totals);
    assert.equal(info?.template.id, 'default-deal');
    const doc = await PDFDocument.load(out.bytes, { updateMetadata: false });
    assert.match(doc.getTitle() ?? '', /Deal statement CS-1736776800000-A1B2C3D4/);
    assert.ok(doc.getKeywords()?.includes('DEAL_STATEMENT'));
    const blank = await PDFDocument.create();
    blank.addPage();
    assert.equal(await readEmbeddedMetadata(await blank.save()), null);
    assert.equal(await readEmbeddedMetadata(new Uint8Array([1, 2, 3])), null);
  });

  it('uses the template page size (Letter) and locale (de-DE)', async () => {
    const model = sampleModel('client', { lines: 3 });
    const t = branded('client', (b) => {
      b.pageSize = 'Letter';
      b.locale = 'de-DE';
    });
    const out = await renderStatement(job(model, {}, t), { resourcesDir });
    const doc = await PDFDocument.load(out.bytes);
    assert.deepEqual(doc.getPage(0).getSize(), { width: 612, height: 792 });
    const text = pdfPages(out.bytes).join('\n');
    assert.ok(text.includes(formatAmount(model.totals.EUR!.gross!, 'EUR', 'de-DE')));
    assert.match(formatAmount(model.totals.EUR!.gross!, 'EUR', 'de-DE'), /^\d{1,3}(\.\d{3})*,\d{2}$/);
  });
});

describe('renderStatement (HTML and text)', () => {
  it('writes self-contained, escaped HTML holding every amount', async () => {
    const model = sampleModel('invoice', { lines: 5, name: '<script>alert(1)</script> & Co' });
    const out = await renderStatement(job(model, { format: 'html' }, branded('invoice')), { resourcesDir });
    assert.equal(out.ext, 'html');
    const html = new TextDecoder().decode(out.bytes);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co'));
    assert.ok(!html.includes('<script>alert'));
    assert.doesNotMatch(html, /<link|src="http|@import/);
    for (const l of model.groups[0]!.lines) assert.ok(html.includes(formatAmount(l.item.amount, 'EUR', 'en-GB')));
    assert.deepEqual(await readEmbeddedMetadata(out.bytes, 'html'), job(model).metadata);
  });

  it('writes plain text with aligned columns and the metadata at the end', async () => {
    const model = sampleModel('settlement', { lines: 5 });
    const out = await renderStatement(job(model, { format: 'text' }), { resourcesDir });
    assert.equal(out.ext, 'txt');
    const text = new TextDecoder().decode(out.bytes);
    assert.ok(text.includes(model.party!.name));
    for (const v of Object.values(model.totals.EUR!)) assert.ok(text.includes(formatAmount(v, 'EUR', 'en-GB')));
    assert.equal((await readEmbeddedInfo(out.bytes, 'text'))?.type, 'settlement');
  });
});
