/**
 * One kiosk host per data folder. Two hosts on one store would run two sync engines over one
 * outbox and two sets of sessions over one set of participants; nothing in the store itself
 * stops that (WAL lets both write).
 *
 * The lock is the operating system's: SQLite holds an exclusive lock on kiosk.lock for as long as
 * the holder keeps the file open (locking_mode=EXCLUSIVE), and the OS drops it when the process
 * ends, however it ends. So a host killed by SIGKILL or a power cut never leaves a lock that
 * blocks the next start, and a PID reused after a reboot (Windows reuses them soon) can never
 * pass for a live holder, as it could with a PID file alone. kiosk.pid beside it only names the
 * holder (PID, and its address once it listens) for the refusal message.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { z } from 'zod';

export const LOCK_FILE = 'kiosk.lock';
export const HOLDER_FILE = 'kiosk.pid';

const Holder = z.object({ pid: z.number().int().positive(), url: z.string().optional() });
export type LockHolder = z.infer<typeof Holder>;

export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder ? `PID ${holder.pid}${holder.url ? `, ${holder.url}` : ''}` : 'PID unknown';
    super(`the data folder ${dataDir} is in use by another kiosk host (${who})`);
    this.name = 'DataDirInUse';
  }
}

export interface DataDirLock {
  /** Records where this host answers, so a refused second host can say. */
  announce(url: string): void;
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  // timeout 0: a held lock is an answer, not something to wait five seconds for.
  const db = new SQLite(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // In EXCLUSIVE mode the lock a write transaction takes is kept until the connection closes.
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') throw new DataDirInUse(dataDir, readHolder(dataDir));
    throw err;
  }
  const holderFile = join(dataDir, HOLDER_FILE);
  const write = (holder: LockHolder) => {
    // Renamed into place, so a refused host never reads half a file.
    const tmp = `${holderFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(holder));
    renameSync(tmp, holderFile);
  };
  write({ pid: process.pid });
  let held = true;
  return {
    announce: (url) => {
      if (held) write({ pid: process.pid, url });
    },
    release: () => {
      if (!held) return;
      held = false;
      // While the lock is still ours, so the file removed cannot be the next holder's.
      rmSync(holderFile, { force: true });
      db.close();
    },
  };
}

function readHolder(dataDir: string): LockHolder | undefined {
  try {
    const parsed = Holder.safeParse(JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), 'utf8')));
    // The file is written just after the lock is taken: a dead PID is the previous holder's.
    return parsed.success && isAlive(parsed.data.pid) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
