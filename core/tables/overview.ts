/** The columns of «Акция в цифрах» and of a school's page, on screen and in the exports. */
import type { Metrics, OverviewRow, SchoolDetail } from '../contracts/dashboard.ts';
import type { Device } from '../contracts/api.ts';
import { overviewMessages as m } from '../messages/dashboard.ts';
import { count, formatMomentMsk, money, text, type Column, type TableSpec } from './table.ts';

function metricColumns<R extends Metrics>(stepCount: number, withSchools: boolean): Column<R>[] {
  return [
    ...(withSchools ? [count<R>(m.schools, (r) => r.schools)] : []),
    count<R>(m.coorganizers, (r) => r.coorganizers),
    count<R>(m.tariffs, (r) => r.tariffs),
    count<R>(m.places, (r) => r.places),
    money<R>(m.money, (r) => r.moneyKopecks),
    count<R>(m.registered, (r) => r.registered),
    count<R>(m.activated, (r) => r.activated),
    ...Array.from({ length: stepCount }, (_, i) => count<R>(m.step(i + 1), (r) => r.funnel[i] ?? 0)),
    count<R>(m.finished, (r) => r.finished),
    count<R>(m.certificates, (r) => r.certificates),
  ];
}

/** The country by region (level 'region') or a region by school (level 'school'). */
export function overviewTable(level: 'region' | 'school', stepCount: number): TableSpec<OverviewRow> {
  const head: Column<OverviewRow>[] =
    level === 'region'
      ? [text(m.region, (r) => r.name)]
      : [text(m.school, (r) => r.name), text(m.locality, (r) => r.locality ?? '')];
  return { title: m.tableTitle(level), columns: [...head, ...metricColumns(stepCount, level === 'region')] };
}

type Tariff = SchoolDetail['tariffs'][number];
type Coorganizer = SchoolDetail['coorganizers'][number];

export const coorganizersTable: TableSpec<Coorganizer> = {
  title: m.schoolCoorganizers,
  columns: [text(m.fullName, (c) => c.fullName), text(m.email, (c) => c.email)],
};

export const tariffsTable: TableSpec<Tariff> = {
  title: m.schoolTariffs,
  columns: [
    text(m.code, (t) => t.code),
    count(m.places, (t) => t.participants),
    count(m.used, (t) => t.used),
    money(m.cost, (t) => t.costKopecks),
    text(m.obtainedAt, (t) => formatMomentMsk(t.createdAt)),
  ],
};

export const schoolDevicesTable: TableSpec<Device> = {
  title: m.schoolDevices,
  columns: [
    text(m.device, (d) => d.name),
    text(m.lastSeen, (d) => formatMomentMsk(d.lastSeenAt)),
    count(m.pending, (d) => d.pending ?? 0),
    text(m.appVersion, (d) => d.appVersion ?? ''),
    text(m.lastError, (d) => d.lastError ?? ''),
    text(m.revoked, (d) => formatMomentMsk(d.revokedAt)),
  ],
};
