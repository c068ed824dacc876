/** The ranks of one storefront as a table: reported and measured rows, each source a link. */
import { countryPhrase } from "./countries.js";
import { dataTable } from "./data-table.js";
import { dayToDate, formatDate, formatDay, qualify } from "./format.js";
import { storeName } from "./rank-chart.js";
import type { RankingsData } from "./rank-types.js";

interface RankRow {
  date: string;
  when: string;
  store: string;
  app: string;
  rank: string;
  kind: string;
  source: string;
  url: string | undefined;
  note: string;
}

/**
 * `measuredDays`: only the newest that many days of measurements, as the page prints it (years
 * of daily rows are the download's job; the browser then shows every day).
 */
export function rankTable(document: Document, rankings: RankingsData, country: string, measuredDays?: number): HTMLElement {
  const appName = new Map(rankings.apps.map((a) => [a.key, a.name]));
  const rows: RankRow[] = [
    ...rankings.reported
      .filter((r) => r.country === country)
      .map((r) => ({
        date: r.date,
        when: formatDate(r.date, r.precision, r.dateEnd),
        store: storeName(r.store),
        app: appName.get(r.app) ?? r.app,
        rank: qualify(r.qualifier, `#${r.value}`, r.valueHigh !== undefined ? `#${r.valueHigh}` : undefined),
        kind: r.chart === "top-free" ? "reported (free apps)" : "reported (chart not named)",
        source: `${r.publisher}${r.via ? ` (read on ${r.via})` : ""}`,
        url: r.url,
        note: r.note ?? "",
      })),
    ...rankings.measured
      .filter((m) => m.country === country && m.chart === "top-free")
      .flatMap((m) => {
        const from = measuredDays === undefined ? 0 : Math.max(0, m.days.length - measuredDays);
        const days = m.days.map((day, i) => ({ day, i })).slice(from);
        return Object.entries(m.ranks).flatMap(([app, ranks]) =>
          days.map(({ day, i }) => ({
            date: day,
            when: formatDay(dayToDate(day)),
            store: storeName(m.store),
            app: appName.get(app) ?? app,
            rank: ranks[i] === null ? `not in the top ${m.sizes[i]}` : `#${ranks[i]}`,
            kind: "measured",
            source: m.sourceTitle,
            url: m.url,
            note: "",
          })),
        );
      }),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.app < b.app ? -1 : 1));
  const longer = measuredDays !== undefined && rankings.measured.some((m) => m.country === country && m.chart === "top-free" && m.days.length > measuredDays);
  const caption = `The ranks for ${countryPhrase(country)} as a table${longer ? `: every report, and our measurements of the last ${measuredDays} days` : ""}`;
  const table = dataTable(document, caption, [
    { label: "Date", value: (d) => d.when },
    { label: "Store", value: (d) => d.store },
    { label: "App", value: (d) => d.app },
    { label: "Rank", value: (d) => d.rank, numeric: true },
    { label: "Kind", value: (d) => d.kind },
    { label: "Source", value: (d) => d.source, href: (d) => d.url },
    { label: "Note", value: (d) => d.note },
  ], rows);
  table.id = "rank-table";
  return table;
}
