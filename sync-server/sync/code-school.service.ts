/**
 * Whose a code is, for a kiosk about to apply one it has not pulled: its own school's (then it
 * goes ahead as always), another school's (the student is warned first), or none. It tells a
 * device no more than a push of the same code would (accepted for a school, or CODE_UNKNOWN),
 * and only the school's name and locality, which the student's own certificate prints.
 */
import { normalizeCode } from '../../core/codes.ts';
import type { CodeSchoolResponse } from '../../core/contracts/sync.ts';
import type { ServerContext } from '../context.ts';
import { schoolOfCode } from '../tariffs/tariffs.repository.ts';

export async function codeSchool(
  ctx: ServerContext,
  deviceSchoolId: string,
  campaignId: string,
  code: string,
): Promise<CodeSchoolResponse> {
  const school = await schoolOfCode(ctx.db, normalizeCode(code), campaignId);
  if (!school) return { own: false, school: null };
  return { own: school.id === deviceSchoolId, school: { name: school.name, locality: school.locality } };
}
