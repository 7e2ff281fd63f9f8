/**
 * «Скачать все результаты» for a school of 2 000 students who did all 12 steps (BENCH_EXPORT_STUDENTS
 * scales it): the central server runs as its own process (tests/bench/central-process.ts, SQLite),
 * the class is pushed in over HTTP as a kiosk's outbox would, then a co-organizer starts the
 * export, follows it as the cabinet does and downloads the ZIP. The server's RSS is sampled every
 * 100 ms from /proc while the archive is built and downloaded. Beside it, in the same run, the
 * bare PDF baseline of pdf.bench.ts: bare jsPDF writing our result's text, and our result PDF,
 * in one process with nothing else to do. Targets (issue 13): the ZIP of 2 000 PDFs in under
 * 2 minutes, the server's RSS under 600 MB throughout.
 */
import { CLIENT_HEADER } from '../../core/contracts/api.ts';
import type { ResultsExportJob } from '../../core/contracts/results-export.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Mutation } from '../../core/mutations/schemas.ts';
import { DeviceClient } from '../support/device-client.ts';
import { MutationMaker, PASSWORD } from '../support/factories.ts';
import { pdfBaseline } from './pdf.bench.ts';
import { rssOf, startCentral } from './processes.ts';

const STUDENTS = Number(process.env.BENCH_EXPORT_STUDENTS ?? 2_000);
/** Students per push: 14 changes each (register, activate, 12 steps), under the 500 a push takes. */
const PER_PUSH = 25;
const SURNAMES = ['Иванова', 'Смирнов', 'Кузнецова', 'Попов', 'Васильева', 'Петров', 'Соколова', 'Михайлов'];
const NAMES = ['Алёна', 'Пётр', 'Мария', 'Тимур', 'Ольга', 'Артём', 'Софья', 'Илья', 'Дарья', 'Матвей'];

const round = (n: number) => Math.round(n * 100) / 100;

/** The class of STUDENTS, registered on one enrolled PC of the school with every step done. */
async function seed(url: string, enrollmentCode: string, code: string): Promise<void> {
  const instanceId = uuidv7();
  const res = await fetch(`${url}/api/sync/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode, deviceName: 'ПК 1', instanceId, appVersion: 'bench' }),
  });
  if (res.status !== 201) throw new Error(`enroll failed: ${res.status} ${await res.text()}`);
  const { credential } = (await res.json()) as { credential: string };
  const device = new DeviceClient(url, credential, instanceId);
  const maker = new MutationMaker();
  for (let from = 0; from < STUDENTS; from += PER_PUSH) {
    const batch: Mutation[] = [];
    for (let n = from; n < Math.min(STUDENTS, from + PER_PUSH); n++) {
      const id = uuidv7();
      const register = maker.register(id);
      register.args.profile = {
        ...register.args.profile,
        surname: SURNAMES[n % SURNAMES.length]!,
        name: NAMES[Math.floor(n / SURNAMES.length) % NAMES.length]!,
        schoolClass: `${5 + (n % 7)}${'АБВГ'[n % 4]}`,
      };
      batch.push(register, maker.activate(id, code));
      for (let step = 1; step <= 12; step++) batch.push(maker.complete(id, step, n));
    }
    const r = await device.push(batch);
    const refused = r.body.outcomes?.filter((o) => o.status !== 'accepted') ?? [];
    if (r.status !== 200 || refused.length) throw new Error(`push failed: ${r.status} ${JSON.stringify(refused[0])}`);
  }
}

/** The entry count of a ZIP's end record (the archive has no comment). */
const zipEntries = (tail: Buffer) => tail.readUInt16LE(tail.length - 22 + 10);

export async function benchResultsExport(): Promise<Record<string, number>> {
  const email = `bench-${uuidv7().slice(-8)}@test.ru`;
  const central = await startCentral('sqlite', { kiosks: 1, capacity: STUDENTS + 10, coorganizerEmail: email });
  let out: Record<string, number>;
  try {
    let t = performance.now();
    await seed(central.url, central.enrollment[0]!, central.code);
    const seedS = (performance.now() - t) / 1000;

    const login = await fetch(`${central.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const get = (path: string) => fetch(`${central.url}${path}`, { headers: { cookie } });

    const rssBefore = rssOf(central.pid).rssMb;
    let rssPeak = rssBefore;
    const sampling = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(central.pid).rssMb)), 100);
    t = performance.now();
    const started = await fetch(`${central.url}/api/cabinet/exports`, {
      method: 'POST',
      headers: { cookie, [CLIENT_HEADER]: '1' },
    });
    let job = (await started.json()) as ResultsExportJob;
    if (started.status !== 201) throw new Error(`export refused: ${started.status} ${JSON.stringify(job)}`);
    while (job.status === 'running') {
      await new Promise((ok) => setTimeout(ok, 250));
      job = (await (await get(`/api/cabinet/exports/${job.id}`)).json()) as ResultsExportJob;
    }
    if (job.status !== 'ready') throw new Error(`export failed: ${JSON.stringify(job)}`);
    const builtMs = performance.now() - t;
    const download = await get(job.downloadUrl!);
    let bytes = 0;
    let tail = Buffer.alloc(0);
    for await (const chunk of download.body!) {
      bytes += chunk.length;
      tail = Buffer.concat([tail, Buffer.from(chunk)]).subarray(-64);
    }
    const totalMs = performance.now() - t;
    clearInterval(sampling);
    rssPeak = Math.max(rssPeak, rssOf(central.pid).rssMb);
    if (zipEntries(tail) !== STUDENTS + 1)
      throw new Error(`the ZIP holds ${zipEntries(tail)} entries, not ${STUDENTS + 1}`);

    out = {
      'export.students': STUDENTS,
      'export.seed_s': round(seedS),
      'export.build_s': round(builtMs / 1000),
      'export.download_s': round((totalMs - builtMs) / 1000),
      'export.total_s': round(totalMs / 1000),
      'export.per_pdf_ms': round(builtMs / STUDENTS),
      'export.zip_mb': round(bytes / 1024 / 1024),
      'export.server_rss_before_mb': rssBefore,
      'export.server_rss_peak_mb': rssPeak,
    };
  } finally {
    await central.stop();
  }
  // The baseline after the server has gone, so the two never compete for the CPU.
  const base = await pdfBaseline();
  Object.assign(out, {
    'export.bare_jspdf_mean_ms': base.bareMeanMs,
    'export.result_pdf_mean_ms': base.resultMeanMs,
    'export.per_pdf_to_bare_ratio': round(out['export.per_pdf_ms']! / base.bareMeanMs),
    'export.per_pdf_to_result_pdf_ratio': round(out['export.per_pdf_ms']! / base.resultMeanMs),
  });
  for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(36)} ${v}`);
  console.log(
    `targets: ZIP of ${STUDENTS} in ${out['export.total_s']} s (< 120 s: ${out['export.total_s']! < 120 ? 'met' : 'MISSED'}), ` +
      `server RSS peak ${out['export.server_rss_peak_mb']} MB (< 600 MB: ${out['export.server_rss_peak_mb']! < 600 ? 'met' : 'MISSED'})`,
  );
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchResultsExport();
  process.exit(0);
}
