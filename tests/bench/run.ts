/**
 * `npm run bench`: prints the figures and writes them as JSON to bench-results/bench.json.
 * Every target is compared with a baseline measured in the same run, since machines are noisy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Bench = () => Promise<Record<string, number>>;

async function optional(path: string, name: string): Promise<Bench | undefined> {
  try {
    return (await import(path))[name] as Bench;
  } catch (err) {
    console.warn(`(skipping ${path}: ${(err as Error).message})`);
    return undefined;
  }
}

const benches: [string, Bench | undefined][] = [
  ['sync ingest (batches of 500)', (await import('./sync.bench.ts')).benchSync],
  ['PDF documents', await optional('./pdf.bench.ts', 'benchPdf')],
  ['kiosk host', await optional('./kiosk.bench.ts', 'benchKiosk')],
];

const results: Record<string, number> = {};
for (const [title, bench] of benches) {
  if (!bench) continue;
  console.log(`\n== ${title}`);
  Object.assign(results, await bench());
}
const file = resolve('bench-results/bench.json');
mkdirSync(resolve('bench-results'), { recursive: true });
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
console.log(`\n${JSON.stringify(results, null, 2)}\nwritten to ${file}`);
process.exit(0);
