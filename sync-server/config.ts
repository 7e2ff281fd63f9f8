/**
 * Configuration from environment variables, validated at start-up with one clear message per
 * bad value (documented in the README).
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data/server'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave it unset for the embedded SQLite)')
    .optional(),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  NODE_URL: z
    .url({ error: 'must be an absolute http(s) URL where the other nodes reach this one, e.g. http://10.0.0.5:8081' })
    .regex(/^https?:\/\//, 'must start with http:// or https://')
    .optional(),
  PUBLIC_URL: z.url({ error: 'must be an absolute URL such as https://moe-budushchee.example.ru' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LEASE_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(8),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  CONTENT_PACK_FILE: z.string().min(1).optional(),
  MAX_BODY_KB: z.coerce.number().int().min(16).max(65_536).default(2048),
});

const DEFAULT_PACK_FILE = resolve(import.meta.dirname, '../core/content/packs/moe-budushchee.json');

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  sqlitePath: string;
  databaseUrl: string | undefined;
  pgPoolSize: number;
  redisUrl: string | undefined;
  publicUrl: string | undefined;
  /** Where the other nodes reach this one (a results export's download is forwarded there). */
  nodeUrl: string | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  sessionTtlMs: number;
  leaseTtlMs: number;
  trustProxy: boolean;
  maxBodyBytes: number;
  /** The content pack participants work through (JSON, validated at start-up). */
  contentPackFile: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(Object.keys(Env.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = Env.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(picked[String(i.path[0])])})`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    sqlitePath: resolve(dataDir, 'central.sqlite'),
    databaseUrl: e.DATABASE_URL,
    pgPoolSize: e.PG_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    publicUrl: e.PUBLIC_URL,
    nodeUrl: e.NODE_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    leaseTtlMs: e.LEASE_TTL_HOURS * 3_600_000,
    trustProxy: e.TRUST_PROXY === '1',
    maxBodyBytes: e.MAX_BODY_KB * 1024,
    contentPackFile: resolve(e.CONTENT_PACK_FILE ?? DEFAULT_PACK_FILE),
  };
}
