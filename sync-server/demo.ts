/**
 * `npm run demo`: the central server on its embedded SQLite with a demo campaign open today,
 * plus one browser-mode kiosk enrolled to the demo school, so a newcomer can try everything.
 * PORT (8080) and KIOSK_PORT (5280) override the ports; DATA_DIR (.data/demo) the folder.
 * Whatever happens to the kiosk, the server keeps running: a kiosk of this demo left running
 * (its parent killed, or started by hand to try the kiosk offline) is used as it is.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { z } from 'zod';
import { formatCode } from '../core/codes.ts';
import { findActiveCampaign } from './campaigns/campaign.repository.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO, seedDemo } from './demo-seed.ts';
import { KIOSK_EXIT, KIOSK_IDENTITY_PATH, KioskHostIdentity } from '../core/contracts/kiosk-host.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';

const KioskPort = z.coerce.number().int().min(0).max(65_535);

let config;
let kioskPort: number;
try {
  config = loadConfig({ DATA_DIR: '.data/demo', LOG_LEVEL: 'warn', ...process.env });
  const port = KioskPort.safeParse(process.env.KIOSK_PORT || '5280');
  if (!port.success) {
    throw new ConfigError(
      `Invalid configuration:\n  KIOSK_PORT: must be a port number (got ${process.env.KIOSK_PORT})`,
    );
  }
  kioskPort = port.data;
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
const server = await startServer({ config, log: createLogger(config.logLevel) });
const seeded = await seedDemo(server.ctx);
const kioskDir = resolve(config.dataDir, 'kiosk');
const shown = (path: string) => relative(process.cwd(), path) || '.';
/** `npm run demo` again with the same folder and ports, for the recipe printed below. */
const demoCommand = (port: number) =>
  [
    ...['DATA_DIR', 'PORT'].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`),
    ...(port === 5280 ? [] : [`KIOSK_PORT=${port}`]),
    'npm run demo',
  ].join(' ');
const otherPort = demoCommand(kioskPort === 65_535 ? 5281 : kioskPort + 1);

/** Who answers on the kiosk's port: nobody, a kiosk host (and for which folder), or another program. */
async function whoIsOnPort(port: number): Promise<'free' | 'other' | KioskHostIdentity> {
  if (port === 0) return 'free';
  try {
    const res = await fetch(`http://127.0.0.1:${port}${KIOSK_IDENTITY_PATH}`, { signal: AbortSignal.timeout(3_000) });
    const id = KioskHostIdentity.safeParse(await res.json());
    return id.success ? id.data : 'other';
  } catch (err) {
    // Refused is the usual case; a program that answers something else, or nothing, is "other".
    return (err as { cause?: { code?: unknown } }).cause?.code === 'ECONNREFUSED' ? 'free' : 'other';
  }
}

function spawnKiosk(): Promise<{ child: ChildProcess; url: string } | { exitCode: number | null }> {
  // The host as `npm run kiosk` runs it: compiled by `npm run build:host` (package.json "demo").
  const kioskEntry = resolve(import.meta.dirname, '../electron/dist/electron/host/main.js');
  const child = spawn(process.execPath, ['--max-semi-space-size=2', kioskEntry], {
    env: {
      ...process.env,
      KIOSK_PORT: String(kioskPort),
      KIOSK_DATA_DIR: kioskDir,
      SYNC_SERVER_URL: server.url,
      KIOSK_ENROLLMENT_CODE: seeded.enrollmentCode,
      KIOSK_DEVICE_NAME: 'Демо: кабинет информатики, ПК 1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done) => {
    child.once('exit', (exitCode) => done({ exitCode }));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of String(chunk).split('\n')) {
        if (line.includes('kiosk listening')) done({ child, url: (JSON.parse(line) as { url: string }).url });
      }
    });
  });
}

