/**
 * Factories: a campaign open now, a school, a tariff with its code, an enrolled device, and
 * mutations as a kiosk would make them. Tests build data through these, not by hand.
 */
import { resolve } from 'node:path';
import { addDays, localDay } from '../../core/calendar.ts';
import type { Campaign, CampaignSettings } from '../../core/campaign.ts';
import { generateCode } from '../../core/codes.ts';
import type { EnrollResponse } from '../../core/contracts/sync.ts';
import { uuidv7 } from '../../core/ids.ts';
import { TEST_PACK, type ContentPack } from '../../core/content/index.ts';
import type { AnswerValue, Mutation, MutationBody } from '../../core/mutations/schemas.ts';
import { answerable, answerFor, stepAnswers } from './answers.ts';
import { saveCampaign } from '../../sync-server/campaigns/campaign.repository.ts';
import type { ServerContext } from '../../sync-server/context.ts';
import { createEnrollmentCode } from '../../sync-server/devices/devices.service.ts';
import { appendSchoolChanges } from '../../sync-server/sync/changes.repository.ts';
import { forgetActiveCampaign } from '../../sync-server/sync/campaign-cache.ts';

export const TEST_PACK_FILE = resolve(import.meta.dirname, '../../core/content/packs/test-pack.json');

export const PASSWORD = 'parol123';

export function openSettings(now: Date, over: Partial<CampaignSettings> = {}): CampaignSettings {
  const today = localDay(now, 'Europe/Moscow');
  return {
    tariffDeadline: addDays(today, 10),
    schedulePublishedFrom: addDays(today, -5),
    activationFrom: addDays(today, -1),
    certificateFrom: addDays(today, 20),
    pricePerParticipantKopecks: 15_000,
    regionWindows: ['77', '25', '39', '54'].map((region) => ({
      region,
      from: addDays(today, -3),
      to: addDays(today, 30),
    })),
    parentConsentUpToClass: null,
    consent: {
      version: 'test-1',
      title: 'Согласие на обработку персональных данных',
      text: 'Согласие на обработку персональных данных (тест).',
    },
    ...over,
  };
}

export async function createCampaign(ctx: ServerContext, over: Partial<CampaignSettings> = {}): Promise<Campaign> {
  const c: Campaign = {
    id: uuidv7(),
    year: 2026,
    title: 'Моё будущее — 2026',
    settings: openSettings(new Date(ctx.now()), over),
  };
  await saveCampaign(ctx.db, c, ctx.now());
  forgetActiveCampaign();
  return c;
}

export async function createSchool(
  ctx: ServerContext,
  region = '77',
  name = `Школа № ${Math.floor(Math.random() * 1e6)}`,
) {
  const id = uuidv7();
  await ctx.db.insertInto('schools').values({ id, region, locality: 'Москва', name, created_at: ctx.now() }).execute();
  return { id, region, name };
}

export async function createTariff(ctx: ServerContext, campaignId: string, schoolId: string, participants: number) {
  const id = uuidv7();
  const code = generateCode();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('tariffs')
      .values({
        id,
        campaign_id: campaignId,
        school_id: schoolId,
        participants,
        cost_kopecks: participants * 15_000,
        code,
        created_by: 'test',
        created_at: ctx.now(),
      })
      .execute();
    await appendSchoolChanges(trx, schoolId, [
      { entity: 'code', key: code, data: { code, tariffId: id, capacity: participants, campaignId } },
    ]);
  });
  return { id, code, participants };
}

export async function enroll(
  baseUrl: string,
  ctx: ServerContext,
  schoolId: string,
  name = 'ПК 1',
): Promise<EnrollResponse & { instanceId: string }> {
  const { code } = await createEnrollmentCode(ctx, schoolId, 'test');
  const instanceId = uuidv7();
  const res = await fetch(`${baseUrl}/api/sync/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: code, deviceName: name, instanceId, appVersion: 'test' }),
  });
  if (res.status !== 201) throw new Error(`enroll failed: ${res.status} ${await res.text()}`);
  return { ...((await res.json()) as EnrollResponse), instanceId };
}

type Envelope = Pick<Mutation, 'id' | 'seq' | 'at'>;

/**
 * Builds mutations with a device's own sequence numbers, as its outbox would, answering the
 * content pack's real items (the server checks them as the kiosk does).
 */
export class MutationMaker {
  #seq = 0;
  constructor(
    private readonly clock: () => number = Date.now,
    /** The pack of the server it pushes to: the tests' servers mostly run the test pack. */
    private readonly pack: ContentPack = TEST_PACK,
  ) {}
  make<B extends MutationBody>(body: B): B & Envelope {
    return { ...body, id: uuidv7(), seq: ++this.#seq, at: this.clock() };
  }
  register(participantId = uuidv7(), email = `u${participantId.slice(-12)}@school.ru`, passwordHash = FIXED_HASH) {
    return this.make({
      name: 'participant.register' as const,
      args: {
        participantId,
        passwordHash,
        consentVersion: 'test-1',
        consentAt: this.clock(),
        profile: {
          surname: 'Иванова',
          name: 'Мария',
          region: '77',
          locality: 'Москва',
          schoolName: 'Школа № 1',
          schoolClass: '8Б',
          gender: 'female',
          email,
        },
      },
    });
  }
  activate(participantId: string, code: string, leaseId?: string) {
    return this.make({
      name: 'code.activate' as const,
      args: { activationId: uuidv7(), participantId, code, ...(leaseId ? { leaseId } : {}) },
    });
  }
  answer(participantId: string, step: number, itemId: string, value: AnswerValue) {
    return this.make({ name: 'answer.save' as const, args: { participantId, step, itemId, value } });
  }
  /** A valid answer to the `i`-th answerable item of `step` (varied by `n`). */
  answerItem(participantId: string, step: number, i = 0, n = 0) {
    const items = answerable(this.pack.steps[step - 1]!);
    const item = items[i % items.length]!;
    return this.answer(participantId, step, item.id, answerFor(item, n));
  }
  /** The step done with valid answers to every item (earlier steps must be done first). */
  complete(participantId: string, step: number, n = 0) {
    return this.make({
      name: 'step.complete' as const,
      args: { completionId: uuidv7(), participantId, step, answers: stepAnswers(this.pack.steps[step - 1]!, n) },
    });
  }
}

/** scrypt hash of PASSWORD (see core/node/password.ts), precomputed so factories stay fast. */
export const FIXED_HASH = 'scrypt$16384$8$1$ceyWSBq8e6PWjnGxtITthg$tL1a-rBXrng3MAaGAARrPolU0uWfz6xRHGZnT8Z2464';
