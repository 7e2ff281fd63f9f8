/**
 * «Получить индивидуальный тариф» is the web's: a school's PC serves the school's codes, so the
 * kiosk offers no individual tariff and refuses one asked for anyway.
 */
import { webMessages } from '../../../core/messages/web.ts';
import type { Handler } from '../context.ts';
import { KioskFault } from '../errors.ts';

export const individualTariff: Handler<'individualTariff'> = () => ({
  offered: false,
  costKopecks: 0,
  deadline: '',
  refusal: webMessages.individual.onKiosk,
});

export const buyIndividualTariff: Handler<'buyIndividualTariff'> = () => {
  throw new KioskFault(409, 'INDIVIDUAL_NOT_HERE', webMessages.individual.onKiosk);
};
