/**
 * The result screen's actions: fetch the result from the kiosk, and make and save the result
 * PDF or «Скачать сертификат участника». Refusals (not yet available) come back as Russian text.
 */
import { screenMessages as m } from '../../../../core/messages/screens.ts';
import { kiosk } from '../../lib/bridge/bridge.ts';
import { BridgeError } from '../../lib/bridge/bridge-error.ts';
import { saveBase64File } from '../../lib/save-file.ts';
import { kioskState } from '../state/kiosk.svelte.ts';
import type { DocumentKind, ResultState } from '../state/result.svelte.ts';

const messageOf = (error: unknown): string => (error instanceof BridgeError ? error.message : m.errors.hostFailed);

/** Loads the result; `quiet` re-checks in the background without blanking the screen. */
export async function loadResult(state: ResultState, quiet = false): Promise<void> {
  const generation = kioskState.generation;
  if (!quiet) state.setLoading(true);
  try {
    const { result, waiting } = await kiosk.invoke('result', {});
    if (generation !== kioskState.generation) return;
    state.setLoaded(result, waiting);
  } catch (error) {
    if (generation !== kioskState.generation) return;
    if (!quiet) state.setProblem(`${m.result.loadFailed} ${messageOf(error)}`);
  } finally {
    state.setLoading(false);
  }
}

/** «Скачать результат (PDF)» or «Скачать сертификат участника»: the kiosk makes the PDF, the browser saves it. */
export async function downloadDocument(state: ResultState, kind: DocumentKind): Promise<void> {
  if (state.download(kind).busy) return;
  const generation = kioskState.generation;
  state.setDownload(kind, { busy: true, error: null, saved: null });
  try {
    const file = await kiosk.invoke('document', { kind });
    if (generation !== kioskState.generation) return;
    saveBase64File(file.fileName, file.base64);
    state.setDownload(kind, { busy: false, saved: file.fileName });
  } catch (error) {
    state.setDownload(kind, { busy: false, error: messageOf(error) });
  }
}
