/**
 * In the browser, on /apps (src/pages/apps.ts): the search runs as the reader types and keeps the
 * query in the address (`?q=`), so a search can be linked; `?id=` shows one app, its rank chart
 * per storefront (`&country=` picks one) and its reported numbers apart. Every name is set as text.
 * The embed /embed/app (src/embed/app-embed.ts) loads and shows an app with the same functions.
 */
import { appRankChart, seriesLabel } from "../components/app-rank-chart.js";
import { searchApps, searchIndex } from "../components/app-search.js";
import { APPS_INDEX_PATH, APPS_SNAPSHOTS_PATH, historyPath, historyShard } from "../components/app-shards.js";
import type { AppsHistory, AppsIndex, AppsRanks, AppsSnapshots, AppSummary } from "../components/app-types.js";
import { appStats, appView, type AppChartSeries, type AppView } from "../components/app-view.js";
import { countryName } from "../components/countries.js";
import { sourceAnchor } from "../components/dom.js";
import { dayToDate, formatDay } from "../components/format.js";
import { hydrateChart } from "../components/hydrate.js";

const byId = (id: string) => document.getElementById(id) as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

const day = (iso: string) => formatDay(dayToDate(iso));

function resultItem(app: AppSummary, href: (id: string) => string): HTMLLIElement {
  const li = el("li");
  const link = el("a", app.names[0]);
  link.href = href(app.id);
  li.append(link, el("span", ` ${app.developer ? `by ${app.developer} · ` : ""}best #${app.best} · seen ${day(app.first)} – ${day(app.last)} · id ${app.id}`, "app-meta"));
  if (app.names.length > 1) li.append(el("span", ` (also listed as ${app.names.slice(1).join(", ")})`, "app-aka"));
  return li;
}

/**
 * Searches as the reader types in the input `app-q`, keeping the query in the address, and lists
 * the results in `app-results`, each linking to `href(id)`. /apps and the Embed page use it.
 */
export function wireSearch(index: AppsIndex, href: (id: string) => string = (id) => `?id=${encodeURIComponent(id)}`): void {
  const input = byId("app-q") as HTMLInputElement;
  const results = byId("app-results");
  const search = searchIndex(index.apps);
  const show = () => {
    const q = input.value;
    const url = new URL(location.href);
    if (q) url.searchParams.set("q", q);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    results.replaceChildren();
    if (!q.trim()) return;
    const found = searchApps(search, q);
    if (found.length === 0) {
      results.append(el("p", index.apps.length === 0 ? "No chart has been measured yet." : `No app in the stored charts matches “${q}”.`));
      return;
    }
    const list = el("ol", undefined, "app-results");
    list.append(...found.map((app) => resultItem(app, href)));
    results.append(el("p", `${found.length}${found.length === 50 ? " or more" : ""} apps match.`), list);
  };
  // What the reader typed while the index loaded stays.
  input.value ||= new URL(location.href).searchParams.get("q") ?? "";
  input.addEventListener("input", show);
  input.form?.addEventListener("submit", (event) => {
    event.preventDefault();
    show();
  });
  show();
}

function statsList(series: readonly AppChartSeries[], developer: string): HTMLDListElement {
  const stats = appStats(series);
  const dl = el("dl", undefined, "app-stats");
  const add = (term: string, value: string) => dl.append(el("dt", term), el("dd", value));
  add("Developer", developer || "not given by the feed");
  add("Best rank", stats.best === null ? "none measured" : `#${stats.best}`);
  add("First seen", stats.first ? day(stats.first) : "–");
  add("Last seen", stats.last ? day(stats.last) : "–");
  add("Days in a top 10", String(stats.daysTop10));
  return dl;
}

function chartFigure(target: HTMLElement, name: string, series: AppChartSeries[], measuredAsOf: string | null, id: string, scale: () => "log" | "linear") {
  const figure = el("figure", undefined, "app-rank-figure");
  figure.id = id;
  target.append(figure);
  return hydrateChart(figure, (width) => appRankChart({ name, series, measuredAsOf }, { width, document, scale: scale(), id: `${id}-svg` }));
}

function pointsTable(series: readonly AppChartSeries[]): HTMLDetailsElement {
  const details = el("details", undefined, "app-points");
  details.append(el("summary", "Every measured point, with its snapshot file and sha256"));
  details.addEventListener("toggle", () => {
    if (details.querySelector("table")) return;
    const table = el("table");
    const head = el("tr");
    for (const h of ["Chart", "Day", "Rank", "Snapshot file", "sha256"]) head.append(el("th", h));
    table.append(head);
    for (const s of series) {
      for (const p of s.points) {
        const tr = el("tr");
        tr.append(el("td", seriesLabel(s)), el("td", p.day), el("td", `#${p.rank}`), el("td", p.path), el("td", p.sha256, "hash"));
        table.append(tr);
      }
    }
    details.append(table);
  });
  return details;
}

