/** Russian texts of accounts, the cabinet, the dashboard and the admin CLI (part of the message catalog). */
export const accountMessages = {
  NO_SCHOOL: 'Учётная запись соорганизатора не привязана к образовательной организации. Обратитесь к организатору.',
  NO_CAMPAIGN: 'Акция ещё не открыта организатором.',
  CODE_COLLISIONS: 'Не удалось выдать новый код. Нажмите «Получить» ещё раз.',
} as const;

/** Why a row of an imported CSV file was not imported; each is printed after «Строка N:». */
export const importMessages = {
  tooFewColumns: (expected: number, got: number) => `ожидалось столбцов: ${expected}, в строке: ${got}`,
  badRegion: (code: string) => `нет региона с кодом «${code}» (нужен двузначный код, например 77)`,
  noLocality: 'не указан населённый пункт',
  noSchoolName: 'не указано название образовательной организации',
  badEmail: (email: string) => `неверный e-mail «${email}»`,
  noFullName: 'не указаны фамилия, имя и отчество',
  badPassword: (why: string) => `пароль не подходит: ${why}`,
  duplicateInFile: (line: number) => `повторяет строку ${line}`,
  emailTaken: 'пользователь с этим e-mail уже есть и относится к другой образовательной организации',
  emailIsOrganizer: 'этот e-mail принадлежит организатору',
  emailIsSupport: 'этот e-mail принадлежит технической поддержке',
  tooLong: (field: string, max: number) => `поле «${field}» длиннее ${max} символов`,
  unclosedQuote: 'незакрытая кавычка',
  unstorable: 'в строке есть символ, который нельзя сохранить (например, нулевой байт): исправьте файл',
} as const;

/** Texts the admin CLI prints. */
export const cliMessages = {
  unknownCommand: (c: string) => `Неизвестная команда «${c}». Список команд: npm run admin -- help`,
  missingOption: (o: string) => `Не указан параметр --${o}.`,
  missingFile: 'Укажите путь к файлу.',
  cannotRead: (path: string, why: string) => `Не удалось прочитать файл ${path}: ${why}`,
  badJson: (path: string, why: string) => `Файл ${path} — не JSON: ${why}`,
  invalid: 'Данные не прошли проверку:',
  emailExists: (email: string) => `Пользователь с e-mail ${email} уже есть.`,
  organizerCreated: (email: string) => `Организатор создан: ${email}`,
  supportCreated: (email: string) => `Сотрудник технической поддержки создан: ${email}`,
  noSuchUser: (email: string) => `Пользователя с e-mail ${email} нет.`,
  passwordReset: (email: string) => `Пароль изменён, прежние входы завершены: ${email}`,
  passwordOnce: (password: string) => `Пароль (показан один раз, сохраните его): ${password}`,
  noActiveCampaign: 'Активной акции нет. Создайте её: npm run admin -- create-campaign --file settings.json --year ГОД',
  campaignCreated: (year: number, id: string) => `Акция ${year} года создана и открыта (id ${id}).`,
  campaignUpdated: (year: number, id: string) => `Настройки акции ${year} года обновлены (id ${id}).`,
  importSummary: (ok: number, skipped: number, bad: number) =>
    `Импортировано: ${ok}, уже были: ${skipped}, с ошибками: ${bad}.`,
  badRow: (line: number, why: string) => `Строка ${line}: ${why}`,
  generatedPassword: (line: number, email: string, password: string) =>
    `Строка ${line}: ${email} — сгенерирован пароль: ${password}`,
  schoolCreated: (line: number) => `Строка ${line}: образовательная организация добавлена в справочник`,
} as const;
