/**
 * Fonts inside one PDF. Each face/style has a "base" subset (printable ASCII, Latin-1 and common
 * punctuation) built, compressed and kept once per process, and a per-document "extra" subset
 * holding only the other glyphs the document uses (Greek, Cyrillic, Latin Extended names …).
 * Text is written as 2-byte glyph ids (Identity-H); a ToUnicode CMap makes it extractable.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFInvalidObject, PDFName, PDFRawStream, PDFString, type PDFContext, type PDFRef } from 'pdf-lib';
import type { FontSet, Style } from '../fonts/fontset';
import type { TrueTypeFace } from '../fonts/truetype';

const HEX2: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (n: number) => HEX2[n >> 8]! + HEX2[n & 255]!;
/**
 * A 2-byte glyph code inside a PDF literal string (one latin1 character per byte; the content
 * stream is written as latin1): half the size of hex. `(`, `)`, `\\` and CR are escaped.
 */
const BYTE: string[] = Array.from({ length: 256 }, (_, b) =>
  b === 0x28 ? '\\(' : b === 0x29 ? '\\)' : b === 0x5c ? '\\\\' : b === 0x0d ? '\\r' : String.fromCharCode(b),
);
const CODE2: string[] = Array.from({ length: 65536 }, (_, i) => BYTE[i >> 8]! + BYTE[i & 255]!);

/** Characters every document is likely to use: embedded from a prebuilt subset. */
const BASE_CHARS: number[] = (() => {
  const out: number[] = [];
  for (let c = 0x20; c <= 0x7e; c++) out.push(c);
  for (let c = 0xa0; c <= 0xff; c++) out.push(c);
  for (const ch of '–—‘’‚“”„•…‰€−×÷·№\u2009\u202f\u2007') out.push(ch.codePointAt(0)!);
  return out;
})();

interface Subset {
  name: string;
  face: TrueTypeFace;
  /** old glyph ids in new-id order (0 first) */
  glyphs: number[];
  /** new id → code point (for ToUnicode) */
  unicode: number[];
}

interface BuiltFont {
  name: string;
  face: TrueTypeFace;
  fontFile: Uint8Array;
  fontLength: number;
  toUnicode: Uint8Array;
  widths: number[];
  /** the /W array, serialized once */
  wBytes: Uint8Array;
}

/** Adds composite components (recursively) after the listed glyphs. */
function closeOver(face: TrueTypeFace, glyphs: number[], unicode: number[]): void {
  const seen = new Set(glyphs);
  for (let i = 0; i < glyphs.length; i++) {
    for (const c of face.components(glyphs[i]!)) {
      if (!seen.has(c)) {
        seen.add(c);
        glyphs.push(c);
        unicode.push(-1);
      }
    }
  }
}

function subsetTag(glyphs: number[], salt: string): string {
  const h = createHash('sha1').update(salt).update(Uint32Array.from(glyphs)).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (h[i]! % 26));
  return tag;
}

function toUnicodeCMap(unicode: number[]): string {
  const entries: string[] = [];
  unicode.forEach((cp, cid) => {
    if (cp < 0) return;
    let u: string;
    if (cp < 0x10000) u = hex4(cp);
    else {
      const v = cp - 0x10000;
      u = hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
    }
    entries.push(`<${hex4(cid)}> <${u}>`);
  });
  let body = '';
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    body += `${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar\n`;
  }
  return (
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><ffff>\nendcodespacerange\n' +
    body +
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n'
  );
}

function build(s: Subset): BuiltFont {
  const font = s.face.subset(s.glyphs);
  const upem = s.face.metrics.unitsPerEm;
  const widths = s.glyphs.map((g) => Math.round((s.face.advances[g]! * 1000) / upem));
  return {
    name: s.name,
    face: s.face,
    fontFile: deflateSync(font),
    fontLength: font.length,
    toUnicode: deflateSync(Buffer.from(toUnicodeCMap(s.unicode), 'latin1')),
    widths,
    wBytes: new Uint8Array(Buffer.from(`[0 [${widths.join(' ')}]]`, 'latin1')),
  };
}

function register(context: PDFContext, f: BuiltFont): PDFRef {
  const m = f.face.metrics;
  const k = 1000 / m.unitsPerEm;
  const fontFile = context.register(
    PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length1: f.fontLength }), f.fontFile),
  );
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: f.name,
      Flags: m.flags,
      FontBBox: m.bbox.map((v) => Math.round(v * k)),
      ItalicAngle: m.italicAngle,
      Ascent: Math.round(m.ascent * k),
      Descent: Math.round(m.descent * k),
      CapHeight: Math.round(m.capHeight * k),
      XHeight: Math.round(m.xHeight * k),
      StemV: 0,
      FontFile2: fontFile,
    }),
  );
  const cid = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: f.name,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: PDFInvalidObject.of(f.wBytes),
      CIDToGIDMap: 'Identity',
    }),
  );
  const toUnicode = context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode' }), f.toUnicode));
  return context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: f.name,
      Encoding: 'Identity-H',
      DescendantFonts: [cid],
      ToUnicode: toUnicode,
    }),
  );
}

interface BaseAsset {
  /** old glyph id → new id, -1 when not in the base subset */
  cidOf: Int32Array;
  built: BuiltFont;
}
const baseAssets = new WeakMap<TrueTypeFace, BaseAsset>();

