/**
 * A synthetic history of App Store top charts, for tests and benchmarks: one snapshot per day per
 * storefront and chart, written through the real store (openStore + writeMany), so the files, the
 * manifest and `data:verify` are exactly what years of `npm run refresh` would leave.
 *
 * The dynamics are plausible, not real: each chart draws from a pool of apps (shared across
 * storefronts, plus local ones) whose popularity follows a mean-reverting random walk with
 * occasional surges; new apps are released and old ones retire, so apps enter and leave the chart
 * and move a few places most days. The same seed gives the same bytes.
 *
 * It never writes into the project's data/ (checked on the resolved path, symlinks included), nor
 * into a data directory that already holds snapshots: it starts from an empty store.
 *
 *   node --import tsx bench/synthetic-history.ts --data-dir /tmp/history --years 1
 */
import { mkdir, realpath } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { parseFlags, runCli, UsageError } from "../loaders/cli.ts";
import { DEFAULT_COUNTRIES, PROJECT_ROOT } from "../loaders/config.ts";
import { CHARTS, type ChartSnapshotRow } from "../loaders/schema.ts";
import { readManifest } from "../loaders/store/manifest.ts";
import { openStore, type AnySnapshotInput } from "../loaders/store/write.ts";

export type Chart = (typeof CHARTS)[number];

export interface HistoryOptions {
  /** Where to write: a temporary directory, never the project's data/. */
  dataDir: string;
  /** Length of the history in days (wins over `years`); default 365 × `years`, and `years` defaults to 1. */
  days?: number;
  years?: number;
  /** First day, UTC (default 2025-01-01). */
  start?: string;
  /** How many storefronts (the configured ones first, then other real codes), or which ones. Default 10. */
  countries?: number | readonly string[];
  charts?: readonly Chart[];
  /** Chart length (default 100, Apple's feed size). */
  ranks?: number;
  seed?: number;
  /** Snapshots per `writeMany` commit (default 1000): bounds memory, keeps manifest rewrites few. */
  batchSize?: number;
  log?: (message: string) => void;
}

export interface HistorySummary {
  dataDir: string;
  files: number;
  rows: number;
  /** Bytes of the CSV files written (the manifest not included). */
  bytes: number;
  countries: string[];
  charts: Chart[];
  firstDay: string;
  lastDay: string;
  /** Wall time in all, and the part spent in the store's writeMany (encoding, fsyncs, manifest). */
  ms: number;
  writeMs: number;
}

/** The source name the snapshots are stored under, as the real loader does; their URLs say `synthetic:`. */
export const SOURCE = "apple-charts";
const URL_PREFIX = "synthetic:";

/** Real storefront codes after the configured ones, for benchmarks with more countries. */
const MORE_COUNTRIES = ["es", "nl", "se", "no", "dk", "fi", "pl", "pt", "at", "ch", "be", "nz", "sg", "hk", "kr", "in", "br", "mx", "ar", "cl", "za", "ae", "sa", "tr", "th", "my", "ph", "id", "vn", "il"];

/** Apps the site tracks, so rankings pages have something to draw from synthetic data. */
const KNOWN_APPS = [
  { id: "741292507", name: "RedNote", developer: "Xingin Information Technology (Shanghai) Co., Ltd." },
  { id: "1498607143", name: "Lemon8 - Lifestyle Community", developer: "Heliophilia Pte. Ltd." },
  { id: "835599320", name: "TikTok - Videos, Shop & LIVE", developer: "TikTok Ltd." },
  { id: "1500855883", name: "CapCut - Photo & Video Editor", developer: "Bytedance Pte. Ltd" },
  { id: "6448311069", name: "ChatGPT", developer: "OpenAI" },
];

