/** Data for kiosk tests: a student's registration and valid answers to any content item. */
import type { ContentPack, Item } from '../../../core/content/schema.ts';
import type { KioskInput } from '../../../core/contracts/kiosk.ts';
import type { AnswerValue } from '../../../core/mutations/schemas.ts';

let n = 0;

export function registration(over: { email?: string; region?: string } = {}): KioskInput<'register'> {
  n += 1;
  return {
    profile: {
      surname: 'Петрова',
      name: 'Анна',
      region: over.region ?? '77',
      locality: 'Москва',
      schoolName: 'Школа № 1',
      schoolClass: '8Б',
      gender: 'female',
      email: over.email ?? `anna${n}.${Date.now().toString(36)}@school.ru`,
    },
    password: 'parol123',
    consentVersion: 'test-1',
  };
}

/** An answer every item type accepts. */
export function validAnswer(item: Item): AnswerValue | undefined {
  switch (item.type) {
    case 'single':
      return item.options[0]!.id;
    case 'multiple':
      return item.options.slice(0, Math.max(1, item.min)).map((o) => o.id);
    case 'pairwise':
      return 'a';
    case 'likert':
      return Math.ceil(item.points / 2);
    case 'text':
      return 'Хочу стать инженером';
    case 'info':
      return undefined;
  }
}

/** Every answer of a step, as [itemId, value]. */
export function stepAnswers(pack: ContentPack, step: number): [string, AnswerValue][] {
  return pack.steps[step - 1]!.items.flatMap((i) => {
    const v = validAnswer(i);
    return v === undefined ? [] : [[i.id, v] as [string, AnswerValue]];
  });
}
