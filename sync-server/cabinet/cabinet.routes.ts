import { Router } from 'express';
import type { ServerContext } from '../context.ts';

export function cabinetRouter(_ctx: ServerContext): Router {
  return Router();
}
