/**
 * A refused code (instruction 2.3: the student enters the code from the co-organizer): the note
 * says each thing once, and that the answers are kept only when there are answers to keep.
 */
import { describe, expect, it } from 'vitest';
import { rejectionMessages } from '../../../core/messages/rejections.ts';
import { screenMessages as m } from '../../../core/messages/screens.ts';

const count = (text: string, part: string) => text.split(part).length - 1;

describe('the note under «Код не принят.»', () => {
  it('an unknown code: «Проверьте код» once, nothing about answers before there are any', () => {
    const lines = m.activate.refusal(rejectionMessages.CODE_UNKNOWN, false);
    expect(lines).toEqual(['Такого кода нет. Проверьте код и введите его ещё раз.']);
    expect(count(lines.join(' '), 'Проверьте код')).toBe(1);
  });

  it('a full code refused after the student began: what to do once, and that the answers stay', () => {
    const lines = m.activate.refusal(rejectionMessages.CODE_FULL, true);
    expect(lines).toEqual([rejectionMessages.CODE_FULL, 'Ответы, которые Вы уже дали, сохранены.']);
    expect(count(lines.join(' '), 'соорганизатор')).toBe(1);
  });

  it('with no reason given, the general advice', () => {
    expect(m.activate.refusal(null, false)).toEqual([
      'Проверьте код или попросите у соорганизатора другой и введите его ещё раз.',
    ]);
  });
});

describe('the kiosk program not answering', () => {
  // In a browser nothing restarts the host; the words must be true there too.
  it('promises no restart', () => {
    expect(m.errors.hostUnreachable).not.toMatch(/перезапустится/);
    expect(m.errors.hostUnreachable).toMatch(/позовите учителя/);
  });
});
