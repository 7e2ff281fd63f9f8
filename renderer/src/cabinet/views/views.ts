/** The cabinet's views, in the order of the instruction; each has its own hash (#/cabinet/<view>). */
export const CABINET_VIEWS = [
  'home',
  'tariffs',
  'codes',
  'schedule',
  'devices',
  'class',
  'results',
  'duplicates',
  'parents',
  'certificate',
  'print',
] as const;
export type CabinetView = (typeof CABINET_VIEWS)[number];

/** The views listed in the navigation (printing is reached from «Приобретенные тарифы»). */
export type NavView = Exclude<CabinetView, 'print'>;
export const NAV_VIEWS: readonly NavView[] = CABINET_VIEWS.filter((v): v is NavView => v !== 'print');
