/**
 * The view inside a section: #/cabinet/results → 'results'. A hash per view keeps the browser's
 * Back button working and lets a teacher bookmark «Результаты».
 */
export class SubRoute<V extends string> {
  #view = $state<V>() as V;
  readonly #section: string;
  readonly #views: readonly V[];
  readonly #fallback: V;

  constructor(section: string, views: readonly V[], fallback: V) {
    this.#section = section;
    this.#views = views;
    this.#fallback = fallback;
    this.#view = this.#parse();
    window.addEventListener('hashchange', () => (this.#view = this.#parse()));
  }

  #parse(): V {
    const second = location.hash.replace(/^#\/?/, '').split('/')[1] ?? '';
    return (this.#views as readonly string[]).includes(second) ? (second as V) : this.#fallback;
  }

  get view(): V {
    return this.#view;
  }

  href(view: V): string {
    return `#/${this.#section}/${view}`;
  }
}
