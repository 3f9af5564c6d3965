import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fontkit from '@pdf-lib/fontkit';
import { FolioError } from '../../../../shared/errors';
import { findResourcesDir } from '../../platform';
import { builtinTemplate } from '../../templates/builtin';
import { renderStatement } from '../index';
import { sampleModel } from '../sample';
import { pdfPages, qpdfCheck } from '../testing/pdf';
import { cleanText, loadFontSet } from './fontset';
import { TrueTypeFace } from './truetype';

const resourcesDir = findResourcesDir(__dirname);
const regular = join(resourcesDir, 'fonts', 'DejaVuSans-LGC.ttf');
const SYSTEM_DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const DROID_CJK = '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf';

describe('fonts', () => {
  it('ships fonts covering Latin with diacritics, Greek and Cyrillic, with their licence', () => {
    const set = loadFontSet(resourcesDir, '');
    for (const text of ['Zoë Ångström-Łukasiewicz Đặng', 'Γιώργος Παπαδόπουλος ἈΘΗΝᾶ', 'Дмитрий Шостакович Ґ', '€£¥ – — “ ” …']) {
      for (const style of [0, 1] as const) assert.ok(set.width(text, style, 10) > 0, `${text} (${style ? 'bold' : 'regular'})`);
    }
    assert.ok(existsSync(join(resourcesDir, 'fonts', 'LICENSE-DejaVu.txt')));
    assert.ok(readFileSync(regular).length < 400_000, 'the shipped font is a subset');
  });

  it('subsets a face into a valid TrueType font (glyphs renumbered, composite components kept)', () => {
    const face = new TrueTypeFace(new Uint8Array(readFileSync(regular)), regular);
    const wanted = [...'Aé Ώ Ё'].map((ch) => face.glyphFor(ch.codePointAt(0)!));
    const glyphs = [0, ...new Set(wanted)];
    for (let i = 0; i < glyphs.length; i++) for (const c of face.components(glyphs[i]!)) if (!glyphs.includes(c)) glyphs.push(c);
    const bytes = face.subset(glyphs);
    const sub = new TrueTypeFace(bytes.slice(), 'subset', true);
    assert.equal(sub.numGlyphs, glyphs.length);
    const fk = fontkit.create(Buffer.from(bytes));
    assert.equal(fk.numGlyphs, glyphs.length);
    glyphs.forEach((g, i) => {
      assert.equal(sub.advances[i], face.advances[g], `advance of glyph ${g}`);
      for (const c of sub.components(i)) assert.ok(c < glyphs.length, 'component renumbered');
    });
    // the outline of "A" (new glyph 1) survived
    assert.match(fk.getGlyph(1).path.toSVG(), /^M[-\d]/);
  });

  it('normalises text: NFC, invisible characters removed', () => {
    assert.equal(cleanText('e\u0301'), 'é');
    assert.equal(cleanText('a\u200bb\u00adc\ufe0f\nd'), 'abc d');
  });

  it('uses a configured fallback face for characters the shipped fonts lack', { skip: !existsSync(SYSTEM_DEJAVU) && 'system DejaVu Sans not installed' }, async () => {
    const name = 'თბილისი Consulting';
    const model = sampleModel('client', { lines: 3, name });
    const job = { model, template: builtinTemplate('client', resourcesDir), format: 'pdf' as const, ref: 'CS-1-ABCDEF12', generatedAt: '2026-01-31T12:00:00.000Z', generatedBy: 't', metadata: {} };
    const saved = process.env.FOLIO_EXTRA_FONTS;
    try {
      process.env.FOLIO_EXTRA_FONTS = '';
      await assert.rejects(renderStatement(job, { resourcesDir }), (e: FolioError) => e.code === 'MISSING_GLYPH' && e.message.includes('U+10D7'));
      process.env.FOLIO_EXTRA_FONTS = SYSTEM_DEJAVU;
      const out = await renderStatement(job, { resourcesDir });
      assert.ok(qpdfCheck(out.bytes).ok);
      assert.ok(pdfPages(out.bytes).join('\n').includes(name));
    } finally {
      if (saved === undefined) delete process.env.FOLIO_EXTRA_FONTS;
      else process.env.FOLIO_EXTRA_FONTS = saved;
    }
  });

  it('renders CJK names when a CJK TrueType font is configured', { skip: !existsSync(DROID_CJK) && 'fonts-droid-fallback not installed' }, async () => {
    const name = '株式会社 山田太郎 (東京)';
    const model = sampleModel('client', { lines: 3, name });
    const job = { model, template: builtinTemplate('client', resourcesDir), format: 'pdf' as const, ref: 'CS-1-ABCDEF12', generatedAt: '2026-01-31T12:00:00.000Z', generatedBy: 't', metadata: {} };
    const saved = process.env.FOLIO_EXTRA_FONTS;
    try {
      process.env.FOLIO_EXTRA_FONTS = DROID_CJK;
      const out = await renderStatement(job, { resourcesDir });
      assert.ok(qpdfCheck(out.bytes).ok);
      assert.ok(pdfPages(out.bytes).join('\n').includes(name));
      assert.ok(out.bytes.length < 200_000, 'only the used CJK glyphs are embedded');
    } finally {
      if (saved === undefined) delete process.env.FOLIO_EXTRA_FONTS;
      else process.env.FOLIO_EXTRA_FONTS = saved;
    }
  });
});
