/**
 * Participant sessions on this kiosk, kept in memory only: a restart signs everyone out, which is
 * what a shared classroom PC wants. A session ends after `idleMs` without a call, so the next
 * student never lands in the previous one's cabinet. Timed by a monotonic clock: a wall clock
 * that jumps must neither end nor extend a session.
 */
import { randomBytes } from 'node:crypto';

interface Session {
  participantId: string;
  lastSeen: number;
}

export type SessionLookup = { participantId: string } | { expired: true } | undefined;

export class Sessions {
  readonly #live = new Map<string, Session>();
  /** Recently expired tokens, so the screen can say why the student was signed out. */
  readonly #expired = new Set<string>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#sweeper = setInterval(() => this.sweep(), Math.min(60_000, idleMs)).unref();
  }

  start(participantId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.#live.set(token, { participantId, lastSeen: this.now() });
    return token;
  }

  /** Finds the session and marks it active; an idle one is ended here. */
  touch(token: string | null): SessionLookup {
    return this.#find(token, true);
  }

  /** Finds the session without counting as activity (a screen polling `me` must not keep it alive). */
  peek(token: string | null): SessionLookup {
    return this.#find(token, false);
  }

  #find(token: string | null, active: boolean): SessionLookup {
    if (!token) return undefined;
    const s = this.#live.get(token);
    if (!s) return this.#expired.has(token) ? { expired: true } : undefined;
    const now = this.now();
    if (now - s.lastSeen > this.idleMs) {
      this.#expire(token);
      return { expired: true };
    }
    if (active) s.lastSeen = now;
    return { participantId: s.participantId };
  }

  /** The session goes on for another participant id (two registrations merged into this one). */
  rebind(token: string | null, participantId: string): void {
    const s = token ? this.#live.get(token) : undefined;
    if (s) s.participantId = participantId;
  }

  end(token: string | null): void {
    if (token) this.#live.delete(token);
  }

  /** The students signed in now, each once (a PC's health report names them). */
  participants(): string[] {
    const now = this.now();
    const ids = new Set<string>();
    for (const s of this.#live.values()) if (now - s.lastSeen <= this.idleMs) ids.add(s.participantId);
    return [...ids];
  }

  /** Signs everyone out at once (the kiosk moved to another school: its students are gone). */
  endAll(): void {
    for (const token of [...this.#live.keys()]) this.#expire(token);
  }

  #expire(token: string): void {
    this.#live.delete(token);
    if (this.#expired.size > 1_000) this.#expired.clear();
    this.#expired.add(token);
  }

  sweep(): void {
    const now = this.now();
    for (const [token, s] of this.#live) if (now - s.lastSeen > this.idleMs) this.#expire(token);
  }

  close(): void {
    clearInterval(this.#sweeper);
    this.#live.clear();
  }
}
