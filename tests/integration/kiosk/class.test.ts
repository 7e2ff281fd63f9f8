/**
 * A class takes part: real kiosk hosts, one student each, on one code of the school's, against a
 * real central server. Online and offline for the whole lesson every student gets a place; one
 * student more than the code has places waits or is refused with a reason and the co-organizer
 * sees them; a second tariff seats them and whoever types its code. (`npm run bench` runs the same
 * scenario with 30 PCs and prints its figures.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import { ResultsQuery } from '../../../core/contracts/results.ts';
import { resultsPage } from '../../../sync-server/results/results.service.ts';
import { listUnplaced } from '../../../sync-server/tariffs/tariffs.service.ts';
import { eventually } from '../../support/kiosk/client.ts';
import {
  allSent,
  atTheCentre,
  CLASS_WAIT_MS,
  leasesHeld,
  lesson,
  settled,
  startClassroom,
  type Classroom,
} from '../../support/kiosk/classroom.ts';

const N = 6;

describe('a class of students on one code', () => {
  let room: Classroom | undefined;
  afterEach(async () => {
    await room?.close();
    room = undefined;
  });

  it('online: every student of the class gets a place, whichever PC syncs first', async () => {
    room = await startClassroom(N, { capacity: N });
    const code = room.school.code;
    const seen = await Promise.all(room.pcs.map((pc) => lesson(pc, code)));
    expect(seen.every((a) => a.status !== 'rejected')).toBe(true);
    await allSent(room);
    await settled(room);
    expect(await atTheCentre(room)).toMatchObject({
      participants: N,
      confirmed: N,
      waiting: 0,
      refused: 0,
      completions: N * 12,
      rejected: 0,
      parked: 0,
    });
  });

  it('offline for the whole lesson (the central server stopped, then started again): everything reaches the centre once, nobody refused', async () => {
    room = await startClassroom(N, { capacity: N });
    const code = room.school.code;
    await leasesHeld(room, code);
    await room.stopServer();
    const seen = await Promise.all(room.pcs.map((pc) => lesson(pc, code)));
    // Each PC seated its student from its own lease: the certificate is there on the PC already.
    expect(seen.map((a) => a.status)).toEqual(Array(N).fill('leased'));
    await room.startServer();
    await allSent(room);
    const centre = await atTheCentre(room);
    expect(centre).toMatchObject({
      participants: N,
      confirmed: N,
      refused: 0,
      completions: N * 12,
      certificates: N,
      rejected: 0,
      parked: 0,
    });
    // Nothing twice: each mutation once in the log, however often the PCs retried.
    expect(centre.mutations).toBe(N * (1 + 1 + 12 + 1) + N * answersPerStudent());
    for (const pc of room.pcs) {
      await eventually(
        async () => (await pc.client.ok('me', {})).participant?.activation?.status === 'confirmed',
        CLASS_WAIT_MS,
      );
    }
  });

  it('one student more than places: exactly the places are confirmed, the last is shown to the co-organizer, and another tariff seats them', async () => {
    room = await startClassroom(N + 1, { capacity: N });
    const code = room.school.code;
    await Promise.all(room.pcs.map((pc) => lesson(pc, code, { certificate: false })));
    await allSent(room);
    await settled(room);
    const centre = await atTheCentre(room);
    expect(centre.confirmed).toBe(N);
    expect(centre.waiting + centre.refused).toBe(1);
    // The co-organizer sees who has no place, with the code and the reason.
    const unplaced = await listUnplaced(room.school.server.ctx, room.school.schoolId);
    expect(unplaced).toHaveLength(1);
    expect(unplaced[0]).toMatchObject({ code, surname: 'Петрова' });
    expect(unplaced[0]!.reason).toMatch(/тариф/);
    // The student at the PC reads why, and what to do.
    const views = await Promise.all(
      room.pcs.map(async (pc) => (await pc.client.ok('me', {})).participant!.activation!),
    );
    const left = views.filter((a) => a.status === 'refused' || a.status === 'waiting');
    expect(left).toHaveLength(1);
    expect(left[0]!.message).toMatch(/соорганизатор|освободится/);

    // «Результаты»: all steps done, but the result waits with the activation.
    const school = await room.school.server.ctx.db
      .selectFrom('schools')
      .select(['id', 'region', 'locality', 'name'])
      .where('id', '=', room.school.schoolId)
      .executeTakeFirstOrThrow();
    const waitingResult = async () =>
      (await resultsPage(room!.school.server.ctx, school, ResultsQuery.parse({ size: 100 }))).results.find(
        (r) => r.participantId === unplaced[0]!.participantId,
      )!;
    expect(await waitingResult()).toMatchObject({
      stepsDone: 12,
      status: expect.stringMatching(/^(waiting|refused)$/),
      completed: false,
      pdfUrl: null,
    });

    // Point 1.4: one more place; the student is confirmed without typing anything.
    await room.addTariff(1);
    expect(await waitingResult()).toMatchObject({ completed: true });
    expect((await atTheCentre(room)).confirmed).toBe(N + 1);
    const pc = room.pcs[views.indexOf(left[0]!)]!;
    await eventually(
      async () => (await pc.client.ok('me', {})).participant?.activation?.status === 'confirmed',
      CLASS_WAIT_MS,
    );
    expect(await listUnplaced(room.school.server.ctx, room.school.schoolId)).toEqual([]);
  });

  it('a second code handed out after the first is used up: everyone who types it is confirmed', async () => {
    room = await startClassroom(N, { capacity: 2 });
    await Promise.all(room.pcs.slice(0, 2).map((pc) => lesson(pc, room!.school.code, { certificate: false })));
    const second = await room.addTariff(N - 2);
    const seen = await Promise.all(room.pcs.slice(2).map((pc) => lesson(pc, second)));
    expect(seen.every((a) => a.status !== 'rejected')).toBe(true);
    await allSent(room);
    await settled(room);
    expect(await atTheCentre(room)).toMatchObject({ confirmed: N, waiting: 0, refused: 0, rejected: 0 });
  });
});

/** Answers one student saves in the test pack's 12 steps. */
function answersPerStudent(): number {
  return TEST_PACK.steps.reduce((n, s) => n + s.items.filter((i) => i.type !== 'info').length, 0);
}
