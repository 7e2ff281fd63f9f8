/**
 * A small country with known numbers for «Акция в цифрах»: two regions, three schools, their
 * co-organizers, tariffs, participants at different steps, and a participant of last year's
 * campaign who must count nowhere. Written straight into the store, as the rows sync leaves.
 */
import { uuidv7 } from '../../core/ids.ts';
import type { ServerContext } from '../../sync-server/context.ts';
import { createCampaign, createSchool, createTariff, FIXED_HASH } from './factories.ts';

export interface DashboardData {
  campaignId: string;
  schools: { moscowA: string; moscowB: string; primorye: string };
}

async function participant(
  ctx: ServerContext,
  campaignId: string,
  school: { id: string; region: string },
  o: { code?: string; status?: string; steps?: number; certificate?: boolean } = {},
) {
  const id = uuidv7();
  const now = ctx.now();
  await ctx.db
    .insertInto('participants')
    .values({
      id,
      school_id: school.id,
      campaign_id: campaignId,
      surname: 'Петров',
      name: 'Пётр',
      region: school.region,
      locality: 'Город',
      school_name: 'Школа',
      school_class: '9А',
      gender: 'male',
      email: `p${id.slice(-12)}@school.ru`,
      password_hash: FIXED_HASH,
      consent_version: 'test-1',
      consent_at: now,
      created_at: now,
    })
    .execute();
  if (o.code) {
    await ctx.db
      .insertInto('activations')
      .values({
        id: uuidv7(),
        participant_id: id,
        code: o.code,
        school_id: school.id,
        device_id: null,
        lease_id: null,
        status: o.status ?? 'confirmed',
        created_at: now,
      })
      .execute();
    if ((o.status ?? 'confirmed') === 'confirmed') {
      await ctx.db
        .updateTable('tariffs')
        .set((eb) => ({ used: eb('used', '+', 1) }))
        .where('code', '=', o.code)
        .execute();
    }
  }
  for (let step = 1; step <= (o.steps ?? 0); step++) {
    await ctx.db
      .insertInto('completions')
      .values({ participant_id: id, step, id: uuidv7(), answers: '{}', completed_at: now })
      .execute();
  }
  if (o.certificate) {
    await ctx.db
      .insertInto('certificates')
      .values({
        serial: uuidv7().slice(-10),
        kind: 'participant',
        subject_id: id,
        campaign_id: campaignId,
        name: 'Петров Пётр',
        school_name: 'Школа',
        issued_at: now,
      })
      .execute();
  }
  return id;
}

async function coorganizer(ctx: ServerContext, schoolId: string, fullName: string) {
  await ctx.db
    .insertInto('users')
    .values({
      id: uuidv7(),
      role: 'coorganizer',
      email: `co-${uuidv7().slice(-12)}@school.ru`,
      full_name: fullName,
      password_hash: FIXED_HASH,
      school_id: schoolId,
      created_at: ctx.now(),
    })
    .execute();
}

/**
 * Moscow (77): school A — 2 co-organizers, tariffs of 30 and 10 places (150 ₽ each), 6 registered,
 * 4 activated (and one only leased), one finished all steps (with a certificate), one at step 3,
 * one at step 1; school B — 1 co-organizer, nothing else. Primorye (25): school C — 1
 * co-organizer, 5 places, 2 registered, 1 activated who finished, no certificate.
 */
export async function seedDashboardData(ctx: ServerContext, stepCount: number): Promise<DashboardData> {
  const old = await createCampaign(ctx);
  const campaign = await createCampaign(ctx);
  const a = await createSchool(ctx, '77', 'Школа № 1 «Лидер»');
  const b = await createSchool(ctx, '77', 'Школа № 2');
  const c = await createSchool(ctx, '25', 'Лицей «Приморье»');
  await coorganizer(ctx, a.id, 'Иванова Мария Петровна');
  await coorganizer(ctx, a.id, 'Смирнов Олег Иванович');
  await coorganizer(ctx, b.id, 'Кузнецова Анна Сергеевна');
  await coorganizer(ctx, c.id, 'Ли Виктор Андреевич');
  const t30 = await createTariff(ctx, campaign.id, a.id, 30);
  await createTariff(ctx, campaign.id, a.id, 10);
  const t5 = await createTariff(ctx, campaign.id, c.id, 5);
  await createTariff(ctx, old.id, a.id, 100);

  await participant(ctx, campaign.id, a, { code: t30.code, steps: stepCount, certificate: true });
  await participant(ctx, campaign.id, a, { code: t30.code, steps: 3 });
  await participant(ctx, campaign.id, a, { code: t30.code, steps: 1 });
  await participant(ctx, campaign.id, a, { code: t30.code });
  await participant(ctx, campaign.id, a, { code: t30.code, status: 'leased' });
  await participant(ctx, campaign.id, a);
  await participant(ctx, campaign.id, c, { code: t5.code, steps: stepCount });
  await participant(ctx, campaign.id, c);
  await participant(ctx, old.id, a, { code: t30.code, steps: stepCount, certificate: true });
  // Sync writes every such row with an entry in its school's change feed, which moves the
  // school's cursor; so does this, by hand.
  await ctx.db
    .updateTable('schools')
    .set((eb) => ({ change_seq: eb('change_seq', '+', 1) }))
    .execute();
  return { campaignId: campaign.id, schools: { moscowA: a.id, moscowB: b.id, primorye: c.id } };
}

/** What «Акция в цифрах» must show for seedDashboardData, row by row. */
export function expectedDashboard(stepCount: number) {
  const funnelA = Array.from({ length: stepCount }, (_, i) => (i === 0 ? 3 : i < 3 ? 2 : 1));
  const funnelC = Array<number>(stepCount).fill(1);
  const moscowA = {
    schools: 1,
    coorganizers: 2,
    tariffs: 2,
    places: 40,
    moneyKopecks: 40 * 15_000,
    registered: 6,
    activated: 4,
    funnel: funnelA,
    finished: 1,
    certificates: 1,
  };
  const moscowB = { ...moscowA, coorganizers: 1, tariffs: 0, places: 0, moneyKopecks: 0, registered: 0, activated: 0 };
  Object.assign(moscowB, { funnel: Array<number>(stepCount).fill(0), finished: 0, certificates: 0 });
  const primorye = {
    schools: 1,
    coorganizers: 1,
    tariffs: 1,
    places: 5,
    moneyKopecks: 5 * 15_000,
    registered: 2,
    activated: 1,
    funnel: funnelC,
    finished: 1,
    certificates: 0,
  };
  const moscow = { ...moscowA, schools: 2, coorganizers: 3 };

  const country = {
    schools: 3,
    coorganizers: 4,
    tariffs: 3,
    places: 45,
    moneyKopecks: 45 * 15_000,
    registered: 8,
    activated: 5,
    funnel: funnelA.map((v, i) => v + funnelC[i]!),
    finished: 2,
    certificates: 1,
  };
  return { moscowA, moscowB, primorye, moscow, country };
}
