/**
 * The participant's result as a PDF (A4 portrait): who and when, the profile chart, what each
 * domain means for them, fields and professions to look at, their own shortlist, what to try next,
 * and that it is advisory — the words from result-content.ts, which the cabinet's screen shows
 * too. The same function runs on the server, in the kiosk host and in the kiosk renderer offline.
 */
import type { jsPDF } from 'jspdf';
import type { ResultDocument } from '../contracts/results.ts';
import { documentMessages as d } from '../messages/documents.ts';
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
import { resultDocument, type ResultPdfInput } from './result-content.ts';

export type { ResultPdfInput } from './result-content.ts';

const LEFT = 18;
const WIDTH = 174;
const TOP = 18;
const BOTTOM = 275;

function header(doc: jsPDF, c: ResultDocument): number {
  doc.setFillColor(...ACCENT);
  doc.rect(0, 0, 210, 24, 'F');
  useFont(doc, 9, false, [214, 228, 247]);
  write(doc, d.action, LEFT, 7);
  useFont(doc, 15, true, [255, 255, 255]);
  write(doc, wrap(doc, c.campaignTitle, 120)[0]!, LEFT, 12);
  useFont(doc, 10, false, [255, 255, 255]);
  write(doc, c.title, 210 - LEFT, 13.5, { align: 'right' });
  return 32;
}

type Field = ResultDocument['identity'][number];

/** Label above value, as on a form; returns the height used. */
function field(doc: jsPDF, label: string, value: string, x: number, y: number, width: number, size = 11.5): number {
  useFont(doc, 8.5, false, MUTED);
  write(doc, label, x, y);
  useFont(doc, size, size > 12, INK);
  const lines = wrap(doc, value, width);
  write(doc, lines, x, y + 4.2, { lineHeightFactor: 1.25 });
  return 4.2 + lines.length * lineHeight(size, 1.25);
}

function identity(doc: jsPDF, c: ResultDocument, y: number): number {
  const [who, school, schoolClass, date] = c.identity as [Field, Field, Field, Field];
  useFont(doc, 22, true, INK);
  write(doc, c.title, LEFT, y);
  y += 12;
  y += field(doc, who.label, who.value, LEFT, y, WIDTH, 15) + 2.5;
  y += field(doc, school.label, school.value, LEFT, y, WIDTH) + 2.5;
  const h = field(doc, schoolClass.label, schoolClass.value, LEFT, y, 40);
  field(doc, date.label, date.value, LEFT + 60, y, 80);
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

function body(flow: Flow, c: ResultDocument): void {
  const { doc } = flow;
  flow.heading(c.profile.title, 100);
  flow.text(c.profile.hint, { size: 9, color: MUTED, after: 3 });
  flow.y += drawProfileChart(doc, c.profile, LEFT, flow.y, WIDTH) + 6;
  if (c.incomplete) flow.text(c.incomplete, { size: 9.5, bold: true, after: 3 });
  callout(flow, c.summary);

  flow.heading(c.meaning.title, 30);
  for (const item of c.meaning.items) {
    flow.ensure(lineHeight(11) + 3 * lineHeight(10.5));
    doc.setFillColor(...DOMAIN_COLORS[item.domain]);
    doc.circle(LEFT + 1.6, flow.y + 2.2, 1.6, 'F');
    useFont(doc, 11, true);
    write(doc, item.title, LEFT + 5, flow.y);
    const titleW = doc.getTextWidth(item.title);
    useFont(doc, 10, false, MUTED);
    write(doc, ` · ${item.interest}`, LEFT + 5 + titleW, flow.y + 0.5);
    flow.y += lineHeight(11) + 0.5;
    flow.text(item.text, { indent: 5, after: 3.5 });
  }

  flow.heading(c.recommendations.title, 40);
  for (const rec of c.recommendations.items) {
    flow.ensure(lineHeight(11.5) + 2 * lineHeight(10.5));
    flow.text(rec.title, { size: 11.5, bold: true, color: DOMAIN_COLORS[rec.domain], after: 1 });
    for (const f of rec.fields) flow.bullets([f]);
    flow.space(2.5);
  }

  if (c.shortlist) {
    flow.heading(c.shortlist.title);
    flow.text(c.shortlist.intro, { after: 1 });
    flow.text(c.shortlist.text, { bold: true, after: 4 });
  }

  flow.heading(c.nextSteps.title);
  flow.bullets(c.nextSteps.items);
  flow.space(4);
  callout(flow, c.advisory.text, c.advisory.title);
}

/** The result PDF's bytes. `fonts` is PT Sans as base64, loaded once by the host. */
export function renderResultPdf(input: ResultPdfInput, fonts: FontData): Uint8Array {
  const content = resultDocument(input);
  const doc = newDocument(fonts, 'portrait', {
    title: `${content.title}: ${input.fullName}`,
    subject: input.campaignTitle,
  });
  const y = identity(doc, content, header(doc, content));
  body(new Flow(doc, LEFT, WIDTH, TOP, BOTTOM, y), content);
  footers(doc, input);
  return new Uint8Array(doc.output('arraybuffer'));
}
