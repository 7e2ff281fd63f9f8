/** The central store's migrations, in order. Append only: a shipped migration never changes. */
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_initial.ts';
import * as m002 from './002_certificates.ts';
import * as m003 from './003_ingest_layout.ts';
import * as m004 from './004_issue10_unplaced_indexes.ts';
import * as m005 from './005_issue11_participant_visits.ts';
import * as m006 from './006_issue12_participant_sessions.ts';
import * as m007 from './007_issue14_dashboard.ts';
import * as m010 from './010_issue13_device_students.ts';
import * as m011 from './011_issue13_participant_merges.ts';
import * as m012 from './012_issue14_password_links.ts';
import * as m013 from './013_issue15_consent.ts';
import * as m014 from './014_issue15_erasure.ts';
import * as m015 from './015_issue16_waiting_by_code.ts';
import * as m016 from './016_issue14_results_exports.ts';

const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_certificates': m002,
  '003_ingest_layout': m003,
  '004_issue10_unplaced_indexes': m004,
  '005_issue11_participant_visits': m005,
  '006_issue12_participant_sessions': m006,
  '007_issue14_dashboard': m007,
  '010_issue13_device_students': m010,
  '011_issue13_participant_merges': m011,
  '012_issue14_password_links': m012,
  '013_issue15_consent': m013,
  '014_issue15_erasure': m014,
  '015_issue16_waiting_by_code': m015,
  '016_issue14_results_exports': m016,
};

export const centralMigrations: MigrationProvider = {
  getMigrations: async () => migrations,
};
