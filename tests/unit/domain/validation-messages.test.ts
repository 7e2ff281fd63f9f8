/**
 * What a person reads under a field when a check fails: every field of the registration and the
 * campaign form says what is wrong in its own words, and a check with no words of its own still
 * speaks plain Russian (never «string», «<=» or a format's English name).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { kioskApi } from '../../../core/contracts/kiosk.ts';
import { CampaignInput } from '../../../core/contracts/organizer.ts';
import {
  ActivateCode,
  AnswerValue,
  Mutation,
  ParticipantProfile,
  SaveAnswer,
} from '../../../core/mutations/schemas.ts';
import { openSettings } from '../../support/factories.ts';

const NOT_PLAIN_RUSSIAN = /[A-Za-z<>=]/;
const ID = '018f0000-0000-7000-8000-000000000000';

/** The field's messages, as a form shows them: the first per field. */
function messagesOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of schema.safeParse(input).error?.issues ?? []) out[issue.path.join('.')] ??= issue.message;
  return out;
}

const profile = {
  surname: 'Иванова',
  name: 'Анна',
  region: '77',
  locality: 'Москва',
  schoolName: 'ГБОУ Школа № 1',
  schoolClass: '8Б',
  gender: 'female',
  email: 'anna@example.ru',
};
const registration = { profile, password: 'parol123', consentVersion: '1' };
const campaign = { year: 2026, title: 'Всероссийская акция «Мое будущее»', settings: openSettings(new Date()) };

describe('registration («Регистрация участника»)', () => {
  it('says how long each text field may be, naming the field', () => {
    const long = (n: number) => 'а'.repeat(n);
    expect(
      messagesOf(ParticipantProfile, {
        ...profile,
        surname: long(61),
        name: long(61),
        locality: long(121),
        schoolName: long(2000),
        email: `${long(250)}@example.ru`,
      }),
    ).toEqual({
      surname: 'Фамилия: не длиннее 60 символов',
      name: 'Имя: не длиннее 60 символов',
      locality: 'Населенный пункт: не длиннее 120 символов',
      schoolName: 'Название образовательной организации: не длиннее 300 символов',
      email: 'E-mail: не длиннее 254 символов',
    });
  });

  it('asks for an empty field with «Укажите …», and the password with «Придумайте пароль»', () => {
    const empty = { surname: '', name: '', region: '', locality: ' ', schoolName: '', schoolClass: '', gender: '' };
    expect(
      messagesOf(kioskApi.register.input, {
        ...registration,
        profile: { ...profile, ...empty, email: '' },
        password: '',
      }),
    ).toEqual({
      'profile.surname': 'Укажите фамилию',
      'profile.name': 'Укажите имя',
      'profile.region': 'Выберите регион из списка',
      'profile.locality': 'Укажите населенный пункт',
      'profile.schoolName': 'Укажите название образовательной организации',
      'profile.schoolClass': 'Укажите класс, например «8Б»',
      'profile.gender': 'Выберите пол',
      'profile.email': 'Укажите e-mail',
      password: 'Придумайте пароль',
    });
  });

  it('keeps the messages for what is filled in wrong', () => {
    expect(
      messagesOf(kioskApi.register.input, {
        ...registration,
        profile: { ...profile, surname: 'Иванова2', email: 'anna@' },
        password: 'parol',
      }),
    ).toEqual({
      'profile.surname': 'Фамилия: только буквы, пробел и дефис',
      'profile.email': 'Проверьте e-mail: он должен выглядеть как name@example.ru',
      password: 'Пароль должен быть не короче 8 символов',
    });
  });

  it('gives one message for an empty field, not every rule it breaks', () => {
    const issues = kioskApi.register.input.safeParse({ ...registration, password: '' }).error?.issues ?? [];
    expect(issues.map((i) => i.message)).toEqual(['Придумайте пароль']);
  });
});

