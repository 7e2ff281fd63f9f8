/**
 * The organizer dashboard's HTTP API (/api/organizer), plus the path parameter both the cabinet
 * and the dashboard validate. The renderer and the server both import these schemas.
 */
import { z } from 'zod';
import { CAMPAIGN_YEARS, IsoDate } from '../calendar.ts';
import { ConsentDocument } from '../consent.ts';
import { Campaign, CampaignSettings, RegionCode } from '../campaign.ts';
import { findRegion } from '../data/regions.ts';
import { School } from './api.ts';
import { storable } from './common.ts';

/** A record id in a URL path; anything else is refused before it reaches a query. */
export const IdParam = z.object({
  id: storable(
    z
      .string({ error: 'Не указан идентификатор' })
      .min(1, 'Не указан идентификатор')
      .max(64, 'Слишком длинный идентификатор'),
  ),
});

/** PUT /api/organizer/campaign: the same year updates the active campaign; a new year opens a new one. */
export const CampaignInput = z
  .object({
    year: z
      .number({ error: 'Укажите год акции числом' })
      .int('Укажите год акции целым числом, например 2026')
      .min(CAMPAIGN_YEARS.first, `Год акции — не раньше ${CAMPAIGN_YEARS.first}`)
      .max(CAMPAIGN_YEARS.last, `Год акции — не позже ${CAMPAIGN_YEARS.last}`),
    // Each check has its own words: the type's error would otherwise answer every check («Укажите
    // название акции» under a title that is too long).
    title: storable(
      z
        .string({ error: 'Укажите название акции' })
        .trim()
        .min(1, 'Укажите название акции')
        .max(200, 'Название акции: не длиннее 200 символов'),
    ),
    settings: CampaignSettings,
  })
  .superRefine((c, ctx) => {
    const years = `${c.year - 1}–${c.year + 1}`;
    for (const name of CAMPAIGN_DATES) {
      if (!inCampaignYears(c.year, c.settings[name])) {
        ctx.addIssue({
          code: 'custom',
          path: ['settings', name],
          message: `Дата акции ${c.year} года — в ${years} годах`,
        });
      }
    }
    const stray = c.settings.regionWindows.flatMap((w, i) =>
      inCampaignYears(c.year, w.from) && inCampaignYears(c.year, w.to)
        ? []
        : [{ i, name: findRegion(w.region)?.name ?? w.region }],
    );
    if (stray.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['settings', 'regionWindows', stray[0]!.i, 'to'],
        message: `Период участия в акции ${c.year} года — в ${years} годах: ${stray.map((s) => s.name).join(', ')}`,
      });
    }
  });
export type CampaignInput = z.infer<typeof CampaignInput>;

const CAMPAIGN_DATES = ['tariffDeadline', 'schedulePublishedFrom', 'activationFrom', 'certificateFrom'] as const;

/**
 * A campaign's days fall within a year of its own (it may be named after either end of a school
 * year, and may run over the New Year); any other year is a slip like 2030 for 2026, which would
 * quietly close a region's registration.
 */
export function inCampaignYears(year: number, day: string): boolean {
  return Math.abs(Number(day.slice(0, 4)) - year) <= 1;
}

/** GET /api/organizer/campaign: null until the organizer opens one. */
export const OrganizerCampaign = z.object({ campaign: Campaign.nullable() });

/** GET /api/organizer/schools?region=77&limit=200&offset=0 */
export const SchoolsQuery = z.object({
  region: RegionCode.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type SchoolsQuery = z.infer<typeof SchoolsQuery>;

/** A school with the totals of the tariffs it obtained in the active campaign. */
export const SchoolSummary = School.extend({
  tariffs: z.number().int(),
  participants: z.number().int(),
  used: z.number().int(),
});
export type SchoolSummary = z.infer<typeof SchoolSummary>;

export const SchoolsPage = z.object({ schools: z.array(SchoolSummary), total: z.number().int() });
export type SchoolsPage = z.infer<typeof SchoolsPage>;

/** A version of the consent document as published: kept as it was, whatever comes after. */
export const PublishedConsent = ConsentDocument.extend({ effectiveFrom: IsoDate, publishedAt: z.number() });
export type PublishedConsent = z.infer<typeof PublishedConsent>;

/** GET /api/organizer/consent-versions: the active campaign's versions, newest first. */
export const ConsentVersions = z.object({ versions: z.array(PublishedConsent) });
export type ConsentVersions = z.infer<typeof ConsentVersions>;
