/**
 * Answer saves on the web path: a student at home answering, each answer a POST to the central
 * server (/api/participant/saveAnswer over one kept-alive connection, with the session cookie),
 * decided by the server's push and committed in the server's embedded SQLite store (WAL,
 * synchronous=FULL) before the reply. Reported as p50/p99 beside the kiosk's in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '../../core/ids.ts';
import { loadConfig } from '../../sync-server/config.ts';
import { migrateCentral, openCentralStore } from '../../sync-server/db/connect.ts';
import { createLogger } from '../../sync-server/logger.ts';
import { startServer } from '../../sync-server/server.ts';
import { createCampaign, PASSWORD, TEST_PACK_FILE } from '../support/factories.ts';

const SAVES = 2_000;
const WARM_UP = 300;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (n: number) => Math.round(n * 1000) / 1000;

export async function benchWeb(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-web-'));
  const store = openCentralStore({ sqlitePath: join(dir, 'central.sqlite') });
  await migrateCentral(store.db);
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dir, CONTENT_PACK_FILE: TEST_PACK_FILE });
  const server = await startServer({ config, store, log: createLogger('silent') });
  try {
    await createCampaign(server.ctx);
    let cookie = '';
    const call = async (channel: string, body: unknown) => {
      const res = await fetch(`${server.url}/api/participant/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      });
      const set = res.headers.getSetCookie()[0];
      if (set) cookie = set.split(';')[0]!;
      const out: unknown = await res.json();
      if (!res.ok) throw new Error(`${channel}: ${res.status} ${JSON.stringify(out)}`);
      return out;
    };
    await call('register', {
      profile: {
        surname: 'Иванова',
        name: 'Мария',
        region: '77',
        locality: 'Москва',
        schoolName: 'Школа № 5',
        schoolClass: '9А',
        gender: 'female',
        email: 'bench@home.ru',
      },
      password: PASSWORD,
      consentVersion: 'test-1',
    });
    await call('buyIndividualTariff', { confirmedCostKopecks: 15_000 });
    const options = ['nature', 'technic', 'human', 'sign', 'art'];
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + SAVES; i++) {
      const t = performance.now();
      await call('saveAnswer', { step: 1, itemId: 'pick-one', value: options[i % 5], mutationId: uuidv7() });
      if (i >= WARM_UP) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const out = {
      'web.save_p50_ms': round(quantile(times, 0.5)),
      'web.save_p99_ms': round(quantile(times, 0.99)),
      'web.saves': SAVES,
    };
    for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(36)} ${v}`);
    return out;
  } finally {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchWeb());
