/**
 * The IPC side of the kiosk API: one channel, one handler, delegating to the shared router with
 * the sender frame's URL (the router refuses any page but the app's own). Each window keeps its
 * participant session here in main; the page never holds a token.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../host/router.ts';

export const IPC_CHANNEL = 'kiosk:invoke';

export function serveKioskIpc(dispatch: Dispatch): () => void {
  const sessions = new Map<number, string | null>();
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const sender = event.sender.id;
    const result = await dispatch(channel, input, {
      sessionId: sessions.get(sender) ?? null,
      // A missing frame (destroyed mid-call) must not count as trusted.
      senderUrl: event.senderFrame?.url ?? 'about:blank',
    });
    sessions.set(sender, result.sessionId);
    if (!event.sender.listenerCount('destroyed')) event.sender.once('destroyed', () => sessions.delete(sender));
    return result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
  });
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}
