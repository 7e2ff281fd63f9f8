/**
 * Loading and checking a content pack. `loadPack` is the gate every pack passes (built-in ones at
 * import, an organizer's upload at runtime); `checkPack` adds the advice an author wants before
 * publishing (unscored items, total time, the midway break) and backs the CLI in core/node.
 */
import { packMessages } from '../messages/content.ts';
import { ContentPack, type Item, type Keys } from './schema.ts';

export class PackError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`${packMessages.invalid}\n${problems.map((p) => `• ${p}`).join('\n')}`);
    this.name = 'PackError';
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** Validates `json` as a pack; throws PackError listing every problem with its path. */
export function loadPack(json: unknown): ContentPack {
  const parsed = ContentPack.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new PackError(parsed.error.issues.map((i) => (i.path.length ? `${pathOf(i.path)}: ${i.message}` : i.message)));
}

const scores = (keys: Keys) => Object.values(keys).some((v) => v !== 0);

/** Whether any answer to the item can move a domain's score. */
export function isItemKeyed(item: Item): boolean {
  switch (item.type) {
    case 'single':
    case 'multiple':
      return item.options.some((o) => scores(o.keys));
    case 'pairwise':
      return scores(item.a.keys) || scores(item.b.keys);
    case 'likert':
    case 'text':
      return scores(item.keys);
    case 'info':
      return false;
  }
}

export interface PackReport {
  pack: ContentPack | null;
  errors: readonly string[];
  warnings: readonly string[];
}

/** Errors make the pack unusable; warnings are advice for its author. */
export function checkPack(json: unknown): PackReport {
  let pack: ContentPack;
  try {
    pack = loadPack(json);
  } catch (e) {
    if (e instanceof PackError) return { pack: null, errors: e.problems, warnings: [] };
    throw e;
  }
  const warnings: string[] = [];
  for (const step of pack.steps) {
    for (const item of step.items) {
      if (item.type !== 'info' && !isItemKeyed(item)) warnings.push(packMessages.unkeyed(step.number, item.id));
    }
  }
  if (!pack.steps.some((s) => s.breakAfter)) warnings.push(packMessages.noBreak);
  const minutes = pack.steps.reduce((sum, s) => sum + s.estimatedMinutes, 0);
  if (minutes < 45 || minutes > 75) warnings.push(packMessages.duration(minutes));
  return { pack, errors: [], warnings };
}
