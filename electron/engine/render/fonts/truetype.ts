/**
 * A small TrueType (glyf) font reader and subsetter, written for speed: a face is parsed once per
 * process (cmap, metrics, glyph locations, composite glyph components), and a subset holding only
 * the glyphs a document uses is assembled from byte slices (glyph ids renumbered, composite
 * components patched). Only what a PDF CIDFontType2 needs is written: head, hhea, maxp, OS/2,
 * hmtx, loca, glyf, post (and cvt/fpgm/prep when the font is hinted).
 */
import { FolioError } from '../../../../shared/errors';

export interface FaceMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  xHeight: number;
  bbox: [number, number, number, number];
  italicAngle: number;
  flags: number;
}

interface TableRecord {
  offset: number;
  length: number;
}

export class TrueTypeFace {
  readonly name: string;
  readonly numGlyphs: number;
  readonly metrics: FaceMetrics;
  /** BMP code point → glyph id (0 = none) */
  private readonly bmp = new Uint16Array(65536);
  private readonly astral = new Map<number, number>();
  /** advance widths in font units, by glyph id */
  readonly advances: Uint16Array;
  private readonly lsbs: Int16Array;
  private readonly glyphStart: Uint32Array;
  private readonly glyphEnd: Uint32Array;
  private readonly tables = new Map<string, TableRecord>();
  private readonly view: DataView;
  /** glyph id → the code point it was first found for (ToUnicode) */
  readonly unicodeOf = new Map<number, number>();

