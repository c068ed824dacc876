/**
 * What `npm run data:diff -- <from> <to>` reports (bin/diff.ts): what moved in the top charts
 * between two times. For every stored chart (store, storefront, chart) it compares the latest snapshot at or before <from> with
 * the latest at or before <to>: apps that entered, apps that left, rank moves biggest first. Then
 * the moves /feed.xml reports for every snapshot stored in between (loaders/notable-moves.ts): a
 * tracked app's rank change, an app entering a top 10, a chart's first measured top 10.
 *
 * Only the snapshots needed are read: the manifest says which file is the latest at or before each
 * time and which were stored in between, so years of history cost the files of the asked window
 * and one more per chart, not every file.
 *
 * Exit status: 0 when at least one chart was compared or a move found (charts that could not be
 * compared are listed); 1 when there is nothing to report (no chart snapshots stored, none for the
 * chosen countries and charts, or none at or before <from> and none stored in between); 2 on a
 * usage error (a bad date, <from> after <to>, an unknown flag).
 */
import { chartLabel, diffCharts, formatChartDiffMarkdown, formatChartDiffText, markdownText, oneLine, type ChartDiff } from "./chart-diff.ts";
import { listValues as list, parseFlags, UsageError } from "./cli.ts";
import { DEFAULT_COUNTRIES, resolveDataDir } from "./config.ts";
import { FEED_ENTRIES } from "../src/data/derive/feed.ts";
import { moveSentence, newestFirst, notableMoves, type NotableMove } from "./notable-moves.ts";
import { CHARTS, type ChartSnapshotRow } from "./schema.ts";
import { readManifest, type Resource } from "./store/manifest.ts";
import { readAll, readDatasetFiles } from "./store/read.ts";

export const HELP = `Usage: npm run data:diff -- <from> <to> [options]

What moved in the top charts: for each store, storefront and chart, compares the latest snapshot
at or before <from> with the latest at or before <to>, and lists the apps that entered, the apps
that left and the rank moves, biggest first. Then, newest first, the moves /feed.xml reports for
each snapshot stored after <from> and up to <to>: a tracked app's rank change, an app entering a
top 10, and a chart's first measured top 10.

<from> and <to>:
  2025-01-14               the end of that UTC day (the day's last snapshot counts)
  2025-01-14T12:00Z        a UTC time, to the minute, second or millisecond given; an offset
                           such as +08:00 is allowed, no offset means UTC
  today, yesterday         the end of that UTC day
  e.g. "what moved today?": npm run data:diff -- yesterday today

Options:
  --country CC          only these storefronts (repeatable or comma-separated), e.g. us,gb
  --chart NAME          only these charts: ${CHARTS.join(", ")} (repeatable or comma-separated)
  --format FORMAT       text (default), markdown or json (everything, no limit)
  --limit N             list at most N entries, exits and moves per chart (default 10), and the
                        newest ${FEED_ENTRIES} feed moves; 0: all
  --data-dir DIR        the data directory (default: TRACKER_DATA_DIR, else data/)
  -h, --help            this text

Exit status: 0 compared at least one chart or found a move; 1 nothing to report (no chart
snapshots stored, none for the chosen countries or charts, or none at or before <from> and none
stored in between); 2 usage error.`;

export type Format = "text" | "markdown" | "json";

/** A point in time as asked, and the last instant it covers (a day covers its whole UTC day). */
export interface When {
  input: string;
  cutoff: string;
}

const DAY_MS = 86_400_000;

function checkedUtc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | undefined {
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const date = new Date(t);
  const ok = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
  return ok ? t : undefined;
}

/** Parses <from> or <to>; a UsageError (one line) for anything else. */
export function parseWhen(input: string, now: Date = new Date()): When {
  const text = input.trim();
  const bad = () =>
    new UsageError(`"${input}" is not a date or time: use YYYY-MM-DD (the end of that UTC day), a UTC time such as 2025-01-14T12:00Z, today or yesterday.`);
  const endOfDay = (start: number) => ({ input, cutoff: new Date(start + DAY_MS - 1).toISOString() });
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (text === "today") return endOfDay(today);
  if (text === "yesterday") return endOfDay(today - DAY_MS);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const start = checkedUtc(Number(day[1]), Number(day[2]), Number(day[3]));
    if (start === undefined) throw bad();
    return endOfDay(start);
  }
  const time = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!time) throw bad();
  const [, y, mo, d, h, mi, s, frac, zone] = time;
  const t = checkedUtc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), frac ? Number(frac.padEnd(3, "0")) : 0);
  if (t === undefined) throw bad();
  let offsetMs = 0;
  if (zone && zone.toUpperCase() !== "Z") {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const minutes = Number(z[2]) * 60 + Number(z[3]);
    if (Number(z[2]) > 14 || Number(z[3]) > 59) throw bad();
    offsetMs = (z[1] === "+" ? 1 : -1) * minutes * 60_000;
  }
  // The time covers its own precision: 12:00 is every snapshot up to 12:00:59.999.
  const span = frac !== undefined ? 0 : s !== undefined ? 999 : 59_999;
  return { input, cutoff: new Date(t - offsetMs + span).toISOString() };
}

