/**
 * The result screen's state: the participant's result (or why it waits) and the two downloads.
 * One instance per visit to the screen, held only in memory: leaving or signing out drops it.
 */
import type { ResultView } from '../../../../core/contracts/kiosk.ts';

export type DocumentKind = 'result' | 'certificate';

export interface DownloadState {
  busy: boolean;
  error: string | null;
  /** The file name of the last download, to say where it went. */
  saved: string | null;
}

const idle = (): DownloadState => ({ busy: false, error: null, saved: null });

export class ResultState {
  #result = $state<ResultView | null>(null);
  #waiting = $state<string | null>(null);
  #loading = $state(true);
  #problem = $state<string | null>(null);
  #downloads = $state<Record<DocumentKind, DownloadState>>({ result: idle(), certificate: idle() });
  /** Which domains show their interpretation. */
  #open = $state<Record<string, boolean>>({});

  get result(): ResultView | null {
    return this.#result;
  }

  get waiting(): string | null {
    return this.#waiting;
  }

  get loading(): boolean {
    return this.#loading;
  }

  get problem(): string | null {
    return this.#problem;
  }

  download(kind: DocumentKind): DownloadState {
    return this.#downloads[kind];
  }

  isOpen(domain: string): boolean {
    return this.#open[domain] ?? false;
  }

  toggle(domain: string): void {
    this.#open[domain] = !this.isOpen(domain);
  }

  setLoading(loading: boolean): void {
    this.#loading = loading;
    if (loading) this.#problem = null;
  }

  setLoaded(result: ResultView | null, waiting: string | null): void {
    this.#result = result;
    this.#waiting = result ? null : waiting;
    this.#problem = null;
  }

  setProblem(message: string): void {
    this.#problem = message;
  }

  setDownload(kind: DocumentKind, state: Partial<DownloadState>): void {
    this.#downloads[kind] = { ...this.#downloads[kind], ...state };
  }
}
