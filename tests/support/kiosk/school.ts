/** A central test server with an open campaign, a school, a code and an enrollment code for kiosks. */
import type { Dialect } from '../../../sync-server/db/connect.ts';
import { createEnrollmentCode } from '../../../sync-server/devices/devices.service.ts';
import { createCampaign, createSchool, createTariff, TEST_PACK_FILE } from '../factories.ts';
import { startTestServer, type TestServer } from '../server.ts';

export interface TestSchool {
  server: TestServer;
  schoolId: string;
  code: string;
  /** A fresh one-time enrollment code (one per kiosk). */
  enrollmentCode(): Promise<string>;
}

export async function startSchool(capacity = 30, dialect: Dialect = 'sqlite'): Promise<TestSchool> {
  const server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
  const campaign = await createCampaign(server.ctx);
  const school = await createSchool(server.ctx, '77');
  const { code } = await createTariff(server.ctx, campaign.id, school.id, capacity);
  return {
    server,
    schoolId: school.id,
    code,
    enrollmentCode: async () => (await createEnrollmentCode(server.ctx, school.id, 'test')).code,
  };
}
