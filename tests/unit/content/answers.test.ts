import { describe, expect, it } from 'vitest';
import {
  answerByMovingOn,
  isItemAnswered,
  Item,
  stepErrors,
  validateAnswer,
  type Step,
} from '../../../core/content/index.ts';

const options = ['x', 'y', 'z'].map((id) => ({ id, text: id.toUpperCase(), keys: { sign: 1 } }));
const single = Item.parse({ id: 's', type: 'single', prompt: 'Один', options });
const multiple = Item.parse({ id: 'm', type: 'multiple', prompt: 'Несколько', options, min: 1, max: 2 });
const anyOf = Item.parse({ id: 'm0', type: 'multiple', prompt: 'Любые', options, min: 0 });
const pairwise = Item.parse({
  id: 'p',
  type: 'pairwise',
  prompt: 'Пара',
  a: { id: 'a', text: 'A', keys: { art: 1 } },
  b: { id: 'b', text: 'B', keys: { human: 1 } },
});
const likert = Item.parse({ id: 'l', type: 'likert', prompt: 'Шкала', points: 5, keys: { nature: 2 } });
const text = Item.parse({ id: 't', type: 'text', prompt: 'Текст', maxLength: 10 });
const optionalText = Item.parse({ id: 'ot', type: 'text', prompt: 'Текст', required: false, keys: { art: 1 } });
const info = Item.parse({ id: 'i', type: 'info', body: 'Сведения' });

describe('validateAnswer', () => {
  it('accepts the shape each item type expects', () => {
    expect(validateAnswer(single, 'y')).toBeNull();
    expect(validateAnswer(multiple, ['x', 'z'])).toBeNull();
    expect(validateAnswer(anyOf, [])).toBeNull();
    expect(validateAnswer(pairwise, 'b')).toBeNull();
    expect(validateAnswer(likert, 5)).toBeNull();
    expect(validateAnswer(text, 'Про меня')).toBeNull();
    expect(validateAnswer(info, null)).toBeNull();
  });

  it('says in Russian what to do when a required answer is missing', () => {
    expect(validateAnswer(single, null)).toBe('Выберите один вариант ответа.');
    expect(validateAnswer(multiple, [])).toBe('Отметьте хотя бы 1 вариант.');
    expect(validateAnswer(pairwise, undefined)).toBe('Выберите одно из двух утверждений.');
    expect(validateAnswer(likert, null)).toBe('Отметьте ответ на шкале от 1 до 5.');
    expect(validateAnswer(text, '   ')).toBe('Напишите ответ: хотя бы несколько слов.');
  });

  it('lets an optional item stay blank', () => {
    expect(validateAnswer(optionalText, null)).toBeNull();
    expect(validateAnswer(optionalText, '')).toBeNull();
  });

  it('refuses answers the item cannot have', () => {
    expect(validateAnswer(single, 'w')).toMatch(/Такого варианта нет/);
    expect(validateAnswer(single, 2)).toMatch(/Такого варианта нет/);
    expect(validateAnswer(multiple, ['x', 'y', 'z'])).toBe(
      'Можно отметить не больше чем 2 варианта. Снимите лишние отметки.',
    );
    expect(validateAnswer(multiple, ['x', 'x'])).toMatch(/дважды/);
    expect(validateAnswer(multiple, 'x')).toMatch(/Такого варианта нет/);
    expect(validateAnswer(pairwise, 'c')).toMatch(/одно из двух/);
    expect(validateAnswer(likert, 0)).toMatch(/от 1 до 5/);
    expect(validateAnswer(likert, 2.5)).toMatch(/от 1 до 5/);
    expect(validateAnswer(likert, '3')).toMatch(/от 1 до 5/);
    expect(validateAnswer(text, 'слишком длинный ответ')).toBe('Ответ слишком длинный: уместите его в 10 символов.');
  });
});

describe('isItemAnswered', () => {
  it('is true for a valid answer and for info pages, false for blanks and invalid values', () => {
    expect(isItemAnswered(info, undefined)).toBe(true);
    expect(isItemAnswered(single, 'x')).toBe(true);
    expect(isItemAnswered(anyOf, [])).toBe(true);
    expect(isItemAnswered(optionalText, '')).toBe(false);
    expect(isItemAnswered(likert, 9)).toBe(false);
    expect(isItemAnswered(multiple, [])).toBe(false);
  });
});

describe('answerByMovingOn', () => {
  it('reads an untouched «tick any, or none» item as "none of these", and nothing else', () => {
    expect(answerByMovingOn(anyOf)).toEqual([]);
    expect(validateAnswer(anyOf, answerByMovingOn(anyOf))).toBeNull();
    for (const item of [single, multiple, pairwise, likert, text, optionalText, info])
      expect(answerByMovingOn(item)).toBeUndefined();
  });
});

describe('stepErrors', () => {
  const step: Step = {
    number: 1,
    title: 'Шаг',
    instructions: 'Ответьте.',
    estimatedMinutes: 1,
    breakAfter: false,
    items: [info, single, optionalText, likert],
  };

  it('lists what keeps the step from being completed, by item id', () => {
    expect(stepErrors(step, { s: 'x' })).toEqual({ l: 'Отметьте ответ на шкале от 1 до 5.' });
    expect(stepErrors(step, { s: 'x', l: 3 })).toEqual({});
  });
});
