/** Russian texts for answer checks and pack loading (part of the message catalog). */

/** «1 вариант», «2 варианта», «5 вариантов». */
export function variants(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return `${n} вариант`;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return `${n} варианта`;
  return `${n} вариантов`;
}

export const answerMessages = {
  chooseOne: 'Выберите один вариант ответа.',
  unknownOption: 'Такого варианта нет. Выберите вариант из списка.',
  chooseAtLeast: (min: number) => `Отметьте хотя бы ${variants(min)}.`,
  chooseAtMost: (max: number) => `Можно отметить не больше чем ${variants(max)}. Снимите лишние отметки.`,
  duplicateOption: 'Один и тот же вариант отмечен дважды. Обновите страницу и отметьте ответ ещё раз.',
  choosePair: 'Выберите одно из двух утверждений.',
  chooseScale: (points: number) => `Отметьте ответ на шкале от 1 до ${points}.`,
  writeText: 'Напишите ответ: хотя бы несколько слов.',
  textTooLong: (max: number) => `Ответ слишком длинный: уместите его в ${max} символов.`,
} as const;

export const packMessages = {
  invalid: 'Пакет заданий не прошёл проверку. Исправьте ошибки и загрузите его снова:',
  unkeyed: (step: number, item: string) =>
    `Шаг ${step}, «${item}»: ответ не связан ни с одной сферой профессий и не попадёт в профиль.`,
  noBreak: 'Ни у одного шага не отмечен перерыв (breakAfter): участникам негде остановиться на середине.',
  duration: (minutes: number) => `Общее время по шагам ${minutes} мин; акция рассчитана примерно на 60 минут.`,
} as const;

/** The pack check's command line (core/node/validate-pack-cli.ts). */
export const packCliMessages = {
  usage: 'Укажите файлы пакетов: validate-pack-cli.ts pack.json [...]',
  unreadable: (path: string, reason: string) => `${path}: не удалось прочитать JSON: ${reason}`,
  error: (path: string, problem: string) => `${path}: ошибка: ${problem}`,
  advice: (path: string, advice: string) => `${path}: совет: ${advice}`,
  summary: (path: string, title: string, version: string, steps: number, minutes: number) =>
    `${path}: «${title}» ${version}: шагов ${steps}, около ${minutes} мин.`,
} as const;
