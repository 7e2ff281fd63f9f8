/**
 * A kiosk store as it looks after a school's data was pulled: enrolled, with the campaign and the
 * content pack, and `participants` students who each activated a code and finished every step.
 * Written directly in one transaction (no outbox), as a pull would leave it.
 */
import { NO_PARENT_CONSENT } from '../../../core/consent.ts';
import { TEST_PACK } from '../../../core/content/index.ts';
import type { ContentPack } from '../../../core/content/schema.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { hashPassword } from '../../../core/node/password.ts';
import { setMeta } from '../../../electron/host/store/meta.ts';
import { openKioskStore } from '../../../electron/host/store/open.ts';
import { putActivation, putAnswer, putCompletion, putParticipant } from '../../../electron/host/store/writes.ts';
import { openSettings } from '../factories.ts';
import { registration, stepAnswers } from './factories.ts';

export const SEED_PASSWORD = 'parol123';

export async function seedKioskStore(
  dataDir: string,
  opts: { participants: number; serverUrl: string; pack?: ContentPack },
): Promise<{ emails: string[] }> {
  const pack = opts.pack ?? TEST_PACK;
  const store = await openKioskStore(dataDir);
  const now = Date.now();
  const schoolId = uuidv7();
  const campaign = {
    id: uuidv7(),
    year: 2026,
    title: 'Моё будущее — 2026',
    settings: openSettings(new Date(now)),
  };
  const passwordHash = await hashPassword(SEED_PASSWORD);
  const emails: string[] = [];
  store.tx(() => {
    setMeta(store, 'enrollment', {
      deviceId: uuidv7(),
      credential: 'bench-credential',
      schoolId,
      serverUrl: opts.serverUrl,
      deviceName: 'ПК',
      school: { id: schoolId, region: '77', locality: 'Москва', name: 'Школа № 1' },
      enrolledAt: now,
    });
    setMeta(store, 'campaign', campaign);
    setMeta(store, 'content', pack);
    setMeta(store, 'cursor', 0);
    for (let i = 0; i < opts.participants; i++) {
      const id = uuidv7(now);
      const email = `student${i}@school.ru`;
      emails.push(email);
      const { profile } = registration({ email });
      putParticipant(store, {
        ...profile,
        id,
        schoolId,
        campaignId: campaign.id,
        passwordHash,
        consentVersion: 'test-1',
        consentAt: now,
        ...NO_PARENT_CONSENT,
        createdAt: now,
      });
      putActivation(store, {
        id: uuidv7(now),
        participantId: id,
        code: 'ABCDEFGH',
        schoolId,
        leaseId: null,
        status: 'confirmed',
        message: null,
        createdAt: now,
      });
      for (const step of pack.steps) {
        const answers = stepAnswers(pack, step.number);
        for (const [itemId, value] of answers)
          putAnswer(store, { participantId: id, step: step.number, itemId, value, updatedAt: now });
        putCompletion(store, {
          id: uuidv7(now),
          participantId: id,
          step: step.number,
          answers: Object.fromEntries(answers),
          completedAt: now,
        });
      }
    }
  });
  store.close();
  return { emails };
}
