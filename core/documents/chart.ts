/**
 * The profile as a bar chart drawn with jsPDF primitives: one row per domain in the fixed domain
 * order, the bar over the three band zones, and the percent and band written beside it, so the
 * chart reads correctly in black-and-white print too.
 */
import type { jsPDF } from 'jspdf';
import type { ResultDocument } from '../contracts/results.ts';
import { DOMAIN_COLORS, INK, lineHeight, MUTED, RULE, useFont, wrap, write, type Rgb } from './layout.ts';

const LABEL = 58;
const VALUE = 27;
const ROW = 15;
const BAR = 6.5;
const HEADER = 7;
/** Band limits in percent, as in core/scoring/profile.ts. */
const ZONES: [from: number, to: number, tint: Rgb][] = [
  [0, 33.5, [246, 247, 249]],
  [33.5, 66.5, [238, 241, 245]],
  [66.5, 100, [229, 234, 241]],
];

/** Draws the chart with its top-left corner at (x, y); returns its height in mm. */
export function drawProfileChart(
  doc: jsPDF,
  { bars: profile, bands: zoneLabels }: ResultDocument['profile'],
  x: number,
  y: number,
  width: number,
): number {
  const barX = x + LABEL;
  const barW = width - LABEL - VALUE;
  const bodyY = y + HEADER;
  const height = HEADER + ROW * profile.length;

  ZONES.forEach(([from, to, tint], i) => {
    const zx = barX + (barW * from) / 100;
    const zw = (barW * (to - from)) / 100;
    doc.setFillColor(...tint);
    doc.rect(zx, bodyY, zw, ROW * profile.length, 'F');
    useFont(doc, 8, false, MUTED);
    write(doc, zoneLabels[i]!, zx + zw / 2, y + 1, { align: 'center' });
  });
  doc.setDrawColor(...RULE);
  doc.setLineWidth(0.2);
  for (const at of [33.5, 66.5])
    doc.line(barX + (barW * at) / 100, bodyY, barX + (barW * at) / 100, bodyY + ROW * profile.length);

  profile.forEach((p, i) => {
    const rowY = bodyY + i * ROW;
    const mid = rowY + ROW / 2;
    useFont(doc, 10, true, INK);
    const title = wrap(doc, p.title, LABEL - 3);
    const subjectSize = 7.5;
    const titleH = title.length * lineHeight(10, 1.15);
    const blockH = titleH + lineHeight(subjectSize);
    write(doc, title, x, mid - blockH / 2, { lineHeightFactor: 1.15 });
    useFont(doc, subjectSize, false, MUTED);
    write(doc, wrap(doc, p.subject, LABEL - 3)[0]!, x, mid - blockH / 2 + titleH);

    const w = (barW * p.percent) / 100;
    doc.setFillColor(...DOMAIN_COLORS[p.domain]);
    if (w > 0) doc.roundedRect(barX, mid - BAR / 2, Math.max(w, 1.2), BAR, 0.8, 0.8, 'F');
    useFont(doc, 11, true, INK);
    write(doc, `${p.percent} %`, barX + barW + 3, mid - 0.6, { baseline: 'middle' });
    useFont(doc, 8, false, MUTED);
    write(doc, p.bandTitle, barX + barW + 3, mid + 3.4, { baseline: 'middle' });
    if (i > 0) {
      doc.setDrawColor(...RULE);
      doc.line(x, rowY, barX, rowY);
    }
  });
  return height;
}
