/**
 * `npm run demo`: the central server on its embedded SQLite with a demo campaign open today,
 * plus one browser-mode kiosk enrolled to the demo school, so a newcomer can try everything.
 * PORT (8080) and KIOSK_PORT (5280) override the ports; DATA_DIR (.data/demo) the folder.
 */
import { spawn } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { formatCode } from '../core/codes.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO, seedDemo } from './demo-seed.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';

let config;
try {
  config = loadConfig({ DATA_DIR: '.data/demo', LOG_LEVEL: 'warn', ...process.env });
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
const server = await startServer({ config, log: createLogger(config.logLevel) });
const seeded = await seedDemo(server.ctx);

const kioskPort = process.env.KIOSK_PORT ?? '5280';
// The host as `npm run kiosk` runs it: compiled by `npm run build:host` (package.json "demo").
const kioskEntry = resolve(import.meta.dirname, '../electron/dist/electron/host/main.js');
const kiosk = spawn(process.execPath, ['--max-semi-space-size=2', kioskEntry], {
  env: {
    ...process.env,
    KIOSK_PORT: kioskPort,
    KIOSK_DATA_DIR: resolve(config.dataDir, 'kiosk'),
    SYNC_SERVER_URL: server.url,
    KIOSK_ENROLLMENT_CODE: seeded.enrollmentCode,
    KIOSK_DEVICE_NAME: 'Демо: кабинет информатики, ПК 1',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const kioskUrl = await new Promise<string>((resolveUrl, reject) => {
  kiosk.once('exit', (code) => reject(new Error(`kiosk exited with ${code}`)));
  kiosk.stdout.on('data', (chunk: Buffer) => {
    for (const line of String(chunk).split('\n')) {
      if (line.includes('kiosk listening')) resolveUrl((JSON.parse(line) as { url: string }).url);
    }
  });
});

console.log(`
«Моё будущее» — демо запущено.

  Киоск участника (классный ПК):   ${kioskUrl}
  Кабинет соорганизатора:          ${server.url}/#/cabinet
      e-mail ${DEMO.coorganizer.email}, пароль ${DEMO.password}
  Панель организатора:             ${server.url}/#/dashboard
      e-mail ${DEMO.organizer.email}, пароль ${DEMO.password}

  Код для участия в акции (тариф на ${DEMO.places} мест): ${formatCode(seeded.code)}
  Код подключения ещё одного киоска:             ${seeded.enrollmentCode}
      (npm run kiosk -- --port 5281 --data ${relative(process.cwd(), resolve(config.dataDir, 'kiosk-2')) || '.'} --server ${server.url})

  Данные: ${config.dataDir}. Остановить: Ctrl+C.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    kiosk.kill('SIGTERM');
    void server.close().then(() => process.exit(0));
  });
}
