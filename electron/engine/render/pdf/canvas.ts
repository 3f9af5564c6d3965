/**
 * Drawing on PDF pages with top-down coordinates (y grows downwards from the top edge; a text's
 * y is its baseline). Writes PDF content-stream operators directly and counts how often the
 * amounts the QA check expects were drawn.
 */
import type { FontSet, Style } from '../fonts/fontset';
import { fmtNum, type DocFonts } from './fonts';

export type RGB = readonly [number, number, number];

export interface TextStyle {
  size: number;
  style?: Style;
  color?: RGB;
}

export function hexColor(hex: string): RGB {
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** `c` mixed with white: t = 0 → c, t = 1 → white. */
export function tint(c: RGB, t: number): RGB {
  return [c[0] + (1 - c[0]) * t, c[1] + (1 - c[1]) * t, c[2] + (1 - c[2]) * t];
}

const DEFAULT_INK: RGB = [0.1, 0.1, 0.1];
const colorOps = new WeakMap<RGB, string>();
/** the fill colour operator (cached per colour array) */
function colorOp(c: RGB, op = 'rg'): string {
  if (op !== 'rg') return `${fmtC(c[0])} ${fmtC(c[1])} ${fmtC(c[2])} ${op}\n`;
  let s = colorOps.get(c);
  if (!s) colorOps.set(c, (s = `${fmtC(c[0])} ${fmtC(c[1])} ${fmtC(c[2])} rg\n`));
  return s;
}
const fmtC = (v: number) => String(Math.round(v * 1000) / 1000);

/** A growing byte buffer for one page's content stream (fewer long-lived strings than an array). */
export class PageBuffer {
  private buf = Buffer.allocUnsafe(16384);
  length = 0;

  write(s: string): void {
    if (this.length + s.length > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + s.length));
      this.buf.copy(next, 0, 0, this.length);
      this.buf = next;
    }
    this.length += this.buf.write(s, this.length, 'latin1');
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

export class Canvas {
  /** each page's content stream (latin1 bytes), written as it is drawn */
  readonly pages: PageBuffer[] = [];
  /**
   * QA: how many times each watched text (the amounts the check expects) was drawn; texts not
   * in the map are not counted (nothing else is kept)
   */
  watch: Map<string, number> = new Map();
  page = -1;

  constructor(
    readonly fonts: DocFonts,
    readonly fontSet: FontSet,
    readonly width: number,
    readonly height: number,
  ) {}

  /** per page: the current fill colour and font operators (graphics state carries over) */
  private readonly states: Array<{ fill: string; font: string }> = [];

  addPage(): number {
    this.pages.push(new PageBuffer());
    this.states.push({ fill: '', font: '' });
    this.page = this.pages.length - 1;
    return this.page;
  }

  /** The fill colour operator, when it changes the page's current fill colour. */
  private fill(c: RGB): string {
    const op = colorOp(c);
    const state = this.states[this.page]!;
    if (state.fill === op) return '';
    state.fill = op;
    return op;
  }

  /** Switches drawing to an earlier page (headers and footers after layout). */
  onPage(i: number): void {
    this.page = i;
  }

  measure(text: string, t: TextStyle): number {
    return this.fontSet.width(text, t.style ?? 0, t.size);
  }

  /** Draws text with its left end at x (baseline y); returns its width. */
  text(text: string, x: number, y: number, t: TextStyle): number {
    return this.place(text, x, 0, y, t);
  }

  /** Draws text at x minus `shift` × its width (0 left, 1 right-aligned, 0.5 centred). */
  private place(text: string, x: number, shift: number, y: number, t: TextStyle): number {
    if (!text) return 0;
    const state = this.states[this.page]!;
    const ops = this.fonts.show(text, t.style ?? 0, t.size, state);
    const w = this.fonts.lastWidth;
    this.pages[this.page]!.write(`BT\n${this.fill(t.color ?? DEFAULT_INK)}1 0 0 1 ${fmtNum(x - shift * w)} ${fmtNum(this.height - y)} Tm\n${ops}\nET\n`);
    const seen = this.watch.get(text);
    if (seen !== undefined) this.watch.set(text, seen + 1);
    return w;
  }

  textRight(text: string, right: number, y: number, t: TextStyle): void {
    this.place(text, right, 1, y, t);
  }

  textCenter(text: string, center: number, y: number, t: TextStyle): void {
    this.place(text, center, 0.5, y, t);
  }

  rect(x: number, y: number, w: number, h: number, fill: RGB): void {
    this.pages[this.page]!.write(
      `${this.fill(fill)}${fmtNum(x)} ${fmtNum(this.height - y - h)} ${fmtNum(w)} ${fmtNum(h)} re f\n`,
    );
  }

  line(x1: number, y1: number, x2: number, y2: number, width: number, color: RGB): void {
    this.pages[this.page]!.write(
      `${colorOp(color, 'RG')}${fmtNum(width)} w ${fmtNum(x1)} ${fmtNum(this.height - y1)} m ${fmtNum(x2)} ${fmtNum(this.height - y2)} l S\n`,
    );
  }

  image(name: string, x: number, y: number, w: number, h: number): void {
    this.pages[this.page]!.write(`q ${fmtNum(w)} 0 0 ${fmtNum(h)} ${fmtNum(x)} ${fmtNum(this.height - y - h)} cm /${name} Do Q\n`);
  }

  /**
   * Breaks text into lines no wider than `width`, at spaces where possible, inside a word when a
   * word alone is too wide. Never drops a character.
   */
  wrap(text: string, width: number, t: TextStyle): string[] {
    if (!text) return [''];
    if (this.measure(text, t) <= width) return [text];
    const out: string[] = [];
    const words = text.split(' ');
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.measure(candidate, t) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = '';
      if (this.measure(word, t) <= width) {
        line = word;
        continue;
      }
      // a word wider than the column: break it between characters
      let piece = '';
      for (const ch of word) {
        if (piece && this.measure(piece + ch, t) > width) {
          out.push(piece);
          piece = '';
        }
        piece += ch;
      }
      line = piece;
    }
    if (line || !out.length) out.push(line);
    return out;
  }
}
