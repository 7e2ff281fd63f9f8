/** What the cabinet shows, one resource per section; views load what they draw. */
import { cabinetApi } from '../api/cabinet-api.ts';
import { Resource } from './resource.svelte.ts';

export class CabinetState {
  readonly overview = new Resource(cabinetApi.overview);
  readonly tariffs = new Resource(cabinetApi.tariffs);
  readonly schedule = new Resource(cabinetApi.schedule);
  readonly results = new Resource(cabinetApi.results);
  readonly devices = new Resource(cabinetApi.devices);
  readonly rejections = new Resource(cabinetApi.rejections);
  readonly parentConsents = new Resource(cabinetApi.parentConsents);
}
