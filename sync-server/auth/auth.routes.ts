import { Router } from 'express';
import type { ServerContext } from '../context.ts';

export function authRouter(_ctx: ServerContext): Router {
  return Router();
}
