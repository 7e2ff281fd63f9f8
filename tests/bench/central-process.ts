/**
 * The central server as its own process for the sync-path and results-export benches (run as
 * `npm run server` runs it, through tsx): a fresh store of the dialect given (a SQLite file with
 * synchronous=FULL, or a new PostgreSQL schema), an open campaign, one school with a code for
 * every student, one enrollment code per kiosk, and a co-organizer of the school when an e-mail
 * is given. Prints one JSON line with what the bench needs; SIGTERM stops it and drops the store.
 *   node --import tsx tests/bench/central-process.ts sqlite|postgres DIR KIOSKS CAPACITY [COORGANIZER_EMAIL]
 */
import { join } from 'node:path';
import type { Dialect } from '../../sync-server/db/connect.ts';
import { createEnrollmentCode } from '../../sync-server/devices/devices.service.ts';
import { loadConfig } from '../../sync-server/config.ts';
import { createLogger } from '../../sync-server/logger.ts';
import { startServer } from '../../sync-server/server.ts';
import { createCoorganizer } from '../integration/accounts/helpers.ts';
import { freshStore } from '../support/dialects.ts';
import { createCampaign, createSchool, createTariff, TEST_PACK_FILE } from '../support/factories.ts';

const [dialect, dir, kiosks, capacity, coorganizerEmail] = process.argv.slice(2) as [
  Dialect,
  string,
  string,
  string,
  string?,
];
const store = await freshStore(dialect, { sqlitePath: join(dir, 'central.sqlite') });
const config = {
  ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dir }),
  contentPackFile: TEST_PACK_FILE,
};
const server = await startServer({ config, store, log: createLogger('silent') });
const campaign = await createCampaign(server.ctx);
const school = await createSchool(server.ctx, '77');
const { code } = await createTariff(server.ctx, campaign.id, school.id, Number(capacity));
const enrollment: string[] = [];
for (let i = 0; i < Number(kiosks); i++)
  enrollment.push((await createEnrollmentCode(server.ctx, school.id, 'bench')).code);
if (coorganizerEmail) await createCoorganizer(server.ctx, school.id, coorganizerEmail);
console.log(
  JSON.stringify({ url: server.url, code, enrollment, schoolId: school.id, pgSchema: store.pgSchema ?? null }),
);

process.once('SIGTERM', () => {
  void (async () => {
    await server.close();
    await store.close();
    process.exit(0);
  })();
});