function baseAsset(face: TrueTypeFace): BaseAsset {
  let a = baseAssets.get(face);
  if (a) return a;
  const glyphs = [0];
  const unicode = [-1];
  const seen = new Set([0]);
  for (const cp of BASE_CHARS) {
    const g = face.glyphFor(cp);
    if (g && !seen.has(g)) {
      seen.add(g);
      glyphs.push(g);
      unicode.push(cp);
    }
  }
  closeOver(face, glyphs, unicode);
  const cidOf = new Int32Array(face.numGlyphs).fill(-1);
  glyphs.forEach((g, i) => (cidOf[g] = i));
  a = { cidOf, built: build({ name: `${subsetTag(glyphs, face.name)}+${face.name}`, face, glyphs, unicode }) };
  baseAssets.set(face, a);
  return a;
}

/**
 * Built extra subsets, by face and glyph list (the same names recur across a batch: a client's
 * statements, a payee on many deals). Bounded; the output is the same bytes either way.
 */
const extraCache = new Map<string, BuiltFont>();
const EXTRA_CACHE_MAX = 512;
const faceIds = new WeakMap<TrueTypeFace, number>();
let nextFaceId = 1;

function extraFont(face: TrueTypeFace, glyphs: number[], unicode: number[]): BuiltFont {
  let fid = faceIds.get(face);
  if (fid === undefined) faceIds.set(face, (fid = nextFaceId++));
  const key = `${fid}:${glyphs.join(',')}:${unicode.join(',')}`;
  let f = extraCache.get(key);
  if (f) {
    extraCache.delete(key);
    extraCache.set(key, f);
    return f;
  }
  f = build({ name: `${subsetTag(glyphs, face.name)}+${face.name}`, face, glyphs, unicode });
  if (extraCache.size >= EXTRA_CACHE_MAX) extraCache.delete(extraCache.keys().next().value!);
  extraCache.set(key, f);
  return f;
}

interface Extra {
  face: TrueTypeFace;
  cidOf: Map<number, number>;
  glyphs: number[];
  unicode: number[];
}

/** The fonts of one document: encodes text into runs, then embeds what was used. */
export class DocFonts {
  /** resource name → slot: slot = ((face * 2 + style) * 2) + (extra ? 1 : 0) */
  private readonly used = new Map<string, number>();
  private readonly resBySlot: string[] = [];
  private readonly extras = new Map<number, Extra>();
  private readonly baseCid: [Int32Array, Int32Array];

  constructor(private readonly set: FontSet) {
    this.baseCid = [baseAsset(set.faces[0][0]!).cidOf, baseAsset(set.faces[1][0]!).cidOf];
  }

  private resName(slot: number): string {
    let n = this.resBySlot[slot];
    if (!n) {
      n = `F${this.used.size + 1}`;
      this.resBySlot[slot] = n;
      this.used.set(n, slot);
    }
    return n;
  }

  /** the width in points of the text of the last `show` call */
  lastWidth = 0;

  /**
   * PDF text operators drawing `text` (already cleaned) at the current text position; sets
   * `lastWidth`. Throws MISSING_GLYPH for a character that no configured font has.
   */
  show(text: string, style: Style, size: number, state: { font: string } = { font: '' }): string {
    let out = '';
    let width = 0;
    let runSlot = -1;
    let runCodes = '';
    const sz = fmtNum(size);
    const base = this.baseCid[style];
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        cp = text.codePointAt(i)!;
        i++;
      }
      const packed = this.set.glyph(cp, style, text);
      const faceIdx = packed >> 16;
      const gid = packed & 0xffff;
      width += this.set.advanceOf(faceIdx, style, gid);
      let cid = faceIdx === 0 ? base[gid]! : -1;
      let slot: number;
      if (cid >= 0) slot = (faceIdx * 2 + style) * 2;
      else {
        slot = (faceIdx * 2 + style) * 2 + 1;
        let ex = this.extras.get(slot);
        if (!ex) {
          ex = { face: this.set.faces[style][faceIdx]!, cidOf: new Map(), glyphs: [0], unicode: [-1] };
          this.extras.set(slot, ex);
        }
        cid = ex.cidOf.get(gid) ?? -1;
        if (cid < 0) {
          cid = ex.glyphs.length;
          ex.cidOf.set(gid, cid);
          ex.glyphs.push(gid);
          ex.unicode.push(cp);
        }
      }
      if (slot !== runSlot) {
        if (runCodes) out += this.run(runSlot, sz, runCodes, state);
        runSlot = slot;
        runCodes = '';
      }
      runCodes += CODE2[cid]!;
    }
    if (runCodes) out += this.run(runSlot, sz, runCodes, state);
    this.lastWidth = (width * size) / 1000;
    return out;
  }

  /** One run of glyphs; the font operator only when the page's current font differs. */
  private run(slot: number, sz: string, codes: string, state: { font: string }): string {
    const tf = `/${this.resName(slot)} ${sz} Tf `;
    if (tf === state.font) return `(${codes}) Tj `;
    state.font = tf;
    return `${tf}(${codes}) Tj `;
  }

  /** Embeds the used fonts; returns the /Font resource dictionary. */
  embed(context: PDFContext): PDFRef {
    const entries: Record<string, PDFRef> = {};
    for (const [res, slot] of this.used) {
      const extra = slot & 1;
      const style = ((slot >> 1) & 1) as Style;
      const face = this.set.faces[style][slot >> 2]!;
      if (!extra) entries[res] = register(context, baseAsset(face).built);
      else {
        const ex = this.extras.get(slot)!;
        closeOver(face, ex.glyphs, ex.unicode);
        entries[res] = register(context, extraFont(face, ex.glyphs, ex.unicode));
      }
    }
    const dict = context.obj({});
    for (const [k, ref] of Object.entries(entries)) dict.set(PDFName.of(k), ref);
    return context.register(dict);
  }
}

/** A number for a content stream: at most 2 decimals, no exponent. */
export function fmtNum(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
