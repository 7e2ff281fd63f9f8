/**
 * zod's own messages (a missing field, a wrong type, a length) in plain Russian, wherever the
 * shared schemas run: server, kiosk host and screens all import the contracts, which import this
 * first. Not zod's Russian locale: it says «ожидалось, что string будет иметь <=300 символов».
 * A schema's own message always wins; these are for checks that have none.
 */
import { z } from 'zod';
import { validationMessages as v } from './messages/validation.ts';

type Issue = z.core.$ZodRawIssue;

const FORMATS: Record<string, string> = {
  email: v.badEmail,
  url: v.badAddress,
  ipv4: v.badAddress,
  ipv6: v.badAddress,
  cidrv4: v.badAddress,
  cidrv6: v.badAddress,
  hostname: v.badAddress,
  date: v.badDate,
  datetime: v.badDate,
  time: v.badTime,
  uuid: v.badId,
  guid: v.badId,
  cuid: v.badId,
  cuid2: v.badId,
  ulid: v.badId,
  nanoid: v.badId,
};

function invalidType(issue: Extract<Issue, { code: 'invalid_type' }>): string {
  if (issue.input === undefined || issue.input === null) return v.required;
  switch (issue.expected) {
    case 'string':
      return v.needText;
    case 'number':
    case 'bigint':
    case 'nan':
      return v.needNumber;
    case 'int':
      return v.needInteger;
    case 'boolean':
      return v.needYesOrNo;
    case 'array':
    case 'tuple':
    case 'set':
      return v.needList;
    case 'date':
      return v.needDate;
    default:
      return v.wrongKind;
  }
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const max = Number(issue.maximum);
  switch (issue.origin) {
    case 'string':
      return issue.exact ? v.textExactly(max) : v.textTooLong(max);
    case 'number':
    case 'int':
    case 'bigint':
      return issue.inclusive === false ? v.numberNotBelow(max) : v.numberTooBig(max);
    case 'array':
    case 'set':
      return v.listTooLong(max);
    case 'date':
      return v.dateTooLate;
    case 'file':
      return v.fileTooBig;
    default:
      return v.invalid;
  }
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const min = Number(issue.minimum);
  switch (issue.origin) {
    case 'string':
      if (issue.exact) return v.textExactly(min);
      // «не меньше 1 символа» is just an empty field.
      return min <= 1 ? v.required : v.textTooShort(min);
    case 'number':
    case 'int':
    case 'bigint':
      return issue.inclusive === false ? v.numberNotAbove(min) : v.numberTooSmall(min);
    case 'array':
    case 'set':
      return min <= 1 ? v.listEmpty : v.listTooShort(min);
    case 'date':
      return v.dateTooEarly;
    case 'file':
      return v.fileTooSmall;
    default:
      return v.invalid;
  }
}

export function russianMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return invalidType(issue);
    case 'too_big':
      return tooBig(issue);
    case 'too_small':
      return tooSmall(issue);
    case 'invalid_format':
      return FORMATS[issue.format] ?? v.badForm;
    case 'not_multiple_of':
      return v.notMultipleOf(issue.divisor);
    case 'invalid_value':
      return v.choose;
    case 'unrecognized_keys':
      return v.extraFields;
    default:
      return v.invalid;
  }
}

z.config({ localeError: russianMessage });
