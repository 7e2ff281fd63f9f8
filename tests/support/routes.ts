/**
 * Every route an Express 5 app registers, read from its router stacks (mounted routers included),
 * so a test can check each one and a new route cannot be forgotten.
 */
import type { Express } from 'express';

export interface RegisteredRoute {
  method: string;
  path: string;
}

interface Layer {
  rawPath?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function walk(stack: Layer[], prefix: string, out: RegisteredRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const method of Object.keys(layer.route.methods))
        for (const p of paths) out.push({ method: method.toUpperCase(), path: `${prefix}${p}` });
    } else if (layer.handle?.stack) {
      walk(layer.handle.stack, `${prefix}${layer.rawPath ?? ''}`, out);
    }
  }
}

export function registeredRoutes(app: Express): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', out);
  return out;
}
