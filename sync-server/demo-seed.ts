/**
 * A demo that can be tried at once: a campaign whose every date is open today, a Moscow school,
 * its co-organizer and an organizer, a 30-place tariff and a fresh enrollment code for a kiosk.
 * Settings are data: a re-run seeds only what is missing. It moves the demo's dates to the new
 * today only while the campaign is exactly as the demo left it; a campaign the organizer changed
 * (price, dates, periods, title) or opened is left alone, and the enrollment code is reused.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { canObtainTariff, type Campaign, type CampaignSettings } from '../core/campaign.ts';
import { normalizeCode } from '../core/codes.ts';
import { addDays, localDay } from '../core/calendar.ts';
import { REGION_CODES } from '../core/data/regions.ts';
import { DEMO_CONSENT } from '../core/messages/consent.ts';
import { hashPassword } from '../core/node/password.ts';
import { createUser, findUserByEmail } from './auth/users.repository.ts';
import { findActiveCampaign } from './campaigns/campaign.repository.ts';
import type { ServerContext } from './context.ts';
import { createEnrollmentCode } from './devices/devices.service.ts';
import { isEnrollmentCodeUsable } from './devices/enrollment.repository.ts';
import { digest } from './devices/secrets.ts';
import { openCampaign, updateActiveCampaign } from './organizer/campaign.service.ts';
import { ensureSchool } from './schools/schools.repository.ts';
import { findFirstTariff } from './tariffs/tariffs.repository.ts';
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
    // 7th-graders are 13 or 14: below 14 a parent consents (152-ФЗ, ст. 9; ГК РФ, ст. 26, 28).
    parentConsentUpToClass: 7,
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

/**
 * The demo's own settings, unchanged since it seeded them on some day: only then may a re-run
 * move them to today. Anything the organizer saved (price, a date, a period, the consent) differs.
 */
export function isUntouchedDemo(c: Campaign): boolean {
  if (c.title !== DEMO.title) return false;
  const seededOn = addDays(c.settings.schedulePublishedFrom, 1);
  // The server dates a consent version when it publishes it; the demo's text is what counts.
  const { effectiveFrom: _published, ...consent } = c.settings.consent;
  return isDeepStrictEqual({ ...c.settings, consent }, demoSettings(seededOn));
}

/** The campaign the demo runs on: opened when there is none, kept as it is once the organizer changed it. */
async function demoCampaign(ctx: ServerContext, today: string): Promise<{ campaign: Campaign; kept: boolean }> {
  const active = await findActiveCampaign(ctx.db);
  if (!active) {
    const settings = demoSettings(today);
    return {
      campaign: await openCampaign(ctx, { year: Number(today.slice(0, 4)), title: DEMO.title, settings }),
      kept: false,
    };
  }
  if (!isUntouchedDemo(active)) return { campaign: active, kept: true };
  if (active.settings.schedulePublishedFrom === addDays(today, -1)) return { campaign: active, kept: false };
  const moved = await updateActiveCampaign(ctx, demoSettings(today));
  return { campaign: moved ?? active, kept: false };
}

/**
 * The enrollment code for another kiosk: the one the demo issued last time (kept in clear in
 * `file`, as the server keeps only its digest) while it is still unused and unexpired; a new one
 * only when that one was used or has expired.
 */
async function demoEnrollmentCode(ctx: ServerContext, schoolId: string, userId: string, file: string) {
  const kept = await readFile(file, 'utf8').then(
    (s) => s.trim(),
    () => '',
  );
  if (kept && (await isEnrollmentCodeUsable(ctx.db, digest(normalizeCode(kept)), ctx.now()))) return kept;
  const { code } = await createEnrollmentCode(ctx, schoolId, userId);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${code}\n`, { mode: 0o600 });
  return code;
}

export interface DemoSeed {
  /** The demo school's tariff code, or null when none could be obtained (the deadline passed). */
  code: string | null;
  places: number;
  enrollmentCode: string;
  coorganizerEmail: string;
  /** True when the active campaign is the organizer's (changed or their own), left as it is. */
  campaignKept: boolean;
}

/** Seeds what is missing; `enrollmentCodeFile` keeps the demo's enrollment code between runs. */
export async function seedDemo(
  ctx: ServerContext,
  enrollmentCodeFile = join(ctx.config.dataDir, 'demo-enrollment-code.txt'),
): Promise<DemoSeed> {
  const today = localDay(new Date(ctx.now()), 'Europe/Moscow');
  const { campaign, kept } = await demoCampaign(ctx, today);

  const { school } = await ensureSchool(ctx.db, DEMO.school, ctx.now());
  await ensureUser(ctx, DEMO.organizer, 'organizer', null);
  const coorganizerId = await ensureUser(ctx, DEMO.coorganizer, 'coorganizer', school.id);

  let tariff: { code: string; participants: number } | undefined = await findFirstTariff(
    ctx.db,
    school.id,
    campaign.id,
  );
  if (!tariff && canObtainTariff(campaign.settings, new Date(ctx.now()), school.region)) {
    tariff = await obtainTariff(ctx, { userId: coorganizerId, school }, DEMO.places);
  }
  const enrollmentCode = await demoEnrollmentCode(ctx, school.id, coorganizerId, enrollmentCodeFile);
  ctx.log.info({ schoolId: school.id, campaignId: campaign.id, campaignKept: kept }, 'demo seeded');
  return {
    code: tariff?.code ?? null,
    places: tariff?.participants ?? DEMO.places,
    enrollmentCode,
    coorganizerEmail: DEMO.coorganizer.email,
    campaignKept: kept,
  };
}
