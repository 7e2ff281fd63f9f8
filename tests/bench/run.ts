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
import { benchResults } from './results.bench.ts';
import { benchResultsExport } from './results-export.bench.ts';
import { benchSync } from './sync.bench.ts';
import { benchSyncPath } from './sync-path.bench.ts';
import { benchWeb } from './web.bench.ts';

// PDF last: reading its output back loads pdf.js, whose polyfills slow the rest of the process
// (the results export after it measures a server process of its own, and reads PDFs back too).
const benches: [string, string, () => Promise<Record<string, number>>][] = [
  ['sync', 'sync ingest (batches of 500)', benchSync],
  ['sync-path', 'sync path: kiosk host ⇄ central server over HTTP', benchSyncPath],
  ['kiosk', 'kiosk host', benchKiosk],
  ['class', 'a class of thirty (30 kiosk hosts, one code)', benchClass],
  ['lookup', 'student lookup timing', benchLookup],
  ['web', 'web participant (answer saves over HTTP to the server)', benchWeb],
  ['dashboard', 'dashboard at national scale (PostgreSQL)', benchDashboard],
  ['sockets', 'one node holding 10 000 socket.io clients (PostgreSQL + Redis)', benchNodeSockets],
  ['nodes', 'push throughput, one node against two (PostgreSQL + Redis)', benchNodesThroughput],
  ['results', '«Результаты» of a school of 2 000 (SQLite, PostgreSQL)', benchResults],
  ['pdf', 'PDF documents', benchPdf],
  ['export', '«Скачать все результаты» (2 000 students, ZIP of PDFs + XLSX)', benchResultsExport],
];

// `npm run bench -- sync-path kiosk` runs only the parts named (all of them without a name); a
// partial run writes its own file, so it never overwrites the full run's figures.
const only = process.argv.slice(2);
const unknown = only.filter((name) => !benches.some(([n]) => n === name));
if (unknown.length) {
  console.error(`unknown bench part: ${unknown.join(', ')} (parts: ${benches.map(([n]) => n).join(', ')})`);
  process.exit(2);
}
const results: Record<string, number> = {};
for (const [name, title, bench] of benches) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n== ${title} (load average ${loadavg()[0]!.toFixed(1)})`);
  Object.assign(results, await bench());
}
const file = resolve(`bench-results/${only.length ? `bench.${only.join('+')}` : 'bench'}.json`);
mkdirSync(resolve('bench-results'), { recursive: true });
const report = { at: new Date().toISOString(), loadAverage: loadavg(), results };
writeFileSync(file, JSON.stringify(report, null, 2));
console.log(`\n${JSON.stringify(results, null, 2)}\nwritten to ${file}`);
process.exit(0);
