/**
 * The registration form of one visit to «Зарегистрироваться»: what the student typed, the
 * school's defaults, the consent text. It lives only while the screen is open.
 */
import type { KioskOutput } from '../../../../core/contracts/kiosk.ts';
import { screenMessages as m } from '../../../../core/messages/screens.ts';
import { FormState } from '../../lib/form.svelte.ts';
import type { FieldErrors } from '../../lib/forms.ts';

type Defaults = KioskOutput<'registrationForm'>;

export class RegisterForm {
  readonly form = new FormState();
  values = $state({
    surname: '',
    name: '',
    region: '',
    locality: '',
    schoolName: '',
    schoolClass: '',
    gender: '',
    email: '',
    password: '',
    passwordRepeat: '',
    consent: false,
  });
  #consent = $state<Defaults['consent'] | null>(null);
  #open = $state(true);
  #loaded = $state(false);

  get consent(): Defaults['consent'] | null {
    return this.#consent;
  }

  get open(): boolean {
    return this.#open;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  prefill(data: Defaults): void {
    this.values.region ||= data.defaults.region;
    this.values.locality ||= data.defaults.locality;
    this.values.schoolName ||= data.defaults.schoolName;
    this.#consent = data.consent;
    this.#open = data.registrationOpen;
    this.#loaded = true;
  }

  /** The register channel's input, built from a plain copy of the fields. */
  input(): unknown {
    const v = $state.snapshot(this.values);
    const { passwordRepeat: _repeat, consent, password, ...profile } = v;
    return {
      profile,
      password,
      consentVersion: this.#consent?.version ?? '',
      consentAccepted: consent,
    };
  }

  /** Checks the browser can make alone: the repeated password. */
  localProblems(): FieldErrors {
    const { password, passwordRepeat } = this.values;
    return password && password !== passwordRepeat ? { passwordRepeat: m.register.passwordsDiffer } : {};
  }
}
