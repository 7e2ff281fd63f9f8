/**
 * The exports this server node builds: their files in a folder of the node's own under
 * DATA_DIR/exports, and what the build needs (its paths, whether to stop). Their state (status,
 * progress, which node holds the archive) is in the central store (export.repository.ts), where
 * every node reads it. A ready archive is removed after it was downloaded in full or after
 * KEEP_MS, a failed one at once; the node's folder goes when the node closes, and folders of nodes
 * that are no longer running go when a node starts.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportStatus } from '../../core/contracts/results-export.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Logger } from '../logger.ts';

/** How long a ready archive waits for its download. */
export const KEEP_MS = 60 * 60 * 1000;

/** An export's state, as the store keeps it and the cabinet sees it. */
export interface ExportState {
  id: string;
  schoolId: string;
  status: ExportStatus;
  done: number;
  total: number;
  startedAt: number;
  finishedAt: number | null;
  bytes: number | null;
  message: string | null;
}

/** An export this node builds: its state as the build goes, and its files. */
export interface ExportJob extends ExportState {
  /** The ZIP, and the summary spreadsheet while it is being written. */
  zipPath: string;
  xlsxPath: string;
  /** Set when the node closes or a newer export replaces it: the build stops at its next student. */
  cancelled: boolean;
  /** Settles when the build ends, however it ends. */
  settled: Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class ExportJobs {
  private readonly byId = new Map<string, ExportJob>();
  private readonly starting = new Map<string, Promise<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** `<pid>-<random>`: several nodes (or test servers of one process) may share a DATA_DIR. */
  readonly dir: string;
  /**
   * Where the other nodes reach this one (NODE_URL, or the address it listens on): recorded with
   * each export it builds, so a download asked of another node is forwarded here.
   */
  nodeUrl = '';

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    const root = join(dataDir, 'exports');
    this.dir = join(root, `${process.pid}-${randomUUID().slice(0, 8)}`);
    let left: string[] = [];
    try {
      left = readdirSync(root);
    } catch {
      // No exports made here yet.
    }
    for (const name of left) {
      const pid = Number(name.split('-')[0]);
      if (Number.isInteger(pid) && alive(pid)) continue;
      rmSync(join(root, name), { recursive: true, force: true });
      log.info({ folder: name }, 'export files of a stopped server removed');
    }
  }

  /** A new job of the school on this node, its files named but not yet written. */
  create(schoolId: string, now: number): ExportJob {
    mkdirSync(this.dir, { recursive: true });
    const id = uuidv7();
    const job: ExportJob = {
      id,
      schoolId,
      status: 'running',
      done: 0,
      total: 0,
      startedAt: now,
      finishedAt: null,
      bytes: null,
      message: null,
      zipPath: join(this.dir, `${id}.zip`),
      xlsxPath: join(this.dir, `${id}.xlsx`),
      cancelled: false,
      settled: Promise.resolve(),
    };
    this.byId.set(id, job);
    return job;
  }

  /**
   * Runs `make` for the school unless a start of it is already under way on this node: a second
   * request at once waits for the first one's start instead of starting its own (`fresh` false).
   * Across nodes the store decides (export.service.ts).
   */
  start<T extends { fresh: boolean }>(schoolId: string, make: () => Promise<T>): Promise<T> {
    const pending = this.starting.get(schoolId) as Promise<T> | undefined;
    if (pending) return pending.then((started) => ({ ...started, fresh: false }));
    const started = make().finally(() => this.starting.delete(schoolId));
    this.starting.set(schoolId, started);
    return started;
  }

  /** The job built here, only when it is this school's: another school's id is the same as no id at all. */
  ofSchool(schoolId: string, id: string): ExportJob | undefined {
    const job = this.byId.get(id);
    return job?.schoolId === schoolId ? job : undefined;
  }

  /** Removes the school's other exports built here: a new one took their place. */
  replaced(schoolId: string, keepId: string): void {
    for (const job of [...this.byId.values()]) if (job.schoolId === schoolId && job.id !== keepId) this.remove(job);
  }

  /**
   * The archive waits for its download (a failure stays in view) until KEEP_MS from now; then
   * its files go and `expire` forgets it in the store.
   */
  keep(job: ExportJob, expire: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.byId.get(job.id) !== job) return;
      this.remove(job);
      expire().catch((err: unknown) => this.log.warn({ err: String(err), exportId: job.id }, 'export expiry failed'));
    }, KEEP_MS);
    timer.unref();
    this.timers.add(timer);
  }

  /** Forgets the job and deletes its files (a download already reading the ZIP still completes). */
  remove(job: ExportJob): void {
    job.cancelled = true;
    this.byId.delete(job.id);
    this.dropFiles(job);
  }

  dropFiles(job: ExportJob): void {
    rmSync(job.zipPath, { force: true });
    rmSync(job.xlsxPath, { force: true });
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    const jobs = [...this.byId.values()];
    for (const job of jobs) job.cancelled = true;
    await Promise.all(jobs.map((j) => j.settled));
    rmSync(this.dir, { recursive: true, force: true });
    this.log.debug('export files removed');
  }
}
