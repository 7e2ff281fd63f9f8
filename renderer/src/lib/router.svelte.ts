/**
 * Hash routes for the three audiences: #/kiosk (participant), #/cabinet (co-organizer) and
 * #/dashboard (organizer). With no hash, the host decides (App.svelte): a kiosk shows the
 * participant screens, the server the cabinet. Hash routes work from file:// in Electron too.
 */
/** 'password': a co-organizer's one-time link to set a first password (#/password/TOKEN). */
export type Section = 'kiosk' | 'cabinet' | 'dashboard' | 'password';

const SECTIONS: readonly Section[] = ['kiosk', 'cabinet', 'dashboard', 'password'];

const parse = (hash: string): Section | null => {
  const first = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (SECTIONS as readonly string[]).includes(first) ? (first as Section) : null;
};

export class HashRouter {
  #section = $state<Section | null>(parse(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.#section = parse(location.hash)));
  }

  /** The section the address names, or null for the host's default. */
  get section(): Section | null {
    return this.#section;
  }
}

export const router = new HashRouter();
