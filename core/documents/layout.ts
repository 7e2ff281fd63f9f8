/**
 * Shared page furniture for the documents: a new A4 document with PT Sans, colours, and a flow
 * that wraps text to a width and moves to a new page before a line would cross the bottom margin.
 */
import { jsPDF, type TextOptionsLight } from 'jspdf';
import { documentMessages } from '../messages/documents.ts';
import type { Rgb } from './domain-colors.ts';
import { FONT_FAMILY, registerFonts, type FontData } from './fonts.ts';

export { DOMAIN_COLORS, type Rgb } from './domain-colors.ts';

export const INK: Rgb = [33, 37, 41];
export const MUTED: Rgb = [98, 106, 115];
export const ACCENT: Rgb = [24, 86, 160];
export const TINT: Rgb = [236, 242, 250];
export const RULE: Rgb = [206, 214, 224];

const PT_TO_MM = 25.4 / 72;

/** Height of one line of `size`-point text at the documents' line spacing. */
export const lineHeight = (size: number, spacing = 1.3) => size * PT_TO_MM * spacing;

export function newDocument(
  fonts: FontData,
  orientation: 'portrait' | 'landscape',
  properties: { title: string; subject: string },
): jsPDF {
  const doc = new jsPDF({
    unit: 'mm',
    format: 'a4',
    orientation,
    compress: true,
    putOnlyUsedFonts: true,
  });
  registerFonts(doc, fonts);
  doc.setProperties({ ...properties, creator: documentMessages.creator });
  doc.setLanguage('ru');
  return doc;
}

/**
 * The documents' text is Russian, left to right, and already in display order. Saying so lets
 * jsPDF skip its Unicode bidi reordering, which otherwise is a large share of every text call.
 */
const LTR = { isInputVisual: true, isOutputVisual: true, isInputRtl: false, isOutputRtl: false } as const;

/** Text at (x, y), `y` being the top of the first line unless `options` say otherwise. */
export function write(doc: jsPDF, text: string | string[], x: number, y: number, options: TextOptionsLight = {}): void {
  doc.text(text, x, y, { baseline: 'top', ...LTR, ...options });
}

export function useFont(doc: jsPDF, size: number, bold = false, color: Rgb = INK): void {
  doc.setFont(FONT_FAMILY, bold ? 'bold' : 'normal');
  doc.setFontSize(size);
  doc.setTextColor(...color);
}

const NBSP = '\u00a0';
/** Spaces a line must not break at: after «№» and after an initial before the next one or a name. */
const KEEP_TOGETHER = /(№|(?:^|[\s«(])[А-ЯЁA-Z]\.) (?=\S)/gu;

/** Lines of `text` that fit `width` mm in the current font. */
export function wrap(doc: jsPDF, text: string, width: number): string[] {
  const glued = text.replace(KEEP_TOGETHER, `$1${NBSP}`);
  return (doc.splitTextToSize(glued, width) as string[]).map((line) => line.replaceAll(NBSP, ' '));
}

/** The largest size (down to `min`) at which `text` fits on one line of `width` mm. */
export function fitSize(doc: jsPDF, text: string, width: number, max: number, min: number, bold = true): number {
  doc.setFont(FONT_FAMILY, bold ? 'bold' : 'normal');
  let size = max;
  while (size > min && doc.getStringUnitWidth(text) * size * PT_TO_MM > width) size -= 0.5;
  return size;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: Rgb;
  indent?: number;
  /** Space after the block, mm. */
  after?: number;
}

/** Writes downwards from `y`, starting a new page when the next line would not fit. */
export class Flow {
  y: number;

  constructor(
    readonly doc: jsPDF,
    readonly left: number,
    readonly width: number,
    readonly top: number,
    readonly bottom: number,
    y = top,
  ) {
    this.y = y;
  }

  /** Starts a new page unless `height` mm still fit on this one. */
  ensure(height: number): void {
    if (this.y + height <= this.bottom) return;
    this.doc.addPage();
    this.y = this.top;
  }

  space(mm: number): void {
    this.y += mm;
  }

  text(text: string, style: TextStyle = {}): void {
    const { size = 10.5, bold = false, color = INK, indent = 0, after = 0 } = style;
    useFont(this.doc, size, bold, color);
    const step = lineHeight(size);
    let lines = wrap(this.doc, text, this.width - indent);
    while (lines.length > 0) {
      this.ensure(step);
      // One text call per page: jsPDF's per-call work (events, bidi) is a large share of a page.
      const fit = Math.max(1, Math.min(lines.length, Math.floor((this.bottom - this.y) / step)));
      write(this.doc, lines.slice(0, fit), this.left + indent, this.y, { lineHeightFactor: 1.3 });
      this.y += fit * step;
      lines = lines.slice(fit);
    }
    this.y += after;
  }

  /** A section title, kept on the same page as at least `keep` mm of what follows it. */
  heading(text: string, keep = 20): void {
    this.ensure(lineHeight(14) + keep);
    this.text(text, { size: 14, bold: true, color: ACCENT, after: 1.5 });
  }

  bullets(items: readonly string[], style: TextStyle = {}): void {
    const size = style.size ?? 10.5;
    for (const item of items) {
      this.ensure(lineHeight(size));
      this.doc.setFillColor(...ACCENT);
      this.doc.circle(this.left + 1.6, this.y + size * PT_TO_MM * 0.47, 0.65, 'F');
      this.text(item, { ...style, indent: 5, after: style.after ?? 1 });
    }
  }
}
