/** Answer sets for scoring tests: the best answers for one domain, and random valid answers. */
import fc from 'fast-check';
import type { ContentPack, Domain, Item, Keys } from '../../../core/content/index.ts';
import type { CompletedAnswers } from '../../../core/scoring/index.ts';
import type { AnswerValue } from '../../../core/mutations/schemas.ts';

const k = (keys: Keys, d: Domain) => keys[d] ?? 0;

/** The answer that gives `domain` the most points. */
export function bestFor(item: Item, domain: Domain): AnswerValue | undefined {
  switch (item.type) {
    case 'single':
      return [...item.options].sort((a, b) => k(b.keys, domain) - k(a.keys, domain))[0]!.id;
    case 'multiple': {
      const sorted = [...item.options].sort((a, b) => k(b.keys, domain) - k(a.keys, domain));
      const positive = sorted.filter((o) => k(o.keys, domain) > 0).length;
      const count = Math.max(item.min, Math.min(positive, item.max ?? item.options.length));
      return sorted.slice(0, count).map((o) => o.id);
    }
    case 'pairwise':
      return k(item.a.keys, domain) >= k(item.b.keys, domain) ? 'a' : 'b';
    case 'likert':
      return k(item.keys, domain) > 0 ? item.points : 1;
    case 'text':
      return k(item.keys, domain) > 0 ? 'Сделано' : item.required ? 'Ответ' : undefined;
    case 'info':
      return undefined;
  }
}

export function allSteps(pack: ContentPack, answer: (item: Item) => AnswerValue | undefined): CompletedAnswers {
  const out: Record<number, Record<string, AnswerValue>> = {};
  for (const step of pack.steps) {
    const a: Record<string, AnswerValue> = {};
    for (const item of step.items) {
      const v = answer(item);
      if (v !== undefined) a[item.id] = v;
    }
    out[step.number] = a;
  }
  return out;
}

function arbValue(item: Item): fc.Arbitrary<AnswerValue | undefined> {
  const blankable = <T>(a: fc.Arbitrary<T>) => (item.required ? a : fc.option(a, { nil: undefined }));
  switch (item.type) {
    case 'single':
      return blankable(fc.constantFrom(...item.options.map((o) => o.id)));
    case 'multiple':
      return blankable(
        fc.subarray(
          item.options.map((o) => o.id),
          { minLength: item.min, maxLength: item.max ?? item.options.length },
        ),
      );
    case 'pairwise':
      return blankable(fc.constantFrom('a', 'b'));
    case 'likert':
      return blankable(fc.integer({ min: 1, max: item.points }));
    case 'text':
      return blankable(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''));
    case 'info':
      return fc.constant(undefined);
  }
}

/** Valid answers for a random subset of completed steps. */
export function arbAnswers(pack: ContentPack): fc.Arbitrary<CompletedAnswers> {
  const steps = pack.steps.map((step) =>
    fc.option(
      fc.tuple(...step.items.map(arbValue)).map((values) => {
        const a: Record<string, AnswerValue> = {};
        step.items.forEach((item, i) => {
          if (values[i] !== undefined) a[item.id] = values[i];
        });
        return a;
      }),
      { nil: undefined, freq: 6 },
    ),
  );
  return fc.tuple(...steps).map((per) => {
    const out: Record<number, Record<string, AnswerValue>> = {};
    per.forEach((a, i) => {
      if (a) out[i + 1] = a;
    });
    return out;
  });
}
