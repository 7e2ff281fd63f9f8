/**
 * zod's own messages (a missing field, a wrong type) in Russian, wherever the shared schemas
 * run: server, kiosk host and screens all import the contracts, which import this first.
 */
import { z } from 'zod';

z.config(z.locales.ru());
