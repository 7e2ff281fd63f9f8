/**
 * The admin CLI's commands, as a function of arguments, a store and two output streams, so the
 * tests run them in-process on both dialects. Exit codes: 0 done, 1 bad data, 2 bad usage.
 */
import { cliMessages as m } from '../../core/messages/accounts.ts';
import { findActiveCampaign } from '../campaigns/campaign.repository.ts';
import {
  createOrganizerCommand,
  createSupportCommand,
  importCoorganizersCommand,
  importSchoolsCommand,
  resetPasswordCommand,
} from './account.commands.ts';
import { parseArgs, type Args } from './args.ts';
import { createCampaignCommand, setCampaignCommand } from './campaign.commands.ts';
import { CliError, type AdminEnv } from './env.ts';
import { HELP } from './help.ts';

export type { AdminEnv };

const commands: Record<string, (env: AdminEnv, args: Args) => Promise<number>> = {
  'create-organizer': createOrganizerCommand,
  'create-support': createSupportCommand,
  'import-schools': importSchoolsCommand,
  'import-coorganizers': importCoorganizersCommand,
  'reset-password': resetPasswordCommand,
  'create-campaign': createCampaignCommand,
  'set-campaign': setCampaignCommand,
  'show-campaign': async (env) => {
    const c = await findActiveCampaign(env.db);
    if (!c) throw new CliError(m.noActiveCampaign);
    env.out(JSON.stringify(c, null, 2));
    return 0;
  },
};

export async function runAdmin(argv: readonly string[], env: AdminEnv): Promise<number> {
  const args = parseArgs(argv);
  if (!args.command || args.command === 'help' || args.options.has('help')) {
    env.out(HELP);
    return 0;
  }
  const command = commands[args.command];
  if (!command) {
    env.err(m.unknownCommand(args.command));
    return 2;
  }
  try {
    return await command(env, args);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    env.err(err.message);
    return err.code;
  }
}
