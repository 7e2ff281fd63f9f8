/** Technical support's reads: the fleet of PCs with their schools, and one participant's traces. */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { FleetQuery } from '../../core/contracts/support.ts';
import { CLOCK_OFF_MS, SILENT_AFTER_MS } from '../../core/fleet.ts';
import type { CentralDB } from '../db/schema.ts';
import { caseVariants, likeEscape } from '../db/text-search.ts';

type Db = Kysely<CentralDB>;

/** core/fleet.ts's alerts as SQL, so the filter and the counts run in the database. */
const silent = (now: number) =>
  sql<SqlBool>`(devices.pending > 0 and (devices.last_seen_at is null or devices.last_seen_at < ${now - SILENT_AFTER_MS}))`;
const clockOff = sql<SqlBool>`(devices.clock_offset_ms > ${CLOCK_OFF_MS} or devices.clock_offset_ms < ${-CLOCK_OFF_MS})`;

function fleetBase(db: Db, q: Pick<FleetQuery, 'region' | 'q'>) {
  let base = db.selectFrom('devices').innerJoin('schools', 'schools.id', 'devices.school_id');
  if (q.region) base = base.where('schools.region', '=', q.region);
  if (q.q) {
    const likes = caseVariants(q.q).map((v) => `%${likeEscape(v)}%`);
    base = base.where((eb) =>
      eb.or(
        likes.flatMap((like) => [
          eb(sql`devices.name`, 'like', sql`${like} escape '\\'`),
          eb(sql`schools.name`, 'like', sql`${like} escape '\\'`),
          eb(sql`devices.app_version`, 'like', sql`${like} escape '\\'`),
        ]),
      ),
    );
  }
  return base;
}

/** What a filter keeps, as a condition (the alert filters only look at active PCs). */
function kept(q: FleetQuery, now: number) {
  if (q.show === 'all') return sql<SqlBool>`1 = 1`;
  const active = sql<SqlBool>`devices.revoked_at is null`;
  if (q.show === 'silent') return sql<SqlBool>`${active} and ${silent(now)}`;
  if (q.show === 'clock') return sql<SqlBool>`${active} and ${clockOff}`;
  return sql<SqlBool>`${active} and (${silent(now)} or ${clockOff})`;
}

export async function listFleet(db: Db, q: FleetQuery, now: number) {
  const rows = await fleetBase(db, q)
    .where(kept(q, now))
    .select([
      'devices.id',
      'devices.name',
      'devices.enrolled_at',
      'devices.revoked_at',
      'devices.last_seen_at',
      'devices.pending',
      'devices.oldest_pending_at',
      'devices.last_error',
      'devices.clock_offset_ms',
      'devices.app_version',
      'schools.id as school_id',
      'schools.region',
      'schools.locality',
      'schools.name as school_name',
    ])
    // Silent the longest first (never seen before all): the PCs most likely to need a visit.
    .orderBy(sql`devices.last_seen_at asc nulls first`)
    .orderBy('devices.id')
    .limit(q.limit)
    .execute();
  return rows;
}

/** In one pass: how many PCs the filter keeps, and the active ones with each alert. */
export async function countFleet(db: Db, q: FleetQuery, now: number) {
  const active = sql<SqlBool>`devices.revoked_at is null`;
  const n = (cond: ReturnType<typeof sql<SqlBool>>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;
  const counts = [
    n(kept(q, now)).as('total'),
    n(sql<SqlBool>`${active} and ${silent(now)}`).as('silent'),
    n(sql<SqlBool>`${active} and ${clockOff}`).as('clock'),
  ];
  // The schools join only when a filter needs them: the whole country counts devices alone.
  const row =
    q.region || q.q
      ? await fleetBase(db, q).select(counts).executeTakeFirstOrThrow()
      : await db.selectFrom('devices').select(counts).executeTakeFirstOrThrow();
  return { total: Number(row.total ?? 0), silent: Number(row.silent ?? 0), clock: Number(row.clock ?? 0) };
}

const participantColumns = [
  'participants.id',
  'participants.surname',
  'participants.name',
  'participants.email',
  'participants.school_class',
  'participants.created_at',
  'schools.id as school_id',
  'schools.region',
  'schools.locality',
  'schools.name as school_name',
] as const;

/** By e-mail (exact, as registered) or by surname (a name after it narrows): the newest first. */
export async function findParticipants(db: Db, text: string, limit: number) {
  const base = db.selectFrom('participants').innerJoin('schools', 'schools.id', 'participants.school_id');
  if (text.includes('@')) {
    return base
      .select(participantColumns)
      .where('participants.email', '=', text.toLowerCase())
      .orderBy('participants.created_at', 'desc')
      .limit(limit)
      .execute();
  }
  const [surname = '', name] = text.split(/\s+/);
  let q = base.select(participantColumns).where('participants.surname', 'in', caseVariants(surname));
  if (name) {
    const starts = caseVariants(name).map((v) => `${likeEscape(v)}%`);
    q = q.where((eb) => eb.or(starts.map((s) => eb('participants.name', 'like', sql<string>`${s} escape '\\'`))));
  }
  return q.orderBy('participants.created_at', 'desc').limit(limit).execute();
}

export async function findParticipant(db: Db, id: string) {
  return db
    .selectFrom('participants')
    .innerJoin('schools', 'schools.id', 'participants.school_id')
    .select([...participantColumns, 'participants.campaign_id'])
    .where('participants.id', '=', id)
    .executeTakeFirst();
}

export async function participantTraces(db: Db, id: string) {
  const [activation, steps, certificate, held] = await Promise.all([
    db
      .selectFrom('activations')
      .leftJoin('devices', 'devices.id', 'activations.device_id')
      .select([
        'activations.code',
        'activations.status',
        'activations.created_at',
        'activations.device_id',
        'devices.name',
      ])
      .where('activations.participant_id', '=', id)
      .executeTakeFirst(),
    db.selectFrom('completions').select('step').where('participant_id', '=', id).orderBy('step').execute(),
    db
      .selectFrom('certificates')
      .select('serial')
      .where('subject_id', '=', id)
      .where('kind', '=', 'participant')
      .executeTakeFirst(),
    db
      .selectFrom('mutations')
      .leftJoin('devices', 'devices.id', 'mutations.device_id')
      .select([
        'mutations.id',
        'mutations.name',
        'mutations.status',
        'mutations.code',
        'mutations.message',
        'mutations.received_at',
        'devices.name as device_name',
      ])
      .where('mutations.participant_id', '=', id)
      .where((eb) =>
        eb.or([eb('mutations.status', '=', sql.lit('parked')), eb('mutations.status', '=', sql.lit('rejected'))]),
      )
      .orderBy('mutations.received_at', 'desc')
      .limit(200)
      .execute(),
  ]);
  return { activation, steps: steps.map((s) => Number(s.step)), certificate: !!certificate, held };
}
