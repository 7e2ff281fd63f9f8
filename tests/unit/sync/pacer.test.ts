import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../sync-server/http/errors.ts';
import { Pacer } from '../../../sync-server/sync/pacer.ts';

describe('the push pacer', () => {
  it('runs at most `concurrency` batches at once and queues the rest in order', async () => {
    const pacer = new Pacer(2, 10);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (i: number) =>
      pacer.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        order.push(i);
        running--;
      });
    await Promise.all([0, 1, 2, 3, 4, 5].map(job));
    expect(peak).toBe(2);
    expect(order).toHaveLength(6);
    expect(order.slice(2)).toEqual([2, 3, 4, 5]);
  });

  it('answers 503 with a Russian reason once the queue is full, and keeps serving', async () => {
    const pacer = new Pacer(1, 1);
    let release!: () => void;
    const first = pacer.run(() => new Promise<void>((r) => (release = r)));
    const second = pacer.run(async () => 'второй');
    await expect(pacer.run(async () => 'третий')).rejects.toSatisfy(
      (e: unknown) => e instanceof HttpError && e.status === 503 && /Сервер занят/.test(e.message),
    );
    release();
    await first;
    expect(await second).toBe('второй');
    expect(await pacer.run(async () => 'после')).toBe('после');
  });
});
