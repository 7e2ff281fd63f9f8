/**
 * Exponential back-off with jitter: 1 s, 2 s, 4 s … up to 8 s, each spread ±50 % (never above the
 * cap). The cap is low so a class notices the server's return within seconds; the spread keeps
 * thirty PCs from calling in the same second, and the server's pacer queues the rest.
 */
export const MAX_BACKOFF_MS = 8_000;

export function backoffDelay(
  failures: number,
  random: () => number = Math.random,
  baseMs = 1_000,
  maxMs = MAX_BACKOFF_MS,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.min(maxMs, Math.round(ceiling * (0.5 + random())));
}
