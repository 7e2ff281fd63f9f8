/** What the cabinet shows, one resource per section; views load what they draw. */
import { cabinetApi } from '../api/cabinet-api.ts';
import { Resource } from './resource.svelte.ts';
import { ResultsState } from './results.svelte.ts';

export class CabinetState {
  readonly overview = new Resource(cabinetApi.overview);
  readonly tariffs = new Resource(cabinetApi.tariffs);
  readonly schedule = new Resource(cabinetApi.schedule);
  readonly results = new ResultsState();
  readonly devices = new Resource(cabinetApi.devices);
  readonly liveClass = new Resource(cabinetApi.liveClass);
  readonly rejections = new Resource(cabinetApi.rejections);
  readonly duplicates = new Resource(cabinetApi.duplicates);
  readonly parentConsents = new Resource(cabinetApi.parentConsents);
}
