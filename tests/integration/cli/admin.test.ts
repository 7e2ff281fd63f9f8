/** The admin CLI, run in-process on each dialect: accounts, the schools directory and the campaign. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../core/node/password.ts';
import { runAdmin } from '../../../sync-server/cli/commands.ts';
import type { CentralStore } from '../../../sync-server/db/connect.ts';
import { DIALECTS, freshStore } from '../../support/dialects.ts';
import { openSettings } from '../../support/factories.ts';

const dir = mkdtempSync(join(tmpdir(), 'moe-admin-'));
let fileNo = 0;
function file(text: string, ext = 'csv'): string {
  const path = join(dir, `f${fileNo++}.${ext}`);
  writeFileSync(path, text);
  return path;
}

describe.each(DIALECTS)('admin CLI on %s', (dialect) => {
  let store: CentralStore;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(() => store.close());

  async function admin(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdmin(argv, {
      db: store.db,
      now: () => Date.parse('2026-10-01T09:00:00Z'),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out, err };
  }
  const user = (email: string) =>
    store.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

  it('prints help, and refuses an unknown command or a missing option with exit code 2', async () => {
    const help = await admin('help');
    expect(help.code).toBe(0);
    for (const c of [
      'create-organizer',
      'create-support',
      'import-schools',
      'import-coorganizers',
      'create-campaign',
      'set-campaign',
    ])
      expect(help.out[0]).toContain(c);
    expect((await admin()).out).toEqual(help.out);
    expect(await admin('drop-everything')).toMatchObject({
      code: 2,
      err: ['Неизвестная команда «drop-everything». Список команд: npm run admin -- help'],
    });
    expect(await admin('create-organizer', '--name', 'Иванов')).toMatchObject({
      code: 2,
      err: ['Не указан параметр --email.'],
    });
  });

  it('creates an organizer with a generated password printed once, and refuses the same e-mail twice', async () => {
    const r = await admin('create-organizer', '--email', 'Org@Example.RU', '--name', 'Петров Пётр');
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('Организатор создан: org@example.ru');
    const password = r.out[1]!.split(': ')[1]!;
    const row = await user('org@example.ru');
    expect(row).toMatchObject({ role: 'organizer', full_name: 'Петров Пётр', school_id: null });
    expect(await verifyPassword(password, row!.password_hash)).toBe(true);
    expect(await admin('create-organizer', '--email', 'org@example.ru', '--name', 'X')).toMatchObject({
      code: 1,
      err: ['Пользователь с e-mail org@example.ru уже есть.'],
    });
    const weak = await admin('create-organizer', '--email', 'b@example.ru', '--name', 'Б', '--password', 'short');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('  password: Пароль должен быть не короче 8 символов');
  });

  it('creates a technical support account, which has no school', async () => {
    const r = await admin(
      'create-support',
      '--email',
      'Help@Example.RU',
      '--name',
      'Сидорова Анна',
      '--password',
      'pomosh-123',
    );
    expect(r).toMatchObject({ code: 0, out: ['Сотрудник технической поддержки создан: help@example.ru'] });
    const row = await user('help@example.ru');
    expect(row).toMatchObject({ role: 'support', full_name: 'Сидорова Анна', school_id: null });
    expect(await verifyPassword('pomosh-123', row!.password_hash)).toBe(true);
    expect((await admin('create-support', '--email', 'help@example.ru', '--name', 'X')).code).toBe(1);
  });

  it('resets a forgotten password and ends the sessions signed in with the old one', async () => {
    const row = await user('org@example.ru');
    await store.db
      .insertInto('sessions')
      .values({ id: 'old-session', user_id: row!.id, expires_at: Date.now() + 3_600_000, created_at: 0 })
      .execute();
    const r = await admin('reset-password', '--email', 'ORG@example.ru', '--password', 'novyi-parol-1');
    expect(r).toMatchObject({ code: 0, out: ['Пароль изменён, прежние входы завершены: org@example.ru'] });
    expect(await verifyPassword('novyi-parol-1', (await user('org@example.ru'))!.password_hash)).toBe(true);
    expect(await store.db.selectFrom('sessions').select('id').where('user_id', '=', row!.id).execute()).toEqual([]);
    expect(await admin('reset-password', '--email', 'nobody@example.ru')).toMatchObject({
      code: 1,
      err: ['Пользователя с e-mail nobody@example.ru нет.'],
    });
  });

  it('imports schools, reporting each bad row by its line and importing the good ones', async () => {
    const csv = [
      'Регион;Населенный пункт;Название образовательной организации',
      '77;Москва;ГБОУ Школа № 1',
      '999;Москва;Школа № 2',
      '25;;Школа № 3',
      '7;Нальчик;"МКОУ ""СОШ № 5""; корпус 2"',
      '',
      '77;Москва;ГБОУ  Школа № 1 ',
      '39;Калининград',
    ].join('\r\n');
    const r = await admin('import-schools', file(csv));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      'Строка 3: нет региона с кодом «999» (нужен двузначный код, например 77)',
      'Строка 4: не указан населённый пункт',
      'Строка 7: повторяет строку 2',
      'Строка 8: ожидалось столбцов: 3, в строке: 2',
    ]);
    expect(r.out).toEqual(['Импортировано: 2, уже были: 0, с ошибками: 4.']);
    const names = (await store.db.selectFrom('schools').select(['region', 'name']).orderBy('region').execute()).map(
      (s) => `${s.region} ${s.name}`,
    );
    expect(names).toEqual(['07 МКОУ "СОШ № 5"; корпус 2', '77 ГБОУ Школа № 1']);
    const again = await admin('import-schools', file('region,locality,name\n77,Москва,ГБОУ Школа № 1\n'));
    expect(again).toMatchObject({ code: 0, out: ['Импортировано: 0, уже были: 1, с ошибками: 0.'] });
  });

  it('imports co-organizers with their schools, printing generated passwords once and each bad row by line', async () => {
    const csv = [
      'email,ФИО,регион,населенный пункт,школа,пароль',
      'anna@school.ru,Смирнова Анна Ивановна,77,Москва,ГБОУ Школа № 1,parol1234',
      'boris@school.ru,Борисов Борис,25,Владивосток,МБОУ СОШ № 9,',
      'not-an-email,Кто-то,77,Москва,ГБОУ Школа № 1,parol1234',
      'vera@school.ru,Вера,77,Москва,ГБОУ Школа № 1,korotko',
      'ANNA@school.ru,Смирнова Анна,77,Москва,ГБОУ Школа № 1,parol1234',
      'org@example.ru,Организатор,77,Москва,ГБОУ Школа № 1,parol1234',
      'gleb@school.ru,Глеб,00,Москва,ГБОУ Школа № 1,parol1234',
    ].join('\n');
    const r = await admin('import-coorganizers', file(csv));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      'Строка 4: неверный e-mail «not-an-email»',
      'Строка 5: пароль не подходит: Пароль должен быть не короче 8 символов',
      'Строка 6: повторяет строку 2',
      'Строка 7: этот e-mail принадлежит организатору',
      'Строка 8: нет региона с кодом «00» (нужен двузначный код, например 77)',
    ]);
    expect(r.out[0]).toBe('Строка 3: образовательная организация добавлена в справочник');
    expect(r.out[1]).toMatch(/^Строка 3: boris@school\.ru — сгенерирован пароль: \w{12}$/);
    expect(r.out.at(-1)).toBe('Импортировано: 2, уже были: 0, с ошибками: 5.');
    const anna = await user('anna@school.ru');
    expect(await verifyPassword('parol1234', anna!.password_hash)).toBe(true);
    const boris = await user('boris@school.ru');
    expect(await verifyPassword(r.out[1]!.split(': ')[2]!, boris!.password_hash)).toBe(true);
    const school = await store.db
      .selectFrom('schools')
      .selectAll()
      .where('id', '=', boris!.school_id!)
      .executeTakeFirstOrThrow();
    expect(school).toMatchObject({ region: '25', locality: 'Владивосток', name: 'МБОУ СОШ № 9' });

    const again = await admin('import-coorganizers', file(csv.split('\n').slice(0, 3).join('\n')));
    expect(again).toMatchObject({ code: 0, out: ['Импортировано: 0, уже были: 2, с ошибками: 0.'] });
    const moved = await admin('import-coorganizers', file('anna@school.ru;Анна;25;Владивосток;МБОУ СОШ № 9;parol1234'));
    expect(moved.err).toEqual([
      'Строка 1: пользователь с этим e-mail уже есть и относится к другой образовательной организации',
    ]);
  });

  it('reports a row with a character no store keeps (NUL) as bad, and imports the rest', async () => {
    const schools = await admin('import-schools', file('54;Новосибирск;Школа № 7\n54;Новосибирск;Школа\u0000 № 8\n'));
    expect(schools.err).toEqual([
      'Строка 2: в строке есть символ, который нельзя сохранить (например, нулевой байт): исправьте файл',
    ]);
    expect(schools.out).toEqual(['Импортировано: 1, уже были: 0, с ошибками: 1.']);
    const people = await admin(
      'import-coorganizers',
      file(
        'nul@school.ru,Нулев\u0000 Н,54,Новосибирск,Школа № 7,parol1234\nok7@school.ru,Окей О,54,Новосибирск,Школа № 7,',
      ),
    );
    expect(people.err).toEqual([
      'Строка 1: в строке есть символ, который нельзя сохранить (например, нулевой байт): исправьте файл',
    ]);
    expect(await user('ok7@school.ru')).toBeDefined();
    expect(await user('nul@school.ru')).toBeUndefined();
  });

  it('creates and updates the campaign from a settings file checked by CampaignSettings', async () => {
    const settings = openSettings(new Date('2026-10-01T09:00:00Z'));
    expect(await admin('set-campaign', '--file', file(JSON.stringify(settings), 'json'))).toMatchObject({ code: 1 });
    const created = await admin('create-campaign', '--file', file(JSON.stringify(settings), 'json'), '--year', '2026');
    expect(created.code).toBe(0);
    expect(created.out[0]).toMatch(/^Акция 2026 года создана и открыта/);
    const bad = await admin(
      'set-campaign',
      '--file',
      file(JSON.stringify({ ...settings, tariffDeadline: '2026-13-01', pricePerParticipantKopecks: -1 }), 'json'),
    );
    expect(bad.code).toBe(1);
    expect(bad.err[0]).toBe('Данные не прошли проверку:');
    expect(bad.err.slice(1).map((l) => l.split(':')[0])).toEqual(['  tariffDeadline', '  pricePerParticipantKopecks']);
    expect((await admin('set-campaign', '--file', file('{"oops', 'json'))).err[0]).toMatch(/^Файл .* — не JSON/);
    expect((await admin('set-campaign', '--file', join(dir, 'missing.json'))).err[0]).toMatch(
      /^Не удалось прочитать файл .*ENOENT/,
    );
    const updated = await admin(
      'set-campaign',
      '--file',
      file(JSON.stringify({ ...settings, tariffDeadline: '2026-11-05' }), 'json'),
      '--title',
      'Акция 2026',
    );
    expect(updated.code).toBe(0);
    const shown = await admin('show-campaign');
    expect(JSON.parse(shown.out[0]!)).toMatchObject({
      year: 2026,
      title: 'Акция 2026',
      settings: { tariffDeadline: '2026-11-05' },
    });
  });
});
