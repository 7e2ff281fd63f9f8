/** The cabinet's actions: «Получить», «Подключить компьютер», «Отключить», and the downloads. */
import type { z } from 'zod';
import type { EnrollmentCode, PurchasedTariff } from '../../../../core/contracts/api.ts';
import { ObtainTariffRequest } from '../../../../core/contracts/api.ts';
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

/** «Получить»: one request at a time, so a double click never buys twice. */
export async function obtainTariff(
  cabinet: CabinetState,
  form: FormState,
  countText: string,
): Promise<PurchasedTariff | null> {
  const input = form.check(ObtainTariffRequest, { participants: parseCount(countText) });
  if (!input) return null;
  let obtained: PurchasedTariff | null = null;
  await form.submit(async () => {
    try {
      obtained = await cabinetApi.obtain(input.participants);
      return { ok: true };
    } catch (error) {
      return { ok: false, ...problemOf(error, m.failed) };
    }
  });
  if (obtained) void cabinet.tariffs.load();
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

/** Runs a download; returns the Russian reason if the server refused it. */
export async function download(action: () => Promise<void>): Promise<string | null> {
  try {
    await action();
    return null;
  } catch (error) {
    return errorText(error);
  }
}
