/**
 * The kiosk's student lookup takes as long for an unknown e-mail as for a registered one with a
 * wrong password (the decoy hash): medians of both, and their ratio, over the real HTTP path.
 */
import { hashPassword } from '../../core/node/password.ts';
import { uuidv7 } from '../../core/ids.ts';
import { DeviceClient } from '../support/device-client.ts';
import { createCampaign, createSchool, enroll, MutationMaker, TEST_PACK_FILE } from '../support/factories.ts';
import { startTestServer } from '../support/server.ts';

const ROUNDS = 30;

export async function benchLookup(): Promise<Record<string, number>> {
  const server = await startTestServer('sqlite', { contentPackFile: TEST_PACK_FILE, trustProxy: true });
  try {
    await createCampaign(server.ctx);
    const school = (await createSchool(server.ctx)).id;
    const e = await enroll(server.url, server.ctx, school);
    const device = new DeviceClient(server.url, e.credential, e.instanceId);
    const email = 'known@school.ru';
    await device.push([new MutationMaker().register(uuidv7(), email, await hashPassword('parol123'))]);
    const timed = async (who: string, i: number) => {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/sync/participant`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${e.credential}`,
          // A new address each time: the failure limit would otherwise answer before the hash.
          'x-forwarded-for': `10.9.${Math.floor(i / 250)}.${i % 250}`,
        },
        body: JSON.stringify({ email: who, password: 'neverno-1' }),
      });
      await res.arrayBuffer();
      if (res.status !== 401) throw new Error(`lookup answered ${res.status}`);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      known.push(await timed(email, 2 * i));
      unknown.push(await timed(`nobody${i}@school.ru`, 2 * i + 1));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const k = median(known);
    const u = median(unknown);
    console.log(`lookup, registered e-mail, wrong password: median ${k.toFixed(1)} ms`);
    console.log(`lookup, unknown e-mail:                    median ${u.toFixed(1)} ms (ratio ${(u / k).toFixed(2)})`);
    return { lookupKnownMedianMs: k, lookupUnknownMedianMs: u, lookupUnknownToKnownRatio: u / k };
  } finally {
    await server.stop();
  }
}
