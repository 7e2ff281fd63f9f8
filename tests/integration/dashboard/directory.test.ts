/**
 * The organizer's directory in the dashboard: schools and co-organizers added, corrected and
 * imported from CSV with each bad row named by its line, as the admin CLI does; a co-organizer
 * gets a first password that signs in; every change is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../core/contracts/audit.ts';
import type { School } from '../../../core/contracts/api.ts';
import type { CoorganizerCreated, ImportReport } from '../../../core/contracts/directory.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { Client, createCoorganizer, createOrganizer, PASSWORD } from '../accounts/helpers.ts';

type Refusal = { error: { code: string; message: string } };

describe.each(DIALECTS)('the directory on %s', (dialect) => {
  let server: TestServer;
  let org: Client;
  let orgEmail: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    orgEmail = (await createOrganizer(server.ctx)).email;
    org = new Client(server.url);
    expect((await org.login(orgEmail, PASSWORD)).status).toBe(200);
  });
  afterAll(() => server.stop());

  it('adds and corrects a school, refusing a second one with the same name', async () => {
    const made = await org.post<School>('/api/organizer/schools', {
      region: '54',
      locality: 'Новосибирск',
      name: 'Гимназия № 1',
    });
    expect(made.status).toBe(201);
    const again = await org.post<Refusal>('/api/organizer/schools', {
      region: '54',
      locality: ' Новосибирск ',
      name: 'Гимназия  № 1',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('уже есть');
    const bad = await org.post<Refusal>('/api/organizer/schools', { region: '999', locality: '', name: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[А-Яа-я]/);
    const edited = await org.put<School>(`/api/organizer/schools/${made.body.id}`, {
      region: '54',
      locality: 'Новосибирск',
      name: 'Гимназия № 1 им. А. С. Пушкина',
    });
    expect(edited.body).toMatchObject({ id: made.body.id, name: 'Гимназия № 1 им. А. С. Пушкина' });
  });

  it('imports schools from CSV, naming each bad row by its line', async () => {
    const csv = [
      'Код региона;Населенный пункт;Название',
      '77;Москва;Школа № 1535',
      '99;Москва;Школа № 2',
      '77;Москва;Школа № 1535',
      '25;Владивосток;',
      '7;Грозный;Школа № 3',
    ].join('\n');
    const { status, body } = await org.post<ImportReport>('/api/organizer/schools/import', { csv });
    expect(status).toBe(200);
    expect(body.imported).toBe(2);
    expect(body.bad).toEqual([
      { line: 3, reason: 'нет региона с кодом «99» (нужен двузначный код, например 77)' },
      { line: 4, reason: 'повторяет строку 2' },
      { line: 5, reason: 'не указано название образовательной организации' },
    ]);
  });

  it('adds a co-organizer with a first password that signs in, and corrects their e-mail', async () => {
    const school = await org.post<School>('/api/organizer/schools', {
      region: '39',
      locality: 'Калининград',
      name: 'Лицей № 23',
    });
    const made = await org.post<CoorganizerCreated>('/api/organizer/coorganizers', {
      schoolId: school.body.id,
      email: 'Teacher@Licey23.ru',
      fullName: 'Орлова Наталья Викторовна',
    });
    expect(made.status).toBe(201);
    expect(made.body.email).toBe('teacher@licey23.ru');
    const teacher = new Client(server.url);
    expect((await teacher.login('teacher@licey23.ru', made.body.password!)).body).toMatchObject({
      role: 'coorganizer',
      school: { name: 'Лицей № 23' },
    });
    const taken = await org.post<Refusal>('/api/organizer/coorganizers', {
      schoolId: school.body.id,
      email: 'teacher@licey23.ru',
      fullName: 'Другой',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe('Пользователь с таким e-mail уже есть.');
    const edited = await org.put(`/api/organizer/coorganizers/${made.body.id}`, {
      email: 'orlova@licey23.ru',
      fullName: 'Орлова Наталья Викторовна',
    });
    expect(edited.status).toBe(200);
    expect((await new Client(server.url).login('orlova@licey23.ru', made.body.password!)).status).toBe(200);
  });

  it('imports co-organizers from CSV with first passwords and the bad rows by line', async () => {
    const csv = [
      'e-mail,ФИО,регион,населенный пункт,школа,пароль',
      'a@school.ru,Петров Пётр,77,Москва,Школа № 777,',
      'not-an-email,Сидоров,77,Москва,Школа № 777,',
      'b@school.ru,Смирнова Ольга,77,Москва,Школа № 777,parol12345',
    ].join('\n');
    const { body } = await org.post<ImportReport>('/api/organizer/coorganizers/import', { csv });
    expect(body.imported).toBe(2);
    expect(body.bad).toEqual([{ line: 3, reason: 'неверный e-mail «not-an-email»' }]);
    expect(body.generated).toEqual([{ line: 2, email: 'a@school.ru', password: expect.any(String) }]);
    expect(body.schoolsCreated).toEqual([2]);
    expect((await new Client(server.url).login('a@school.ru', body.generated[0]!.password)).status).toBe(200);
  });

  it('keeps every change in the audit log, newest first, with who made it', async () => {
    const { body } = await org.get<AuditPage>('/api/support/audit');
    expect(body.entries.map((e) => e.action)).toEqual([
      'coorganizers.import',
      'coorganizer.update',
      'coorganizer.create',
      'school.create',
      'schools.import',
      'school.update',
      'school.create',
    ]);
    expect(new Set(body.entries.map((e) => e.actorEmail))).toEqual(new Set([orgEmail]));
    expect(body.entries[0]!.details).toEqual({ imported: 2, skipped: 0, bad: 1, firstPassword: 'password' });
    expect(JSON.stringify(body.entries)).not.toContain('parol12345');
  });

  it('is the organizer’s alone', async () => {
    const school = (await server.ctx.db.selectFrom('schools').select('id').executeTakeFirstOrThrow()).id;
    const co = await createCoorganizer(server.ctx, school);
    const c = new Client(server.url);
    await c.login(co.email, PASSWORD);
    expect((await c.post('/api/organizer/schools', { region: '77', locality: 'М', name: 'Ш' })).status).toBe(403);
    expect((await c.get('/api/support/audit')).status).toBe(403);
  });
});
