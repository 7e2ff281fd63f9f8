/**
 * Where «Акция в цифрах» is: the country, a region (#/dashboard/overview/77) or a school
 * (#/dashboard/overview/77/<id>). In the hash, so Back goes up a level and a view can be bookmarked.
 */
export class Drill {
  #region = $state<string | null>(null);
  #school = $state<string | null>(null);

  constructor() {
    this.#read();
    window.addEventListener('hashchange', () => this.#read());
  }

  #read(): void {
    const [, view, region, school] = location.hash.replace(/^#\/?/, '').split('/');
    this.#region = view === 'overview' && region ? decodeURIComponent(region) : null;
    this.#school = this.#region && school ? decodeURIComponent(school) : null;
  }

  get region(): string | null {
    return this.#region;
  }
  get school(): string | null {
    return this.#school;
  }

  static country = '#/dashboard/overview';
  static regionHref = (region: string) => `${Drill.country}/${encodeURIComponent(region)}`;
  static schoolHref = (region: string, id: string) => `${Drill.regionHref(region)}/${encodeURIComponent(id)}`;
}
