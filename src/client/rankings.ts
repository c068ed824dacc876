/**
 * In the browser, on the rankings page the build printed (src/pages/rankings.ts): both charts
 * redrawn at the reader's width with tooltips, and the storefront and period controls redrawing
 * the charts and the table they choose.
 */
import { hydrateChart } from "../components/hydrate.js";
import { rankChart, smallMultiples, type Period } from "../components/rank-chart.js";
import { rankTable } from "../components/rank-table.js";
import type { RankingsData } from "../components/rank-types.js";

const byId = (id: string) => document.getElementById(id) as HTMLElement;

export function hydrateRankings(rankings: RankingsData): void {
  const country = byId("rank-country") as HTMLSelectElement;
  const period = byId("rank-period") as HTMLSelectElement;
  const main = hydrateChart(byId("rank-main"), (width) => rankChart(rankings, { width, document, country: country.value, period: period.value as Period }));
  const multiples = hydrateChart(byId("rank-multiples"), (width) => smallMultiples(rankings, { width, document, period: period.value as Period }));
  // The printed table holds the last weeks of measurements; this one, every day (closed, it takes no more room).
  const showTable = () => byId("rank-table").replaceWith(rankTable(document, rankings, country.value));
  showTable();
  country.addEventListener("change", () => {
    main.redraw();
    showTable();
  });
  period.addEventListener("change", () => {
    main.redraw();
    multiples.redraw();
  });
}
