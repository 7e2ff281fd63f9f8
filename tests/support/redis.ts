/**
 * The machine's Redis for tests that share counts or nudges across nodes. They run whenever it is
 * reachable; CI sets REQUIRE_REDIS=1 so a missing Redis fails there instead of skipping them.
 */
import { createClient } from 'redis';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisUp(): Promise<boolean> {
  const c = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  c.on('error', () => {});
  try {
    await c.connect();
    await c.quit();
    return true;
  } catch {
    return false;
  }
}

export const haveRedis = await redisUp();
if (!haveRedis && process.env.REQUIRE_REDIS === '1')
  throw new Error(`Redis is required but ${REDIS_URL} is unreachable`);
