/**
 * Is a code another school's? A code among this kiosk's pulled codes is its own school's. Any
 * other is asked of the server, online only and once (offline the activation goes ahead as
 * always and the server decides later); a failed question never stops a student.
 */
import type { HostContext } from '../context.ts';

/** «Name, locality» of the school a code belongs to when that is another school; otherwise null. */
export async function otherSchoolOf(host: HostContext, code: string): Promise<string | null> {
  const known = host.store.first(host.store.q.selectFrom('codes').select('code').where('code', '=', code));
  if (known || !host.engine.status().online) return null;
  try {
    const answer = await host.engine.api().codeSchool(code);
    return answer.school && !answer.own ? `${answer.school.name}, ${answer.school.locality}` : null;
  } catch {
    return null;
  }
}
