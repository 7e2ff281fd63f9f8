/**
 * «Получить тарифы для участников»: a co-organizer confirms a number of participants and gets a
 * new code for them, until the tariff deadline in the school's own time zone. Each tariff's code
 * goes into the school's change feed in the same transaction, so the school's kiosks learn it.
 */
import { canObtainTariff } from '../../core/campaign.ts';
import { formatDayRu } from '../../core/calendar.ts';
import { generateCode } from '../../core/codes.ts';
import type { PurchasedTariff, PurchasedTariffs, School, UnplacedStudent } from '../../core/contracts/api.ts';
import { uuidv7 } from '../../core/ids.ts';
import { WEB_SCHOOL_ID } from '../../core/web.ts';
import { accountMessages } from '../../core/messages/accounts.ts';
import { cabinetServerMessages as m } from '../../core/messages/cabinet-screens.ts';
import { formatRubles, tariffCostKopecks } from '../../core/tariff.ts';
import { requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { appendSchoolChanges, lockSchools } from '../sync/changes.repository.ts';
import { afterSettling, placeOnNewTariff, type Settled } from '../sync/leases.service.ts';
import { purchasedRows, unplacedRows } from './tariffs.repository.ts';
import { isUniqueViolation } from './unique-violation.ts';

export interface ObtainOptions {
  /** The total the co-organizer confirmed; another total (the price changed) is refused. */
  confirmedCostKopecks?: number;
  /** Code maker; tests inject one that collides to prove the retry. */
  generate?: () => string;
  maxAttempts?: number;
}

export async function obtainTariff(
  ctx: ServerContext,
  actor: { userId: string; school: School },
  participants: number,
  opts: ObtainOptions = {},
): Promise<PurchasedTariff> {
  const { generate = () => generateCode(), maxAttempts = 5 } = opts;
  const { school } = actor;
  const campaign = await requireActiveCampaign(ctx.db);
  const now = ctx.now();
  const s = campaign.settings;
  if (!canObtainTariff(s, new Date(now), school.region)) {
    throw HttpError.of(409, 'TARIFF_DEADLINE_PASSED', `${formatDayRu(s.tariffDeadline)} включительно.`);
  }
  const costKopecks = tariffCostKopecks(participants, s.pricePerParticipantKopecks);
  if (opts.confirmedCostKopecks !== undefined && opts.confirmedCostKopecks !== costKopecks) {
    throw new HttpError(409, 'TARIFF_COST_CHANGED', m.tariffCostChanged(participants, formatRubles(costKopecks)));
  }

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const code = generate();
    const id = uuidv7(now);
    let settled: Settled;
    try {
      settled = await ctx.db.transaction().execute(async (trx) => {
        await lockSchools(trx, ctx.store.dialect, [school.id]);
        await trx
          .insertInto('tariffs')
          .values({
            id,
            campaign_id: campaign.id,
            school_id: school.id,
            participants,
            cost_kopecks: costKopecks,
            code,
            created_by: actor.userId,
            created_at: now,
          })
          .execute();
        await appendSchoolChanges(trx, school.id, [
          { entity: 'code', key: code, data: { code, tariffId: id, capacity: participants, campaignId: campaign.id } },
        ]);
        // Point 1.4: the new places go first to the school's students waiting for one or refused
        // (an individual tariff, filed under the web row, is its buyer's alone).
        if (school.id === WEB_SCHOOL_ID) return { confirmed: [], schools: new Set<string>() };
        return placeOnNewTariff(trx, school.id, { code, participants });
      });
    } catch (err) {
      // The unique index is the final word on a code; a clash (1 in 31^8 per pair) just draws again.
      if (isUniqueViolation(err, 'code')) {
        ctx.log.warn({ schoolId: school.id, attempt }, 'tariff code collided, drawing another');
        continue;
      }
      throw err;
    }
    settled.schools.add(school.id);
    await afterSettling(ctx, settled);
    const used = settled.confirmed.length;
    ctx.log.info({ tariffId: id, schoolId: school.id, participants, placed: used }, 'tariff obtained');
    return {
      id,
      code,
      participants,
      costKopecks,
      used,
      held: 0,
      waiting: 0,
      remaining: participants - used,
      createdAt: now,
    };
  }
  throw new HttpError(503, 'CODE_COLLISIONS', accountMessages.CODE_COLLISIONS);
}

/**
 * «Приобретенные тарифы»: this school's tariffs in the active campaign, oldest first. A place is
 * used once an activation is confirmed; `held` are unused places reserved for classroom PCs
 * (they still go to students: a PC returns what it does not need, see core/leases.ts), and
 * `remaining` = participants − used is what the school can still seat.
 */
export async function listPurchased(ctx: ServerContext, schoolId: string): Promise<PurchasedTariffs> {
  const campaign = await requireActiveCampaign(ctx.db);
  const rows = await purchasedRows(ctx.db, schoolId, campaign.id);
  const tariffs: PurchasedTariff[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    participants: r.participants,
    costKopecks: r.cost_kopecks,
    used: r.used,
    held: r.reserved,
    waiting: Number(r.waiting ?? 0),
    remaining: Math.max(0, r.participants - r.used),
    createdAt: r.created_at,
  }));
  return {
    tariffs,
    totalParticipants: tariffs.reduce((n, t) => n + t.participants, 0),
    totalUsed: tariffs.reduce((n, t) => n + t.used, 0),
    unplaced: await listUnplaced(ctx, schoolId),
  };
}

/** Students of the school's codes who wait for a place or were refused because a code was full. */
export async function listUnplaced(ctx: ServerContext, schoolId: string): Promise<UnplacedStudent[]> {
  return (await unplacedRows(ctx.db, schoolId)).map((r) => ({
    participantId: r.participant_id,
    surname: r.surname,
    name: r.name,
    schoolClass: r.school_class,
    code: r.code,
    status: r.status === 'waiting' ? 'waiting' : 'refused',
    reason: r.status === 'waiting' ? m.unplacedWaiting : m.unplacedRefused,
    since: r.created_at,
  }));
}
