/**
 * The participant's result as a PDF (A4 portrait): who and when, the profile chart, what each
 * domain means for them, fields and professions to look at, their own shortlist, what to try next,
 * and that it is advisory. The same function runs on the server, in the kiosk host and in the
 * kiosk renderer offline.
 */
import type { jsPDF } from 'jspdf';
import { formatDayRu, type IsoDate } from '../calendar.ts';
import { documentMessages as d, resultMessages as m } from '../messages/documents.ts';
import type { ScoringResult } from '../scoring/index.ts';
import { drawProfileChart } from './chart.ts';
import type { FontData } from './fonts.ts';
import {
  ACCENT,
  DOMAIN_COLORS,
  Flow,
  INK,
  lineHeight,
  MUTED,
  newDocument,
  RULE,
  TINT,
  useFont,
  wrap,
  write,
} from './layout.ts';

export interface ResultPdfInput {
  /** «Иванова Мария». */
  fullName: string;
  schoolName: string;
  schoolClass: string;
  /** The campaign's title, e.g. «Моё будущее — 2026». */
  campaignTitle: string;
  /** The day the document is issued, in the school's time zone. */
  date: IsoDate;
  result: ScoringResult;
}

const LEFT = 18;
const WIDTH = 174;
const TOP = 18;
const BOTTOM = 275;

function header(doc: jsPDF, input: ResultPdfInput): number {
  doc.setFillColor(...ACCENT);
  doc.rect(0, 0, 210, 24, 'F');
  useFont(doc, 9, false, [214, 228, 247]);
  write(doc, d.action, LEFT, 7);
  useFont(doc, 15, true, [255, 255, 255]);
  write(doc, wrap(doc, input.campaignTitle, 120)[0]!, LEFT, 12);
  useFont(doc, 10, false, [255, 255, 255]);
  write(doc, m.title, 210 - LEFT, 13.5, { align: 'right' });
  return 32;
}

/** Label above value, as on a form; returns the height used. */
function field(doc: jsPDF, label: string, value: string, x: number, y: number, width: number, size = 11.5): number {
  useFont(doc, 8.5, false, MUTED);
  write(doc, label, x, y);
  useFont(doc, size, size > 12, INK);
  const lines = wrap(doc, value, width);
  write(doc, lines, x, y + 4.2, { lineHeightFactor: 1.25 });
  return 4.2 + lines.length * lineHeight(size, 1.25);
}

function identity(doc: jsPDF, input: ResultPdfInput, y: number): number {
  useFont(doc, 22, true, INK);
  write(doc, m.title, LEFT, y);
  y += 12;
  y += field(doc, m.participant, input.fullName, LEFT, y, WIDTH, 15) + 2.5;
  y += field(doc, m.school, input.schoolName, LEFT, y, WIDTH) + 2.5;
  const h = field(doc, m.schoolClass, input.schoolClass, LEFT, y, 40);
  field(doc, m.date, formatDayRu(input.date), LEFT + 60, y, 80);
  y += h + 4;
  doc.setDrawColor(...RULE);
  doc.setLineWidth(0.3);
  doc.line(LEFT, y, LEFT + WIDTH, y);
  return y + 6;
}

/** A tinted box with an accent edge around a paragraph. */
function callout(flow: Flow, text: string, title?: string): void {
  const { doc } = flow;
  useFont(doc, 10.5);
  const lines = wrap(doc, text, WIDTH - 12);
  const titleH = title ? lineHeight(10.5) + 1 : 0;
  const h = titleH + lines.length * lineHeight(10.5) + 8;
  flow.ensure(h);
  doc.setFillColor(...TINT);
  doc.rect(LEFT, flow.y, WIDTH, h, 'F');
  doc.setFillColor(...ACCENT);
  doc.rect(LEFT, flow.y, 1.6, h, 'F');
  const inner = new Flow(doc, LEFT + 7, WIDTH - 12, TOP, BOTTOM, flow.y + 4);
  if (title) inner.text(title, { bold: true, color: ACCENT, after: 1 });
  inner.text(text);
  flow.y += h + 6;
}

function footers(doc: jsPDF, input: ResultPdfInput): void {
  const pages = doc.getNumberOfPages();
  const r = input.result;
  for (let i = 1; i <= pages; i++) {
    doc.setPage(i);
    doc.setDrawColor(...RULE);
    doc.setLineWidth(0.3);
    doc.line(LEFT, 280, LEFT + WIDTH, 280);
    useFont(doc, 8, false, MUTED);
    write(doc, `${input.campaignTitle} · ${d.footerAdvisory}`, LEFT, 282.5);
    write(doc, d.page(i, pages), LEFT + WIDTH, 282.5, { align: 'right' });
    useFont(doc, 6.5, false, MUTED);
    write(doc, d.method(`${r.pack.id} ${r.pack.version}`, r.scoringVersion), LEFT, 286.5);
  }
}

function body(flow: Flow, r: ScoringResult): void {
  const { doc } = flow;
  flow.heading(m.profileTitle, 100);
  flow.text(m.profileHint, { size: 9, color: MUTED, after: 3 });
  flow.y += drawProfileChart(doc, r.profile, LEFT, flow.y, WIDTH) + 6;
  if (!r.complete) flow.text(m.incomplete(r.completedSteps.length, r.stepCount), { size: 9.5, bold: true, after: 3 });
  callout(flow, r.summary);

  flow.heading(m.meaningTitle, 30);
  for (const domain of r.ranking) {
    const p = r.profile.find((s) => s.domain === domain)!;
    flow.ensure(lineHeight(11) + 3 * lineHeight(10.5));
    doc.setFillColor(...DOMAIN_COLORS[domain]);
    doc.circle(LEFT + 1.6, flow.y + 2.2, 1.6, 'F');
    useFont(doc, 11, true);
    write(doc, p.title, LEFT + 5, flow.y);
    const titleW = doc.getTextWidth(p.title);
    useFont(doc, 10, false, MUTED);
    write(doc, ` · ${m.interest(p.bandTitle, p.percent)}`, LEFT + 5 + titleW, flow.y + 0.5);
    flow.y += lineHeight(11) + 0.5;
    flow.text(p.interpretation, { indent: 5, after: 3.5 });
  }

  flow.heading(m.recommendationsTitle, 40);
  for (const rec of r.recommendations) {
    flow.ensure(lineHeight(11.5) + 2 * lineHeight(10.5));
    flow.text(rec.title, { size: 11.5, bold: true, color: DOMAIN_COLORS[rec.domain], after: 1 });
    for (const f of rec.fields) flow.bullets([`${f.title}: ${f.professions.join(', ')}.`]);
    flow.space(2.5);
  }

  if (r.shortlist.length > 0) {
    flow.heading(m.shortlistTitle);
    flow.text(m.shortlistIntro, { after: 1 });
    flow.text(r.shortlist.join(', '), { bold: true, after: 4 });
  }

  flow.heading(m.nextStepsTitle);
  flow.bullets(r.nextSteps);
  flow.space(4);
  callout(flow, r.advisory, m.advisoryTitle);
}

/** The result PDF's bytes. `fonts` is PT Sans as base64, loaded once by the host. */
export function renderResultPdf(input: ResultPdfInput, fonts: FontData): Uint8Array {
  const doc = newDocument(fonts, 'portrait', { title: `${m.title}: ${input.fullName}`, subject: input.campaignTitle });
  const y = identity(doc, input, header(doc, input));
  body(new Flow(doc, LEFT, WIDTH, TOP, BOTTOM, y), input.result);
  footers(doc, input);
  return new Uint8Array(doc.output('arraybuffer'));
}
