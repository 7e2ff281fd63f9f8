/**
 * A demo that can be tried at once: a campaign whose every date is open today, a Moscow school,
 * its co-organizer and an organizer, a 30-place tariff and a fresh enrollment code for a kiosk.
 * Idempotent: a re-run moves the dates to the new today and reuses everything else.
 */
import type { CampaignSettings } from '../core/campaign.ts';
import { addDays, localDay } from '../core/calendar.ts';
import { REGION_CODES } from '../core/data/regions.ts';
import { DEMO_CONSENT } from '../core/messages/consent.ts';
import { hashPassword } from '../core/node/password.ts';
import { createUser, findUserByEmail } from './auth/users.repository.ts';
import { findActiveCampaign } from './campaigns/campaign.repository.ts';
import type { ServerContext } from './context.ts';
import { createEnrollmentCode } from './devices/devices.service.ts';
import { openCampaign, updateActiveCampaign } from './organizer/campaign.service.ts';
import { ensureSchool } from './schools/schools.repository.ts';
import { obtainTariff } from './tariffs/tariffs.service.ts';

export const DEMO = {
  // The documents print «Всероссийская акция» themselves; the title names this year's action.
  title: 'Мое будущее — 2026 (демо)',
  school: { region: '77', locality: 'Москва', name: 'ГБОУ Школа № 1 (демо)' },
  coorganizer: { email: 'coorg@demo.local', fullName: 'Иванова Мария Петровна' },
  organizer: { email: 'org@demo.local', fullName: 'Организатор акции (демо)' },
  password: 'demo-demo',
  places: 30,
} as const;

/** Every window spans yesterday, so "today" holds in every Russian time zone. */
export function demoSettings(today: string): CampaignSettings {
  return {
    tariffDeadline: addDays(today, 30),
    schedulePublishedFrom: addDays(today, -1),
    activationFrom: addDays(today, -1),
    certificateFrom: addDays(today, -1),
    pricePerParticipantKopecks: 100_00,
    regionWindows: REGION_CODES.map((region) => ({ region, from: addDays(today, -1), to: addDays(today, 30) })),
    consent: { ...DEMO_CONSENT },
  };
}

async function ensureUser(
  ctx: ServerContext,
  u: { email: string; fullName: string },
  role: 'organizer' | 'coorganizer',
  schoolId: string | null,
) {
  const found = await findUserByEmail(ctx.db, u.email);
  if (found) return found.id;
  const passwordHash = await hashPassword(DEMO.password);
  return createUser(ctx.db, { role, email: u.email, fullName: u.fullName, passwordHash, schoolId }, ctx.now());
}

export async function seedDemo(
  ctx: ServerContext,
): Promise<{ code: string; enrollmentCode: string; coorganizerEmail: string }> {
  const today = localDay(new Date(ctx.now()), 'Europe/Moscow');
  const settings = demoSettings(today);
  const active = await findActiveCampaign(ctx.db);
  const campaign =
    active?.title === DEMO.title
      ? await updateActiveCampaign(ctx, settings)
      : await openCampaign(ctx, { year: Number(today.slice(0, 4)), title: DEMO.title, settings });
  if (!campaign) throw new Error('demo campaign was not saved');

  const { school } = await ensureSchool(ctx.db, DEMO.school, ctx.now());
  await ensureUser(ctx, DEMO.organizer, 'organizer', null);
  const coorganizerId = await ensureUser(ctx, DEMO.coorganizer, 'coorganizer', school.id);

  const existing = await ctx.db
    .selectFrom('tariffs')
    .select('code')
    .where('school_id', '=', school.id)
    .where('campaign_id', '=', campaign.id)
    .where('participants', '=', DEMO.places)
    .orderBy('created_at')
    .executeTakeFirst();
  const code = existing?.code ?? (await obtainTariff(ctx, { userId: coorganizerId, school }, DEMO.places)).code;
  const enrollment = await createEnrollmentCode(ctx, school.id, coorganizerId);
  ctx.log.info({ schoolId: school.id, campaignId: campaign.id }, 'demo seeded');
  return { code, enrollmentCode: enrollment.code, coorganizerEmail: DEMO.coorganizer.email };
}
