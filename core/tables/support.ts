/** The columns of technical support's fleet and of the audit log, on screen and in the exports. */
import type { AuditEntry } from '../contracts/audit.ts';
import type { FleetDevice } from '../contracts/support.ts';
import { supportMessages as m } from '../messages/dashboard.ts';
import { count, formatMomentMsk, text, type TableSpec } from './table.ts';

const offset = (ms: number | null) => (ms === null ? '' : m.offset(ms));

export const fleetTable: TableSpec<FleetDevice> = {
  title: m.fleetSection,
  columns: [
    text(m.device, (d) => d.name),
    text(m.alerts, (d) =>
      d.revokedAt !== null
        ? m.revoked
        : d.alerts.map((a) => (a === 'silent' ? m.alertSilent : m.alertClock)).join(', '),
    ),
    text(m.school, (d) => `${d.school.name} (${d.school.locality})`),
    text(m.lastSeen, (d) => formatMomentMsk(d.lastSeenAt) || m.never),
    count(m.pending, (d) => d.pending ?? 0),
    text(m.oldestPending, (d) => (d.oldestPendingAgeMs === null ? '' : m.age(d.oldestPendingAgeMs))),
    text(m.clock, (d) => offset(d.clockOffsetMs)),
    text(m.appVersion, (d) => d.appVersion ?? ''),
    text(m.lastError, (d) => d.lastError ?? ''),
  ],
};

export const auditTable: TableSpec<AuditEntry> = {
  title: m.auditSection,
  columns: [
    text(m.at, (e) => formatMomentMsk(e.at)),
    text(m.who, (e) => e.actorEmail),
    text(m.action, (e) => m.actions[e.action] ?? e.action),
    text(m.target, (e) => (typeof e.details.label === 'string' ? e.details.label : e.target)),
    text(m.details, (e) => {
      const { label: _label, ...rest } = e.details;
      return Object.keys(rest).length ? JSON.stringify(rest) : '';
    }),
  ],
};
