/**
 * «Акция в цифрах»: the organizer sees the country by region, a region by school and one school
 * with its co-organizers, tariffs and PCs, each number exactly what the store holds, and downloads
 * every table as CSV and XLSX with the same numbers.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Overview, SchoolDetail } from '../../../core/contracts/dashboard.ts';
import { parseCsv } from '../../../core/csv.ts';
import { loadContentPack } from '../../../sync-server/content/content.service.ts';
import { expectedDashboard, seedDashboardData, type DashboardData } from '../../support/dashboard-data.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { enroll } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { Client, createCoorganizer, createOrganizer, PASSWORD } from '../accounts/helpers.ts';

describe.each(DIALECTS)('the campaign at a glance on %s', (dialect) => {
  let server: TestServer;
  let org: Client;
  let data: DashboardData;
  let steps: number;
  let want: ReturnType<typeof expectedDashboard>;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    steps = loadContentPack(server.ctx.config.contentPackFile).steps.length;
    want = expectedDashboard(steps);
    data = await seedDashboardData(server.ctx, steps);
    await enroll(server.url, server.ctx, data.schools.moscowA, 'Кабинет 12, ПК 3');
    const o = await createOrganizer(server.ctx);
    org = new Client(server.url);
    expect((await org.login(o.email, PASSWORD)).status).toBe(200);
  });
  afterAll(() => server.stop());

  it('counts the country by region, last year left out', async () => {
    const { status, body } = await org.get<Overview>('/api/organizer/overview');
    expect(status).toBe(200);
    expect(body.stepCount).toBe(steps);
    expect(body.rows).toEqual([
      { key: '25', name: 'Приморский край', ...want.primorye },
      { key: '77', name: 'Москва', ...want.moscow },
    ]);
    expect(body.totals).toEqual(want.country);
  });

  it('goes down from a region to its schools', async () => {
    const { body } = await org.get<Overview>('/api/organizer/overview?region=77');
    expect(body.region).toEqual({ code: '77', name: 'Москва' });
    expect(body.rows).toEqual([
      expect.objectContaining({ key: data.schools.moscowA, name: 'Школа № 1 «Лидер»', ...want.moscowA }),
      expect.objectContaining({ key: data.schools.moscowB, name: 'Школа № 2', ...want.moscowB }),
    ]);
    expect(body.totals).toEqual(want.moscow);
    expect((await org.get('/api/organizer/overview?region=999')).status).toBe(400);
  });

  it('shows a school with its co-organizers, tariffs and PCs', async () => {
    const { body } = await org.get<SchoolDetail>(`/api/organizer/schools/${data.schools.moscowA}/detail`);
    expect(body.metrics).toEqual(want.moscowA);
    expect(body.coorganizers.map((c) => c.fullName)).toEqual(['Иванова Мария Петровна', 'Смирнов Олег Иванович']);
    expect(body.tariffs.map((t) => t.participants)).toEqual([30, 10]);
    expect(body.devices).toEqual([expect.objectContaining({ name: 'Кабинет 12, ПК 3' })]);
    const missing = await org.get<{ error: { message: string } }>('/api/organizer/schools/nope/detail');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Такой образовательной организации нет.');
  });

  it('exports the tables as CSV and XLSX with the numbers shown', async () => {
    const csv = await fetch(`${server.url}/api/organizer/overview/export?format=csv`, {
      headers: { cookie: org.cookie! },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const { records } = parseCsv(await csv.text());
    const header = records[0]!.cells;
    expect(header.slice(0, 3)).toEqual(['Регион', 'Организаций', 'Соорганизаторов']);
    const moscow = Object.fromEntries(header.map((h, i) => [h, records[2]!.cells[i]]));
    expect(moscow).toMatchObject({ Регион: 'Москва', 'Сумма, ₽': '6000', 'Шаг 1': '3', 'Прошли все шаги': '1' });

    const xlsx = await fetch(`${server.url}/api/organizer/overview/export?format=xlsx&region=77`, {
      headers: { cookie: org.cookie! },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Образовательная организация');
    expect(sheet.getRow(2).getCell(1).value).toBe('Школа № 1 «Лидер»');
    expect(sheet.getRow(1).getCell(6).value).toBe('Сумма, ₽');
    expect(sheet.getRow(2).getCell(6).value).toBe(6000); // money in rubles, as a number
    for (const table of ['coorganizers', 'tariffs', 'devices']) {
      const res = await fetch(
        `${server.url}/api/organizer/schools/${data.schools.moscowA}/export/${table}?format=csv`,
        {
          headers: { cookie: org.cookie! },
        },
      );
      expect(res.status).toBe(200);
    }
    const bad = await org.get<{ error: { message: string } }>('/api/organizer/overview/export?format=pdf');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('csv или xlsx');
  });

  it('follows a school the organizer moved to another region', async () => {
    const moved = await org.put(`/api/organizer/schools/${data.schools.primorye}`, {
      region: '77',
      locality: 'Москва',
      name: 'Лицей «Приморье»',
    });
    expect(moved.status).toBe(200);
    const { body } = await org.get<Overview>('/api/organizer/overview');
    expect(body.rows.map((r) => r.key)).toEqual(['77']);
    expect(body.rows[0]).toMatchObject({ schools: 3, registered: 8, finished: 2 });
  });

  it('is the organizer’s alone', async () => {
    const co = await createCoorganizer(server.ctx, data.schools.moscowA);
    const c = new Client(server.url);
    await c.login(co.email, PASSWORD);
    expect((await c.get('/api/organizer/overview')).status).toBe(403);
  });
});