const WORDS = ["Photo", "Video", "Music", "Story", "Snap", "Pixel", "Cloud", "Pocket", "Daily", "Smart", "Quick", "Bright", "Happy", "Live", "Shop", "Chat", "Note", "Map", "Fit", "Cook", "Word", "Block", "Color", "Dream", "Spark", "River", "Star", "Tiny", "Royal", "Magic"];
const NOUNS = ["Editor", "Studio", "Planner", "Puzzle", "Camera", "Scanner", "Tracker", "Journal", "Radio", "Wallet", "Market", "Club", "Quest", "Garden", "Kingdom", "Academy", "Lens", "Coach", "Drive", "Box"];
const SUBTITLES = ["Edit & Share", "Shop, Save & Earn", "Learn Languages", "Match 3 Puzzle", "AI Photo Editor", "Watch Live TV", "Sleep & Meditation", "Workout at Home", "Maps & Navigation", "Chat with \"Friends\""];
const LOCAL_WORDS = ["メルカリ", "ライン", "天気", "小说", "视频", "音乐", "地图", "購物", "新聞", "漫画"];
const SUFFIXES = ["Inc.", "LLC", "Ltd.", "Co., Ltd.", "GmbH", "Pte. Ltd.", "Games", "Labs"];

/** mulberry32: small, fast, good enough for synthetic data, and the same everywhere. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of the parts: independent streams per storefront and chart, so adding one changes no other. */
function seedOf(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("|")) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

interface App {
  id: string;
  name: string;
  developer: string;
}

/** An app's listing, a pure function of its id, so the same app has the same name in every chart. */
function appFor(id: number, local: boolean): App {
  const r = rng(seedOf("app", id));
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const base = local && r() < 0.6 ? `${pick(LOCAL_WORDS)}${pick(LOCAL_WORDS)}` : `${pick(WORDS)}${r() < 0.5 ? " " : ""}${pick(NOUNS)}`;
  const name = r() < 0.55 ? `${base} - ${pick(SUBTITLES)}` : base;
  const developer = r() < 0.04 ? "" : `${pick(WORDS)} ${pick(NOUNS)} ${pick(SUFFIXES)}`;
  return { id: String(id), name, developer };
}

interface Member {
  app: App;
  level: number;
  /** Where the level reverts to: the app's long-run popularity. */
  home: number;
}

/** One chart's state: a pool larger than the chart, so there is always someone to enter it. */
class ChartModel {
  private readonly random: () => number;
  private readonly pool: Member[];
  private nextLocalId: number;

  constructor(
    seed: number,
    country: string,
    private readonly chart: Chart,
    private readonly ranks: number,
  ) {
    this.random = rng(seedOf(seed, country, chart));
    // Ids: global apps 6000000000 + n (shared by storefronts), local apps 6500000000 + hash + n.
    const globalCount = ranks * 6;
    const size = ranks * 3;
    this.nextLocalId = 6_500_000_000 + (seedOf(country, chart) % 100_000_000);
    const chosen = new Set<number>();
    const members: Member[] = [];
    if (chart === "top-free") {
      for (const app of KNOWN_APPS) members.push(this.member(app, 1.5 + this.random()));
    }
    while (members.length < size) {
      if (this.random() < 0.7) {
        const n = Math.floor(this.random() * globalCount);
        if (chosen.has(n)) continue;
        chosen.add(n);
        members.push(this.member(appFor(6_000_000_000 + n + (chart === "top-paid" ? 100_000_000 : 0), false), this.home()));
      } else {
        members.push(this.member(appFor(this.nextLocalId++, country === "jp" || country === "tw"), this.home()));
      }
    }
    this.pool = members;
  }

  private home(): number {
    return gaussian(this.random) * 1.2;
  }

  private member(app: App, home: number): Member {
    return { app, home, level: home + gaussian(this.random) * 0.3 };
  }

