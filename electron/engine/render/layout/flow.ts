/**
 * The page flow of a document: where the body starts and ends on each page, the current
 * position, and page breaks (which redraw whatever must repeat, such as a table's column headers).
 */
import type { Canvas, RGB } from '../pdf/canvas';

export const INK: RGB = [0.11, 0.12, 0.14];
export const MUTED: RGB = [0.4, 0.41, 0.45];
export const RULE: RGB = [0.78, 0.79, 0.82];
export const ZEBRA: RGB = [0.965, 0.968, 0.975];
export const ERROR_RED: RGB = [0.72, 0.11, 0.11];
export const WARN_AMBER: RGB = [0.75, 0.45, 0.02];

export class Flow {
  readonly margin = 42;
  y = 0;
  /** called after a page break, to redraw what repeats (column headers) */
  onBreak: (() => void) | null = null;

  constructor(readonly canvas: Canvas) {}

  get left(): number {
    return this.margin;
  }
  get right(): number {
    return this.canvas.width - this.margin;
  }
  get width(): number {
    return this.right - this.left;
  }
  /** top of the body on pages after the first (below the running header) */
  get top(): number {
    return this.margin + 22;
  }
  /** bottom of the body (above the footer) */
  get bottom(): number {
    return this.canvas.height - 52;
  }
  /** the height of an empty page's body */
  get pageBody(): number {
    return this.bottom - this.top;
  }

  newPage(): void {
    this.canvas.addPage();
    this.y = this.top;
    this.onBreak?.();
  }

  /** Makes room for `h` points: a new page when the rest of this one is too short. */
  ensure(h: number): boolean {
    if (this.y + h <= this.bottom) return false;
    this.newPage();
    return true;
  }
}
