/** On SIGTERM the server finishes the batch in flight, answers it, and exits cleanly. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import { loadConfig } from '../../../sync-server/config.ts';
import type { ServerContext } from '../../../sync-server/context.ts';
import { migrateCentral, openCentralStore } from '../../../sync-server/db/connect.ts';
import { createEnrollmentCode } from '../../../sync-server/devices/devices.service.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { createCampaign, createSchool, MutationMaker, TEST_PACK_FILE } from '../../support/factories.ts';
import { READY_LIMIT_MS, waitForOutput } from '../../support/process.ts';

it(
  'drains the push in flight on SIGTERM and exits with 0',
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'moe-term-'));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const store = openCentralStore({ sqlitePath: config.sqlitePath });
    await migrateCentral(store.db);
    const ctx = {
      config,
      store,
      db: store.db,
      log: createLogger('silent'),
      now: Date.now,
      nudge: () => {},
    } satisfies ServerContext;
    await createCampaign(ctx);
    const school = await createSchool(ctx);
    const { code } = await createEnrollmentCode(ctx, school.id, 'test');
    await store.close();

    // Port 0: the server takes a free port and names it in its «server listening» line (a random
    // port of our own once met another process's, EADDRINUSE).
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('sync-server/main.ts')], {
      env: {
        ...process.env,
        PORT: '0',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        CONTENT_PACK_FILE: TEST_PACK_FILE,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ready = await waitForOutput(child, /"url":"([^"]+)".*server listening/, 'server');
    const url = ready.match[1]!;

    const instanceId = uuidv7();
    const enrolled = await fetch(`${url}/api/sync/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrollmentCode: code, deviceName: 'ПК', instanceId, appVersion: 't' }),
    });
    const { credential } = (await enrolled.json()) as { credential: string };
    const device = new DeviceClient(url, credential, instanceId);
    const maker = new MutationMaker();
    const batch = [];
    for (let i = 0; i < 250; i++) {
      const pid = uuidv7();
      batch.push(maker.register(pid), maker.answerItem(pid, 1, 0, i));
    }
    const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    const inFlight = device.push(batch);
    await new Promise((r) => setTimeout(r, 30));
    child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body.outcomes.filter((o) => o.status === 'accepted')).toHaveLength(500);
    expect(await exited).toBe(0);
    expect(ready.output()).toContain('server stopped');
  },
  READY_LIMIT_MS + 60_000,
);
