/**
 * Scenario 2: the school's link to the server drops in the middle of the session. The pupil
 * goes on; the kiosk keeps everything and shows what waits to be sent. When the server is back
 * (same store), everything arrives exactly once.
 */
import { expect, test } from './support/fixtures.ts';
import { ALL_STEPS, ANSWERABLE_ITEMS, serverRecordOf } from './support/server-records.ts';
import { aStudent } from './support/students.ts';

test('the server goes away midway and comes back: everything arrives, nothing twice', async ({
  classroom,
  central,
}) => {
  const student = aStudent();
  const kiosk = await classroom.kiosk();
  await kiosk.register(student);
  expect(await kiosk.home.takePart(central.code)).toBe('confirmed');
  await kiosk.home.beginSteps();
  await kiosk.steps.completeStepsBefore(4);
  await kiosk.allSent();

  // The link drops: the pupil keeps working; the status bar says what waits to be sent.
  await central.stop();
  await kiosk.steps.completeStepsBefore(9);
  await expect(kiosk.status.pending).toHaveText(/Ждут отправки: \d+/);
  await expect(kiosk.status.connection).toHaveText('Нет связи с сервером', { timeout: 30_000 });

  // Back online: the kiosk sends what waited while the pupil finishes.
  await central.start();
  await kiosk.steps.completeAll();
  await kiosk.allSent(45_000);

  const record = await serverRecordOf(central, student.email);
  expect(record.participants).toBe(1);
  expect(record.activations).toEqual([{ code: central.code, status: 'confirmed' }]);
  expect(record.completedSteps).toEqual(ALL_STEPS);
  expect(record.repeatedCompletions).toBe(0);
  expect(record.answers).toBe(ANSWERABLE_ITEMS);
  const mutations = await central
    .ctx()
    .db.selectFrom('mutations')
    .select((eb) => ['id', eb.fn.countAll<number>().as('n')])
    .groupBy('id')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  expect(mutations, 'no mutation is stored twice').toEqual([]);
});
