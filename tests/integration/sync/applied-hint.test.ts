/**
 * Each server node remembers the highest mutation number it applied per device, to skip a read.
 * When another node applied more (a kiosk's retry landing elsewhere), the hint is low: the batch
 * looks new, meets the log's primary key, and is redone with a full lookup, so nothing is applied
 * twice and the device gets the stored outcomes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import { TEST_PACK } from '../../../core/content/index.ts';
import { loadConfig } from '../../../sync-server/config.ts';
import type { ServerContext } from '../../../sync-server/context.ts';
import type { CentralStore } from '../../../sync-server/db/connect.ts';
import { createEnrollmentCode, enrollDevice } from '../../../sync-server/devices/devices.service.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { pushMutations, type Campaignish } from '../../../sync-server/sync/push.service.ts';
import { DIALECTS, freshStore } from '../../support/dialects.ts';
import { createCampaign, createSchool, MutationMaker, openSettings } from '../../support/factories.ts';

describe.each(DIALECTS)('the applied-number hint on %s', (dialect) => {
  let store: CentralStore;
  afterEach(() => store.close());

  /** A node of the server: its own process, hence its own hint, on the shared store. */
  const node = (s: CentralStore): ServerContext => ({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    store: { ...s },
    db: s.db,
    log: createLogger('silent'),
    now: Date.now,
    nudge: () => {},
  });

  it('a retry that another node applied is answered from the log, not applied twice', async () => {
    store = await freshStore(dialect);
    const [a, b] = [node(store), node(store)];
    const campaign = await createCampaign(a);
    const school = await createSchool(a);
    const c: Campaignish = { id: campaign.id, settings: openSettings(new Date()), steps: TEST_PACK.steps };
    const { code } = await createEnrollmentCode(a, school.id, 'test');
    const device = await enrollDevice(a, {
      enrollmentCode: code,
      deviceName: 'ПК',
      instanceId: uuidv7(),
      appVersion: 't',
    });
    const source = { deviceId: device.deviceId, schoolId: school.id };
    const maker = new MutationMaker();
    const pid = uuidv7();

    await pushMutations(a, c, source, [maker.register(pid)]);
    const later = [maker.answerItem(pid, 1, 0), maker.answerItem(pid, 2, 0)];
    expect((await pushMutations(b, c, source, later)).map((o) => o.status)).toEqual(['accepted', 'accepted']);
    // Node a last saw the registration only; the retry of the later batch lands on it.
    const retry = await pushMutations(a, c, source, later);
    expect(retry).toEqual(later.map((m) => ({ id: m.id, status: 'accepted' })));
    const logged = await store.db.selectFrom('mutations').select('id').where('participant_id', '=', pid).execute();
    expect(logged).toHaveLength(3);
    const changes = await store.db.selectFrom('changes').select('key').where('entity', '=', 'answer').execute();
    expect(changes.map((r) => r.key).sort()).toEqual(later.map((m) => `${pid}:${m.args.step}:${m.args.itemId}`).sort());
  });
});
