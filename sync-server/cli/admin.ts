/**
 * Entry point of the admin CLI: `npm run admin -- <command>`. It opens the same store the
 * server uses (DATABASE_URL or DATA_DIR), brings it to the latest migration, runs one command
 * and exits with its code. It never prompts: CI and remote shells have no terminal.
 */
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.ts';
import { migrateOpenedStore, openCentralStore } from '../db/connect.ts';
import { runAdmin } from './commands.ts';

// Validation messages of the settings file reach a person: in Russian, like the rest.
z.config(z.locales.ru());

let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}

const store = openCentralStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, pgPoolSize: 2 });
try {
  await migrateOpenedStore(store);
  process.exitCode = await runAdmin(process.argv.slice(2), {
    db: store.db,
    now: Date.now,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await store.close();
}
