/**
 * The registration form of one visit to «Зарегистрироваться»: what the student typed, the
 * school's defaults, the consent document and the parent-consent rule. It lives only while the screen is open.
 */
import type { KioskOutput } from '../../../../core/contracts/kiosk.ts';
import { needsParentConsent } from '../../../../core/consent.ts';
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
    parentBy: '',
    parentHow: '',
  });
  #parentRuleUpTo = $state<number | null>(null);
  #consent = $state<Defaults['consent'] | null>(null);
  #open = $state(true);
  #loaded = $state(false);

  get consent(): Defaults['consent'] | null {
    return this.#consent;
  }

  /** The organizer's age rule: classes up to this one need a parent's consent (null: none). */
  get parentRuleUpTo(): number | null {
    return this.#parentRuleUpTo;
  }

  /** The class typed so far falls under the rule: the parent's fields show and are sent. */
  get needsParent(): boolean {
    return needsParentConsent(this.#parentRuleUpTo, this.values.schoolClass);
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
    this.#parentRuleUpTo = data.parentConsentUpToClass;
    this.#open = data.registrationOpen;
    this.#loaded = true;
  }

  /** The register channel's input, built from a plain copy of the fields. */
  input(): unknown {
    const v = $state.snapshot(this.values);
    const { passwordRepeat: _repeat, parentBy, parentHow, password, ...profile } = v;
    return {
      profile,
      password,
      consentVersion: this.#consent?.version ?? '',
      ...(this.needsParent ? { parentConsent: { by: parentBy, how: parentHow } } : {}),
    };
  }

  /** Checks the browser can make alone: the repeated password. */
  localProblems(): FieldErrors {
    const { password, passwordRepeat } = this.values;
    return password && password !== passwordRepeat ? { passwordRepeat: m.register.passwordsDiffer } : {};
  }
}
