/**
 * What a student does around the steps: start the kiosk, sign up, sign in, enter a code, sign
 * out. Each action calls the kiosk API and moves the screen state; refusals come back as values.
 */
import type { KioskInput, KioskOutput } from '../../../../core/contracts/kiosk.ts';
import type { ParticipantView } from '../../../../core/contracts/kiosk.ts';
import { screenMessages as m } from '../../../../core/messages/screens.ts';
import { kiosk } from '../../lib/bridge/bridge.ts';
import { BridgeError } from '../../lib/bridge/bridge-error.ts';
import { problemOf, type FormProblem } from '../../lib/forms.ts';
import { kioskState } from '../state/kiosk.svelte.ts';
import { flushAnswers } from './steps.service.ts';

export type Outcome = { ok: true } | ({ ok: false } & FormProblem);

const failed = (error: unknown): Outcome => ({ ok: false, ...problemOf(error, m.errors.hostFailed) });

/** Opens the first screen once the host answers, then keeps the status fresh. */
export async function bootKiosk(): Promise<void> {
  // The host forgot the student (idle expiry, restart): clear the screen and say why.
  kiosk.onSessionLost((error) => {
    if (kioskState.signedIn) kioskState.signOut(error.message);
  });
  const status = await kioskState.status.refresh();
  kioskState.status.start();
  if (!status) {
    setTimeout(() => void bootKiosk(), 2000);
    return;
  }
  kioskState.go(status.enrolled ? 'start' : 'enroll');
  if (status.enrolled) await resumeSession();
}

/** A session the host still holds (the web's cookie after a reload) opens the student's home again. */
async function resumeSession(): Promise<void> {
  try {
    const { participant } = await kiosk.invoke('me', {});
    if (participant && !kioskState.signedIn) await openSession(participant);
  } catch {
    // Nobody signed in, or the host is busy: the start screen stays.
  }
}

export async function enrollKiosk(input: KioskInput<'enroll'>): Promise<Outcome> {
  try {
    kioskState.status.set(await kiosk.invoke('enroll', input));
    kioskState.go('start');
    return { ok: true };
  } catch (error) {
    return failed(error);
  }
}

async function openSession(participant: ParticipantView): Promise<void> {
  const [pack, progress] = await Promise.all([kiosk.invoke('content', {}), kiosk.invoke('progress', {})]);
  kioskState.signIn(participant, pack, progress);
  await refreshStudent();
}

export async function registerStudent(input: KioskInput<'register'>): Promise<Outcome> {
  try {
    const { participant } = await kiosk.invoke('register', input);
    await openSession(participant);
    return { ok: true };
  } catch (error) {
    return failed(error);
  }
}

export async function loginStudent(input: KioskInput<'login'>): Promise<Outcome> {
  try {
    const { participant } = await kiosk.invoke('login', input);
    await openSession(participant);
    return { ok: true };
  } catch (error) {
    return failed(error);
  }
}

/** «Принять участие»: the code's fate (confirmed, leased, pending or rejected) lands on the session. */
/** The kiosk's warning before a code of another school is applied: whose the code is, and why it asks. */
export interface OtherSchool {
  ok: false;
  otherSchool: { school: string; message: string };
}

/** Applies a code; `otherSchool` once the student has confirmed that another school's code is theirs. */
export async function activateCode(code: string, otherSchool = false): Promise<Outcome | OtherSchool> {
  try {
    const { activation } = await kiosk.invoke('activate', { code, ...(otherSchool ? { otherSchool: true } : {}) });
    const session = kioskState.session;
    if (session) session.update({ ...session.participant, activation });
    return { ok: true };
  } catch (error) {
    if (error instanceof BridgeError && error.code === 'CODE_OTHER_SCHOOL') {
      return { ok: false, otherSchool: { school: error.fields.school ?? '', message: error.message } };
    }
    return failed(error);
  }
}

/** «Понятно»: gone from the screen at once, and from the PC for good (it must not come back at the next sign-in). */
export async function dismissNotice(id: string): Promise<void> {
  kioskState.session?.dismiss(id);
  try {
    await kiosk.invoke('dismissNotice', { id });
  } catch {
    // Hidden for this sign-in anyway; a host that missed the call shows it once more next time.
  }
}

/** Picks up what sync changed for the student: the activation's fate and new notices. */
export async function refreshStudent(): Promise<void> {
  const session = kioskState.session;
  if (!session) return;
  const generation = kioskState.generation;
  try {
    const me = await kiosk.invoke('me', {});
    if (generation !== kioskState.generation) return;
    if (!me.participant) return kioskState.signOut(m.start.sessionEnded);
    const refused = (status: string | undefined) => status === 'rejected' || status === 'refused';
    const wasRefused = refused(session.activation?.status);
    session.update(me.participant);
    session.setNotices(me.notices);
    // The server refused the code while the student was in the steps: home says why and what to do
    // (for a full code, that they may go on: «Продолжить с шага N» is right there).
    if (!wasRefused && refused(me.participant.activation?.status) && kioskState.screen === 'steps') {
      kioskState.go('home');
    }
  } catch {
    // The status bar already says the host is unreachable; the next poll tries again.
  }
}

/** Signs out: answers still on their way get a moment to be stored, then the screen is cleared. */
export async function logoutStudent(): Promise<void> {
  const runner = kioskState.runner;
  if (runner) await Promise.race([flushAnswers(runner), new Promise((r) => setTimeout(r, 3000))]);
  kioskState.signOut();
  try {
    await kiosk.invoke('logout', {});
  } catch {
    // The screen is already clear; the host forgets the session when it expires.
  }
}

/** «Получить индивидуальный тариф»: what it costs and until when, or why not (null: not offered here). */
export async function individualOffer(): Promise<KioskOutput<'individualTariff'> | null> {
  try {
    const offer = await kiosk.invoke('individualTariff', {});
    return offer.offered ? offer : null;
  } catch {
    return null;
  }
}

/** Confirms the cost the student saw; the code is applied to their account and lands on the session. */
export async function buyIndividualTariff(confirmedCostKopecks: number): Promise<Outcome> {
  try {
    const { activation } = await kiosk.invoke('buyIndividualTariff', { confirmedCostKopecks });
    const session = kioskState.session;
    if (session) session.update({ ...session.participant, activation });
    return { ok: true };
  } catch (error) {
    return failed(error);
  }
}
