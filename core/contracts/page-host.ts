/**
 * How the screens learn that the central server served them: the server adds this meta tag to
 * the index.html it sends, so the cabinet and the dashboard never probe the kiosk API. Kiosks
 * (Electron, browser mode) serve the built file as it is.
 */
export const SERVER_PAGE_META = { name: 'moe-host', content: 'server' } as const;
