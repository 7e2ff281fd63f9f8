/**
 * A class of thirty: 30 real kiosk hosts (each its own store, the same host code the desktop app
 * runs), one student each, on one 30-place code of their school, against a real central server on
 * SQLite. Four lessons, as issue «A class of thirty gets through» tells them:
 * - online: every student confirmed;
 * - offline for the whole lesson (the central server stopped after the PCs first synced, then
 *   started again): everything at the centre, nothing lost, nothing twice, nobody refused, and the
 *   seconds from the server's return until the last PC says «Всё отправлено» (target < 15 s),
 *   beside the baseline of the same run: the same class's delivery when the server never left;
 * - 31 students on 31 PCs for 30 places: exactly 30 confirmed, the 31st shown to the co-organizer;
 * - a second code after the first is used up: everyone who types it confirmed.
 */
import { TEST_PACK } from '../../core/content/index.ts';
import { listUnplaced } from '../../sync-server/tariffs/tariffs.service.ts';
import {
  allSent,
  atTheCentre,
  leasesHeld,
  lesson,
  settled,
  startClassroom,
  type Classroom,
} from '../support/kiosk/classroom.ts';

const N = 30;
const ANSWERS = TEST_PACK.steps.reduce((n, s) => n + s.items.filter((i) => i.type !== 'info').length, 0);
/** Mutations one student makes: registration, activation, answers, 12 completions, certificate. */
const PER_STUDENT = 1 + 1 + ANSWERS + TEST_PACK.steps.length + 1;

async function withClass<T>(n: number, capacity: number, fn: (room: Classroom) => Promise<T>): Promise<T> {
  const room = await startClassroom(n, { capacity });
  try {
    return await fn(room);
  } finally {
    await room.close();
  }
}

export async function benchClass(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};

  const online = await withClass(N, N, async (room) => {
    const t = performance.now();
    await Promise.all(room.pcs.map((pc) => lesson(pc, room.school.code)));
    const lessonS = (performance.now() - t) / 1000;
    const deliveredS = ((await allSent(room)) + (await settled(room))) / 1000;
    return { ...(await atTheCentre(room)), lessonS, deliveredS };
  });
  console.log(
    `online: ${N} PCs, ${N} places: ${online.confirmed} confirmed, ${online.refused} refused, ${online.waiting} waiting; ` +
      `lesson ${online.lessonS.toFixed(1)} s, then everything sent in ${online.deliveredS.toFixed(1)} s (baseline)`,
  );
  Object.assign(out, {
    class_online_confirmed: online.confirmed,
    class_online_refused: online.refused + online.waiting,
    class_online_delivered_s: online.deliveredS,
  });

  const offline = await withClass(N, N, async (room) => {
    await leasesHeld(room, room.school.code);
    await room.stopServer();
    const seen = await Promise.all(room.pcs.map((pc) => lesson(pc, room.school.code)));
    const t = performance.now();
    await room.startServer();
    await allSent(room);
    await settled(room);
    const backS = Math.round(performance.now() - t) / 1000;
    return { ...(await atTheCentre(room)), leased: seen.filter((a) => a.status === 'leased').length, backS };
  });
  const expected = N * PER_STUDENT;
  console.log(
    `offline for the whole lesson: ${offline.leased} of ${N} seated from their PC's lease; at the centre ` +
      `${offline.participants} registrations, ${offline.confirmed} confirmed, ${offline.refused} refused, ` +
      `${offline.completions} of ${N * 12} steps, ${offline.certificates} certificates, ` +
      `${offline.mutations} of ${expected} changes (${expected - offline.mutations} lost), ${offline.rejected} rejected; ` +
      `last PC «Всё отправлено» ${offline.backS.toFixed(1)} s after the server's return (target < 15 s)`,
  );
  Object.assign(out, {
    class_offline_confirmed: offline.confirmed,
    class_offline_refused: offline.refused,
    class_offline_lost: expected - offline.mutations,
    class_offline_steps_at_centre: offline.completions,
    class_offline_certificates: offline.certificates,
    class_offline_back_s: offline.backS,
  });

  const over = await withClass(N + 1, N, async (room) => {
    await Promise.all(room.pcs.map((pc) => lesson(pc, room.school.code, { certificate: false })));
    await allSent(room);
    await settled(room);
    return {
      ...(await atTheCentre(room)),
      shown: (await listUnplaced(room.school.server.ctx, room.school.schoolId)).length,
    };
  });
  console.log(
    `${N + 1} students for ${N} places: ${over.confirmed} confirmed, ${over.waiting} waiting, ${over.refused} refused, ` +
      `${over.shown} shown to the co-organizer`,
  );
  Object.assign(out, { class_over_confirmed: over.confirmed, class_over_unplaced_shown: over.shown });

  const second = await withClass(N, 27, async (room) => {
    await Promise.all(room.pcs.slice(0, 27).map((pc) => lesson(pc, room.school.code, { certificate: false })));
    const code = await room.addTariff(N - 27);
    const seen = await Promise.all(room.pcs.slice(27).map((pc) => lesson(pc, code, { certificate: false })));
    await allSent(room);
    await settled(room);
    return { ...(await atTheCentre(room)), refusedHere: seen.filter((a) => a.status === 'rejected').length };
  });
  console.log(
    `a second code after the first is used up: ${second.confirmed} of ${N} confirmed, ${second.refusedHere} refused`,
  );
  Object.assign(out, { class_second_code_confirmed: second.confirmed });
  return out;
}
