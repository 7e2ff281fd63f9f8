/** Dates and times as a Russian teacher reads them, in the browser's own time zone. */
const dateTime = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

export const formatDateTime = (ms: number): string => dateTime.format(new Date(ms));

/** «только что», «5 мин назад», «3 ч назад», else the date and time. */
export function formatAgo(ms: number, now: number = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return 'только что';
  if (s < 3600) return `${Math.floor(s / 60)} мин назад`;
  if (s < 86_400) return `${Math.floor(s / 3600)} ч назад`;
  return formatDateTime(ms);
}

/** A device clock's offset from the server's: «спешат на 3 мин», «отстают на 40 с». */
export function formatOffset(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const amount = s >= 3600 ? `${Math.round(s / 3600)} ч` : s >= 60 ? `${Math.round(s / 60)} мин` : `${s} с`;
  return `${ms > 0 ? 'спешат' : 'отстают'} на ${amount}`;
}