  /** Advances one day and returns the chart, best first. */
  step(): Member[] {
    const r = this.random;
    for (const m of this.pool) {
      m.level += 0.06 * (m.home - m.level) + 0.045 * gaussian(r);
      m.home += 0.006 * gaussian(r);
      // A surge: a release, a feature on the store, a news story; it fades as the level reverts.
      if (r() < 0.0008) m.level += 1 + 2 * r();
    }
    const sorted = [...this.pool].sort((a, b) => b.level - a.level);
    // Releases and retirements below the chart keep the pool's ids turning over.
    for (const m of sorted.slice(this.ranks)) {
      if (r() < 0.004) {
        const fresh = this.member(appFor(this.nextLocalId++, false), this.home());
        this.pool[this.pool.indexOf(m)] = fresh;
      }
    }
    return sorted.slice(0, this.ranks);
  }
}

/** The resolved path with every existing ancestor's symlinks followed. */
async function physicalPath(path: string): Promise<string> {
  let existing = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(existing), ...rest.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return resolve(path);
      rest.push(basename(existing));
      existing = parent;
    }
  }
}

export class RefusedTarget extends Error {}

/** Refuses the project's data/ (or the project root) and any data directory that already holds snapshots. */
export async function checkTarget(dataDir: string): Promise<string> {
  const target = await physicalPath(dataDir);
  const projectData = await physicalPath(join(PROJECT_ROOT, "data"));
  const project = await physicalPath(PROJECT_ROOT);
  const inside = (dir: string) => target === dir || target.startsWith(dir + sep);
  if (inside(projectData) || target === project) {
    throw new RefusedTarget(`refusing to write a synthetic history into ${target}: that is the project's data (${relative(project, target) || "."}); use a temporary directory.`);
  }
  const manifest = await readManifest(target).catch(() => undefined);
  const first = manifest?.resources[0];
  if (first) {
    const synthetic = first.sources.every((s) => s.path.startsWith(URL_PREFIX));
    throw new RefusedTarget(
      synthetic
        ? `${target} already holds a synthetic history (${manifest!.resources.length} files); generate into an empty directory, or delete this one first.`
        : `refusing to write a synthetic history into ${target}: it holds real snapshots (${first.path}); use an empty temporary directory.`,
    );
  }
  return target;
}

function chooseCountries(countries: HistoryOptions["countries"]): string[] {
  if (Array.isArray(countries)) return [...countries];
  const n = typeof countries === "number" ? countries : DEFAULT_COUNTRIES.length;
  const all = [...DEFAULT_COUNTRIES, ...MORE_COUNTRIES.filter((c) => !DEFAULT_COUNTRIES.includes(c))];
  if (!Number.isInteger(n) || n < 1 || n > all.length) throw new RangeError(`countries must be a whole number from 1 to ${all.length} (got ${n}).`);
  return all.slice(0, n);
}

const DAY_MS = 86_400_000;

