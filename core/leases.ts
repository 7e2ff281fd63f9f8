/**
 * How a code's places are spread over a school's classroom PCs as leases (escrow), so a PC that
 * loses the internet can still give a student a place, while no student is ever refused as long
 * as a place is unused.
 *
 * The policy, decided here and run by the server at every PC's sync round:
 * - A place that nobody waits for is "open": capacity − confirmed − waiting. The open places are
 *   shared out evenly over the school's active PCs (those heard from recently), at most
 *   `maxPerDevice` each; the remainder goes to the PCs already holding most, so slots stay put.
 * - A PC holding more than its share gives the excess back at its next round (never what it has
 *   already used locally); a PC holding less is topped up from the places no lease holds.
 * - Students waiting at the server come first: open places exclude them, so holders shrink and the
 *   freed slots confirm the waiting students.
 * - A lease lives `ttl` from the PC's last round; a PC that goes quiet longer gives its unused slots
 *   back when the lease expires.
 * A lease never makes a code exceed its capacity: reserved + confirmed ≤ capacity always holds, and
 * the server confirms a leased activation only while the lease is open and has room.
 */

export interface CodeSituation {
  capacity: number;
  /** Confirmed activations. */
  used: number;
  /** Activations judged by the server that wait for a place. */
  waiting: number;
}

export interface Holder {
  deviceId: string;
  /** Unused slots the device holds now. */
  held: number;
}

/** The default most slots of one code a single PC holds (a PC rarely seats more in one day). */
export const MAX_SLOTS_PER_DEVICE = 10;

/** How many unused slots of one code each active device should hold. */
export function leaseShares(
  code: CodeSituation,
  active: readonly Holder[],
  maxPerDevice = MAX_SLOTS_PER_DEVICE,
): Map<string, number> {
  const shares = new Map<string, number>();
  if (active.length === 0) return shares;
  const open = Math.max(0, code.capacity - code.used - code.waiting);
  const q = Math.floor(open / active.length);
  const r = open % active.length;
  const order = [...active].sort((a, b) => b.held - a.held || (a.deviceId < b.deviceId ? -1 : 1));
  order.forEach((h, i) => shares.set(h.deviceId, Math.min(maxPerDevice, q + (i < r ? 1 : 0))));
  return shares;
}

/** Places of a code that no lease holds and nobody waits for: what a new activation may take. */
export function freePlaces(code: CodeSituation & { reserved: number }): number {
  return Math.max(0, code.capacity - code.used - code.reserved - code.waiting);
}
