/**
 * PostgreSQL may abort one of two transactions that wait on each other (deadlock, 40P01) or
 * fail a serialisable one (40001); both are safe to run again from the start.
 */
const RETRYABLE = new Set(['40P01', '40001']);

export async function withRetry<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (i >= attempts || !code || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 20));
    }
  }
}
