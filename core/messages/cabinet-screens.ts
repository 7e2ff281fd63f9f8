/**
 * Every word of the co-organizer's cabinet, the organizer's dashboard, their server refusals and
 * the certificate check page (part of the message catalog). The instruction's labels are used
 * verbatim (DESIGN.md §5); co-organizers and organizers are addressed as «Вы».
 */
import { formatCode } from '../codes.ts';

const plural = (n: number, one: string, few: string, many: string): string => {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return one;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few;
  return many;
};

export const pluralRu = plural;

/** Refusals and file names the server gives for results and certificates. */
export const cabinetServerMessages = {
  resultNotReady: (done: number, of: number) =>
    `Результат будет доступен после прохождения всех шагов: участник выполнил ${done} из ${of}.`,
  certificateNotYet: (day: string) => `Сертификат соорганизатора можно будет скачать с ${day}`,
  activationNotConfirmed: 'Сертификат будет доступен, когда сервер подтвердит активацию кода участника.',
  participantNotDone: (done: number, of: number) =>
    `Сертификат участника будет доступен после прохождения всех шагов: выполнено ${done} из ${of}.`,
  resultFileName: (fullName: string) => `Результат — ${fullName}.pdf`,
  certificateFileName: (serial: string) => `Сертификат ${serial}.pdf`,
};

/** The public page a certificate's QR code opens. */
export const verifyPageMessages = {
  title: 'Проверка сертификата акции «Мое будущее»',
  genuine: 'Сертификат подлинный',
  notFound: 'Сертификат с таким номером не найден',
  notFoundHint: (serial: string) =>
    `Номер «${serial}» не выдавался. Проверьте, что он введён так, как напечатан на сертификате (например, MB-2026-7KQ4M2XD).`,
  serial: 'Номер сертификата',
  kind: 'Вид',
  kinds: { participant: 'Сертификат участника', coorganizer: 'Сертификат соорганизатора' },
  name: 'Кому выдан',
  school: 'Образовательная организация',
  campaign: 'Акция',
  issued: 'Дата выдачи',
  another: 'Проверить другой номер',
  check: 'Проверить',
  footer: 'Всероссийская акция «Мое будущее». Страница подтверждает только подлинность сертификата.',
};

export { formatCode };
