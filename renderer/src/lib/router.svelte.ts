/**
 * Hash routes for the three audiences: #/kiosk (participant, the default), #/cabinet
 * (co-organizer) and #/dashboard (organizer). Hash routes work from file:// in Electron too.
 */
export type Section = 'kiosk' | 'cabinet' | 'dashboard';

const SECTIONS: readonly Section[] = ['kiosk', 'cabinet', 'dashboard'];

const parse = (hash: string): Section => {
  const first = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (SECTIONS as readonly string[]).includes(first) ? (first as Section) : 'kiosk';
};

export class HashRouter {
  #section = $state<Section>(parse(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.#section = parse(location.hash)));
  }

  get section(): Section {
    return this.#section;
  }
}

export const router = new HashRouter();
