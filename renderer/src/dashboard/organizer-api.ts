/** The dashboard's calls to /api/organizer, typed by the shared contracts. */
import { Campaign } from '../../../core/campaign.ts';
import type { CampaignInput, SchoolsQuery } from '../../../core/contracts/organizer.ts';
import { ConsentVersions, OrganizerCampaign, SchoolsPage } from '../../../core/contracts/organizer.ts';
import { Overview, SchoolDetail, type ExportFormat } from '../../../core/contracts/dashboard.ts';
import { School } from '../../../core/contracts/api.ts';
import { AuditPage } from '../../../core/contracts/audit.ts';
import {
  Coorganizer,
  CoorganizerCreated,
  ImportReport,
  type CoorganizerEdit,
  type CoorganizerInput,
  type FirstPassword,
  type SchoolInput,
} from '../../../core/contracts/directory.ts';
import {
  Fleet,
  ParticipantCard,
  ParticipantHits,
  SupportPassword,
  type FleetQuery,
} from '../../../core/contracts/support.ts';
import { ErasureDone } from '../../../core/contracts/privacy.ts';
import { call, downloadFile } from '../cabinet/api/http.ts';

/** A query string from the set values only. */
function query(q: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return params.toString();
}

export const organizerApi = {
  campaign: () => call(OrganizerCampaign, 'GET', '/api/organizer/campaign'),
  consentVersions: () => call(ConsentVersions, 'GET', '/api/organizer/consent-versions'),
  save: (input: CampaignInput) => call(Campaign, 'PUT', '/api/organizer/campaign', input),
  schools: (q: Partial<SchoolsQuery>) => call(SchoolsPage, 'GET', `/api/organizer/schools?${query(q)}`),
  overview: (region: string | null) =>
    call(Overview, 'GET', `/api/organizer/overview${region ? `?region=${encodeURIComponent(region)}` : ''}`),
  addSchool: (input: SchoolInput) => call(School, 'POST', '/api/organizer/schools', input),
  editSchool: (id: string, input: SchoolInput) =>
    call(School, 'PUT', `/api/organizer/schools/${encodeURIComponent(id)}`, input),
  importCsv: (kind: 'schools' | 'coorganizers', csv: string, firstPassword: FirstPassword) =>
    call(ImportReport, 'POST', `/api/organizer/${kind}/import`, { csv, firstPassword }),
  addCoorganizer: (input: CoorganizerInput) => call(CoorganizerCreated, 'POST', '/api/organizer/coorganizers', input),
  editCoorganizer: (id: string, input: CoorganizerEdit) =>
    call(Coorganizer, 'PUT', `/api/organizer/coorganizers/${encodeURIComponent(id)}`, input),
  audit: (before?: string) =>
    call(AuditPage, 'GET', `/api/support/audit${before ? `?before=${encodeURIComponent(before)}` : ''}`),
  fleet: (q: Partial<FleetQuery>) => call(Fleet, 'GET', `/api/support/devices?${query(q)}`),
  findParticipants: (q: string) => call(ParticipantHits, 'GET', `/api/support/participants?${query({ q })}`),
  participant: (id: string) => call(ParticipantCard, 'GET', `/api/support/participants/${encodeURIComponent(id)}`),
  resetPassword: (id: string) =>
    call(SupportPassword, 'POST', `/api/support/participants/${encodeURIComponent(id)}/password`),
  participantExport: (id: string) =>
    downloadFile(`/api/support/participants/${encodeURIComponent(id)}/export`, 'dannye-uchastnika.json'),
  eraseParticipant: (id: string, reason: string) =>
    call(ErasureDone, 'POST', `/api/support/participants/${encodeURIComponent(id)}/erase`, { reason }),
  school: (id: string) => call(SchoolDetail, 'GET', `/api/organizer/schools/${encodeURIComponent(id)}/detail`),
};

/** Where a table downloads from; a plain link, as the session cookie goes with it. */
export const exportHref = {
  fleet: (q: Partial<FleetQuery>, format: ExportFormat) => `/api/support/devices/export?${query({ ...q, format })}`,
  audit: (format: ExportFormat) => `/api/support/audit/export?format=${format}`,
  overview: (region: string | null, format: ExportFormat) =>
    `/api/organizer/overview/export?format=${format}${region ? `&region=${encodeURIComponent(region)}` : ''}`,
  school: (id: string, table: 'coorganizers' | 'tariffs' | 'devices', format: ExportFormat) =>
    `/api/organizer/schools/${encodeURIComponent(id)}/export/${table}?format=${format}`,
};
