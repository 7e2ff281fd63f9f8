/** The audit log as stored (migration 006_issue14_dashboard): append-only, newest read first. */
import type { Kysely, Transaction } from 'kysely';
import type { AuditAction, AuditEntry, AuditQuery } from '../../core/contracts/audit.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { CentralDB } from '../db/schema.ts';

type Db = Kysely<CentralDB> | Transaction<CentralDB>;

export interface Actor {
  id: string;
  email: string;
}

/** Writes one entry; given a transaction, it commits with the change it describes. */
export async function recordAudit(
  db: Db,
  now: number,
  actor: Actor,
  action: AuditAction,
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: uuidv7(now),
      at: now,
      actor_id: actor.id,
      actor_email: actor.email,
      action,
      target,
      details: JSON.stringify(details),
    })
    .execute();
}

export async function listAudit(db: Db, q: AuditQuery): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    at: Number(r.at),
    actorEmail: r.actor_email,
    action: r.action as AuditAction,
    target: r.target,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
