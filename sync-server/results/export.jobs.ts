/**
 * The exports of this server node: at most one per school, kept in memory with its progress, its
 * files in a folder of the node's own under DATA_DIR/exports. A ready archive is removed after it
 * was downloaded in full or after KEEP_MS, a failed one at once; the node's folder goes when the
 * node closes, and folders of nodes that are no longer running go when a node starts.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportStatus } from '../../core/contracts/results-export.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Logger } from '../logger.ts';

/** How long a ready archive waits for its download. */
export const KEEP_MS = 60 * 60 * 1000;

export interface ExportJob {
  id: string;
  schoolId: string;
  status: ExportStatus;
  done: number;
  total: number;
  startedAt: number;
  finishedAt: number | null;
  bytes: number | null;
  message: string | null;
  /** The ZIP, and the summary spreadsheet while it is being written. */
  zipPath: string;
  xlsxPath: string;
  /** Set when the node closes: the build stops at its next student. */
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
  private readonly bySchool = new Map<string, string>();
  private readonly starting = new Map<string, Promise<ExportJob>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** `<pid>-<random>`: several nodes (or test servers of one process) may share a DATA_DIR. */
  readonly dir: string;

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

  /** A new job of the school, its files named but not yet written. */
  create(schoolId: string, now: number): ExportJob {
    mkdirSync(this.dir, { recursive: true });
    const id = uuidv7();
    const previous = this.latest(schoolId);
    if (previous) this.remove(previous);
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
    this.bySchool.set(schoolId, id);
    return job;
  }

  /**
   * The school's running job, or a new one from `make`. Two requests at once get the same job:
   * the second waits for the first one's start instead of starting its own.
   */
  start(schoolId: string, make: () => Promise<ExportJob>): Promise<{ job: ExportJob; fresh: boolean }> {
    const current = this.latest(schoolId);
    if (current?.status === 'running') return Promise.resolve({ job: current, fresh: false });
    const pending = this.starting.get(schoolId);
    if (pending) return pending.then((job) => ({ job, fresh: false }));
    const started = make().finally(() => this.starting.delete(schoolId));
    this.starting.set(schoolId, started);
    return started.then((job) => ({ job, fresh: true }));
  }

  /** The job, only when it is this school's: another school's id is the same as no id at all. */
  ofSchool(schoolId: string, id: string): ExportJob | undefined {
    const job = this.byId.get(id);
    return job?.schoolId === schoolId ? job : undefined;
  }

  latest(schoolId: string): ExportJob | undefined {
    const id = this.bySchool.get(schoolId);
    return id ? this.byId.get(id) : undefined;
  }

  /** The archive waits for its download (a failure stays in view) until KEEP_MS from now. */
  keep(job: ExportJob): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.byId.get(job.id) === job) this.remove(job);
    }, KEEP_MS);
    timer.unref();
    this.timers.add(timer);
  }

  /** Forgets the job and deletes its files (a download already reading the ZIP still completes). */
  remove(job: ExportJob): void {
    job.cancelled = true;
    this.byId.delete(job.id);
    if (this.bySchool.get(job.schoolId) === job.id) this.bySchool.delete(job.schoolId);
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
