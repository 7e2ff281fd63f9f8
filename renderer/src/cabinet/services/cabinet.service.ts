/**
 * The cabinet's actions: «Получить», «Подключить компьютер», «Отключить», «Сменить пароль», and
 * the downloads.
 */
import type { z } from 'zod';
import type { EnrollmentCode, PurchasedTariff } from '../../../../core/contracts/api.ts';
import { ObtainTariffRequest } from '../../../../core/contracts/api.ts';
import { ParticipantCount } from '../../../../core/tariff.ts';
import { BridgeError } from '../../lib/bridge/bridge-error.ts';
import type { FormState } from '../../lib/form.svelte.ts';
import { problemOf } from '../../lib/forms.ts';
import { accountScreenMessages as m } from '../../../../core/messages/cabinet-screens.ts';
import { cabinetApi } from '../api/cabinet-api.ts';
import { errorText } from '../api/http.ts';
import type { CabinetState } from '../state/cabinet.svelte.ts';

export type Enrollment = z.infer<typeof EnrollmentCode>;

/** «Количество участников» as typed: digits only (spaces allowed as in «1 000»), else NaN. */
export function parseCount(text: string): number {
  const compact = text.replace(/[\s\u00a0]/g, '');
  return /^\d{1,6}$/.test(compact) ? Number(compact) : Number.NaN;
}

/** «Количество участников» as it is being typed: a count, nothing yet, or why it is no count. */
export type CountReading = { participants: number; problem: null } | { participants: null; problem: string | null };

/** Read on every keystroke, so 0 or 10 001 is refused at once, not only at «Получить». */
export function readCount(text: string): CountReading {
  if (text.trim() === '') return { participants: null, problem: null };
  const parsed = ParticipantCount.safeParse(parseCount(text));
  if (parsed.success) return { participants: parsed.data, problem: null };
  return { participants: null, problem: parsed.error.issues[0]?.message ?? null };
}

/** «Количество участников» checked against the contract; null (with the field's error shown) if it is not one. */
export function checkCount(form: FormState, countText: string): number | null {
  return form.check(ObtainTariffRequest, { participants: parseCount(countText) })?.participants ?? null;
}

/**
 * «Да, получить» after «Получить»: the confirmed number and total go to the server, one request at
 * a time, so a double click never buys twice. If the price changed meanwhile, the server refuses
 * and the overview is loaded again, so the cost line shows the new price.
 */
export async function obtainTariff(
  cabinet: CabinetState,
  form: FormState,
  confirmed: Required<ObtainTariffRequest>,
): Promise<PurchasedTariff | null> {
  let obtained: PurchasedTariff | null = null;
  let priceChanged = false;
  await form.submit(async () => {
    try {
      obtained = await cabinetApi.obtain(confirmed);
      return { ok: true };
    } catch (error) {
      priceChanged = error instanceof BridgeError && error.code === 'TARIFF_COST_CHANGED';
      return { ok: false, ...problemOf(error, m.failed) };
    }
  });
  if (obtained) void cabinet.tariffs.load();
  if (priceChanged) void cabinet.overview.refresh();
  return obtained;
}

export async function createEnrollment(): Promise<{ code: Enrollment } | { error: string }> {
  try {
    return { code: await cabinetApi.enroll() };
  } catch (error) {
    return { error: errorText(error) };
  }
}

export async function revokeDevice(cabinet: CabinetState, deviceId: string): Promise<string | null> {
  try {
    await cabinetApi.revoke(deviceId);
    await cabinet.devices.load();
    return null;
  } catch (error) {
    return errorText(error);
  }
}

/** «Сменить пароль»: the student's new password, to be shown once, or why the server refused. */
export async function setStudentPassword(participantId: string): Promise<{ password: string } | { error: string }> {
  try {
    return await cabinetApi.setStudentPassword(participantId);
  } catch (error) {
    return { error: errorText(error) };
  }
}

/**
 * «Объединить»: every other registration of the group joins the kept one, one after another; the
 * list is loaded again either way. Returns the kept registration's steps done, or why it stopped.
 */
export async function mergeRegistrations(
  cabinet: CabinetState,
  keptId: string,
  retiredIds: readonly string[],
): Promise<{ stepsDone: number } | { error: string }> {
  try {
    let stepsDone = 0;
    for (const retiredId of retiredIds) stepsDone = (await cabinetApi.merge({ keptId, retiredId })).stepsDone;
    return { stepsDone };
  } catch (error) {
    return { error: errorText(error) };
  } finally {
    void cabinet.duplicates.load();
  }
}

/** «Удалить данные» of a student, with the reason; the Russian reason of a refusal, or null. */
export async function eraseStudent(participantId: string, reason: string): Promise<string | null> {
  try {
    await cabinetApi.eraseStudent(participantId, reason);
    return null;
  } catch (error) {
    return errorText(error);
  }
}

/** Runs a download; returns the Russian reason if the server refused it. */
export async function download(action: () => Promise<void>): Promise<string | null> {
  try {
    await action();
    return null;
  } catch (error) {
    return errorText(error);
  }
}
