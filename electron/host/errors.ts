/**
 * Refusals are values at the edge: a handler throws a KioskFault, and both bridges turn it into
 * a KioskError ({code, message, fields}) with an HTTP-like status. Messages are Russian, from the
 * message catalog.
 */
import type { KioskError } from '../../core/contracts/kiosk.ts';
import type { Rejection } from '../../core/errors.ts';
import { kioskMessages, type KioskMessageCode } from '../../core/messages/kiosk.ts';

export class KioskFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }

  static of(status: number, code: KioskMessageCode, fields?: Record<string, string>): KioskFault {
    return new KioskFault(status, code, kioskMessages[code], fields);
  }

  /** A domain rule said no (core/errors.ts). */
  static rejected(r: Rejection, fields?: Record<string, string>): KioskFault {
    return new KioskFault(409, r.code, r.message, fields);
  }

  toError(): KioskError {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
  }
}
