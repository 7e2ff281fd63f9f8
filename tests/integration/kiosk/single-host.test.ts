/**
 * One kiosk host per data folder: a second host on a folder in use refuses to start and names the
 * holder; a host killed outright, or a PID file naming some other live process, does not block
 * the next start; hosts on different folders run side by side.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUse, HOLDER_FILE, LOCK_FILE } from '../../../electron/host/data-lock.ts';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { KioskClient } from '../../support/kiosk/client.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { KioskExited, spawnKiosk, type SpawnedKiosk } from '../../support/kiosk/spawn.ts';

const quiet = () => {};

describe('one kiosk host per data folder', () => {
  const running: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(h: T): T => (running.push(h), h);
  const spawned = async (args: string[]): Promise<SpawnedKiosk> => {
    const k = await spawnKiosk(args);
    track({ close: () => k.stop() });
    return k;
  };
  const refusal = (args: string[]): Promise<KioskExited> =>
    spawnKiosk(args).then(
      (k) => k.stop().then(() => expect.fail('the second host started')),
      (err: unknown) => err as KioskExited,
    );
  afterEach(async () => {
    await Promise.all(running.splice(0).map((h) => h.close()));
  });

  it('refuses a second host on the same folder, naming the holder and the folder', async () => {
    const dataDir = tempDir('kiosk-lock-');
    const first = await spawned(['--data', dataDir]);

    const second = await refusal(['--data', dataDir]);
    expect(second).toBeInstanceOf(KioskExited);
    expect(second.code).toBe(3);
    expect(second.stderr.trim()).toBe(
      `kiosk: the data folder ${dataDir} is in use by another kiosk host (PID ${first.pid}, ${first.url}). ` +
        'Stop that host first, or give this one another folder with --data.',
    );
    // The holder is untouched and still answers.
    expect((await new KioskClient(first.url).ok('status', {})).enrolled).toBe(false);
  });

  it('refuses a second host in the same process too', async () => {
    const dataDir = tempDir('kiosk-lock-');
    const first = track(await startKioskHost({ dataDir, log: quiet }));
    const second = startKioskHost({ dataDir, log: quiet });
    await expect(second).rejects.toBeInstanceOf(DataDirInUse);
    await expect(second).rejects.toMatchObject({ dataDir, holder: { pid: process.pid, url: first.url } });
  });

  it('takes over the lock of a host killed with SIGKILL', async () => {
    const dataDir = tempDir('kiosk-lock-');
    const dead = await spawnKiosk(['--data', dataDir]);
    await dead.kill9();
    // Both files stay behind, the PID file naming a process that is gone.
    expect(existsSync(join(dataDir, LOCK_FILE)) && existsSync(join(dataDir, HOLDER_FILE))).toBe(true);

    const next = await spawned(['--data', dataDir]);
    expect((await new KioskClient(next.url).ok('status', {})).enrolled).toBe(false);
  });

  it('is not fooled by a PID file naming a live process that holds no lock (a PID reused after a reboot)', async () => {
    const dataDir = tempDir('kiosk-lock-');
    writeFileSync(join(dataDir, HOLDER_FILE), JSON.stringify({ pid: process.pid, url: 'http://127.0.0.1:1' }));
    const host = track(await startKioskHost({ dataDir, log: quiet }));
    expect((await new KioskClient(host.url).ok('status', {})).enrolled).toBe(false);
  });

  it('gives the folder back on close', async () => {
    const dataDir = tempDir('kiosk-lock-');
    const first = await startKioskHost({ dataDir, log: quiet });
    await first.close();
    expect(existsSync(join(dataDir, HOLDER_FILE))).toBe(false);
    track(await startKioskHost({ dataDir, log: quiet }));
  });

  it('runs hosts on different folders side by side', async () => {
    const hosts: RunningKioskHost[] = [];
    for (const dir of [tempDir('kiosk-lock-a-'), tempDir('kiosk-lock-b-')]) {
      hosts.push(track(await startKioskHost({ dataDir: dir, log: quiet })));
    }
    for (const h of hosts) expect((await new KioskClient(h.url).ok('status', {})).enrolled).toBe(false);
  });

  describe('on a port another program has', () => {
    let squatter: Server;
    let port: number;
    afterEach(() => new Promise<void>((r) => squatter.close(() => r())));
    const occupy = () =>
      new Promise<void>((r) => {
        squatter = createServer().listen(0, '127.0.0.1', () => {
          port = (squatter.address() as { port: number }).port;
          r();
        });
      });

    it('says so in one line, without a stack, and exits with 4', async () => {
      await occupy();
      const exit = await refusal(['--data', tempDir('kiosk-lock-'), '--port', String(port)]);
      expect(exit.code).toBe(4);
      expect(exit.stderr.trim()).toBe(
        `kiosk: port ${port} on 127.0.0.1 is already in use by another program; choose another with --port or KIOSK_PORT.`,
      );
    });

    it('does not keep the folder locked', async () => {
      await occupy();
      const dataDir = tempDir('kiosk-lock-');
      await expect(startKioskHost({ dataDir, port, log: quiet })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      track(await startKioskHost({ dataDir, log: quiet }));
    });
  });
});
