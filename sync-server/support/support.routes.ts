/**
 * Technical support's API (/api/support): the fleet of PCs, participants' look-up and a new
 * password for one (audited), and the audit log. For technical support and organizers alike;
 * nothing here changes the campaign, its prices, dates or schools (that is /api/organizer's).
 */
import { Router } from 'express';
import { AuditQuery } from '../../core/contracts/audit.ts';
import { ExportFormat } from '../../core/contracts/dashboard.ts';
import { IdParam } from '../../core/contracts/organizer.ts';
import { EraseRequest, type ErasureDone } from '../../core/contracts/privacy.ts';
import { FleetQuery, ParticipantSearch } from '../../core/contracts/support.ts';
import { auditTable, fleetTable } from '../../core/tables/support.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import type { ServerContext } from '../context.ts';
import { parse } from '../http/errors.ts';
import { sendTable } from '../organizer/export.ts';
import { eraseByOrganizer } from '../privacy/erasure.service.ts';
import { exportByOrganizer, sendExport } from '../privacy/export.service.ts';
import { fleet, participantCard, resetPassword, searchParticipants } from './support.service.ts';

export function supportRouter(ctx: ServerContext): Router {
  const r = Router();
  r.use(requireUser(ctx, 'organizer', 'support'));

  r.get('/devices', async (req, res) => {
    res.json(await fleet(ctx, parse(FleetQuery, req.query)));
  });
  r.get('/devices/export', async (req, res) => {
    const { format } = parse(ExportFormat, req.query);
    const f = await fleet(ctx, parse(FleetQuery, { ...req.query, limit: 1000 }));
    await sendTable(res, fleetTable, f.devices, format);
  });
  r.get('/participants', async (req, res) => {
    res.json(await searchParticipants(ctx, parse(ParticipantSearch, req.query).q));
  });
  r.get('/participants/:id', async (req, res) => {
    res.json(await participantCard(ctx, parse(IdParam, req.params).id));
  });
  r.post('/participants/:id/password', async (req, res) => {
    const me = currentUser(res);
    res.json(await resetPassword(ctx, { id: me.id, email: me.email }, parse(IdParam, req.params).id));
  });
  r.get('/audit', async (req, res) => {
    res.json({ entries: await listAudit(ctx.db, parse(AuditQuery, req.query)) });
  });
  r.get('/audit/export', async (req, res) => {
    const { format } = parse(ExportFormat, req.query);
    await sendTable(res, auditTable, await listAudit(ctx.db, { limit: 1000 }), format);
  });
  r.get('/participants/:id/export', async (req, res) => {
    const me = currentUser(res);
    sendExport(res, await exportByOrganizer(ctx, { id: me.id, email: me.email }, parse(IdParam, req.params).id));
  });
  r.post('/participants/:id/erase', async (req, res) => {
    const me = currentUser(res);
    const { reason } = parse(EraseRequest, req.body ?? {});
    await eraseByOrganizer(ctx, { id: me.id, email: me.email }, parse(IdParam, req.params).id, reason);
    res.json({ erased: true } satisfies ErasureDone);
  });
  return r;
}
