/**
 * The preload (sandboxed, so CommonJS): one object, `window.kiosk`, that satisfies KioskBridge.
 * It forwards each call over one IPC channel; main validates and answers. A refusal rejects with
 * a plain {code, message, fields} object, which survives the context bridge (Error fields do not).
 */
// A sandboxed preload is CommonJS and may require only a few Electron modules; types come from core.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS is required here (see above)
import electron = require('electron');
import type { KioskBridge, KioskChannel, KioskError, KioskInput, KioskOutput } from '../../core/contracts/kiosk.ts';

type Reply = { ok: true; value: unknown } | { ok: false; error: KioskError };

const { contextBridge, ipcRenderer } = electron;

const bridge = {
  async invoke<C extends KioskChannel>(channel: C, input: KioskInput<C>): Promise<KioskOutput<C>> {
    const reply = (await ipcRenderer.invoke('kiosk:invoke', channel, input)) as Reply;
    if (reply.ok) return reply.value as KioskOutput<C>;
    throw { ...reply.error };
  },
} satisfies KioskBridge;

contextBridge.exposeInMainWorld('kiosk', bridge);
