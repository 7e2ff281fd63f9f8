import { Router } from 'express';
import type { ServerContext } from '../context.ts';

export function syncRouter(_ctx: ServerContext): Router {
  return Router();
}
