/**
 * «Скачать все результаты» in «Результаты» (part of the message catalog): the button, the
 * progress of the archive being built on the server, the server's refusals, and the names of the
 * files inside the archive.
 */
import type { Domain } from '../content/schema.ts';
import { domainTitles } from './scoring.ts';
import { formatNumberRu as num, pluralRu as plural } from './numbers.ts';

const results = (n: number) => `${num(n)} ${plural(n, 'результат', 'результата', 'результатов')}`;

/** A size as a person reads it: «1,4 МБ», «820 КБ». */
function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${num(Math.max(1, Math.round(bytes / 1024)))} КБ`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
}

export const resultsExportMessages = {
  button: 'Скачать все результаты',
  lead: 'Один архив ZIP: результат в PDF каждого учащегося, прошедшего все шаги, и сводная таблица XLSX с профилем по пяти сферам.',
  starting: 'Запускаем сборку архива…',
  progressLabel: 'Сборка архива',
  progress: (done: number, total: number) => `Собираем архив: ${num(done)} из ${num(total)}`,
  keepWorking: 'Архив собирается на сервере: можно работать в других разделах кабинета и вернуться сюда.',
  ready: (total: number, bytes: number) => `Архив готов: ${results(total)}, ${size(bytes)}.`,
  download: 'Скачать архив',
  again: 'Собрать заново',
  gone: 'Архив скачан или устарел и удалён с сервера. Чтобы получить его снова, нажмите «Скачать все результаты».',
  failed: 'Архив собрать не удалось. Попробуйте ещё раз.',
};

/** What the server answers about an export. */
export const resultsExportServerMessages = {
  noneFinished:
    'Пока ни один учащийся, применивший Ваш код, не прошёл все шаги: в архив нечего положить. Результаты появятся в списке по мере прохождения.',
  notReady: 'Архив ещё собирается. Дождитесь, когда он будет готов.',
  gone: resultsExportMessages.gone,
  failed: resultsExportMessages.failed,
  notFound: 'Такой архив не найден. Обновите раздел «Результаты».',
  /** The server node that built (or was building) the archive stopped answering. */
  nodeLost:
    'Сервер, собиравший архив, перестал отвечать. Нажмите «Скачать все результаты», чтобы собрать архив заново.',
  archiveName: (day: string) => `Результаты учащихся ${day}.zip`,
  summaryName: 'Сводная таблица.xlsx',
};

/** The summary spreadsheet: one row per student in the archive. */
export const resultsSummaryMessages = {
  sheet: 'Результаты',
  columns: {
    surname: 'Фамилия',
    name: 'Имя',
    schoolClass: 'Класс',
    code: 'Код',
    leading: 'Ведущая сфера',
    file: 'Файл результата',
  },
  /** A domain's column: its title and the unit. */
  domain: (domain: Domain) => `${domainTitles[domain]}, %`,
};
