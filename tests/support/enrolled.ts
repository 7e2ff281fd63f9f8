/** A test server with an open campaign, a school, one tariff and one enrolled PC pushing to it. */
import type { Dialect } from '../../sync-server/db/connect.ts';
import { DeviceClient } from './device-client.ts';
import { createCampaign, createSchool, createTariff, enroll, TEST_PACK_FILE } from './factories.ts';
import { startTestServer, type TestServer } from './server.ts';

export interface EnrolledPc {
  server: TestServer;
  device: DeviceClient;
  schoolId: string;
  campaignId: string;
  /** The school's tariff code. */
  code: string;
}

export async function startEnrolledPc(dialect: Dialect, places = 30): Promise<EnrolledPc> {
  const server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
  const campaign = await createCampaign(server.ctx);
  const schoolId = (await createSchool(server.ctx)).id;
  const code = (await createTariff(server.ctx, campaign.id, schoolId, places)).code;
  const e = await enroll(server.url, server.ctx, schoolId);
  return {
    server,
    device: new DeviceClient(server.url, e.credential, e.instanceId),
    schoolId,
    campaignId: campaign.id,
    code,
  };
}
