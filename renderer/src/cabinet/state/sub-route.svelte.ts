/**
 * The view inside a section: #/cabinet/results → 'results'. A hash per view keeps the browser's
 * Back button working and lets a teacher bookmark «Результаты».
 */
export class SubRoute<V extends string> {
  #view = $state<V>() as V;
  #detail = $state<string | null>(null);
  readonly #section: string;
  readonly #views: readonly V[];
  readonly #fallback: V;

  constructor(section: string, views: readonly V[], fallback: V) {
    this.#section = section;
    this.#views = views;
    this.#fallback = fallback;
    this.#view = this.#parse();
    this.#detail = this.#parseDetail();
    window.addEventListener('hashchange', () => {
      this.#view = this.#parse();
      this.#detail = this.#parseDetail();
    });
  }

  /** What the view opens inside itself: #/cabinet/results/<id> → '<id>'. */
  #parseDetail(): string | null {
    const third = location.hash.replace(/^#\/?/, '').split('/')[2];
    return third ? decodeURIComponent(third) : null;
  }

  get detail(): string | null {
    return this.#detail;
  }

  #parse(): V {
    const second = location.hash.replace(/^#\/?/, '').split('/')[1] ?? '';
    return (this.#views as readonly string[]).includes(second) ? (second as V) : this.#fallback;
  }

  get view(): V {
    return this.#view;
  }

  href(view: V, detail?: string): string {
    return `#/${this.#section}/${view}${detail ? `/${encodeURIComponent(detail)}` : ''}`;
  }
}
