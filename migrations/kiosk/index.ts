/** The kiosk store's migrations, in order. Append only: a shipped migration never changes. */
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_initial.ts';

const migrations: Record<string, Migration> = {
  '001_initial': m001,
};

export const kioskMigrations: MigrationProvider = {
  getMigrations: async () => migrations,
};
