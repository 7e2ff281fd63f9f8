/**
 * Guards a router: only a signed-in user (of the given role) passes, and res.locals.user holds
 * them. A co-organizer's school always comes from here, never from the request, which is what
 * keeps one school out of another's data whatever ids are sent.
 */
import type { RequestHandler, Response } from 'express';
import type { Me, Role, School } from '../../core/contracts/api.ts';
import { accountMessages } from '../../core/messages/accounts.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { sessionUser } from './session.ts';

/** With roles given, only a user of one of them passes (any signed-in user otherwise). */
export function requireUser(ctx: ServerContext, ...roles: Role[]): RequestHandler {
  return async (req, res, next) => {
    const me = await sessionUser(ctx, req.headers.cookie);
    if (!me) throw HttpError.of(401, 'UNAUTHORIZED');
    if (roles.length && !roles.includes(me.role)) throw HttpError.of(403, 'FORBIDDEN');
    if (me.role === 'coorganizer' && !me.school) throw new HttpError(403, 'NO_SCHOOL', accountMessages.NO_SCHOOL);
    res.locals.user = me;
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

export function currentUser(res: Response): Me {
  const me = res.locals.user as Me | undefined;
  if (!me) throw HttpError.of(401, 'UNAUTHORIZED');
  return me;
}

/** The co-organizer's own school; routes behind requireUser(ctx, 'coorganizer') always have one. */
export function currentSchool(res: Response): School {
  const school = currentUser(res).school;
  if (!school) throw new HttpError(403, 'NO_SCHOOL', accountMessages.NO_SCHOOL);
  return school;
}
