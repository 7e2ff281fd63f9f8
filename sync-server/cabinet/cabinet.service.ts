/** What the co-organizer's cabinet shows, each rule judged in the school's own time zone. */
import {
  canActivateCodes,
  canObtainTariff,
  isCoorganizerCertificateOpen,
  isScheduleVisible,
  regionWindow,
} from '../../core/campaign.ts';
import { formatDayRu } from '../../core/calendar.ts';
import type { CabinetOverview, School } from '../../core/contracts/api.ts';
import { findRegion } from '../../core/data/regions.ts';
import { requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import type { ServerContext } from '../context.ts';
import { loadContentPack } from '../content/content.service.ts';
import { HttpError } from '../http/errors.ts';
import { finishedCount } from '../results/results.repository.ts';

export async function cabinetOverview(
  ctx: ServerContext,
  school: School,
  certificateAddress: CabinetOverview['certificateAddress'],
): Promise<CabinetOverview> {
  const campaign = await requireActiveCampaign(ctx.db);
  const serverTime = ctx.now();
  const now = new Date(serverTime);
  const s = campaign.settings;
  return {
    school,
    campaign,
    serverTime,
    canObtainTariff: canObtainTariff(s, now, school.region),
    scheduleVisible: isScheduleVisible(s, now, school.region),
    codesActive: canActivateCodes(s, now, school.region),
    certificateOpen: isCoorganizerCertificateOpen(s, now, school.region),
    finished: await finishedCount(
      ctx,
      school.id,
      campaign.id,
      loadContentPack(ctx.config.contentPackFile).steps.length,
    ),
    certificateAddress,
  };
}

/** The region's participation window, visible from the publication date on. */
export async function cabinetSchedule(ctx: ServerContext, school: School) {
  const { settings } = await requireActiveCampaign(ctx.db);
  if (!isScheduleVisible(settings, new Date(ctx.now()), school.region)) {
    throw HttpError.of(403, 'SCHEDULE_NOT_PUBLISHED', formatDayRu(settings.schedulePublishedFrom));
  }
  return {
    region: school.region,
    regionName: findRegion(school.region)?.name ?? school.region,
    window: regionWindow(settings, school.region) ?? null,
  };
}
