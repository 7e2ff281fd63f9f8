/**
 * A participant's data as the file they (or the organizer) download: JSON whose keys and values
 * are Russian words a parent can read without a manual, dates in Moscow time. The password is
 * not in it: only its one-way hash is kept, and that is not the person's to read or anyone's to
 * hand out.
 */
import type { ParticipantData } from '../contracts/privacy.ts';
import { findRegion } from '../data/regions.ts';
import { PARENT_CONSENT_WAY_LABELS } from '../messages/consent.ts';

const when = (ms: number) =>
  new Intl.DateTimeFormat('ru-RU', {
    timeZone: 'Europe/Moscow',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(ms)) + ' (МСК)';

const GENDER: Record<string, string> = { female: 'женский', male: 'мужской' };

const answerText = (v: unknown): unknown => (typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v));

export function labelledExport(d: ParticipantData): Record<string, unknown> {
  const r = d.registration;
  return {
    Документ: 'Выгрузка персональных данных участника акции «Мое будущее»',
    'Дата выгрузки': when(d.exportedAt),
    Акция: `${d.campaign.title} (${d.campaign.year})`,
    Регистрация: {
      'Идентификатор участника': r.id,
      Фамилия: r.surname,
      Имя: r.name,
      Регион: findRegion(r.region)?.name ?? r.region,
      'Населенный пункт': r.locality,
      'Название образовательной организации': r.schoolName,
      Класс: r.schoolClass,
      Пол: GENDER[r.gender] ?? r.gender,
      'E-mail': r.email,
      'Дата регистрации': when(r.registeredAt),
      Пароль: 'хранится только в виде необратимой свёртки и в выгрузку не входит',
    },
    'Согласие на обработку персональных данных': d.consents.map((c) => ({
      Редакция: c.version,
      'Дата и время': when(c.at),
    })),
    'Согласие родителя (законного представителя)': d.parentConsent
      ? {
          'Кто дал': d.parentConsent.by,
          'Как дано': PARENT_CONSENT_WAY_LABELS[d.parentConsent.how],
          'Дата и время': d.parentConsent.at === null ? 'не записаны' : when(d.parentConsent.at),
          ...(d.parentConsent.how === 'paper'
            ? {
                'Бланк получен школой':
                  d.parentConsent.receivedAt === null ? 'ещё не получен' : when(d.parentConsent.receivedAt),
              }
            : {}),
        }
      : 'не записано (не требовалось или не давалось)',
    'Код доступа': d.activation
      ? { Код: d.activation.code, Состояние: d.activation.status, 'Дата активации': when(d.activation.at) }
      : 'код не вводился',
    Ответы: d.answers.map((a) => ({
      Задание: `Шаг ${a.step}. ${a.stepTitle}`,
      Вопрос: a.itemId,
      Ответ: answerText(a.value),
      Сохранён: when(a.at),
    })),
    'Выполненные задания': d.completedSteps.map((c) => ({
      Задание: `Шаг ${c.step}. ${c.stepTitle}`,
      Завершено: when(c.at),
    })),
    Результат: d.result
      ? {
          Итог: d.result.summary,
          Профиль: d.result.profile.map((p) => ({ Направление: p.title, Процент: p.percent, Уровень: p.band })),
        }
      : 'будет доступен после выполнения всех заданий',
    Сертификаты: d.certificates.map((c) => ({ Номер: c.serial, 'Дата выдачи': when(c.issuedAt) })),
    'Входы в других образовательных организациях': d.visitedSchools.map((v) => ({
      'Образовательная организация': v.name,
      'Первый вход': when(v.firstAt),
    })),
  };
}

/** The downloaded file's name: readable, with no personal data in it (it lands in Downloads). */
export function exportFileName(exportedAt: number): string {
  return `moe-budushchee-dannye-uchastnika-${new Date(exportedAt).toISOString().slice(0, 10)}.json`;
}
