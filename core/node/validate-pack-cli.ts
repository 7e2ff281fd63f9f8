/**
 * Checks content pack files before an organizer publishes them:
 *   npx tsx core/node/validate-pack-cli.ts path/to/pack.json [more.json ...]
 * Prints errors and advice per file; exits with 1 when any file cannot be used.
 */
import { readFileSync } from 'node:fs';
import { checkPack } from '../content/validate-pack.ts';

function checkFile(path: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    console.error(`${path}: не удалось прочитать JSON: ${(e as Error).message}`);
    return false;
  }
  const { pack, errors, warnings } = checkPack(json);
  for (const e of errors) console.error(`${path}: ошибка: ${e}`);
  for (const w of warnings) console.warn(`${path}: совет: ${w}`);
  if (pack) {
    const minutes = pack.steps.reduce((sum, s) => sum + s.estimatedMinutes, 0);
    console.log(`${path}: «${pack.title}» ${pack.version}: шагов ${pack.steps.length}, около ${minutes} мин.`);
  }
  return errors.length === 0;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Укажите файлы пакетов: validate-pack-cli.ts pack.json [...]');
  process.exit(2);
}
const results = files.map(checkFile);
process.exit(results.every(Boolean) ? 0 : 1);
