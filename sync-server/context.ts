/** What every service receives: its I/O passed in, so tests give a real store and a fixed clock. */
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { CentralStore } from './db/connect.ts';
import type { CentralDB } from './db/schema.ts';
import type { Logger } from './logger.ts';

export interface ServerContext {
  config: Config;
  store: CentralStore;
  db: Kysely<CentralDB>;
  log: Logger;
  /** Server time in epoch ms; the authority every date rule is checked against. */
  now: () => number;
  /** Tells a school's subscribed devices and cabinets that it has new changes. */
  nudge: (schoolId: string) => void;
  /**
   * Tells a school's cabinets that a PC of theirs reported in («Класс сейчас»); a nudge tells them
   * too. Absent where no socket.io runs (tests of the store alone).
   */
  classMoved?: (schoolId: string) => void;
}