function reportedSection(view: AppView): HTMLElement {
  const section = el("section", undefined, "app-reported");
  section.append(el("h2", "Reported (not measured by the tracker)"));
  const list = el("ul");
  for (const r of view.reported) {
    const li = el("li");
    const where = r.country ? `, ${countryName(r.country)}` : "";
    li.append(el("span", `reported · ${r.date}${r.dateEnd ? `–${r.dateEnd}` : ""} · ${r.platform}${where} · ${r.metric}: ${r.qualifier === "exact" ? "" : `${r.qualifier} `}${r.value}${r.valueHigh !== undefined ? `–${r.valueHigh}` : ""} · `), sourceAnchor(document, r.publisher, r.url));
    if (r.note) li.append(el("span", ` — ${r.note}`));
    list.append(li);
  }
  section.append(list);
  return section;
}

/** `base` with this app and storefront in its query, its other parameters (an embed's theme, pym's childId) kept. */
function storefrontLink(base: string, id: string, country: string | null): string {
  const url = new URL(base);
  url.searchParams.set("id", id);
  if (country) url.searchParams.set("country", country);
  else url.searchParams.delete("country");
  return url.href;
}

/** Fetches one of the files of APPS_FILES (src/components/app-shards.ts) by its path. */
export type AppsFile = (path: string) => Promise<unknown>;

/** The files one app's view needs: the charts' snapshot table and the app's history file. */
export async function loadAppHistory(file: AppsFile, id: string): Promise<AppsHistory> {
  const [snapshots, ranks] = await Promise.all([file(APPS_SNAPSHOTS_PATH), file(historyPath(historyShard(id)))]);
  return { ...(snapshots as AppsSnapshots), ...(ranks as AppsRanks) };
}

/**
 * Shows the app `id` in `target`, its storefront links on the page at `base`; returns its name, or
 * undefined (and says so) when no snapshot lists it.
 */
export function showApp(target: HTMLElement, index: AppsIndex, history: AppsHistory, id: string, country: string | null, base: string): string | undefined {
  const summary = index.apps.find((a) => a.id === id);
  const view = appView(history, id);
  if (!summary || !view) {
    target.append(el("p", `No stored chart snapshot lists an app with the id “${id}”.`));
    return undefined;
  }
  const name = summary.names[0]!;
  target.append(el("h2", name, "app-name"));
  const names = el("ul", undefined, "app-names");
  for (const n of view.names) names.append(el("li", `${n.name}: listed ${day(n.first)} – ${day(n.last)}`));
  target.append(el("h3", "Names over time"), names);

  const countries = [...new Set(view.series.map((s) => s.country))].sort();
  const chosen = country && countries.includes(country) ? [country] : countries;
  if (country && !countries.includes(country)) target.append(el("p", `No stored ${countryName(country)} chart lists this app; showing every storefront.`));
  const series = view.series.filter((s) => chosen.includes(s.country));
  target.append(statsList(series, summary.developer));

  const scaleLabel = el("label", "Rank axis ");
  const scaleSelect = el("select");
  for (const s of ["log", "linear"]) scaleSelect.append(new Option(s, s));
  scaleLabel.append(scaleSelect);
  const picker = el("p", undefined, "app-countries");
  for (const c of countries) {
    const a = el("a", countryName(c));
    a.href = storefrontLink(base, id, c);
    picker.append(a, " ");
  }
  if (chosen.length === 1 && countries.length > 1) {
    const all = el("a", "every storefront");
    all.href = storefrontLink(base, id, null);
    picker.append(all);
  }
  target.append(scaleLabel, picker);
  const scale = () => scaleSelect.value as "log" | "linear";
  const charts = chosen.map((c, i) => chartFigure(target, `${name} in ${countryName(c)}`, series.filter((s) => s.country === c), index.measuredAsOf, `app-rank-${i}`, scale));
  scaleSelect.addEventListener("change", () => charts.forEach((c) => c.redraw()));
  target.append(pointsTable(series));
  if (view.reported.length > 0) target.append(reportedSection(view));
  return name;
}

export async function showApps(file: AppsFile): Promise<void> {
  const index = (await file(APPS_INDEX_PATH)) as AppsIndex;
  const params = new URL(location.href).searchParams;
  const id = params.get("id");
  wireSearch(index);
  if (id === null) return;
  const target = byId("app-view");
  const country = params.get("country");
  const name = showApp(target, index, await loadAppHistory(file, id), id, country, location.href);
  if (name === undefined) return;
  document.title = `${name} · RedNote Tracker`;
  const embed = el("a", "Embed this chart in an article");
  embed.href = `./embed?${new URLSearchParams({ id, ...(country ? { country } : {}) })}#app-embed`;
  const p = el("p", undefined, "app-embed-link");
  p.append(embed);
  target.append(p);
}
