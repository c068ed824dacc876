/**
 * In the browser, on /apps (src/pages/apps.ts): the search runs as the reader types and keeps the
 * query in the address (`?q=`), so a search can be linked; `?id=` shows one app, its rank chart
 * per storefront (`&country=` picks one) and its reported numbers apart. Every name is set as text.
 * The embed /embed/app (src/embed/app-embed.ts) loads and shows an app with the same functions.
 */
import { fromColumns } from "../components/app-columns.js";
import { appRankChart, seriesLabel } from "../components/app-rank-chart.js";
import { mayBeId, normalise, searchApps, searchIndex, searchKeys, type SearchIndex } from "../components/app-search.js";
import { APPS_CHARTS_PATH, APPS_INDEX_PATH, chartName, historyPath, historyShard, idBucket, idsPath, searchBucket, searchPath, snapshotsPath } from "../components/app-shards.js";
import type { AppColumns, AppsCharts, AppsHistory, AppsIndex, AppsRanks, AppSummary, ChartYearSnapshots } from "../components/app-types.js";
import { appStats, appView, type AppChartSeries, type AppPoint, type AppView } from "../components/app-view.js";
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

/** Fetches one of /apps's files (src/components/app-shards.ts) by its path. */
export type AppsFile = (path: string) => Promise<unknown>;

/** Each search or id file decoded once, however many queries need it; a failed fetch is tried again on the next query. */
function searchFiles(file: AppsFile): (path: string) => Promise<SearchIndex> {
  const loaded = new Map<string, Promise<SearchIndex>>();
  return (path) => {
    let index = loaded.get(path);
    if (!index) {
      loaded.set(path, (index = (file(path) as Promise<AppColumns>).then((c) => searchIndex(fromColumns(c)))));
      index.catch(() => loaded.delete(path));
    }
    return index;
  };
}

/** The app with the id `id`, from its id file, or undefined. */
export async function findApp(file: AppsFile, id: string): Promise<AppSummary | undefined> {
  return fromColumns((await file(idsPath(idBucket(id)))) as AppColumns).find((a) => a.id === id);
}

/**
 * Searches as the reader types in the input `app-q`, keeping the query in the address, and lists
 * the results in `app-results`, each linking to `href(id)`. A query fetches the one file of the
 * names starting with its first character (and, when it could be an id, that id's file); each is
 * fetched once. /apps and the Embed page use it.
 */
