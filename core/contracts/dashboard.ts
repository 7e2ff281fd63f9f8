/**
 * The organizer's «Акция в цифрах» (GET /api/organizer/overview, /api/organizer/schools/:id/detail)
 * and the tables it exports. The renderer and the server both import these schemas.
 */
import { z } from 'zod';
import { RegionCode } from '../campaign.ts';
import { Device, School } from './api.ts';

const Count = z.number().int().min(0);

/** What the campaign came to, for the country, a region or a school. */
export const Metrics = z.object({
  schools: Count,
  coorganizers: Count,
  tariffs: Count,
  places: Count,
  moneyKopecks: Count,
  registered: Count,
  activated: Count,
  /** funnel[i]: participants who completed step i + 1. */
  funnel: z.array(Count),
  finished: Count,
  certificates: Count,
});
export type Metrics = z.infer<typeof Metrics>;

/** One region (in the country's view) or one school (in a region's). */
export const OverviewRow = Metrics.extend({ key: z.string(), name: z.string(), locality: z.string().optional() });
export type OverviewRow = z.infer<typeof OverviewRow>;

/** GET /api/organizer/overview?region=77: the country by region, or one region by school. */
export const OverviewQuery = z.object({ region: RegionCode.optional() });
export type OverviewQuery = z.infer<typeof OverviewQuery>;

export const Overview = z.object({
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  campaignTitle: z.string().nullable(),
  stepCount: Count,
  rows: z.array(OverviewRow),
  totals: Metrics,
  /** The country's view only: individual tariffs and the students on them, apart from schools'. */
  individual: Metrics.nullable(),
});
export type Overview = z.infer<typeof Overview>;

/** GET /api/organizer/schools/:id/detail: a school, its co-organizers, tariffs and PCs. */
export const SchoolDetail = z.object({
  school: School,
  stepCount: Count,
  metrics: Metrics,
  coorganizers: z.array(z.object({ id: z.string(), fullName: z.string(), email: z.string() })),
  tariffs: z.array(
    z.object({ code: z.string(), participants: Count, used: Count, costKopecks: Count, createdAt: z.number() }),
  ),
  devices: z.array(Device),
});
export type SchoolDetail = z.infer<typeof SchoolDetail>;

/** ?format=csv|xlsx on an export. */
export const ExportFormat = z.object({ format: z.enum(['csv', 'xlsx'], { error: 'Формат выгрузки: csv или xlsx' }) });
export type ExportFormat = z.infer<typeof ExportFormat>['format'];

/** GET /api/organizer/schools/:id/export/:table?format=… */
export const SchoolExportParams = z.object({
  id: z.string().min(1).max(64),
  table: z.enum(['coorganizers', 'tariffs', 'devices'], { error: 'Нет такой таблицы' }),
});