export async function generateHistory(options: HistoryOptions): Promise<HistorySummary> {
  const t0 = performance.now();
  const days = options.days ?? Math.round(365 * (options.years ?? 1));
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number of at least 1 (got ${days}).`);
  const ranks = options.ranks ?? 100;
  if (!Number.isInteger(ranks) || ranks < 1 || ranks > 200) throw new RangeError(`ranks must be a whole number from 1 to 200 (got ${ranks}).`);
  const seed = options.seed ?? 1;
  const charts = [...(options.charts ?? CHARTS)];
  const countries = chooseCountries(options.countries);
  const startMs = Date.parse(`${options.start ?? "2025-01-01"}T00:00:00.000Z`);
  if (Number.isNaN(startMs)) throw new RangeError(`start must be a day like 2025-01-01 (got ${options.start}).`);
  const batchSize = Math.max(1, options.batchSize ?? 1000);

  const dataDir = await checkTarget(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const models = countries.flatMap((country) => charts.map((chart) => ({ country, chart, model: new ChartModel(seed, country, chart, ranks) })));
  const summary: HistorySummary = { dataDir, files: 0, rows: 0, bytes: 0, countries, charts, firstDay: "", lastDay: "", ms: 0, writeMs: 0 };
  const store = await openStore(dataDir, { log: options.log ?? (() => {}) });
  try {
    let batch: AnySnapshotInput[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const w0 = performance.now();
      await store.writeMany(batch);
      summary.writeMs += performance.now() - w0;
      batch = [];
    };
    for (let d = 0; d < days; d++) {
      const day = new Date(startMs + d * DAY_MS).toISOString().slice(0, 10);
      summary.firstDay ||= day;
      summary.lastDay = day;
      // A run fetches the charts one after another: a few seconds apart, around 06:00 UTC.
      const feedUpdated = `${day}T05:00:00Z`;
      models.forEach(({ country, chart, model }, i) => {
        const retrievedAt = new Date(startMs + d * DAY_MS + 6 * 3_600_000 + i * 1_700 + (d % 7) * 1_000).toISOString();
        const rows: ChartSnapshotRow[] = model.step().map((m, r) => ({
          store: "app-store",
          country,
          chart,
          rank: r + 1,
          app_id: m.app.id,
          name: m.app.name,
          ...(m.app.developer ? { developer: m.app.developer } : {}),
          feed_updated: feedUpdated,
          retrieved_at: retrievedAt,
        }));
        batch.push({
          dataset: "chart_snapshots",
          source: SOURCE,
          scope: `${country}-${chart}`,
          retrievedAt,
          rows,
          sources: [{ title: `Synthetic ${chart} chart, ${country.toUpperCase()} (bench/synthetic-history.ts, seed ${seed})`, path: `${URL_PREFIX}seed=${seed}/${country}/${chart}` }],
        });
        summary.rows += rows.length;
      });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } finally {
    await store.close();
  }
  const manifest = await readManifest(dataDir);
  const mine = manifest.resources.filter((r) => r.sources.every((s) => s.path.startsWith(`${URL_PREFIX}seed=${seed}/`)));
  summary.files = mine.length;
  summary.bytes = mine.reduce((n, r) => n + r.bytes, 0);
  summary.ms = performance.now() - t0;
  return summary;
}

const HELP = `Usage: node --import tsx bench/synthetic-history.ts --data-dir DIR [--years N | --days N] [--countries N]
       [--charts top-free,top-paid] [--ranks 100] [--seed 1] [--start 2025-01-01]

Writes a synthetic daily history of App Store top charts into DIR (a temporary directory; the
project's data/ is refused) through the real store, then prints what it wrote as JSON.`;

async function main(): Promise<number> {
  const { values } = parseFlags({
    options: {
      "data-dir": { type: "string" },
      years: { type: "string" },
      days: { type: "string" },
      countries: { type: "string" },
      charts: { type: "string" },
      ranks: { type: "string" },
      seed: { type: "string" },
      start: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values["data-dir"]) throw new UsageError("--data-dir is required: a temporary directory to write into.");
  const number = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number (got "${raw}").`);
    return n;
  };
  const charts = values.charts?.split(",").map((c) => c.trim());
  if (charts && !charts.every((c): c is Chart => (CHARTS as readonly string[]).includes(c))) throw new UsageError(`--charts must list ${CHARTS.join(", ")}.`);
  const summary = await generateHistory({
    dataDir: values["data-dir"],
    days: number("days", values.days),
    years: number("years", values.years),
    countries: number("countries", values.countries),
    ranks: number("ranks", values.ranks),
    seed: number("seed", values.seed),
    ...(charts ? { charts } : {}),
    ...(values.start ? { start: values.start } : {}),
    log: (m) => console.error(m),
  });
  console.log(JSON.stringify({ ...summary, ms: Math.round(summary.ms), writeMs: Math.round(summary.writeMs), bytesPerFile: Math.round(summary.bytes / Math.max(1, summary.files)) }, null, 1));
  return 0;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  runCli(async () => {
    try {
      return await main();
    } catch (error) {
      if (error instanceof RefusedTarget || error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
  });
}
