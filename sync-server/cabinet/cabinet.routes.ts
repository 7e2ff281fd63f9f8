/**
 * The co-organizer's cabinet API. Every route acts on the signed-in co-organizer's own school
 * (from the session); ids in a request are only ever looked up within that school.
 */
import { Router } from 'express';
import { ObtainTariffRequest } from '../../core/contracts/api.ts';
import { MergeRequest } from '../../core/contracts/duplicates.ts';
import { IdParam } from '../../core/contracts/organizer.ts';
import type { ErasureDone } from '../../core/contracts/privacy.ts';
import { currentSchool, currentUser, requireUser } from '../auth/require-user.ts';
import type { ServerContext } from '../context.ts';
import { certificateAddress } from '../certificates/base-url.ts';
import { createEnrollmentCode, listDevices, listRejections, revokeDevice } from '../devices/devices.service.ts';
import { classroomAddress } from '../devices/server-address.ts';
import { parse } from '../http/errors.ts';
import { eraseByCoorganizer } from '../privacy/erasure.service.ts';
import { exportByCoorganizer, sendExport } from '../privacy/export.service.ts';
import { setStudentPassword } from '../results/student-password.service.ts';
import { missingParentConsents, recordPaperConsent, requireConsentStudent } from '../results/parent-consent.service.ts';
import { PaperConsentReceived } from '../../core/contracts/parent-consent.ts';
import { listPurchased, obtainTariff } from '../tariffs/tariffs.service.ts';
import { cabinetOverview, cabinetSchedule } from './cabinet.service.ts';
import { liveClass } from './class-live.service.ts';
import { listDuplicates, mergeRegistrations } from './duplicates.service.ts';

export function cabinetRouter(ctx: ServerContext): Router {
  const r = Router();
  r.use(requireUser(ctx, 'coorganizer'));

  r.get('/overview', async (req, res) => {
    res.json(await cabinetOverview(ctx, currentSchool(res), certificateAddress(ctx.config, req)));
  });
  r.get('/schedule', async (_req, res) => {
    res.json(await cabinetSchedule(ctx, currentSchool(res)));
  });

  r.get('/tariffs', async (_req, res) => {
    res.json(await listPurchased(ctx, currentSchool(res).id));
  });
  r.post('/tariffs', async (req, res) => {
    const { participants, costKopecks } = parse(ObtainTariffRequest, req.body ?? {});
    const actor = { userId: currentUser(res).id, school: currentSchool(res) };
    const tariff = await obtainTariff(ctx, actor, participants, { confirmedCostKopecks: costKopecks });
    res.status(201).json(tariff);
  });

  r.post('/enrollments', async (req, res) => {
    const enrollment = await createEnrollmentCode(ctx, currentSchool(res).id, currentUser(res).id);
    // req.host and req.protocol follow X-Forwarded-* only with TRUST_PROXY=1.
    const seen = { origin: `${req.protocol}://${req.host ?? ''}`, localPort: req.socket.localPort ?? ctx.config.port };
    const server = classroomAddress(ctx.config, seen);
    res.status(201).json({ ...enrollment, server });
  });
  r.get('/devices', async (_req, res) => {
    res.json(await listDevices(ctx, currentSchool(res).id));
  });
  r.post('/devices/:id/revoke', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    await revokeDevice(ctx, currentSchool(res).id, id);
    res.status(204).end();
  });
  r.get('/class', async (_req, res) => {
    res.json(await liveClass(ctx, currentSchool(res)));
  });
  r.get('/rejections', async (_req, res) => {
    res.json(await listRejections(ctx, currentSchool(res).id));
  });

  // «Повторные регистрации» (issue 13): the same student registered twice, side by side, and merged.
  r.get('/duplicates', async (_req, res) => {
    res.json(await listDuplicates(ctx, currentSchool(res)));
  });
  r.post('/duplicates/merge', async (req, res) => {
    const { keptId, retiredId } = parse(MergeRequest, req.body ?? {});
    const me = currentUser(res);
    res.json(
      await mergeRegistrations(ctx, { userId: me.id, email: me.email, school: currentSchool(res) }, keptId, retiredId),
    );
  });

  r.post('/students/:id/password', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const actor = { userId: currentUser(res).id, school: currentSchool(res) };
    res.json(await setStudentPassword(ctx, actor, id));
  });
  r.get('/students/:id/export', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const me = currentUser(res);
    sendExport(
      res,
      await exportByCoorganizer(ctx, { id: me.id, email: me.email, schoolId: currentSchool(res).id }, id),
    );
  });
  r.post('/students/:id/erase', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const me = currentUser(res);
    await eraseByCoorganizer(ctx, { id: me.id, email: me.email, schoolId: currentSchool(res).id }, id, req.body);
    res.json({ erased: true } satisfies ErasureDone);
  });

  r.get('/parent-consents', async (_req, res) => {
    res.json(await missingParentConsents(ctx, currentSchool(res)));
  });
  r.post('/students/:id/parent-consent', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const school = currentSchool(res);
    await requireConsentStudent(ctx, school, id);
    const { by } = parse(PaperConsentReceived, req.body ?? {});
    const me = currentUser(res);
    await recordPaperConsent(ctx, { userId: me.id, email: me.email, school }, id, by);
    res.status(204).end();
  });
  return r;
}