  /** `noCmap`: a subset made by `subset()` (it has no cmap; glyph ids only) */
  constructor(readonly bytes: Uint8Array, label: string, noCmap = false) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const v = this.view;
    const sfnt = v.getUint32(0);
    if (sfnt !== 0x00010000 && sfnt !== 0x74727565) {
      throw new FolioError('validation', 'FONT_UNSUPPORTED', `${label} is not a TrueType (glyf) font`, 'font');
    }
    const numTables = v.getUint16(4);
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + i * 16;
      const tag = String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!);
      this.tables.set(tag, { offset: v.getUint32(rec + 8), length: v.getUint32(rec + 12) });
    }
    for (const t of ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf', ...(noCmap ? [] : ['cmap'])]) {
      if (!this.tables.has(t)) throw new FolioError('validation', 'FONT_UNSUPPORTED', `${label} has no ${t} table`, 'font');
    }
    const head = this.table('head');
    const unitsPerEm = v.getUint16(head.offset + 18);
    const bbox: [number, number, number, number] = [
      v.getInt16(head.offset + 36),
      v.getInt16(head.offset + 38),
      v.getInt16(head.offset + 40),
      v.getInt16(head.offset + 42),
    ];
    const longLoca = v.getInt16(head.offset + 50) === 1;
    this.numGlyphs = v.getUint16(this.table('maxp').offset + 4);
    const hhea = this.table('hhea');
    const ascent = v.getInt16(hhea.offset + 4);
    const descent = v.getInt16(hhea.offset + 6);
    const numHMetrics = v.getUint16(hhea.offset + 34);
    // metrics
    const hmtx = this.table('hmtx').offset;
    this.advances = new Uint16Array(this.numGlyphs);
    this.lsbs = new Int16Array(this.numGlyphs);
    let lastAdvance = 0;
    for (let g = 0; g < this.numGlyphs; g++) {
      if (g < numHMetrics) {
        lastAdvance = v.getUint16(hmtx + g * 4);
        this.lsbs[g] = v.getInt16(hmtx + g * 4 + 2);
      } else {
        this.lsbs[g] = v.getInt16(hmtx + numHMetrics * 4 + (g - numHMetrics) * 2);
      }
      this.advances[g] = lastAdvance;
    }
    // glyph locations
    const loca = this.table('loca').offset;
    const glyf = this.table('glyf').offset;
    this.glyphStart = new Uint32Array(this.numGlyphs);
    this.glyphEnd = new Uint32Array(this.numGlyphs);
    for (let g = 0; g < this.numGlyphs; g++) {
      const a = longLoca ? v.getUint32(loca + g * 4) : v.getUint16(loca + g * 2) * 2;
      const b = longLoca ? v.getUint32(loca + (g + 1) * 4) : v.getUint16(loca + (g + 1) * 2) * 2;
      this.glyphStart[g] = glyf + a;
      this.glyphEnd[g] = glyf + b;
    }
    if (!noCmap) this.readCmap(label);
    // OS/2 and post for the font descriptor
    let capHeight = ascent;
    let xHeight = 0;
    const os2 = this.tables.get('OS/2');
    if (os2 && v.getUint16(os2.offset) >= 2 && os2.length >= 90) {
      xHeight = v.getInt16(os2.offset + 86);
      capHeight = v.getInt16(os2.offset + 88);
    }
    let italicAngle = 0;
    const post = this.tables.get('post');
    if (post) italicAngle = v.getInt32(post.offset + 4) / 65536;
    this.metrics = { unitsPerEm, ascent, descent, capHeight, xHeight, bbox, italicAngle, flags: 32 };
    this.name = this.readName() ?? label;
  }

  private table(tag: string): TableRecord {
    return this.tables.get(tag)!;
  }

  private readCmap(label: string): void {
    const v = this.view;
    const cmap = this.table('cmap').offset;
    const n = v.getUint16(cmap + 2);
    let best = -1;
    let bestRank = -1;
    for (let i = 0; i < n; i++) {
      const rec = cmap + 4 + i * 8;
      const pid = v.getUint16(rec);
      const eid = v.getUint16(rec + 2);
      const off = cmap + v.getUint32(rec + 4);
      const format = v.getUint16(off);
      const rank =
        pid === 3 && eid === 10 && format === 12 ? 4 : pid === 0 && format === 12 ? 3 : pid === 3 && eid === 1 && format === 4 ? 2 : pid === 0 && format === 4 ? 1 : -1;
      if (rank > bestRank) {
        bestRank = rank;
        best = off;
      }
    }
    if (best < 0) throw new FolioError('validation', 'FONT_UNSUPPORTED', `${label} has no Unicode cmap`, 'font');
    const set = (cp: number, gid: number) => {
      if (gid === 0 || gid >= this.numGlyphs) return;
      if (cp < 65536) this.bmp[cp] = gid;
      else this.astral.set(cp, gid);
      if (!this.unicodeOf.has(gid)) this.unicodeOf.set(gid, cp);
    };
    if (v.getUint16(best) === 12) {
      const groups = v.getUint32(best + 12);
      for (let i = 0; i < groups; i++) {
        const g = best + 16 + i * 12;
        const start = v.getUint32(g);
        const end = v.getUint32(g + 4);
        const gid = v.getUint32(g + 8);
        for (let cp = start; cp <= end && cp <= 0x10ffff; cp++) set(cp, gid + (cp - start));
      }
      return;
    }
    const segX2 = v.getUint16(best + 6);
    const ends = best + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = v.getUint16(ends + s * 2);
      const start = v.getUint16(starts + s * 2);
      const delta = v.getInt16(deltas + s * 2);
      const rangeOffset = v.getUint16(ranges + s * 2);
      for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
        let gid: number;
        if (rangeOffset === 0) gid = (cp + delta) & 0xffff;
        else {
          const at = ranges + s * 2 + rangeOffset + (cp - start) * 2;
          gid = v.getUint16(at);
          if (gid !== 0) gid = (gid + delta) & 0xffff;
        }
        set(cp, gid);
      }
    }
  }

  private readName(): string | null {
    const rec = this.tables.get('name');
    if (!rec) return null;
    const v = this.view;
    const count = v.getUint16(rec.offset + 2);
    const strings = rec.offset + v.getUint16(rec.offset + 4);
    for (let i = 0; i < count; i++) {
      const r = rec.offset + 6 + i * 12;
      if (v.getUint16(r) === 3 && v.getUint16(r + 6) === 6) {
        const len = v.getUint16(r + 8);
        const off = strings + v.getUint16(r + 10);
        let s = '';
        for (let j = 0; j < len; j += 2) s += String.fromCharCode(v.getUint16(off + j));
        return s.replace(/[^A-Za-z0-9-]/g, '');
      }
    }
    return null;
  }

  /** The glyph for a code point, 0 when the font has none. */
  glyphFor(cp: number): number {
    return cp < 65536 ? this.bmp[cp]! : (this.astral.get(cp) ?? 0);
  }

  /** The glyph ids a composite glyph is built from (empty for a simple glyph). */
  components(gid: number): number[] {
    const start = this.glyphStart[gid]!;
    if (this.glyphEnd[gid]! - start < 10 || this.view.getInt16(start) >= 0) return [];
    const out: number[] = [];
    let p = start + 10;
    for (;;) {
      const flags = this.view.getUint16(p);
      out.push(this.view.getUint16(p + 2));
      p += 4 + componentArgsSize(flags);
      if (!(flags & 0x0020)) break;
    }
    return out;
  }

  /**
   * A TrueType font holding `glyphs` (old ids, 0 first), renumbered 0..n-1 in that order.
   * Components of composite glyphs must already be in the list.
   */
  subset(glyphs: number[]): Uint8Array {
    const v = this.view;
    const src = this.bytes;
    const newId = new Map<number, number>();
    glyphs.forEach((g, i) => newId.set(g, i));
    let glyfLen = 0;
    for (const g of glyphs) glyfLen += (this.glyphEnd[g]! - this.glyphStart[g]! + 3) & ~3;
    const glyf = new Uint8Array(glyfLen);
    const loca = new Uint8Array((glyphs.length + 1) * 4);
    const locaView = new DataView(loca.buffer);
    const glyfView = new DataView(glyf.buffer);
    let at = 0;
    glyphs.forEach((g, i) => {
      locaView.setUint32(i * 4, at);
      const s = this.glyphStart[g]!;
      const e = this.glyphEnd[g]!;
      glyf.set(src.subarray(s, e), at);
      if (e - s >= 10 && v.getInt16(s) < 0) {
        let p = at + 10;
        for (;;) {
          const flags = glyfView.getUint16(p);
          const old = glyfView.getUint16(p + 2);
          const mapped = newId.get(old);
          if (mapped === undefined) throw new FolioError('internal', 'FONT_SUBSET', `component glyph ${old} missing from subset`);
          glyfView.setUint16(p + 2, mapped);
          p += 4 + componentArgsSize(flags);
          if (!(flags & 0x0020)) break;
        }
      }
      at += (e - s + 3) & ~3;
    });
    locaView.setUint32(glyphs.length * 4, at);
    const hmtx = new Uint8Array(glyphs.length * 4);
    const hmtxView = new DataView(hmtx.buffer);
    glyphs.forEach((g, i) => {
      hmtxView.setUint16(i * 4, this.advances[g]!);
      hmtxView.setInt16(i * 4 + 2, this.lsbs[g]!);
    });
    const copy = (tag: string) => {
      const r = this.table(tag);
      return src.slice(r.offset, r.offset + r.length);
    };
    const head = copy('head');
    new DataView(head.buffer).setUint32(8, 0);
    new DataView(head.buffer).setInt16(50, 1);
    const hhea = copy('hhea');
    new DataView(hhea.buffer).setUint16(34, glyphs.length);
    const maxp = copy('maxp');
    new DataView(maxp.buffer).setUint16(4, glyphs.length);
    const post = new Uint8Array(32);
    if (this.tables.has('post')) post.set(src.subarray(this.table('post').offset, this.table('post').offset + 32));
    new DataView(post.buffer).setUint32(0, 0x00030000);
    const out: Array<[string, Uint8Array]> = [
      ['glyf', glyf],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', hmtx],
      ['loca', loca],
      ['maxp', maxp],
      ['post', post],
    ];
    for (const t of ['OS/2', 'cvt ', 'fpgm', 'prep']) if (this.tables.has(t)) out.push([t, copy(t)]);
    return writeSfnt(out);
  }
}

