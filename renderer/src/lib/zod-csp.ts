/**
 * The screens run under a Content-Security-Policy without 'unsafe-eval'. zod otherwise probes
 * `new Function` on its first parse to decide whether to compile its checks; the probe's throw is
 * caught, but browsers still report it as a CSP violation (Firefox ESR logs it as a page error).
 * Imported first by main.ts, so it is set before any schema parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
