/**
 * Every word the kiosk screens show, in Russian (part of the message catalog). Labels the
 * instruction prints are used verbatim (DESIGN.md §5). Students are addressed as «Вы», like
 * the rest of the catalog.
 */
import { kioskMessages } from './kiosk.ts';

const plural = (n: number, one: string, few: string, many: string): string => {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return one;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few;
  return many;
};

const codeWhatToDo = 'Проверьте код или попросите у соорганизатора другой и введите его ещё раз.';
const codeAnswersKept = 'Ответы, которые Вы уже дали, сохранены.';

export const screenMessages = {
  appTitle: 'Моё будущее',
  actionTitle: 'Всероссийская акция «Мое будущее»',
  loading: 'Загрузка…',
  wait: 'Подождите…',

  routes: {
    cabinetSoon: 'Личный кабинет соорганизатора открывается на сервере акции.',
    dashboardSoon: 'Панель организатора открывается на сервере акции.',
    toKiosk: 'К экрану участника',
  },

  errors: {
    // True in the desktop app (which restarts its host) and in a browser (where nothing does).
    hostUnreachable:
      'Программа киоска не отвечает. Подождите минуту. Если программа не вернётся, позовите учителя: её нужно запустить снова.',
    hostFailed: 'Что-то пошло не так. Попробуйте ещё раз; если ошибка повторяется, позовите учителя.',
    badRequest: 'Данные не приняты. Проверьте, что всё заполнено, и попробуйте ещё раз.',
    checkFields: 'Проверьте поля, отмеченные красным.',
  },

  enroll: {
    title: 'Подключение компьютера',
    lead: 'Этот компьютер ещё не подключён к образовательной организации. Данные для подключения выдаёт соорганизатор в личном кабинете.',
    serverUrl: 'Адрес сервера',
    serverUrlHint: 'Например, http://192.168.1.10:8080',
    enrollmentCode: 'Код подключения',
    deviceName: 'Название компьютера',
    deviceNameHint: 'Например, «Кабинет 12, ПК 3»',
    submit: 'Подключить',
    busy: 'Подключаем…',
  },

  start: {
    welcome: 'Добро пожаловать!',
    lead: 'Чтобы принять участие в акции, зарегистрируйтесь. Если Вы уже регистрировались, войдите.',
    register: 'Зарегистрироваться',
    login: 'Войти',
    sessionEnded: 'Сеанс завершён. Войдите снова: все сохранённые ответы на месте.',
  },

  register: {
    title: 'Регистрация участника',
    surname: 'Фамилия',
    name: 'Имя',
    region: 'Регион',
    regionPlaceholder: 'Выберите регион',
    locality: 'Населенный пункт',
    schoolName: 'Название образовательной организации',
    schoolClass: 'Класс',
    schoolClassHint: 'Например, 8Б',
    gender: 'Пол',
    female: 'Женский',
    male: 'Мужской',
    email: 'E-mail',
    password: 'Пароль',
    passwordHint: 'Не короче 8 символов, хотя бы одна буква и одна цифра',
    passwordRepeat: 'Повторите пароль',
    passwordsDiffer: 'Пароли не совпадают',
    showPassword: 'Показать пароль',
    /** How consent is given, as the instruction (2.2) and the consent's own text say it. */
    consentHow:
      'Нажимая кнопку «Регистрация», Вы даёте согласие на обработку персональных данных на условиях, изложенных выше.',
    consentVersion: (v: string, from: string | null) => (from ? `Редакция ${v}, действует с ${from}` : `Редакция ${v}`),
    privacyLink: 'Как мы обращаемся с персональными данными',
    parentTitle: 'Согласие родителя',
    parentLead: (upTo: number) =>
      `Участникам 1–${upTo} классов (младше 14 лет) нужно согласие родителя или иного законного представителя на обработку персональных данных.`,
    parentBy: 'ФИО родителя (законного представителя)',
    parentByHint: 'Например, Петрова Мария Ивановна',
    parentHow: 'Как дано согласие',
    parentHowHint: {
      paper: 'Родитель подписал бланк согласия; отдайте его учителю.',
      electronic: 'Родитель сам прочитал согласие и заполнил эти поля на этом экране.',
    },
    submit: 'Регистрация',
    busy: 'Регистрируем…',
    closed: 'Регистрация в Вашем регионе сейчас закрыта. Спросите учителя, когда она откроется.',
    back: 'Назад',
  },

  login: {
    title: 'Вход',
    email: 'E-mail',
    password: 'Пароль',
    submit: 'Войти',
    busy: 'Входим…',
    back: 'Назад',
    forgot: 'Забыли пароль? Позовите учителя: соорганизатор задаст Вам новый пароль в своём личном кабинете.',
  },

  home: {
    hello: (name: string) => `Здравствуйте, ${name}!`,
    participate: 'Принять участие в акции «Мое будущее»',
    lead: 'Вам предстоит выполнить 12 заданий. Примерное время — 60 минут. Можно остановиться и продолжить позже с того же шага.',
    leadGoingOn: (done: number, total: number) =>
      `Выполнено ${done} ${plural(done, 'задание', 'задания', 'заданий')} из ${total}. Ваши ответы сохранены: продолжайте с того места, где остановились.`,
    leadDone: (total: number) =>
      `Все ${total} заданий выполнены. Спасибо за участие! Здесь можно посмотреть и скачать результат и сертификат.`,
    /** The code was refused after some work: the answers wait for another code. */
    otherCode: 'Ввести другой код',
    leadNeedsCode: (done: number, total: number) =>
      done >= total
        ? `Все ${total} заданий выполнены, и ответы сохранены. Чтобы получить результат и сертификат, введите другой код участия.`
        : `Выполнено ${done} ${plural(done, 'задание', 'задания', 'заданий')} из ${total}. Ваши ответы сохранены: чтобы продолжить, введите другой код участия.`,
    begin: 'Начать задания',
    resume: (step: number) => `Продолжить с шага ${step}`,
    allDone: 'Посмотреть результат',
    code: (code: string) => `Код: ${code}`,
  },

  activate: {
    title: 'Введите код участника',
    resultTitle: 'Участие в акции',
    lead: 'Код из 8 символов выдаёт соорганизатор. Регистр букв, пробелы и дефисы не важны.',
    code: 'Код',
    length: (n: number) =>
      `В коде 8 символов, а сейчас ${n} ${plural(n, 'символ', 'символа', 'символов')}. Проверьте код.`,
    foreign: (chars: string[]) => {
      const list = chars.map((c) => `«${c}»`).join(', ');
      const layout = chars.some((c) => /[А-ЯЁ]/.test(c)) ? ' Похоже, включена русская раскладка: переключите её.' : '';
      return `${chars.length > 1 ? 'Знаков' : 'Знака'} ${list} в кодах не бывает: в них нет цифр 0 и 1 и букв O, I, L, которые легко спутать.${layout} Проверьте код по листку соорганизатора.`;
    },
    submit: 'Активировать',
    busy: 'Проверяем код…',
    cancel: 'Отмена',
    tryAgain: 'Ввести другой код',
    otherSchoolTitle: 'Код другой образовательной организации',
    otherSchoolFrom: (school: string) => `Код выдан: ${school}`,
    otherSchoolContinue: 'Продолжить',
    status: {
      confirmed: 'Код принят. Участие подтверждено.',
      leased: 'Код принят. Участие подтверждено этим компьютером; сервер получит запись, когда появится связь.',
      pending:
        'Код записан и ждёт подтверждения сервера. Вы можете выполнять задания; результат станет доступен после подтверждения.',
      waiting: kioskMessages.ACTIVATION_WAITING,
      refused: 'Места по этому коду закончились.',
      rejected: 'Код не принят.',
    },
    /**
     * What a refused code's note says under «Код не принят.»: the refusal, which already says what
     * to do («Проверьте код…», «Обратитесь к соорганизатору…»), or else the general advice; and
     * that the answers stay, only once there are any (a code can be refused after the student
     * began while it waited for the server).
     */
    refusal: (reason: string | null, answered: boolean): string[] => [
      reason || codeWhatToDo,
      ...(answered ? [codeAnswersKept] : []),
    ],
  },

  steps: {
    stepOf: (n: number, total: number) => `Шаг ${n} из ${total}`,
    // «Задание» is one of the 12 steps (the instruction's word); the screens inside are questions.
    itemOf: (n: number, total: number) => `Вопрос ${n} из ${total}`,
    minutes: (n: number) => `Примерно ${n} ${plural(n, 'минута', 'минуты', 'минут')}`,
    start: 'Начать шаг',
    next: 'Далее',
    back: 'Назад',
    finishStep: 'Завершить шаг',
    finishing: 'Сохраняем шаг…',
    toHome: 'На главную',
    saving: 'Сохраняем…',
    saved: 'Сохранено',
    /** Offline with changes waiting: stored here, not yet on the server. */
    savedHere: 'Сохранено на этом устройстве',
    saveFailed: 'Ответ не сохранился.',
    retry: 'Повторить',
    notAnswered: 'Ответ ещё не дан',
    optional: 'Можно пропустить',
    choiceHint: 'Выберите один вариант. Стрелки на клавиатуре тоже работают.',
    multipleHint: (min: number, max: number | undefined) =>
      min === 0
        ? max === undefined
          ? 'Отметьте все подходящие варианты или не отмечайте ничего'
          : `Отметьте не больше ${max} или не отмечайте ничего`
        : max === undefined
          ? `Выберите не меньше ${min}`
          : min === max
            ? `Выберите ровно ${min}`
            : `Выберите от ${min} до ${max}`,
    chosen: (n: number) => `Выбрано: ${n}`,
    pairwiseHint: 'Выберите, что Вам ближе.',
    likertHint: (from: string, to: string) => `Отметьте точку на шкале: от «${from}» до «${to}».`,
    textHint: (max: number) => `Не больше ${max} символов`,
    charsLeft: (n: number) => `Осталось символов: ${n}`,
    required: 'Ответьте на этот вопрос, чтобы перейти дальше.',
  },

  pause: {
    title: 'Время передохнуть',
    lead: (done: number, total: number) =>
      `Вы выполнили ${done} ${plural(done, 'шаг', 'шага', 'шагов')} из ${total}. Все ответы сохранены.`,
    later:
      'Можно закончить сегодня и продолжить в другой день: войдите с тем же e-mail и паролем — задания откроются с этого места.',
    continue: 'Продолжить',
    logout: 'Выйти и продолжить позже',
  },

  result: {
    title: 'Ваш результат',
    done: (total: number) =>
      `Все ${total} ${plural(total, 'шаг', 'шага', 'шагов')} выполнены. Спасибо за участие в акции «Мое будущее»!`,
    loading: 'Загружаем результат…',
    loadFailed: 'Не удалось загрузить результат.',
    profile: 'Ваши интересы по пяти сферам',
    percent: (n: number) => `${n} %`,
    band: (title: string) => `${title} интерес`,
    more: 'Что это значит',
    recommendations: 'Какие направления и профессии подходят',
    toAdvice: 'Профессии и советы ↓',
    shortlist: 'Профессии, которые Вы выбрали сами',
    shortlistEmpty: 'Вы пока не выбрали ни одной профессии — и это нормально.',
    nextSteps: 'Что попробовать дальше',
    advisoryTitle: 'Важно',
    downloads: 'Результат и сертификат',
    downloadsHint: 'Файлы PDF: их можно распечатать или показать родителям.',
    downloadResult: 'Скачать результат (PDF)',
    downloadCertificate: 'Скачать сертификат участника',
    preparing: 'Готовим PDF…',
    saved: (name: string) => `Готово: файл «${name}» скачан.`,
    waitingTitle: 'Все шаги выполнены!',
    waitingLead: 'Спасибо за участие в акции «Мое будущее». Все ответы сохранены.',
    waitingWhat:
      'Что делать: скажите учителю — он поможет. Можно подождать здесь: экран проверяет сам каждые несколько секунд. Или выйдите: ответы сохранены, и результат откроется, когда Вы войдёте снова.',
    checkAgain: 'Проверить ещё раз',
    rejected: 'Код не был подтверждён. Чтобы получить результат, введите другой код от соорганизатора.',
    logout: 'Выйти',
  },

  status: {
    online: 'Связь с сервером есть',
    offline: 'Нет связи с сервером',
    hostDown: 'Программа киоска не отвечает',
    pending: (n: number) => (n === 0 ? 'Всё отправлено' : `Ждут отправки: ${n}`),
    keptHere: 'Ответы сохранены на этом устройстве и отправятся сами, когда связь вернётся.',
    lastSync: (time: string) => `Синхронизация: ${time}`,
    neverSynced: 'Синхронизации ещё не было',
    logout: 'Выйти',
    notices: 'Сообщения',
    dismiss: 'Понятно',
  },

  idle: {
    title: 'Вы ещё здесь?',
    lead: (s: number) =>
      `Через ${s} ${plural(s, 'секунду', 'секунды', 'секунд')} выполнится выход, чтобы никто не увидел Ваши данные. Ответы сохранены.`,
    stay: 'Я здесь',
  },
} as const;

export type ScreenMessages = typeof screenMessages;
