import { describe, expect, it } from 'vitest';
import realPack from '../../../core/content/packs/moe-budushchee.json' with { type: 'json' };
import {
  checkPack,
  DEFAULT_PACK,
  Domain,
  isItemKeyed,
  loadPack,
  PackError,
  TEST_PACK,
  type ContentPack,
  type ItemType,
} from '../../../core/content/index.ts';

const ITEM_TYPES: ItemType[] = ['single', 'multiple', 'pairwise', 'likert', 'text', 'info'];
const typesOf = (pack: ContentPack) => new Set(pack.steps.flatMap((s) => s.items.map((i) => i.type)));
const clone = <T>(v: T): T => structuredClone(v);

describe('the «Моё будущее» pack', () => {
  it('validates with no errors and no advice for its author', () => {
    const report = checkPack(realPack);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('has 12 steps of about 60 minutes in all, with the break after step 6', () => {
    expect(DEFAULT_PACK.steps).toHaveLength(12);
    const minutes = DEFAULT_PACK.steps.reduce((sum, s) => sum + s.estimatedMinutes, 0);
    expect(minutes).toBeGreaterThanOrEqual(55);
    expect(minutes).toBeLessThanOrEqual(65);
    expect(DEFAULT_PACK.steps.filter((s) => s.breakAfter).map((s) => s.number)).toEqual([6]);
  });

  it('gives every step instructions and mixes every item type', () => {
    for (const step of DEFAULT_PACK.steps) expect(step.instructions.length).toBeGreaterThan(40);
    expect(typesOf(DEFAULT_PACK)).toEqual(new Set(ITEM_TYPES));
  });

  it('keys every non-info item to at least one domain, and uses all five domains', () => {
    const used = new Set<string>();
    for (const step of DEFAULT_PACK.steps) {
      for (const item of step.items) {
        if (item.type === 'info') continue;
        expect(isItemKeyed(item), `step ${step.number}, ${item.id}`).toBe(true);
        const keys =
          item.type === 'single' || item.type === 'multiple'
            ? item.options.map((o) => o.keys)
            : item.type === 'pairwise'
              ? [item.a.keys, item.b.keys]
              : [item.keys];
        for (const k of keys) for (const d of Object.keys(k)) used.add(d);
      }
    }
    expect(used).toEqual(new Set(Domain.options));
  });

  it('ends with a reflection step holding the shortlist of professions', () => {
    const last = DEFAULT_PACK.steps.at(-1)!;
    expect(last.items.some((i) => i.type === 'multiple' && i.shortlist)).toBe(true);
  });
});

describe('the test pack', () => {
  it('validates: 12 steps of one or two items, every item type, break after step 6', () => {
    expect(TEST_PACK.steps).toHaveLength(12);
    for (const step of TEST_PACK.steps) expect(step.items.length).toBeGreaterThanOrEqual(1);
    for (const step of TEST_PACK.steps) expect(step.items.length).toBeLessThanOrEqual(2);
    expect(typesOf(TEST_PACK)).toEqual(new Set(ITEM_TYPES));
    expect(TEST_PACK.steps.filter((s) => s.breakAfter).map((s) => s.number)).toEqual([6]);
  });
});

describe('loading another pack', () => {
  it('accepts a valid pack without code changes', () => {
    const other = clone(realPack);
    other.id = 'licensed-instrument';
    other.steps = other.steps.slice(0, 3);
    expect(loadPack(other).steps).toHaveLength(3);
  });

  const problemsOf = (json: unknown): string => {
    try {
      loadPack(json);
    } catch (e) {
      expect(e).toBeInstanceOf(PackError);
      return (e as PackError).message;
    }
    throw new Error('the pack was accepted');
  };

  it('refuses a pack with a missing field, naming the place', () => {
    const broken = clone(realPack) as unknown as { steps: { items: Record<string, unknown>[] }[] };
    delete broken.steps[0]!.items[1]!['prompt'];
    const message = problemsOf(broken);
    expect(message).toMatch(/^Пакет заданий не прошёл проверку/);
    expect(message).toContain('• steps[0].items[1].prompt:');
  });

  it('refuses steps out of order and choice limits that cannot be met', () => {
    const broken = clone(realPack) as unknown as { steps: { number: number; items: Record<string, unknown>[] }[] };
    broken.steps[1]!.number = 7;
    broken.steps[4]!.items[0]!['max'] = 99;
    const message = problemsOf(broken);
    expect(message).toContain('steps[1] must be number 2');
    expect(message).toContain('liked-subjects: max 99 exceeds the 14 options');
  });

  it('reports what is not JSON object at all', () => {
    expect(checkPack('not a pack').errors.length).toBeGreaterThan(0);
    expect(checkPack(null).pack).toBeNull();
  });

  it('advises the author about unscored items, a missing break and the total time', () => {
    const pack = clone(realPack) as unknown as { steps: { breakAfter: boolean; items: Record<string, unknown>[] }[] };
    pack.steps = pack.steps.slice(0, 2);
    for (const s of pack.steps) s.breakAfter = false;
    pack.steps[1]!.items[0] = { id: 'plain', type: 'likert', prompt: 'Без ключей', keys: {} };
    const { errors, warnings } = checkPack(pack);
    expect(errors).toEqual([]);
    expect(warnings.join('\n')).toContain('Шаг 2, «plain»');
    expect(warnings.join('\n')).toContain('breakAfter');
    expect(warnings.join('\n')).toContain('Общее время по шагам 10 мин');
  });
});
