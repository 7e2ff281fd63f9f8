/**
 * `npm run demo` when its kiosk port is already taken: it asks who answers there (GET /kiosk-host);
 * a kiosk of the demo's own folder left running is used as it is; anything else is said in one
 * line. Either way the server keeps running and nothing prints a stack.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { READY_LIMIT_MS } from '../../support/process.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

interface Demo {
  output: string;
  serverUrl: string;
  child: ChildProcess;
}

/** Runs sync-server/demo.ts on its own folder and a free server port until it prints its banner. */
function startDemo(env: Record<string, string>): Promise<Demo> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/demo.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`no banner: ${output}`)), READY_LIMIT_MS);
    const read = (c: Buffer) => {
      output += c.toString();
      const url = /Кабинет соорганизатора:\s+(\S+)\/#\/cabinet/.exec(output);
      if (url) {
        clearTimeout(timer);
        done({ output, serverUrl: url[1]!, child });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`demo exited with ${code}: ${output}`)));
  });
}

describe('npm run demo with its kiosk port taken', () => {
  let demo: Demo | undefined;
  let kiosk: RunningKioskHost | undefined;
  let squatter: Server | undefined;
  afterEach(async () => {
    if (demo && demo.child.exitCode === null) {
      const exited = new Promise((r) => demo!.child.once('exit', r));
      process.kill(-demo.child.pid!, 'SIGTERM');
      await exited;
    }
    await kiosk?.close();
    await new Promise((r) => (squatter ? squatter.close(r) : r(undefined)));
    demo = kiosk = squatter = undefined;
  });

  const serverAnswers = async () => (await fetch(`${demo!.serverUrl}/healthz`)).status;

  it('uses a kiosk of its own folder left running, and keeps the server', async () => {
    const dataDir = tempDir('demo-');
    kiosk = await startKioskHost({ dataDir: join(dataDir, 'kiosk'), log: () => {} });
    demo = await startDemo({ DATA_DIR: dataDir, KIOSK_PORT: String(kiosk.port) });
    expect(demo.output).toContain(
      `На порту ${kiosk.port} уже работает киоск этого демо (PID ${process.pid}): второй не запускаю, он сам подключится к серверу.`,
    );
    expect(demo.output).toMatch(new RegExp(`Киоск участника \\(классный ПК\\):\\s+${kiosk.url}\\n`));
    expect(await serverAnswers()).toBe(200);
    expect(demo.output).not.toMatch(/\n\s+at /);
  });

  it('says in one line that another program has the port, and keeps the server', async () => {
    // Answers like some other web server would, and hangs up.
    squatter = createServer((socket) =>
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi', () => socket.destroy()),
    );
    await new Promise<void>((r) => squatter!.listen(0, '127.0.0.1', () => r()));
    const port = (squatter.address() as { port: number }).port;
    const dataDir = tempDir('demo-');
    demo = await startDemo({ DATA_DIR: dataDir, KIOSK_PORT: String(port) });
    const line = demo.output.split('\n').find((l) => l.startsWith(`Порт ${port} `));
    expect(line).toBe(
      `Порт ${port} занят другой программой, киоск не запущен (сервер работает). Освободите порт или выберите другой: DATA_DIR=${dataDir} PORT=0 KIOSK_PORT=${port + 1} npm run demo`,
    );
    expect(demo.output).toContain('Киоск участника (классный ПК):   не запущен (см. выше)');
    expect(await serverAnswers()).toBe(200);
    expect(demo.output).not.toMatch(/\n\s+at /);
  });

  it('asks the kiosk at /kiosk-host, which answers only under its loopback address', async () => {
    const dataDir = tempDir('kiosk-');
    kiosk = await startKioskHost({ dataDir, log: () => {} });
    const own = await fetch(`${kiosk.url}/kiosk-host`);
    expect(await own.json()).toEqual({ app: 'moe-budushchee-kiosk', pid: process.pid, dataDir });
    // A name made to resolve here (DNS rebinding) is not the kiosk's own address.
    const status = await new Promise<number | undefined>((done) =>
      request(`${kiosk!.url}/kiosk-host`, { headers: { host: `evil.example:${kiosk!.port}` } }, (res) => {
        res.resume();
        done(res.statusCode);
      }).end(),
    );
    expect(status).toBe(403);
  });

  it('tells a kiosk of another folder from its own', async () => {
    const elsewhere = tempDir('kiosk-');
    kiosk = await startKioskHost({ dataDir: elsewhere, log: () => {} });
    demo = await startDemo({ DATA_DIR: tempDir('demo-'), KIOSK_PORT: String(kiosk.port) });
    expect(demo.output).toContain(
      `На порту ${kiosk.port} работает киоск с другой папкой данных (${elsewhere}, PID ${process.pid}), киоск демо не запущен (сервер работает).`,
    );
    expect(await serverAnswers()).toBe(200);
  });
});