describe('the campaign form («Настройки акции»)', () => {
  it('says a title is too long rather than asking for one', () => {
    expect(messagesOf(CampaignInput, { ...campaign, title: 'а'.repeat(5000) })).toEqual({
      title: 'Название акции: не длиннее 200 символов',
    });
    expect(messagesOf(CampaignInput, { ...campaign, title: '  ' })).toEqual({ title: 'Укажите название акции' });
  });

  it('says what is wrong with the price and the consent', () => {
    const settings = {
      ...campaign.settings,
      pricePerParticipantKopecks: 100_000_01,
      consent: { version: 'в'.repeat(41), text: '' },
    };
    expect(messagesOf(CampaignInput, { ...campaign, settings })).toEqual({
      'settings.pricePerParticipantKopecks': 'Цена за одного участника — не больше 100\u202f000\u00a0₽',
      'settings.consent.version': 'Редакция согласия: не длиннее 40 символов',
      'settings.consent.text': 'Вставьте текст согласия',
    });
  });
});

describe("zod's own messages (core/zod-ru.ts)", () => {
  const samples: [string, z.ZodType, unknown][] = [
    [
      '«Название компьютера» too long',
      kioskApi.enroll.input,
      { serverUrl: 'http://a.ru', enrollmentCode: 'ABCD', deviceName: 'к'.repeat(81) },
    ],
    ['a code of the wrong length', ActivateCode, { activationId: ID, participantId: ID, code: 'ABC' }],
    ['an answer too long', AnswerValue, 'о'.repeat(5001)],
    ['too many options chosen', AnswerValue, Array.from({ length: 101 }, () => 'да')],
    ['step 0', SaveAnswer, { participantId: ID, step: 0, itemId: 'q', value: 1 }],
    ['step 1.5', SaveAnswer, { participantId: ID, step: 1.5, itemId: 'q', value: 1 }],
    ['a missing field', SaveAnswer, { participantId: ID, itemId: 'q', value: 1 }],
    ['text where a number goes', SaveAnswer, { participantId: ID, step: 'один', itemId: 'q', value: 1 }],
    ['an unknown mutation', Mutation, { name: 'nothing.happens', id: 'x', seq: 1, at: 0 }],
    ['a text too short', z.string().min(3), 'аб'],
    ['a text of the wrong length', z.string().length(8), 'ABC'],
    ['a number too big', z.number().max(5), 6],
    ['a number not below', z.number().lt(5), 5],
    ['a number not above', z.number().gt(5), 5],
    ['not a multiple', z.number().multipleOf(5), 7],
    ['a wrong e-mail', z.email(), 'anna@'],
    ['a wrong address', z.url(), 'адрес'],
    ['a wrong id', z.uuid(), '123'],
    ['a wrong pattern', z.string().regex(/^\d+$/), 'abc'],
    ['a value not in the list', z.enum(['female', 'male']), 'other'],
    ['a literal', z.literal('participant.register'), 'x'],
    ['a boolean', z.boolean(), 'yes'],
    ['an extra key', z.strictObject({ a: z.string() }), { a: 'x', extra: 1 }],
    ['a list too short', z.array(z.string()).min(2), ['a']],
    ['a union', z.union([z.string(), z.number()]), true],
  ];

  it.each(samples)('%s: plain Russian', (_what, schema, input) => {
    const issues = schema.safeParse(input).error?.issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.message).not.toMatch(NOT_PLAIN_RUSSIAN);
  });

  it('says how long a text may be and how big a number', () => {
    expect(
      messagesOf(kioskApi.enroll.input, {
        serverUrl: 'http://a.ru',
        enrollmentCode: 'ABCD',
        deviceName: 'к'.repeat(81),
      }),
    ).toEqual({
      deviceName: 'Слишком длинный текст: не больше 80 символов',
    });
    expect(z.string().max(20_000).safeParse('а'.repeat(20_001)).error?.issues[0]?.message).toBe(
      'Слишком длинный текст: не больше 20\u202f000 символов',
    );
    expect(z.string().max(1).safeParse('аб').error?.issues[0]?.message).toBe(
      'Слишком длинный текст: не больше 1 символа',
    );
    expect(z.string().min(3).safeParse('а').error?.issues[0]?.message).toBe(
      'Слишком короткий текст: не меньше 3 символов',
    );
    expect(z.string().min(1).safeParse('').error?.issues[0]?.message).toBe('Заполните это поле');
    expect(z.number().min(1).safeParse(0).error?.issues[0]?.message).toBe('Слишком маленькое число: не меньше 1');
    expect(z.number().max(10_000).safeParse(10_001).error?.issues[0]?.message).toBe(
      'Слишком большое число: не больше 10\u202f000',
    );
  });
});
