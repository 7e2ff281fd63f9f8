/**
 * «Сертификат участника» and «Сертификат соорганизатора» (A4 landscape): one layout, two wordings.
 * Each carries its serial and a QR code of the page that confirms it, `${baseUrl}/verify/${serial}`.
 */
import type { jsPDF } from 'jspdf';
import { formatDayRu, type IsoDate } from '../calendar.ts';
import { findRegion } from '../data/regions.ts';
import { certificateMessages as m, documentMessages as d } from '../messages/documents.ts';
import type { FontData } from './fonts.ts';
import {
  ACCENT,
  DOMAIN_COLORS,
  fitSize,
  INK,
  lineHeight,
  MUTED,
  newDocument,
  useFont,
  wrap,
  write,
  type Rgb,
} from './layout.ts';
import { drawQr } from './qr.ts';
import { verificationUrl } from './serial.ts';

interface CertificateBase {
  fullName: string;
  schoolName: string;
  /** Region code («54») or name. */
  region?: string;
  /** The campaign's title, e.g. «Моё будущее — 2026». */
  campaignTitle: string;
  /** The day of issue, in the school's time zone. */
  date: IsoDate;
  serial: string;
  /** Where the verification page lives, e.g. https://moe-budushchee.example.ru */
  baseUrl: string;
}

export interface ParticipantCertificateInput extends CertificateBase {
  region: string;
  /** Chooses «принял»/«приняла»; without it the text says «принял(а)». */
  gender?: 'female' | 'male';
}

export interface CoorganizerCertificateInput extends CertificateBase {
  /** How many students of the school took part, if the cabinet wants it printed. */
  participants?: number;
}

const W = 297;
const H = 210;
const CX = W / 2;
const TEXT_W = 225;
/** Height of the middle band, between the dots under the title and the date and QR code. */
const MIDDLE = 78;

/** Where the QR code sits on a certificate, in mm from the top-left corner (quiet zone included). */
export const CERTIFICATE_QR = { x: W - 52, y: H - 52, size: 32 } as const;

const unquoted = (title: string) => title.replace(/^«(.*)»$/u, '$1');

function frame(doc: jsPDF): void {
  doc.setDrawColor(...ACCENT);
  doc.setLineWidth(1.4);
  doc.rect(8, 8, W - 16, H - 16);
  doc.setLineWidth(0.3);
  doc.rect(11.5, 11.5, W - 23, H - 23);
  // Five dots in the domains' colours: the action's five worlds of professions.
  Object.values(DOMAIN_COLORS).forEach((color, i) => {
    doc.setFillColor(...color);
    doc.circle(CX + (i - 2) * 7, 62, 1.5, 'F');
  });
}

/** A line centred on the page. (No letter-spacing: spaced letters come out of text extraction
 * and screen readers as «С Е Р Т И Ф И К А Т».) */
function centre(doc: jsPDF, text: string, y: number): void {
  write(doc, text, CX, y, { align: 'center' });
}

interface Block {
  lines: string[];
  size: number;
  bold?: boolean;
  color?: Rgb;
  after: number;
}

interface Certificate {
  kind: string;
  input: CertificateBase;
  statement: string;
  details: [label: string, value: string][];
}

/** The middle of the page: who, what, where; centred vertically between the title and the footer. */
function middle(doc: jsPDF, c: Certificate): void {
  const blocks: Block[] = [];
  const add = (text: string, size: number, width: number, max: number, after: number, bold = false, color = INK) => {
    useFont(doc, size, bold, color);
    blocks.push({ lines: wrap(doc, text, width).slice(0, max), size, bold, color, after });
  };
  add(m.confirms, 11, TEXT_W, 1, 2, false, MUTED);
  const nameSize = fitSize(doc, c.input.fullName, TEXT_W, 30, 20);
  add(c.input.fullName, nameSize, TEXT_W, 2, 4, true);
  add(c.statement, 13, TEXT_W - 20, 3, 5);
  for (const [label, value] of c.details) add(`${label}: ${value}`, 11, TEXT_W, 3, 1.5);
  const height = blocks.reduce((h, b) => h + b.lines.length * lineHeight(b.size, 1.25) + b.after, 0);
  let y = 70 + Math.max(0, (MIDDLE - height) / 2);
  for (const b of blocks) {
    useFont(doc, b.size, b.bold, b.color);
    write(doc, b.lines, CX, y, { align: 'center', lineHeightFactor: 1.25 });
    y += b.lines.length * lineHeight(b.size, 1.25) + b.after;
  }
}

function drawCertificate(doc: jsPDF, c: Certificate): void {
  const { input } = c;
  frame(doc);
  useFont(doc, 10, false, MUTED);
  centre(doc, d.action, 19.5);
  useFont(doc, fitSize(doc, unquoted(input.campaignTitle), TEXT_W, 16, 10), true, ACCENT);
  centre(doc, unquoted(input.campaignTitle), 26);
  useFont(doc, 40, true, INK);
  centre(doc, m.title.toUpperCase(), 35);
  useFont(doc, 20, false, ACCENT);
  centre(doc, c.kind, 50.5);
  middle(doc, c);

  const url = verificationUrl(input.baseUrl, input.serial);
  const { x: qrX, y: qrY, size: qr } = CERTIFICATE_QR;
  drawQr(doc, url, qrX, qrY, qr);
  useFont(doc, 8.5, false, MUTED);
  write(doc, m.verify, qrX - 3, qrY + qr - 9, { align: 'right' });
  useFont(doc, 8, false, ACCENT);
  write(doc, wrap(doc, url, 110)[0]!, qrX - 3, qrY + qr - 4.5, { align: 'right' });

  const bottom = H - 20;
  useFont(doc, 8.5, false, MUTED);
  write(doc, m.issued, 24, bottom - 21);
  write(doc, m.serial, 24, bottom - 9.5);
  useFont(doc, 11.5, false, INK);
  write(doc, formatDayRu(input.date), 24, bottom - 17);
  useFont(doc, 11.5, true, INK);
  write(doc, `№ ${input.serial}`, 24, bottom - 5.5);
}

function render(c: Certificate, fonts: FontData): Uint8Array {
  const doc = newDocument(fonts, 'landscape', {
    title: `${m.title} ${c.kind}: ${c.input.fullName}`,
    subject: `${c.input.campaignTitle}, ${c.input.serial}`,
  });
  drawCertificate(doc, c);
  return new Uint8Array(doc.output('arraybuffer'));
}

const regionName = (region: string) => findRegion(region)?.name ?? region;

export function renderParticipantCertificatePdf(input: ParticipantCertificateInput, fonts: FontData): Uint8Array {
  return render(
    {
      kind: m.participantKind,
      input,
      statement: m.participated(input.gender, unquoted(input.campaignTitle)),
      details: [
        [m.school, input.schoolName],
        [m.region, regionName(input.region)],
      ],
    },
    fonts,
  );
}

export function renderCoorganizerCertificatePdf(input: CoorganizerCertificateInput, fonts: FontData): Uint8Array {
  const details: [string, string][] = [[m.school, input.schoolName]];
  if (input.region) details.push([m.region, regionName(input.region)]);
  if (input.participants !== undefined) details.push([m.participants, String(input.participants)]);
  return render(
    { kind: m.coorganizerKind, input, statement: m.coorganized(unquoted(input.campaignTitle)), details },
    fonts,
  );
}
