/**
 * Russia's federal subjects with the IANA time zone in which their schools keep dates.
 * Where a subject spans several zones, the zone of its administrative centre is used:
 * campaign dates are day-granular, so a school is judged by its region's capital.
 */
export interface Region {
  readonly code: string;
  readonly name: string;
  readonly timeZone: string;
}

const M = 'Europe/Moscow';
const YEKT = 'Asia/Yekaterinburg';

export const REGIONS: readonly Region[] = [
  { code: '01', name: 'Республика Адыгея', timeZone: M },
  { code: '02', name: 'Республика Башкортостан', timeZone: YEKT },
  { code: '03', name: 'Республика Бурятия', timeZone: 'Asia/Irkutsk' },
  { code: '04', name: 'Республика Алтай', timeZone: 'Asia/Barnaul' },
  { code: '05', name: 'Республика Дагестан', timeZone: M },
  { code: '06', name: 'Республика Ингушетия', timeZone: M },
  { code: '07', name: 'Кабардино-Балкарская Республика', timeZone: M },
  { code: '08', name: 'Республика Калмыкия', timeZone: M },
  { code: '09', name: 'Карачаево-Черкесская Республика', timeZone: M },
  { code: '10', name: 'Республика Карелия', timeZone: M },
  { code: '11', name: 'Республика Коми', timeZone: M },
  { code: '12', name: 'Республика Марий Эл', timeZone: M },
  { code: '13', name: 'Республика Мордовия', timeZone: M },
  { code: '14', name: 'Республика Саха (Якутия)', timeZone: 'Asia/Yakutsk' },
  { code: '15', name: 'Республика Северная Осетия — Алания', timeZone: M },
  { code: '16', name: 'Республика Татарстан', timeZone: M },
  { code: '17', name: 'Республика Тыва', timeZone: 'Asia/Krasnoyarsk' },
  { code: '18', name: 'Удмуртская Республика', timeZone: 'Europe/Samara' },
  { code: '19', name: 'Республика Хакасия', timeZone: 'Asia/Krasnoyarsk' },
  { code: '20', name: 'Чеченская Республика', timeZone: M },
  { code: '21', name: 'Чувашская Республика', timeZone: M },
  { code: '22', name: 'Алтайский край', timeZone: 'Asia/Barnaul' },
  { code: '23', name: 'Краснодарский край', timeZone: M },
  { code: '24', name: 'Красноярский край', timeZone: 'Asia/Krasnoyarsk' },
  { code: '25', name: 'Приморский край', timeZone: 'Asia/Vladivostok' },
  { code: '26', name: 'Ставропольский край', timeZone: M },
  { code: '27', name: 'Хабаровский край', timeZone: 'Asia/Vladivostok' },
  { code: '28', name: 'Амурская область', timeZone: 'Asia/Yakutsk' },
  { code: '29', name: 'Архангельская область', timeZone: M },
  { code: '30', name: 'Астраханская область', timeZone: 'Europe/Astrakhan' },
  { code: '31', name: 'Белгородская область', timeZone: M },
  { code: '32', name: 'Брянская область', timeZone: M },
  { code: '33', name: 'Владимирская область', timeZone: M },
  { code: '34', name: 'Волгоградская область', timeZone: 'Europe/Volgograd' },
  { code: '35', name: 'Вологодская область', timeZone: M },
  { code: '36', name: 'Воронежская область', timeZone: M },
  { code: '37', name: 'Ивановская область', timeZone: M },
  { code: '38', name: 'Иркутская область', timeZone: 'Asia/Irkutsk' },
  { code: '39', name: 'Калининградская область', timeZone: 'Europe/Kaliningrad' },
  { code: '40', name: 'Калужская область', timeZone: M },
  { code: '41', name: 'Камчатский край', timeZone: 'Asia/Kamchatka' },
  { code: '42', name: 'Кемеровская область — Кузбасс', timeZone: 'Asia/Novokuznetsk' },
  { code: '43', name: 'Кировская область', timeZone: M },
  { code: '44', name: 'Костромская область', timeZone: M },
  { code: '45', name: 'Курганская область', timeZone: YEKT },
  { code: '46', name: 'Курская область', timeZone: M },
  { code: '47', name: 'Ленинградская область', timeZone: M },
  { code: '48', name: 'Липецкая область', timeZone: M },
  { code: '49', name: 'Магаданская область', timeZone: 'Asia/Magadan' },
  { code: '50', name: 'Московская область', timeZone: M },
  { code: '51', name: 'Мурманская область', timeZone: M },
  { code: '52', name: 'Нижегородская область', timeZone: M },
  { code: '53', name: 'Новгородская область', timeZone: M },
  { code: '54', name: 'Новосибирская область', timeZone: 'Asia/Novosibirsk' },
  { code: '55', name: 'Омская область', timeZone: 'Asia/Omsk' },
  { code: '56', name: 'Оренбургская область', timeZone: YEKT },
  { code: '57', name: 'Орловская область', timeZone: M },
  { code: '58', name: 'Пензенская область', timeZone: M },
  { code: '59', name: 'Пермский край', timeZone: YEKT },
  { code: '60', name: 'Псковская область', timeZone: M },
  { code: '61', name: 'Ростовская область', timeZone: M },
  { code: '62', name: 'Рязанская область', timeZone: M },
  { code: '63', name: 'Самарская область', timeZone: 'Europe/Samara' },
  { code: '64', name: 'Саратовская область', timeZone: 'Europe/Saratov' },
  { code: '65', name: 'Сахалинская область', timeZone: 'Asia/Sakhalin' },
  { code: '66', name: 'Свердловская область', timeZone: YEKT },
  { code: '67', name: 'Смоленская область', timeZone: M },
  { code: '68', name: 'Тамбовская область', timeZone: M },
  { code: '69', name: 'Тверская область', timeZone: M },
  { code: '70', name: 'Томская область', timeZone: 'Asia/Tomsk' },
  { code: '71', name: 'Тульская область', timeZone: M },
  { code: '72', name: 'Тюменская область', timeZone: YEKT },
  { code: '73', name: 'Ульяновская область', timeZone: 'Europe/Ulyanovsk' },
  { code: '74', name: 'Челябинская область', timeZone: YEKT },
  { code: '75', name: 'Забайкальский край', timeZone: 'Asia/Chita' },
  { code: '76', name: 'Ярославская область', timeZone: M },
  { code: '77', name: 'Москва', timeZone: M },
  { code: '78', name: 'Санкт-Петербург', timeZone: M },
  { code: '79', name: 'Еврейская автономная область', timeZone: 'Asia/Vladivostok' },
  { code: '83', name: 'Ненецкий автономный округ', timeZone: M },
  { code: '86', name: 'Ханты-Мансийский автономный округ — Югра', timeZone: YEKT },
  { code: '87', name: 'Чукотский автономный округ', timeZone: 'Asia/Anadyr' },
  { code: '89', name: 'Ямало-Ненецкий автономный округ', timeZone: YEKT },
  { code: '90', name: 'Запорожская область', timeZone: M },
  { code: '91', name: 'Республика Крым', timeZone: 'Europe/Simferopol' },
  { code: '92', name: 'Севастополь', timeZone: 'Europe/Simferopol' },
  { code: '93', name: 'Донецкая Народная Республика', timeZone: M },
  { code: '94', name: 'Луганская Народная Республика', timeZone: M },
  { code: '95', name: 'Херсонская область', timeZone: M },
];

const byCode = new Map(REGIONS.map((r) => [r.code, r]));

export function findRegion(code: string): Region | undefined {
  return byCode.get(code);
}

export const REGION_CODES = REGIONS.map((r) => r.code) as [string, ...string[]];
