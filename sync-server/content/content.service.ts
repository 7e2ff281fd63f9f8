/**
 * The content pack the campaign runs, read once per process and validated with the shared
 * schema, so a pack an organizer supplies is checked before any device receives it.
 */
import { readFileSync } from 'node:fs';
import { ContentPack } from '../../core/content/schema.ts';

const cache = new Map<string, ContentPack>();

export function loadContentPack(file: string): ContentPack {
  let pack = cache.get(file);
  if (!pack) {
    const parsed = ContentPack.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new Error(
        `content pack ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    pack = parsed.data;
    cache.set(file, pack);
  }
  return pack;
}
