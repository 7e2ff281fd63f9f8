/**
 * «Получить индивидуальный тариф»: a student with no school code gets a tariff for one
 * participant from their own account. The same obtainTariff as a co-organizer's (the same cost
 * function, the tariff deadline in the student's own region, the same code maker), filed under the
 * web participants' row that no co-organizer holds, so its results are the student's alone. Its
 * code is applied to the student at once (from the campaign's activation date: a tariff bought
 * before it is applied at the student's first visit from then on). A code of one place, used by
 * its owner and shown to nobody before, leaves nobody else a way to use it.
 */
import { canActivateCodes, canObtainTariff } from '../../core/campaign.ts';
import { formatDayRu } from '../../core/calendar.ts';
import { uuidv7 } from '../../core/ids.ts';
import { webMessages } from '../../core/messages/web.ts';
import type { ParticipantRow } from '../../core/mutations/rows.ts';
import { formatRubles, tariffCostKopecks } from '../../core/tariff.ts';
import { INDIVIDUAL_TARIFF_PLACES, WEB_SCHOOL } from '../../core/web.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { activeCampaign } from '../sync/campaign-cache.ts';
import { obtainTariff } from '../tariffs/tariffs.service.ts';
import { activationOf, ensureWebSchool } from './participant.repository.ts';
import { activationView, pushOne, requireParticipant, type WebHandler } from './web-call.ts';

const t = webMessages.individual;

/** The student's own individual tariff not yet applied (bought before the activation date). */
async function unappliedTariff(ctx: ServerContext, campaignId: string, participantId: string) {
  return ctx.db
    .selectFrom('tariffs')
    .select('code')
    .where('school_id', '=', WEB_SCHOOL.id)
    .where('campaign_id', '=', campaignId)
    .where('created_by', '=', participantId)
    .where('used', '=', 0)
    .executeTakeFirst();
}

/** Why the student cannot get one now, or null. */
async function refusalFor(ctx: ServerContext, p: ParticipantRow): Promise<string | null> {
  const { campaign } = await activeCampaign(ctx);
  const s = campaign.settings;
  if (await activationOf(ctx, p.id)) return t.alreadyActive;
  if (await unappliedTariff(ctx, campaign.id, p.id)) return t.waitsFrom(formatDayRu(s.activationFrom));
  if (!canObtainTariff(s, new Date(ctx.now()), p.region)) return t.deadlinePassed(formatDayRu(s.tariffDeadline));
  return null;
}

export const individualTariff: WebHandler<'individualTariff'> = async (_input, call, ctx) => {
  const p = await requireParticipant(ctx, call);
  const { settings } = (await activeCampaign(ctx)).campaign;
  return {
    offered: true,
    costKopecks: tariffCostKopecks(INDIVIDUAL_TARIFF_PLACES, settings.pricePerParticipantKopecks),
    deadline: formatDayRu(settings.tariffDeadline),
    refusal: await refusalFor(ctx, p),
  };
};

/** Applies the student's own unapplied tariff once codes may be used; whether it did. */
export async function applyPendingIndividual(ctx: ServerContext, p: ParticipantRow): Promise<boolean> {
  const { campaign } = await activeCampaign(ctx);
  if (!canActivateCodes(campaign.settings, new Date(ctx.now()), p.region)) return false;
  if (await activationOf(ctx, p.id)) return false;
  const tariff = await unappliedTariff(ctx, campaign.id, p.id);
  if (!tariff) return false;
  await pushOne(ctx, p.schoolId, {
    body: { name: 'code.activate', args: { activationId: uuidv7(ctx.now()), participantId: p.id, code: tariff.code } },
  });
  return true;
}

export const buyIndividualTariff: WebHandler<'buyIndividualTariff'> = async (input, call, ctx) => {
  const p = await requireParticipant(ctx, call);
  const why = await refusalFor(ctx, p);
  if (why) throw new HttpError(409, 'INDIVIDUAL_REFUSED', why);
  const { settings } = (await activeCampaign(ctx)).campaign;
  const cost = tariffCostKopecks(INDIVIDUAL_TARIFF_PLACES, settings.pricePerParticipantKopecks);
  if (input.confirmedCostKopecks !== cost)
    throw new HttpError(409, 'TARIFF_COST_CHANGED', t.costChanged(formatRubles(cost)));
  await ensureWebSchool(ctx);
  // The deadline is the student's region's, as a school's is its own region's.
  const tariff = await obtainTariff(
    ctx,
    { userId: p.id, school: { ...WEB_SCHOOL, region: p.region } },
    INDIVIDUAL_TARIFF_PLACES,
    {
      confirmedCostKopecks: input.confirmedCostKopecks,
    },
  );
  ctx.log.info({ participantId: p.id, tariffId: tariff.id }, 'individual tariff obtained');
  await applyPendingIndividual(ctx, p);
  const a = await activationOf(ctx, p.id);
  if (a) return { activation: activationView(a) };
  // Bought before the activation date: applied at the student's first visit from that day.
  return {
    activation: { code: tariff.code, status: 'pending', message: t.waitsFrom(formatDayRu(settings.activationFrom)) },
  };
};
