/** Exponential back-off with full jitter: 1 s, 2 s, 4 s … up to 60 s, each spread ±50 % (never above the cap). */
export function backoffDelay(
  failures: number,
  random: () => number = Math.random,
  baseMs = 1_000,
  maxMs = 60_000,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.min(maxMs, Math.round(ceiling * (0.5 + random())));
}
