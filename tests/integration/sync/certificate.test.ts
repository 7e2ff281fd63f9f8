/** A participant certificate issued on a kiosk (often offline) is accepted once and verifiable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificateSerial } from '../../../core/documents/serial.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DIALECTS } from '../../support/dialects.ts';
import type { DeviceClient } from '../../support/device-client.ts';
import { startEnrolledPc } from '../../support/enrolled.ts';
import { MutationMaker } from '../../support/factories.ts';
import type { TestServer } from '../../support/server.ts';

describe.each(DIALECTS)('participant certificates through sync on %s', (dialect) => {
  let server: TestServer;
  let device: DeviceClient;
  let code: string;
  const maker = new MutationMaker();

  beforeAll(async () => {
    ({ server, device, code } = await startEnrolledPc(dialect, 10));
  });
  afterAll(() => server.stop());

  async function studentWithSteps(steps: number) {
    const pid = uuidv7();
    await device.push([
      maker.register(pid),
      maker.activate(pid, code),
      ...Array.from({ length: steps }, (_, i) => maker.complete(pid, i + 1)),
    ]);
    return pid;
  }
  const issue = (participantId: string, serial = generateCertificateSerial(2026)) =>
    maker.make({ name: 'certificate.issue' as const, args: { participantId, serial } });

  it('accepts the certificate after all 12 steps, and the verification page knows it', async () => {
    const pid = await studentWithSteps(12);
    const m = issue(pid);
    const res = await device.push([m]);
    expect(res.body.outcomes[0]!.status).toBe('accepted');
    const verify = await fetch(`${server.url}/api/verify/${m.args.serial}`);
    expect(verify.status).toBe(200);
    expect(JSON.stringify(await verify.json())).toContain('Иванова Мария');
  });

  it('refuses it before every step is done, saying why', async () => {
    const pid = await studentWithSteps(11);
    const res = await device.push([issue(pid)]);
    expect(res.body.outcomes[0]).toMatchObject({ status: 'rejected', code: 'STEPS_NOT_DONE' });
  });

  it('keeps the first certificate, and tells a device that made another one which serial stands', async () => {
    const pid = await studentWithSteps(12);
    const first = issue(pid);
    await device.push([first]);
    const { cursor } = await device.pullAll();
    const second = issue(pid);
    expect((await device.push([second])).body.outcomes[0]!.status).toBe('accepted');
    const { changes } = await device.pullAll(cursor);
    expect(changes.filter((c) => c.entity === 'certificate').map((c) => (c.data as { serial: string }).serial)).toEqual(
      [first.args.serial],
    );
    const rows = await server.ctx.db
      .selectFrom('certificates')
      .select('serial')
      .where('subject_id', '=', pid)
      .execute();
    expect(rows.map((r) => r.serial)).toEqual([first.args.serial]);
  });

  it('refuses a serial that another student already holds', async () => {
    const a = await studentWithSteps(12);
    const b = await studentWithSteps(12);
    const taken = issue(a);
    await device.push([taken]);
    const res = await device.push([issue(b, taken.args.serial)]);
    expect(res.body.outcomes[0]).toMatchObject({ status: 'rejected', code: 'SERIAL_TAKEN' });
  });
});