/** The kiosk's URL and a note for the banner, or null when there is none (the reason printed). */
async function demoKiosk(): Promise<{ url: string; child?: ChildProcess; note?: string } | null> {
  const portTaken = `Порт ${kioskPort} занят другой программой, киоск не запущен (сервер работает). Освободите порт или выберите другой: ${otherPort}`;
  const onPort = await whoIsOnPort(kioskPort);
  if (onPort !== 'free') {
    if (onPort === 'other') console.error(portTaken);
    else if (resolve(onPort.dataDir) === kioskDir) {
      const url = `http://127.0.0.1:${kioskPort}`;
      console.log(
        `На порту ${kioskPort} уже работает киоск этого демо (PID ${onPort.pid}): второй не запускаю, он сам подключится к серверу.`,
      );
      return { url, note: `уже работал до демо; Ctrl+C его не остановит, остановить: kill ${onPort.pid}` };
    } else {
      console.error(
        `На порту ${kioskPort} работает киоск с другой папкой данных (${onPort.dataDir}, PID ${onPort.pid}), киоск демо не запущен (сервер работает). Выберите другой порт: ${otherPort}`,
      );
    }
    return null;
  }
  const started = await spawnKiosk();
  if ('url' in started) return started;
  if (started.exitCode === KIOSK_EXIT.portInUse) console.error(portTaken);
  else if (started.exitCode === KIOSK_EXIT.dataDirInUse) {
    console.error(
      `Папка ${shown(kioskDir)} уже занята другим киоском (его PID и адрес в строке выше): второй не запускаю (сервер работает).`,
    );
  } else console.error(`Киоск не запустился (код выхода ${started.exitCode}, сообщения выше); сервер работает.`);
  return null;
}

/**
 * How to see the kiosk work on without the server (README, «Try it»): only for a kiosk of ours,
 * which Ctrl+C stops; a kiosk found running is already on its own.
 */
function offlineRecipe(port: number): string {
  return `  Киоск без сервера:
    1. Остановите демо (Ctrl+C) и запустите только киоск, на той же папке:
         npm run kiosk -- --port ${port} --data ${shown(kioskDir)}
    2. Войдите снова («Войти») и ответьте на вопрос: в строке состояния вверху
       «Нет связи с сервером · Ждут отправки: N».
    3. Не останавливая киоск, в другом окне снова ${demoCommand(port)}: оно возьмёт этот киоск,
       и не позже чем через минуту в строке будет «Связь с сервером есть · Всё отправлено».

`;
}

const kiosk = await demoKiosk();
let stopping = false;
kiosk?.child?.once('exit', (code) => {
  if (!stopping) console.error(`Киоск остановился (код выхода ${code}); сервер работает.`);
});

const campaignNote = seeded.campaignKept
  ? `  Акция «${(await findActiveCampaign(server.ctx.db))?.title ?? ''}» изменена организатором: демо оставило её настройки как есть.\n`
  : '';
console.log(`
«Моё будущее» — демо запущено.

  Киоск участника (классный ПК):   ${kiosk ? kiosk.url : 'не запущен (см. выше)'}${kiosk?.note ? `\n      (${kiosk.note})` : ''}
  Участие из дома (сайт акции):    ${server.url}/
      (без кода школы: «Принять участие…» → «Получить индивидуальный тариф»)
  Кабинет соорганизатора:          ${server.url}/#/cabinet
      e-mail ${DEMO.coorganizer.email}, пароль ${DEMO.password}
  Панель организатора:             ${server.url}/#/dashboard
      e-mail ${DEMO.organizer.email}, пароль ${DEMO.password}

${campaignNote}  Код для участия в акции${seeded.code ? ` (тариф на ${seeded.places} мест): ${formatCode(seeded.code)}` : ': нет, тарифы больше не выдаются (срок в настройках акции прошёл)'}
  Код подключения ещё одного киоска:             ${seeded.enrollmentCode}
      (npm run kiosk -- --port 5281 --data ${shown(resolve(config.dataDir, 'kiosk-2'))} --server ${server.url})

${kiosk?.child ? offlineRecipe(Number(new URL(kiosk.url).port)) : ''}  Данные: ${config.dataDir}. Остановить: Ctrl+C.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    kiosk?.child?.kill('SIGTERM');
    void server.close().then(() => process.exit(0));
  });
}
