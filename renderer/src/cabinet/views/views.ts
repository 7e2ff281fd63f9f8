/** The cabinet's views, in the order of the instruction; each has its own hash (#/cabinet/<view>). */
export const CABINET_VIEWS = [
  'home',
  'tariffs',
  'codes',
  'schedule',
  'devices',
  'results',
  'parents',
  'certificate',
  'print',
] as const;
export type CabinetView = (typeof CABINET_VIEWS)[number];

/** The views listed in the navigation (printing is reached from «Приобретенные тарифы»). */
export const NAV_VIEWS = [
  'home',
  'tariffs',
  'codes',
  'schedule',
  'devices',
  'results',
  'parents',
  'certificate',
] as const;
export type NavView = (typeof NAV_VIEWS)[number];
