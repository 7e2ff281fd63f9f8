/**
 * Chart.js with only the bar chart's parts, loaded when a chart is first shown, as its own chunk
 * of the build (bundled by Vite, nothing loaded from outside): the kiosk's pages never download it.
 */
export const loadBarChart = () =>
  import('chart.js').then((c) => {
    c.Chart.register(c.BarController, c.BarElement, c.CategoryScale, c.LinearScale, c.Tooltip);
    return c.Chart;
  });
