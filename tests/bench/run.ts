/**
 * `npm run bench`: prints the figures and writes them as JSON to bench-results/bench.json.
 * Every target is compared with a baseline measured in the same run, since machines are noisy.
 * `npm run bench -- socket.io throughput` runs only the benches whose titles hold those words.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { benchClass } from './class.bench.ts';
import { benchDashboard } from './dashboard.bench.ts';
import { benchKiosk } from './kiosk.bench.ts';
import { benchLookup } from './lookup.bench.ts';
import { benchNodeSockets, benchNodesThroughput } from './nodes.bench.ts';
import { benchPdf } from './pdf.bench.ts';
import { benchSync } from './sync.bench.ts';
import { benchSyncPath } from './sync-path.bench.ts';
import { benchWeb } from './web.bench.ts';

// PDF last: reading its output back loads pdf.js, whose polyfills slow the rest of the process.
const benches: [string, () => Promise<Record<string, number>>][] = [
  ['sync ingest (batches of 500)', benchSync],
  ['sync path: kiosk host ⇄ central server over HTTP', benchSyncPath],
  ['kiosk host', benchKiosk],
  ['a class of thirty (30 kiosk hosts, one code)', benchClass],
  ['student lookup timing', benchLookup],
  ['web participant (answer saves over HTTP to the server)', benchWeb],
  ['dashboard at national scale (PostgreSQL)', benchDashboard],
  ['one node holding 10 000 socket.io clients (PostgreSQL + Redis)', benchNodeSockets],
  ['push throughput, one node against two (PostgreSQL + Redis)', benchNodesThroughput],
  ['PDF documents', benchPdf],
];

// `npm run bench -- WORD…` runs only the benches whose title holds one of the words.
const only = process.argv.slice(2);
const chosen = only.length ? benches.filter(([title]) => only.some((w) => title.includes(w))) : benches;

const results: Record<string, number> = {};
for (const [title, bench] of chosen) {
  console.log(`\n== ${title} (load average ${loadavg()[0]!.toFixed(1)})`);
  Object.assign(results, await bench());
}
const file = resolve('bench-results/bench.json');
mkdirSync(resolve('bench-results'), { recursive: true });
const report = { at: new Date().toISOString(), loadAverage: loadavg(), results };
writeFileSync(file, JSON.stringify(report, null, 2));
console.log(`\n${JSON.stringify(results, null, 2)}\nwritten to ${file}`);
process.exit(0);
