/**
 * Chart.js with only the bar chart's parts, loaded when a chart is first shown, as its own chunk
 * of the build (bundled by Vite, nothing loaded from outside): the kiosk's pages never download it.
 */
import type { ChartConfiguration } from 'chart.js';

const loadBarChart = () =>
  import('chart.js').then((c) => {
    c.Chart.register(c.BarController, c.BarElement, c.CategoryScale, c.LinearScale, c.Tooltip);
    return c.Chart;
  });

/**
 * Draws a bar chart on the canvas once Chart.js has loaded; `drawn` says when it is (tests and
 * screenshots wait for it). Returns the cleanup for a Svelte effect: a chart removed before the
 * library arrived is never drawn.
 */
export function drawBarChart(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<'bar'>,
  drawn: (yes: boolean) => void,
): () => void {
  let chart: { destroy(): void } | null = null;
  let gone = false;
  void loadBarChart().then((Chart) => {
    if (gone) return;
    chart = new Chart(canvas, config);
    drawn(true);
  });
  return () => {
    gone = true;
    drawn(false);
    chart?.destroy();
  };
}
