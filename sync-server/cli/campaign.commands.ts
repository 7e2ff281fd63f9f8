/** create-campaign and set-campaign: the campaign's settings from a JSON file, checked by CampaignSettings. */
import { CampaignSettings } from '../../core/campaign.ts';
import { CampaignInput } from '../../core/contracts/organizer.ts';
import { cliMessages as m } from '../../core/messages/accounts.ts';
import { openCampaign, updateActiveCampaign } from '../organizer/campaign.service.ts';
import type { Args } from './args.ts';
import { CliError, option, printIssues, readText, type AdminEnv } from './env.ts';

async function readJson(args: Args): Promise<unknown> {
  const path = option(args, 'file');
  const text = await readText(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(m.badJson(path, (err as Error).message));
  }
}

export async function createCampaignCommand(env: AdminEnv, args: Args): Promise<number> {
  const settings = await readJson(args);
  const year = Number(option(args, 'year'));
  const input = CampaignInput.safeParse({
    year,
    title: args.options.get('title') ?? `Всероссийская акция «Мое будущее» ${year}`,
    settings,
  });
  if (!input.success) {
    printIssues(env, input.error);
    return 1;
  }
  const campaign = await openCampaign(env, input.data);
  env.out(m.campaignCreated(campaign.year, campaign.id));
  return 0;
}

export async function setCampaignCommand(env: AdminEnv, args: Args): Promise<number> {
  const settings = CampaignSettings.safeParse(await readJson(args));
  if (!settings.success) {
    printIssues(env, settings.error);
    return 1;
  }
  const title = args.options.get('title');
  const campaign = await updateActiveCampaign(env, settings.data, title && title !== 'true' ? title : undefined);
  if (!campaign) throw new CliError(m.noActiveCampaign);
  env.out(m.campaignUpdated(campaign.year, campaign.id));
  return 0;
}
