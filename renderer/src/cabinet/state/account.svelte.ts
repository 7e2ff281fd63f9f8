/**
 * Who is signed in to the cabinet or the dashboard. The session is an HttpOnly cookie, so this
 * only mirrors /api/auth/me; a 401 from any call drops back to «Войти».
 */
import type { Me, Role } from '../../../../core/contracts/api.ts';
import { LoginRequest } from '../../../../core/contracts/api.ts';
import { accountScreenMessages as m } from '../../../../core/messages/cabinet-screens.ts';
import { FormState } from '../../lib/form.svelte.ts';
import { problemOf } from '../../lib/forms.ts';
import { accountApi } from '../api/account-api.ts';
import { whenUnauthorized } from '../api/http.ts';

/** Who may use which screens: the dashboard serves organizers and technical support. */
export type StaffApp = 'cabinet' | 'dashboard';
const APP_ROLES: Record<StaffApp, readonly Role[]> = {
  cabinet: ['coorganizer'],
  dashboard: ['organizer', 'support'],
};

export class Account {
  #me = $state<Me | null>(null);
  #checked = $state(false);
  #notice = $state<string | null>(null);
  readonly form = new FormState();
  readonly app: StaffApp;
  readonly #roles: readonly Role[];

  constructor(app: StaffApp) {
    this.app = app;
    this.#roles = APP_ROLES[app];
    whenUnauthorized(() => {
      if (this.#me) this.#notice = m.sessionEnded;
      this.#me = null;
    });
  }

  get me(): Me | null {
    return this.#me;
  }
  /** False until the first /me answer: the screen waits instead of flashing the sign-in form. */
  get checked(): boolean {
    return this.#checked;
  }
  get notice(): string | null {
    return this.#notice;
  }

  async restore(): Promise<void> {
    try {
      const me = await accountApi.me();
      this.#me = this.#roles.includes(me.role) ? me : null;
    } catch {
      this.#me = null;
    } finally {
      this.#checked = true;
    }
  }

  async signIn(email: string, password: string): Promise<void> {
    const input = this.form.check(LoginRequest, { email, password });
    if (!input) return;
    await this.form.submit(async () => {
      try {
        const me = await accountApi.login(input.email, input.password);
        if (!this.#roles.includes(me.role)) {
          await accountApi.logout();
          return { ok: false, fields: {}, message: m.wrongRole[this.app] };
        }
        this.#notice = null;
        this.#me = me;
        return { ok: true };
      } catch (error) {
        return { ok: false, ...problemOf(error, m.failed) };
      }
    });
  }

  async signOut(): Promise<void> {
    await accountApi.logout().catch(() => {});
    this.#me = null;
  }
}
