/**
 * The faces Folio renders with (resources/fonts/fonts.json, plus FOLIO_EXTRA_FONTS), loaded once
 * per process (per worker thread) and shared by every document. Measures text and finds, for each
 * character, the first face that has it. A character that no face has is a MISSING_GLYPH error
 * naming the character and the text: never a silent blank.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { FolioError } from '../../../../shared/errors';
import { TrueTypeFace } from './truetype';

export type Style = 0 | 1; // 0 regular, 1 bold

interface FontsConfig {
  faces: Array<{ family: string; regular: string; bold?: string }>;
}

export class FontSet {
  /** faces[style][i]: fallback order */
  readonly faces: [TrueTypeFace[], TrueTypeFace[]];
  /** per style: BMP code point → advance in 1/1000 em; -1 unknown yet, -2 missing */
  private readonly widthCache: [Float32Array, Float32Array];
  /** per style: BMP code point → (face index << 16 | glyph id) + 1; 0 unknown yet, -1 missing */
  private readonly glyphCache: [Int32Array, Int32Array];

  constructor(regular: TrueTypeFace[], bold: TrueTypeFace[]) {
    this.faces = [regular, bold];
    this.widthCache = [new Float32Array(65536).fill(-1), new Float32Array(65536).fill(-1)];
    this.glyphCache = [new Int32Array(65536), new Int32Array(65536)];
  }

  /** The face index and glyph for a code point, or null when no face has it. */
  lookup(cp: number, style: Style): { face: number; gid: number } | null {
    const faces = this.faces[style];
    for (let i = 0; i < faces.length; i++) {
      const gid = faces[i]!.glyphFor(cp);
      if (gid) return { face: i, gid };
    }
    return null;
  }

  private fill(cp: number, style: Style): number {
    const hit = this.lookup(cp, style);
    const w = hit ? (this.faces[style][hit.face]!.advances[hit.gid]! * 1000) / this.faces[style][hit.face]!.metrics.unitsPerEm : -2;
    if (cp < 65536) this.widthCache[style][cp] = w;
    return w;
  }

  /** advance of a glyph of a face in 1/1000 em */
  advanceOf(face: number, style: Style, gid: number): number {
    const f = this.faces[style][face]!;
    return (f.advances[gid]! * 1000) / f.metrics.unitsPerEm;
  }

  /** (face index << 16 | glyph id) for a code point; throws MISSING_GLYPH when no face has it. */
  glyph(cp: number, style: Style, text: string): number {
    if (cp < 65536) {
      const c = this.glyphCache[style][cp]!;
      if (c > 0) return c - 1;
      if (c < 0) throw missingGlyph(cp, text);
    }
    const hit = this.lookup(cp, style);
    const packed = hit ? (hit.face << 16) | hit.gid : -1;
    if (cp < 65536) this.glyphCache[style][cp] = hit ? packed + 1 : -1;
    if (!hit) throw missingGlyph(cp, text);
    return packed;
  }

  /** Width of `text` at `size` points. Throws MISSING_GLYPH for a character no face has. */
  width(text: string, style: Style, size: number): number {
    const cache = this.widthCache[style];
    let total = 0;
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        cp = text.codePointAt(i)!;
        i++;
      }
      let w = cp < 65536 ? cache[cp]! : -1;
      if (w === -1) w = this.fill(cp, style);
      if (w === -2) throw missingGlyph(cp, text);
      total += w;
    }
    return (total * size) / 1000;
  }

  /** Width of one code point in 1/1000 em (after `width` has validated the text). */
  advance(cp: number, style: Style): number {
    let w = cp < 65536 ? this.widthCache[style][cp]! : -1;
    if (w === -1) w = this.fill(cp, style);
    if (w === -2) throw missingGlyph(cp, String.fromCodePoint(cp));
    return w;
  }
}

export function missingGlyph(cp: number, text: string): FolioError {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const shown = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  return new FolioError(
    'validation',
    'MISSING_GLYPH',
    `The character "${String.fromCodePoint(cp)}" (U+${hex}) in "${shown}" is not in any configured font; add a font that has it (resources/fonts/fonts.json or FOLIO_EXTRA_FONTS)`,
    'font',
  );
}

const cache = new Map<string, FontSet>();

/** The process-wide font set for a resources folder (parsed once). */
export function loadFontSet(resourcesDir: string, extraFonts: string | undefined = process.env.FOLIO_EXTRA_FONTS): FontSet {
  const key = `${resourcesDir}\u0000${extraFonts ?? ''}`;
  let set = cache.get(key);
  if (set) return set;
  const dir = join(resourcesDir, 'fonts');
  const config = JSON.parse(readFileSync(join(dir, 'fonts.json'), 'utf8')) as FontsConfig;
  const regular: TrueTypeFace[] = [];
  const bold: TrueTypeFace[] = [];
  const load = (file: string) => {
    const path = isAbsolute(file) ? file : join(dir, file);
    if (!existsSync(path)) throw new FolioError('validation', 'FONT_NOT_FOUND', `The font file ${path} does not exist`, 'font');
    return new TrueTypeFace(new Uint8Array(readFileSync(path)), path);
  };
  for (const f of config.faces) {
    const r = load(f.regular);
    regular.push(r);
    bold.push(f.bold ? load(f.bold) : r);
  }
  for (const file of (extraFonts ?? '').split(delimiter).filter(Boolean)) {
    const face = load(file);
    regular.push(face);
    bold.push(face);
  }
  if (!regular.length) throw new FolioError('validation', 'FONT_NOT_FOUND', `No font is configured in ${dir}/fonts.json`, 'font');
  if (regular.length > 200) throw new FolioError('validation', 'FONT_TOO_MANY', 'At most 200 font faces can be configured', 'font');
  set = new FontSet(regular, bold);
  cache.set(key, set);
  return set;
}

/**
 * Text as it will be drawn: Unicode NFC (so "e" + combining acute becomes "é"), line breaks and
 * tabs as spaces, invisible format characters (zero-width spaces, joiners, BOM, variation
 * selectors, other controls) removed.
 */
export function cleanText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return text
    .normalize('NFC')
    .replace(/[\t\n\r\v\f\u2028\u2029]/g, ' ')
    .replace(/[\p{Cc}\p{Cf}\p{Variation_Selector}]/gu, '');
}