export function wireSearch(index: AppsIndex, file: AppsFile, href: (id: string) => string = (id) => `?id=${encodeURIComponent(id)}`): void {
  const input = byId("app-q") as HTMLInputElement;
  const results = byId("app-results");
  const load = searchFiles(file);
  // The first use of NFKD and of the search's Unicode regular expressions took 30–60 ms in
  // Chromium (bench/apps.ts): paid here, before the reader's first keystroke.
  mayBeId(searchKeys("Café Ｐｌｕｓ 小红书 🔥").join(""));
  let latest = 0;
  const show = async () => {
    const q = input.value;
    const key = normalise(q);
    const asked = ++latest;
    // The query's files are asked for first, the address updated while they come.
    const files = key ? Promise.all([load(searchPath(searchBucket(key))), mayBeId(key) ? load(idsPath(idBucket(key))) : undefined]) : undefined;
    const url = new URL(location.href);
    if (q) url.searchParams.set("q", q);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (!files) {
      results.replaceChildren();
      return;
    }
    let found: AppSummary[];
    try {
      const [names, ids] = await files;
      found = searchApps(names, q, 50, ids);
    } catch (error) {
      if (asked === latest) results.replaceChildren(el("p", `The search could not load its list of apps (${error instanceof Error ? error.message : String(error)}). Type again to retry, or reload the page.`));
      return;
    }
    // A later keystroke's answer may have come first: only the newest query's results show.
    if (asked !== latest) return;
    if (found.length === 0) {
      results.replaceChildren(el("p", index.apps === 0 ? "No chart has been measured yet." : `No app in the stored charts matches “${q}”.`));
      return;
    }
    const list = el("ol", undefined, "app-results");
    list.append(...found.map((app) => resultItem(app, href)));
    results.replaceChildren(el("p", `${found.length}${found.length === 50 ? " or more" : ""} apps match.`), list);
  };
  // What the reader typed while the index loaded stays.
  input.value ||= new URL(location.href).searchParams.get("q") ?? "";
  input.addEventListener("input", () => void show());
  input.form?.addEventListener("submit", (event) => {
    event.preventDefault();
    void show();
  });
  void show();
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

/**
 * Every measured point with its snapshot file and sha256: a table per chart and year, each fetching
 * its chart-year's file when the reader opens it (all of them would outweigh the rest of the page).
 */
function pointsTable(series: readonly AppChartSeries[], file: AppsFile): HTMLDetailsElement {
  const details = el("details", undefined, "app-points");
  details.append(el("summary", "Every measured point, with its snapshot file and sha256"), el("p", "One table per chart and year; each loads its snapshot files and sha256 when you open it."));
  for (const s of series) {
    const years = new Map<string, AppPoint[]>();
    for (const p of s.points) {
      const year = p.day.slice(0, 4);
      const points = years.get(year);
      if (points) points.push(p);
      else years.set(year, [p]);
    }
    for (const [year, points] of years) details.append(yearTable(s, year, points, file));
  }
  return details;
}

function yearTable(s: AppChartSeries, year: string, points: readonly AppPoint[], file: AppsFile): HTMLDetailsElement {
  const details = el("details", undefined, "app-points-year");
  const label = `${seriesLabel(s)}, ${year}`;
  details.append(el("summary", `${label}: ${points.length} day${points.length === 1 ? "" : "s"}`));
  let loading = false;
  details.addEventListener("toggle", async () => {
    if (!details.open || loading || details.querySelector("table")) return;
    loading = true;
    details.querySelector(".app-points-status")?.remove();
    const status = el("p", `Loading the snapshot files and sha256 of ${label} …`, "app-points-status");
    status.setAttribute("role", "status");
    details.append(status);
    try {
      const refs = (await file(snapshotsPath(`${chartName(s)}-${year}`))) as ChartYearSnapshots;
      const table = el("table");
      const head = el("tr");
      for (const h of ["Chart", "Day", "Rank", "Snapshot file", "sha256"]) head.append(el("th", h));
      table.append(head);
      for (const p of points) {
        const path = refs.path[p.snapshot];
        const sha256 = refs.sha256[p.snapshot];
        if (path === undefined || sha256 === undefined) throw new Error(`its file has no snapshot for ${p.day}: the site's files are from different builds`);
        const tr = el("tr");
        tr.append(el("td", seriesLabel(s)), el("td", p.day), el("td", `#${p.rank}`), el("td", path), el("td", sha256, "hash"));
        table.append(tr);
      }
      status.replaceWith(table);
    } catch (error) {
      status.textContent = `The snapshot files and sha256 of ${label} did not load (${error instanceof Error ? error.message : String(error)}). Close and open this table to try again.`;
    } finally {
      loading = false;
    }
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

/** What one app's view needs: its summary (from its id's file), every chart's days, and its history file. */
export interface LoadedApp {
  summary: AppSummary | undefined;
  measuredAsOf: string | null;
  history: AppsHistory;
}

export async function loadApp(file: AppsFile, id: string): Promise<LoadedApp> {
  const [summary, charts, ranks] = await Promise.all([findApp(file, id), file(APPS_CHARTS_PATH) as Promise<AppsCharts>, file(historyPath(historyShard(id))) as Promise<AppsRanks>]);
  return { summary, measuredAsOf: charts.measuredAsOf, history: { charts: charts.charts, ...ranks } };
}

/**
 * Shows the app `id` in `target`, its storefront links on the page at `base`, its table of points
 * fetching from `file`; returns its name, or undefined (and says so) when no snapshot lists it.
 */
export function showApp(target: HTMLElement, { summary, measuredAsOf, history }: LoadedApp, id: string, country: string | null, base: string, file: AppsFile): string | undefined {
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
  const charts = chosen.map((c, i) => chartFigure(target, `${name} in ${countryName(c)}`, series.filter((s) => s.country === c), measuredAsOf, `app-rank-${i}`, scale));
  scaleSelect.addEventListener("change", () => charts.forEach((c) => c.redraw()));
  target.append(pointsTable(series, file));
  if (view.reported.length > 0) target.append(reportedSection(view));
  return name;
}

export async function showApps(file: AppsFile): Promise<void> {
  const index = (await file(APPS_INDEX_PATH)) as AppsIndex;
  const params = new URL(location.href).searchParams;
  const id = params.get("id");
  wireSearch(index, file);
  if (id === null) return;
  const target = byId("app-view");
  const country = params.get("country");
  const name = showApp(target, await loadApp(file, id), id, country, location.href, file);
  if (name === undefined) return;
  document.title = `${name} · RedNote Tracker`;
  const embed = el("a", "Embed this chart in an article");
  embed.href = `./embed?${new URLSearchParams({ id, ...(country ? { country } : {}) })}#app-embed`;
  const p = el("p", undefined, "app-embed-link");
  p.append(embed);
  target.append(p);
}
