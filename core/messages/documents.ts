/** Russian texts of the PDF documents: result and certificates (part of the message catalog). */

export const documentMessages = {
  /** The PDF's «Creator» property. */
  creator: 'Моё будущее',
  action: 'Всероссийская акция',
  footerAdvisory: 'Результат носит рекомендательный характер',
  page: (n: number, of: number) => `Страница ${n} из ${of}`,
  method: (pack: string, scoring: string) => `Методика ${pack}, подсчёт ${scoring}`,
  fontBroken: 'PDF: данные шрифта повреждены или это не шрифт TrueType.',
  fontNotLoaded: (font: string) => `PDF: шрифт ${font} не загрузился.`,
};

export const resultMessages = {
  title: 'Результат участия',
  participant: 'Участник',
  school: 'Образовательная организация',
  schoolClass: 'Класс',
  date: 'Дата',
  profileTitle: 'Профиль профессиональных интересов',
  profileHint:
    'Чем длиннее полоса, тем сильнее интерес к сфере. Процент показывает долю от наибольшего результата, который можно было набрать в заданиях.',
  bands: 'Уровень интереса',
  meaningTitle: 'Что это значит',
  interest: (band: string, percent: number) => `${band} интерес, ${percent} %`,
  recommendationsTitle: 'Сферы и профессии, к которым стоит присмотреться',
  shortlistTitle: 'Ваш список профессий',
  shortlistIntro: 'Профессии, которые Вы сами выбрали в последнем задании:',
  nextStepsTitle: 'Что попробовать дальше',
  advisoryTitle: 'Важно',
  incomplete: (done: number, of: number) =>
    `Выполнено заданий: ${done} из ${of}. Профиль построен по выполненным заданиям и может измениться.`,
};

export const certificateMessages = {
  title: 'Сертификат',
  participantKind: 'участника',
  coorganizerKind: 'соорганизатора',
  confirms: 'настоящим подтверждается, что',
  participated: (gender: 'female' | 'male' | undefined, campaign: string) => {
    const verb = gender === 'female' ? 'приняла' : gender === 'male' ? 'принял' : 'принял(а)';
    return `${verb} участие во Всероссийской акции «${campaign}» и выполнил${gender === 'female' ? 'а' : gender === 'male' ? '' : '(а)'} все задания`;
  },
  coorganized: (campaign: string) => `является соорганизатором Всероссийской акции «${campaign}»`,
  school: 'Образовательная организация',
  region: 'Регион',
  participants: 'Участников, выполнивших все задания',
  issued: 'Дата выдачи',
  serial: 'Номер сертификата',
  verify: 'Проверить подлинность сертификата:',
};
