/** The organizer dashboard's API: the campaign's settings and the schools with their tariffs. */
import { Router, type Response } from 'express';
import { CoorganizerEdit, CoorganizerInput, CsvImportInput, SchoolInput } from '../../core/contracts/directory.ts';
import { recordAudit, type Actor } from '../audit/audit.repository.ts';
import { ExportFormat, OverviewQuery, SchoolExportParams } from '../../core/contracts/dashboard.ts';
import { CampaignInput, IdParam, SchoolsQuery, type ConsentVersions } from '../../core/contracts/organizer.ts';
import { listConsentVersions } from '../campaigns/consent.repository.ts';
import { coorganizersTable, overviewTable, schoolDevicesTable, tariffsTable } from '../../core/tables/overview.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { linkBaseUrl } from '../certificates/base-url.ts';
import { findActiveCampaign } from '../campaigns/campaign.repository.ts';
import type { ServerContext } from '../context.ts';
import { parse } from '../http/errors.ts';
import { listSchoolsWithTotals } from '../schools/schools.totals.ts';
import { putCampaign } from './campaign.service.ts';
import {
  createCoorganizer,
  createSchool,
  editCoorganizer,
  editSchool,
  importCoorganizers,
  importSchools,
} from './directory.service.ts';
import { sendTable } from './export.ts';
import { overview, schoolDetail } from './overview.service.ts';

export function organizerRouter(ctx: ServerContext): Router {
  const r = Router();
  r.use(requireUser(ctx, 'organizer'));
  const actor = (res: Response): Actor => {
    const me = currentUser(res);
    return { id: me.id, email: me.email };
  };
  r.get('/campaign', async (_req, res) => {
    res.json({ campaign: (await findActiveCampaign(ctx.db)) ?? null });
  });
  r.put('/campaign', async (req, res) => {
    const input = parse(CampaignInput, req.body ?? {});
    const { campaign, created } = await putCampaign(ctx, input, actor(res).id);
    ctx.log.info({ campaignId: campaign.id, created, userId: res.locals.user?.id }, 'campaign saved');
    await recordAudit(ctx.db, ctx.now(), actor(res), 'campaign.save', campaign.id, {
      label: campaign.title,
      year: campaign.year,
      title: campaign.title,
      created,
      // The consent's text is long and kept in the campaign itself; its edition says which.
      settings: { ...campaign.settings, consent: { version: campaign.settings.consent.version } },
    });
    res.status(created ? 201 : 200).json(campaign);
  });

  r.get('/consent-versions', async (_req, res) => {
    const campaign = await findActiveCampaign(ctx.db);
    const body: ConsentVersions = { versions: campaign ? await listConsentVersions(ctx.db, campaign.id) : [] };
    res.json(body);
  });

  r.get('/schools', async (req, res) => {
    const query = parse(SchoolsQuery, req.query);
    const campaign = await findActiveCampaign(ctx.db);
    res.json(await listSchoolsWithTotals(ctx, campaign?.id ?? null, query));
  });
  r.get('/overview', async (req, res) => {
    res.json(await overview(ctx, parse(OverviewQuery, req.query)));
  });
  r.get('/overview/export', async (req, res) => {
    const query = parse(OverviewQuery, req.query);
    const { format } = parse(ExportFormat, req.query);
    const o = await overview(ctx, query);
    await sendTable(res, overviewTable(query.region ? 'school' : 'region', o.stepCount), o.rows, format);
  });
  r.get('/schools/:id/detail', async (req, res) => {
    res.json(await schoolDetail(ctx, parse(IdParam, req.params).id));
  });
  r.get('/schools/:id/export/:table', async (req, res) => {
    const { id, table } = parse(SchoolExportParams, req.params);
    const { format } = parse(ExportFormat, req.query);
    const d = await schoolDetail(ctx, id);
    if (table === 'coorganizers') await sendTable(res, coorganizersTable, d.coorganizers, format);
    else if (table === 'tariffs') await sendTable(res, tariffsTable, d.tariffs, format);
    else await sendTable(res, schoolDevicesTable, d.devices, format);
  });

  r.post('/schools', async (req, res) => {
    res.status(201).json(await createSchool(ctx, actor(res), parse(SchoolInput, req.body ?? {})));
  });
  r.put('/schools/:id', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    res.json(await editSchool(ctx, actor(res), id, parse(SchoolInput, req.body ?? {})));
  });
  r.post('/schools/import', async (req, res) => {
    res.json(await importSchools(ctx, actor(res), parse(CsvImportInput, req.body ?? {}).csv));
  });
  r.post('/coorganizers', async (req, res) => {
    const input = parse(CoorganizerInput, req.body ?? {});
    res.status(201).json(await createCoorganizer(ctx, actor(res), input, linkBaseUrl(ctx.config, req)));
  });
  r.put('/coorganizers/:id', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    res.json(await editCoorganizer(ctx, actor(res), id, parse(CoorganizerEdit, req.body ?? {})));
  });
  r.post('/coorganizers/import', async (req, res) => {
    const input = parse(CsvImportInput, req.body ?? {});
    res.json(await importCoorganizers(ctx, actor(res), input, linkBaseUrl(ctx.config, req)));
  });
  return r;
}
