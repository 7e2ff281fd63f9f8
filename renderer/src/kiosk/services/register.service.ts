/** «Зарегистрироваться»: load the school's defaults and consent, then send the form. */
import { kioskApi } from '../../../../core/contracts/kiosk.ts';
import { screenMessages as m } from '../../../../core/messages/screens.ts';
import { kiosk } from '../../lib/bridge/bridge.ts';
import { BridgeError } from '../../lib/bridge/bridge-error.ts';
import type { RegisterForm } from '../state/register-form.svelte.ts';
import { registerStudent } from './session.service.ts';

/** Loads the form; while a new kiosk is still fetching the campaign (NOT_READY) it keeps trying. */
export async function loadRegistrationForm(reg: RegisterForm, isOpen: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 60 && isOpen(); attempt++) {
    try {
      reg.prefill(await kiosk.invoke('registrationForm', {}));
      reg.form.show({ fields: {}, message: null });
      return;
    } catch (error) {
      reg.form.show({ fields: {}, message: error instanceof BridgeError ? error.message : m.errors.hostFailed });
      if (!(error instanceof BridgeError) || !RETRY.has(error.code)) return;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

const RETRY = new Set(['NOT_READY', 'HOST_UNREACHABLE']);

export async function submitRegistration(reg: RegisterForm): Promise<void> {
  const input = reg.form.check(kioskApi.register.input, reg.input(), reg.localProblems());
  if (!input) return;
  await reg.form.submit(() => registerStudent(input));
}
