/** What the charts of «Акция в цифрах» show, from the numbers the server sent. */
import type { Metrics, OverviewRow } from '../../../../core/contracts/dashboard.ts';
import { overviewMessages as m } from '../../../../core/messages/dashboard.ts';

/** Registered, activated, then each step: how far the participants got. */
export function funnelBars(t: Metrics): { labels: string[]; values: number[] } {
  return {
    labels: [m.registered, m.activated, ...t.funnel.map((_, i) => m.step(i + 1))],
    values: [t.registered, t.activated, ...t.funnel],
  };
}

/** The rows with the most registered first; past `top`, the rest as one bar. */
export function registeredBars(rows: OverviewRow[], top = 20): { labels: string[]; values: number[] } {
  const sorted = [...rows].sort((a, b) => b.registered - a.registered || a.name.localeCompare(b.name, 'ru'));
  const shown = sorted.slice(0, top);
  const rest = sorted.slice(top).reduce((n, r) => n + r.registered, 0);
  return {
    labels: [...shown.map((r) => r.name), ...(sorted.length > top ? [m.chartOthers] : [])],
    values: [...shown.map((r) => r.registered), ...(sorted.length > top ? [rest] : [])],
  };
}
