/** The lease policy (core/leases.ts): a code's open places spread evenly over the school's active PCs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freePlaces, leaseShares } from '../../../core/leases.ts';

const pcs = (n: number, held: (i: number) => number = () => 0) =>
  Array.from({ length: n }, (_, i) => ({ deviceId: `pc-${String(i).padStart(2, '0')}`, held: held(i) }));

describe('lease shares', () => {
  it('gives each of 30 PCs one of 30 places, whichever syncs first', () => {
    const shares = leaseShares({ capacity: 30, used: 0, waiting: 0 }, pcs(30));
    expect([...shares.values()]).toEqual(Array(30).fill(1));
  });

  it('leaves one PC of 31 without a slot when 30 places remain, keeping the slots where they are', () => {
    const shares = leaseShares(
      { capacity: 30, used: 0, waiting: 0 },
      pcs(31, (i) => (i === 0 ? 0 : 1)),
    );
    expect(shares.get('pc-00')).toBe(0);
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(30);
  });

  it('takes places back for students waiting at the server', () => {
    // 28 confirmed, 2 waiting: nothing is open, so every PC returns what it holds.
    const shares = leaseShares(
      { capacity: 30, used: 28, waiting: 2 },
      pcs(5, () => 1),
    );
    expect([...shares.values()]).toEqual([0, 0, 0, 0, 0]);
  });

  it('caps what one PC holds', () => {
    expect(leaseShares({ capacity: 100, used: 0, waiting: 0 }, pcs(1), 10).get('pc-00')).toBe(10);
  });

  it('counts only places nobody holds or waits for as free', () => {
    expect(freePlaces({ capacity: 30, used: 3, reserved: 27, waiting: 0 })).toBe(0);
    expect(freePlaces({ capacity: 30, used: 3, reserved: 20, waiting: 2 })).toBe(5);
  });

  it('never shares out more than the open places, evenly, within the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.nat(200),
        fc.nat(50),
        fc.array(fc.nat(12), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 20 }),
        (capacity, used0, waiting, held, cap) => {
          const used = Math.min(used0, capacity);
          const shares = [
            ...leaseShares(
              { capacity, used, waiting },
              pcs(held.length, (i) => held[i]!),
              cap,
            ).values(),
          ];
          const open = Math.max(0, capacity - used - waiting);
          expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(open);
          expect(Math.max(...shares)).toBeLessThanOrEqual(cap);
          // Even: no two PCs differ by more than one slot, and nothing stays open a PC could take.
          expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(Math.min(open, shares.length * cap));
        },
      ),
    );
  });
});
