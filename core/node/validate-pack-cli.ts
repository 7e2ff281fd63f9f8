/**
 * Checks content pack files before an organizer publishes them:
 *   npx tsx core/node/validate-pack-cli.ts path/to/pack.json [more.json ...]
 * Prints errors and advice per file; exits with 1 when any file cannot be used.
 */
import { readFileSync } from 'node:fs';
import { checkPack } from '../content/validate-pack.ts';
import { packCliMessages as m } from '../messages/content.ts';

function checkFile(path: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    console.error(m.unreadable(path, (e as Error).message));
    return false;
  }
  const { pack, errors, warnings } = checkPack(json);
  for (const e of errors) console.error(m.error(path, e));
  for (const w of warnings) console.warn(m.advice(path, w));
  if (pack) {
    const minutes = pack.steps.reduce((sum, s) => sum + s.estimatedMinutes, 0);
    console.log(m.summary(path, pack.title, pack.version, pack.steps.length, minutes));
  }
  return errors.length === 0;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error(m.usage);
  process.exit(2);
}
const results = files.map(checkFile);
process.exit(results.every(Boolean) ? 0 : 1);
