/**
 * «Результаты»: what the co-organizer searched, filtered and sorted, and the page the server
 * answered. The query lives here, not in the view, so coming back from a student's result keeps it.
 */
import type { ResultsQuery } from '../../../../core/contracts/results.ts';
import { cabinetApi } from '../api/cabinet-api.ts';
import { Resource } from './resource.svelte.ts';

export type ResultsFilter = Pick<ResultsQuery, 'q' | 'code' | 'schoolClass' | 'status'>;

const EMPTY: ResultsFilter = { q: '', code: '', schoolClass: '', status: undefined };

export class ResultsState {
  query = $state<ResultsFilter & Pick<ResultsQuery, 'sort' | 'page' | 'size'>>({
    ...EMPTY,
    sort: 'name',
    page: 1,
    size: 25,
  });
  /** The query of the last request sent, to catch up when the query changed while it was away. */
  #asked = '';
  readonly list = new Resource(() => {
    const query = $state.snapshot(this.query);
    this.#asked = JSON.stringify(query);
    return cabinetApi.results(query);
  });

  #running: Promise<void> | null = null;

  /** Loads the page for the current query; a change made while a request is away is asked for after it. */
  load(): Promise<void> {
    this.#running ??= (async () => {
      try {
        do await this.list.load();
        while (this.#asked !== JSON.stringify($state.snapshot(this.query)) && !this.list.error);
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  /** A new filter or order starts again from the first page. */
  change(part: Partial<ResultsFilter & Pick<ResultsQuery, 'sort' | 'size'>>): Promise<void> {
    Object.assign(this.query, part, { page: 1 });
    return this.load();
  }

  goTo(page: number): Promise<void> {
    this.query.page = page;
    return this.load();
  }

  reset(): Promise<void> {
    return this.change({ ...EMPTY });
  }

  get filtered(): boolean {
    const q = this.query;
    return Boolean(q.q || q.code || q.schoolClass || q.status);
  }
}
