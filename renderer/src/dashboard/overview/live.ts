/** The dashboard's live channel: told whenever the campaign's numbers move. */
import { listenLive } from '../../lib/live.ts';

/** Calls `changed` whenever the campaign's numbers move; returns how to stop listening. */
export function whenNumbersMove(changed: () => void): () => void {
  return listenLive('dashboard', 'campaign', changed);
}
