/**
 * PDF documents: one result PDF cold (the process's first, fonts loaded and parsed), then 500 in
 * the same process, beside bare jsPDF writing the same text with the same font in the same run:
 * PT Sans added to each document the ordinary way (addFileToVFS + addFont), each line of our
 * result written with doc.text, same page size and compression. The two run one after the other
 * with a full garbage collection between, so neither pays for the other's garbage (bare jsPDF
 * makes a lot: it decodes and parses 570 KB of fonts per document); CPU time is reported beside
 * wall time, since it moves less on a busy machine. Also: participant certificates, 100 in a row.
 * Targets: < 20 ms per result PDF in the batch; within 1.2× of bare jsPDF.
 */
import { jsPDF } from 'jspdf';
import { renderParticipantCertificatePdf, renderResultPdf, type FontData } from '../../core/documents/index.ts';
import { loadFonts } from '../../core/node/fonts.ts';
import { resultInput } from '../unit/documents/documents.factory.ts';

const BATCH = 500;
const BARE = 100;
const CERTIFICATES = 100;

// From the command line (`npm run bench`): turning the flag on at run time with v8.setFlagsFromString
// slowed everything else in the process by a third, the ingest bench included.
function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run the benches with node --expose-gc (npm run bench)');
  collect();
}

const round = (n: number) => Math.round(n * 100) / 100;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

interface Line {
  str: string;
  size: number;
  bold: boolean;
}

/** Every text run of our result PDF, with its size and face, read back with pdf.js. */
async function linesOf(pdf: Uint8Array): Promise<Line[]> {
  // Loaded only here: pdf.js's legacy build replaces built-ins with polyfills on import, which
  // slowed every other bench in the process by a third (run.ts runs this one last).
  const { readPdf } = await import('../unit/documents/pdf.helpers.ts');
  const items = (await readPdf(pdf)).flatMap((p) => p.items);
  // The big title is set in bold: its font resource tells the bold runs from the regular ones.
  const bold = items.filter((i) => i.str === 'Результат участия').sort((a, b) => b.height - a.height)[0]!.font;
  return items.map((i) => ({ str: i.str, size: Math.max(6, Math.round(i.height)), bold: i.font === bold }));
}

function barePdf(lines: readonly Line[], fonts: FontData): Uint8Array {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true, putOnlyUsedFonts: true });
  doc.addFileToVFS('PTSans-Regular.ttf', fonts.regular);
  doc.addFont('PTSans-Regular.ttf', 'PTSans', 'normal');
  doc.addFileToVFS('PTSans-Bold.ttf', fonts.bold);
  doc.addFont('PTSans-Bold.ttf', 'PTSans', 'bold');
  let y = 18;
  for (const line of lines) {
    if (y > 275) {
      doc.addPage();
      y = 18;
    }
    doc.setFont('PTSans', line.bold ? 'bold' : 'normal');
    doc.setFontSize(line.size);
    doc.text(line.str, 18, y, { baseline: 'top' });
    y += line.size * 0.46;
  }
  return new Uint8Array(doc.output('arraybuffer'));
}

/** CPU milliseconds spent by this process so far (all its threads: GC helpers included). */
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** Wall time of `fn`; its CPU time is added to `cpu.ms`, which stays meaningful on a busy machine. */
function time(fn: () => void, cpu?: { ms: number }): number {
  const [t, c] = [performance.now(), cpuMs()];
  fn();
  if (cpu) cpu.ms += cpuMs() - c;
  return performance.now() - t;
}

/**
 * The baseline other benches set PDF work beside, measured in their own run: bare jsPDF writing
 * our result's text, and our result PDF, each `runs` times in this process (mean wall and CPU ms).
 */
export async function pdfBaseline(runs = BARE) {
  const fonts = loadFonts();
  const lines = await linesOf(renderResultPdf(resultInput(), fonts));
  const [bareCpu, oursCpu] = [{ ms: 0 }, { ms: 0 }];
  let [bare, ours] = [0, 0];
  gc();
  for (let i = 0; i < runs; i++) bare += time(() => barePdf(lines, fonts), bareCpu);
  gc();
  for (let i = 0; i < runs; i++)
    ours += time(() => renderResultPdf(resultInput({ fullName: `Иванова Мария ${i}` }), fonts), oursCpu);
  return {
    bareMeanMs: round(bare / runs),
    bareCpuMeanMs: round(bareCpu.ms / runs),
    resultMeanMs: round(ours / runs),
    resultCpuMeanMs: round(oursCpu.ms / runs),
  };
}

export async function benchPdf(): Promise<Record<string, number>> {
  let fonts!: FontData;
  let pdf!: Uint8Array;
  const first = time(() => {
    fonts = loadFonts();
    pdf = renderResultPdf(resultInput(), fonts);
  });
  const lines = await linesOf(pdf);
  const bareBytes = barePdf(lines, fonts).length;

  const ours: number[] = [];
  const bare: number[] = [];
  const [oursCpu, bareCpu] = [{ ms: 0 }, { ms: 0 }];
  const inputs = Array.from({ length: BATCH }, (_, n) =>
    resultInput({ fullName: `Иванова Мария ${n}`, schoolClass: `${1 + (n % 11)}А` }),
  );
  gc();
  for (const input of inputs) ours.push(time(() => renderResultPdf(input, fonts), oursCpu));
  gc();
  for (let i = 0; i < BARE; i++) bare.push(time(() => barePdf(lines, fonts), bareCpu));
  gc();
  const certificates: number[] = [];
  for (let i = 0; i < CERTIFICATES; i++) {
    certificates.push(
      time(() =>
        renderParticipantCertificatePdf(
          {
            fullName: `Иванова Мария ${i}`,
            schoolName: 'МБОУ «Лицей № 9»',
            region: '54',
            campaignTitle: 'Моё будущее — 2026',
            date: '2026-12-16',
            serial: 'MB-2026-7KQ4M2XD',
            baseUrl: 'https://moe-budushchee.example.ru',
          },
          fonts,
        ),
      ),
    );
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const [o, b] = [ours.sort((x, y) => x - y), bare.sort((x, y) => x - y)];
  const out = {
    'pdf.result_first_ms': round(first),
    'pdf.result_batch_mean_ms': round(mean(o)),
    'pdf.result_batch_p95_ms': round(quantile(o, 0.95)),
    'pdf.bare_jspdf_mean_ms': round(mean(b)),
    'pdf.bare_jspdf_p95_ms': round(quantile(b, 0.95)),
    'pdf.result_to_bare_ratio': round(mean(o) / mean(b)),
    'pdf.result_batch_cpu_mean_ms': round(oursCpu.ms / o.length),
    'pdf.bare_jspdf_cpu_mean_ms': round(bareCpu.ms / b.length),
    'pdf.certificate_mean_ms': round(mean(certificates)),
    'pdf.result_kb': round(pdf.length / 1024),
    'pdf.bare_jspdf_kb': round(bareBytes / 1024),
    'pdf.batch_size': BATCH,
    'pdf.bare_runs': BARE,
  };
  for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(36)} ${v}`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPdf();