export interface DiffArgs {
  help: boolean;
  from?: When;
  to?: When;
  countries: string[];
  charts: ChartSnapshotRow["chart"][];
  format: Format;
  limit: number;
  dataDir: string;
}

export function parseDiffArgs(argv: readonly string[], now: Date = new Date()): DiffArgs {
  const { values, positionals } = parseFlags({
    args: [...argv],
    allowPositionals: true,
    options: {
      country: { type: "string", multiple: true },
      chart: { type: "string", multiple: true },
      format: { type: "string", default: "text" },
      limit: { type: "string", default: "10" },
      "data-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const dataDir = resolveDataDir(values["data-dir"]);
  const base = { countries: [], charts: [], format: "text" as Format, limit: 10, dataDir };
  if (values.help) return { help: true, ...base };
  const format = values.format;
  if (format !== "text" && format !== "markdown" && format !== "json") throw new UsageError(`--format must be text, markdown or json (got "${format}").`);
  if (!/^\d+$/.test(values.limit)) throw new UsageError(`--limit must be a whole number, 0 for all (got "${values.limit}").`);
  const countries = list(values.country).map((c) => c.toLowerCase());
  const badCountry = countries.find((c) => !/^[a-z]{2}$/.test(c));
  if (badCountry !== undefined) throw new UsageError(`--country "${badCountry}": a storefront is a two-letter code such as us or gb.`);
  const charts = list(values.chart);
  const badChart = charts.find((c) => !(CHARTS as readonly string[]).includes(c));
  if (badChart !== undefined) throw new UsageError(`--chart "${badChart}": charts are ${CHARTS.join(", ")}.`);
  if (positionals.length !== 2) {
    throw new UsageError(`give two times, <from> and <to> (got ${positionals.length === 0 ? "none" : positionals.map((p) => JSON.stringify(p)).join(" ")}), e.g. npm run data:diff -- 2025-01-14 2025-01-15.`);
  }
  const from = parseWhen(positionals[0]!, now);
  const to = parseWhen(positionals[1]!, now);
  if (from.cutoff > to.cutoff) throw new UsageError(`<from> ${from.input} is after <to> ${to.input}: give the earlier time first.`);
  return { help: false, from, to, countries: [...new Set(countries)], charts: [...new Set(charts)] as ChartSnapshotRow["chart"][], format, limit: Number(values.limit), dataDir };
}

export interface SnapshotRef {
  path: string;
  retrieved: string;
  /** The last time this content was seen at or before the cutoff (a later identical fetch is a confirmation, not a file). */
  seen_until: string;
}

export interface ComparedChart extends ChartDiff {
  from_snapshot: SnapshotRef;
  to_snapshot: SnapshotRef;
  /** Both times resolve to the same stored snapshot: nothing new was stored in between. */
  same_snapshot: boolean;
}

export interface NotCompared {
  store: ChartSnapshotRow["store"];
  country: string;
  chart: ChartSnapshotRow["chart"];
  reason: string;
  /** retrieved of the chart's first stored snapshot. */
  earliest: string;
}

export interface DiffReport {
  dataDir: string;
  from: When;
  to: When;
  charts: ComparedChart[];
  not_compared: NotCompared[];
  /** The feed's moves at each snapshot stored after <from> and up to <to>, newest first. */
  moves: NotableMove[];
  /** Why there is nothing to report; set exactly when `charts` and `moves` are empty. */
  problem?: string;
}

interface Plan {
  from?: Resource;
  to?: Resource;
  earliest: Resource;
}

const ms = (iso: string) => Date.parse(iso);

function ref(resource: Resource, cutoff: string): SnapshotRef {
  const seen = [resource.retrieved, ...(resource.confirmed ?? [])].filter((t) => ms(t) <= ms(cutoff));
  return { path: resource.path, retrieved: resource.retrieved, seen_until: seen.reduce((a, b) => (ms(b) > ms(a) ? b : a), resource.retrieved) };
}

const countryOrder = (c: string) => {
  const i = DEFAULT_COUNTRIES.indexOf(c);
  return i === -1 ? DEFAULT_COUNTRIES.length : i;
};

/** Reads only the snapshots the comparison needs (at most two per chart) and compares them. */
export async function diffStore(options: { dataDir: string; from: When; to: When; countries?: readonly string[]; charts?: readonly string[] }): Promise<DiffReport> {
  const { dataDir, from, to } = options;
  const fromMs = ms(from.cutoff);
  const toMs = ms(to.cutoff);
  const plans = new Map<string, Plan>();
  let stored = 0;
  const select = (resources: Resource[]): Resource[] => {
    stored = resources.length;
    for (const r of resources) {
      const key = `${r.source}/${r.scope}`;
      const at = ms(r.retrieved);
      const plan = plans.get(key) ?? { earliest: r };
      if (at < ms(plan.earliest.retrieved)) plan.earliest = r;
      if (at <= fromMs && (plan.from === undefined || at >= ms(plan.from.retrieved))) plan.from = r;
      if (at <= toMs && (plan.to === undefined || at >= ms(plan.to.retrieved))) plan.to = r;
      plans.set(key, plan);
    }
    const wanted = new Set<Resource>(resources.filter((r) => ms(r.retrieved) > fromMs && ms(r.retrieved) <= toMs));
    for (const plan of plans.values()) {
      if (plan.from) wanted.add(plan.from);
      if (plan.to) wanted.add(plan.to);
      // Read the first snapshot of a chart that cannot be compared, to name it.
      if (!plan.from && !plan.to) wanted.add(plan.earliest);
    }
    return resources.filter((r) => wanted.has(r));
  };
  const wantCountry = (c: string) => !options.countries?.length || options.countries.includes(c);
  const wantChart = (c: string) => !options.charts?.length || options.charts.includes(c);
  // One reading of the manifest for both datasets: at years of history it takes a while to parse.
  const manifest = await readManifest(dataDir);
  const tracked = await readAll(dataDir, "tracked_apps", { manifest });
  const rowsByPath = new Map<string, ChartSnapshotRow[]>();
  // Files come oldest first: each one in the window is compared with the one before it of its chart.
  const previous = new Map<string, ChartSnapshotRow[]>();
  const moves: NotableMove[] = [];
  for await (const file of readDatasetFiles(dataDir, "chart_snapshots", { select, manifest })) {
    const { resource, rows } = file;
    const key = `${resource.source}/${resource.scope}`;
    const plan = plans.get(key)!;
    if (resource === plan.from || resource === plan.to || resource === plan.earliest) rowsByPath.set(resource.path, rows);
    const at = ms(resource.retrieved);
    const sample = rows[0];
    if (at > fromMs && at <= toMs && sample && wantCountry(sample.country) && wantChart(sample.chart)) moves.push(...notableMoves(previous.get(key), rows, tracked));
    previous.set(key, rows);
  }

  const report: DiffReport = { dataDir, from, to, charts: [], not_compared: [], moves: newestFirst(moves) };
  if (stored === 0) {
    report.problem = `no chart snapshots stored in ${dataDir}: nothing to compare. Fetch charts first with npm run refresh -- --source apple-charts.`;
    return report;
  }
  const available: string[] = [];
  for (const plan of plans.values()) {
    const sample = rowsByPath.get((plan.to ?? plan.from ?? plan.earliest).path)?.[0];
    if (sample === undefined) continue;
    const scope = { store: sample.store, country: sample.country, chart: sample.chart };
    available.push(`${scope.country} ${scope.chart}`);
    if (!wantCountry(scope.country) || !wantChart(scope.chart)) continue;
    if (plan.from === undefined || plan.to === undefined) {
      const before = plan.to === undefined ? to : from;
      report.not_compared.push({ ...scope, reason: `no snapshot at or before ${before.input}`, earliest: plan.earliest.retrieved });
      continue;
    }
    const diff = diffCharts(rowsByPath.get(plan.from.path)!, rowsByPath.get(plan.to.path)!);
    report.charts.push({ ...diff, from_snapshot: ref(plan.from, from.cutoff), to_snapshot: ref(plan.to, to.cutoff), same_snapshot: plan.from === plan.to });
  }
  const order = (a: { store: string; country: string; chart: string }, b: typeof a) =>
    a.store.localeCompare(b.store) || countryOrder(a.country) - countryOrder(b.country) || a.country.localeCompare(b.country) || a.chart.localeCompare(b.chart);
  report.charts.sort(order);
  report.not_compared.sort(order);

  // A chart first measured in the window has moves (its first top 10) though nothing to compare.
  if (report.charts.length === 0 && report.moves.length === 0) {
    if (report.not_compared.length === 0) {
      const filter = [options.countries?.length ? `--country ${options.countries.join(",")}` : "", options.charts?.length ? `--chart ${options.charts.join(",")}` : ""].filter(Boolean).join(" ");
      report.problem = `no chart snapshots match ${filter} in ${dataDir}; stored charts: ${[...new Set(available)].sort().join(", ")}.`;
    } else {
      const earliest = report.not_compared.reduce((a, b) => (ms(b.earliest) < ms(a.earliest) ? b : a));
      report.problem = `no chart snapshot at or before ${from.input} (${from.cutoff})${options.countries?.length || options.charts?.length ? " for the chosen charts" : ""}: the earliest stored is ${earliest.earliest} (${chartLabel(earliest)}).`;
    }
  }
  return report;
}

function snapshotLine(chart: ComparedChart): string {
  const seen = (s: SnapshotRef) => (s.seen_until !== s.retrieved ? ` (seen again until ${s.seen_until})` : "");
  if (chart.same_snapshot) return `  same snapshot at both times: ${chart.to_snapshot.retrieved}${seen(chart.to_snapshot)}; nothing new was stored in between`;
  return `  snapshots ${chart.from_snapshot.retrieved}${seen(chart.from_snapshot)} → ${chart.to_snapshot.retrieved}${seen(chart.to_snapshot)}`;
}

const notComparedLine = (n: NotCompared) => `${chartLabel(n)}: not compared, ${n.reason} (first snapshot ${n.earliest})`;

const MOVES_HEADING = "Moves at each snapshot in between, newest first, as /feed.xml reports them";
const NO_MOVES = "No tracked app moved, no app entered a top 10 and no chart was measured for the first time.";

/** The feed's moves as lines of text: "<snapshot time>  <sentence>", the newest FEED_ENTRIES unless limit is 0. */
function moveLines(moves: readonly NotableMove[], limit: number, text: (s: string) => string): string[] {
  const shown = limit > 0 ? moves.slice(0, FEED_ENTRIES) : moves;
  const lines = shown.map((m) => `${m.at}  ${text(moveSentence(m))}`);
  if (shown.length < moves.length) lines.push(`… and ${moves.length - shown.length} earlier`);
  return lines;
}

export function formatReport(report: DiffReport, format: Format, limit: number): string {
  if (format === "json") return JSON.stringify(report, null, 1);
  const range = `${report.from.input} → ${report.to.input}`;
  if (format === "markdown") {
    const lines = [`## What moved in the charts, ${markdownText(range)}`, "", `Latest snapshot at or before ${report.from.cutoff} compared with the latest at or before ${report.to.cutoff}.`, ""];
    for (const chart of report.charts) {
      const [heading, blank, ...rest] = formatChartDiffMarkdown(chart, { limit });
      lines.push(heading!, blank!, `Snapshots ${chart.from_snapshot.retrieved} → ${chart.to_snapshot.retrieved}${chart.same_snapshot ? " (the same: nothing new stored in between)" : ""}.`, "", ...rest);
    }
    if (report.not_compared.length > 0) lines.push("### Not compared", "", ...report.not_compared.map((n) => `- ${markdownText(notComparedLine(n))}`), "");
    lines.push(`### ${MOVES_HEADING}`, "", ...(report.moves.length > 0 ? moveLines(report.moves, limit, markdownText).map((l) => `- ${l}`) : [NO_MOVES]), "");
    return lines.join("\n");
  }
  const lines = [`Chart moves ${range}: latest snapshot at or before ${report.from.cutoff} against the latest at or before ${report.to.cutoff} (${report.dataDir})`];
  for (const chart of report.charts) {
    const [head, ...rest] = formatChartDiffText(chart, { limit });
    lines.push("", head!, snapshotLine(chart), ...rest);
  }
  if (report.not_compared.length > 0) lines.push("", ...report.not_compared.map(notComparedLine));
  lines.push("", `${MOVES_HEADING}:`, ...(report.moves.length > 0 ? moveLines(report.moves, limit, oneLine).map((l) => `  ${l}`) : [`  ${NO_MOVES}`]));
  return lines.join("\n");
}
