/** Time on a kiosk: server-corrected clock, jittered back-off, and automatic sign-out. */
import { describe, expect, it } from 'vitest';
import { CorrectedClock } from '../../../electron/host/clock.ts';
import { Sessions } from '../../../electron/host/sessions.ts';
import { backoffDelay } from '../../../electron/host/sync/backoff.ts';

describe('server-corrected clock', () => {
  it('learns the offset from serverTime, corrected by half the round trip', () => {
    let device = 1_000_000;
    const clock = new CorrectedClock(0, () => device);
    // The device is 2 days behind; the request took 200 ms.
    clock.observe(1_000_100 + 2 * 86_400_000, 1_000_000, 1_000_200);
    device = 1_000_200;
    expect(clock.now()).toBe(1_000_200 + 2 * 86_400_000);
  });
});

describe('back-off', () => {
  it('grows from about a second to at most 8 s, so a class notices the server back within seconds', () => {
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 0.999)).toBeLessThan(1_500);
    expect(backoffDelay(3, () => 0.5)).toBe(4_000);
    expect(backoffDelay(30, () => 0.999)).toBe(8_000);
    expect(backoffDelay(30, () => 0)).toBe(4_000);
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(3)));
    expect(spread.size).toBeGreaterThan(10);
  });
});

describe('participant sessions', () => {
  it('sign the student out after the idle time, and say so', () => {
    let t = 0;
    const sessions = new Sessions(10 * 60_000, () => t);
    const token = sessions.start('p1');
    t = 9 * 60_000;
    expect(sessions.touch(token)).toEqual({ participantId: 'p1' });
    t += 9 * 60_000;
    expect(sessions.touch(token)).toEqual({ participantId: 'p1' });
    t += 11 * 60_000;
    expect(sessions.touch(token)).toEqual({ expired: true });
    expect(sessions.touch(token)).toEqual({ expired: true });
    expect(sessions.touch('made-up')).toBeUndefined();
    sessions.close();
  });

  it('are not kept alive by a screen that only looks', () => {
    let t = 0;
    const sessions = new Sessions(60_000, () => t);
    const token = sessions.start('p1');
    t = 50_000;
    expect(sessions.peek(token)).toEqual({ participantId: 'p1' });
    t = 61_000;
    expect(sessions.peek(token)).toEqual({ expired: true });
    sessions.close();
  });

  it('end at logout', () => {
    const sessions = new Sessions(60_000, () => 0);
    const token = sessions.start('p1');
    sessions.end(token);
    expect(sessions.touch(token)).toBeUndefined();
    sessions.close();
  });
});