function componentArgsSize(flags: number): number {
  let n = flags & 0x0001 ? 4 : 2;
  if (flags & 0x0008) n += 2;
  else if (flags & 0x0040) n += 4;
  else if (flags & 0x0080) n += 8;
  return n;
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  const n = data.length;
  for (let i = 0; i < n; i += 4) {
    const word = ((data[i]! << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0)) >>> 0;
    sum = (sum + word) >>> 0;
  }
  return sum;
}

/** Writes an sfnt file from tables (tags sorted, 4-byte aligned, checksums and head adjustment set). */
function writeSfnt(tables: Array<[string, Uint8Array]>): Uint8Array {
  tables.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const n = tables.length;
  let size = 12 + n * 16;
  for (const [, d] of tables) size += (d.length + 3) & ~3;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= n) entrySelector++;
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, (1 << entrySelector) * 16);
  v.setUint16(8, entrySelector);
  v.setUint16(10, n * 16 - (1 << entrySelector) * 16);
  let at = 12 + n * 16;
  let headAt = -1;
  tables.forEach(([tag, data], i) => {
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = tag.charCodeAt(k);
    v.setUint32(rec + 4, checksum(data));
    v.setUint32(rec + 8, at);
    v.setUint32(rec + 12, data.length);
    out.set(data, at);
    if (tag === 'head') headAt = at;
    at += (data.length + 3) & ~3;
  });
  if (headAt >= 0) v.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
