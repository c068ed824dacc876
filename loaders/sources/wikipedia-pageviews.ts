/**
 * Wikipedia page views: daily views by users (agent=user, all access methods) of the story's
 * articles, from the Wikimedia REST API (per-article endpoint). Data is CC0; Wikimedia asks
 * clients to send a User-Agent with a contact, which the shared HTTP client does.
 *
 * One scope per article. The first run back-fills from BACKFILL_START to yesterday (UTC): the
 * current day is never complete. Later runs fetch the days not yet stored plus the last
 * REVISION_DAYS stored days again, because Wikimedia's most recent day can still change; a
 * re-fetched day whose number changed is stored again, and readers take the latest retrieved_at
 * per (project, article, date): see latestPageviews.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { HttpError } from "../http.ts";
import type { PageviewRow } from "../schema.ts";
import { addDays, compactDay, dayFromCompact, daysFrom, utcDay } from "./utc-days.ts";
import { ShapeError, type ScopeTask, type Source, type SourceContext } from "./types.ts";

export interface TrackedArticle {
  /** Wikimedia project, e.g. en.wikipedia. */
  project: string;
  /** Title as on the wiki; spaces become underscores. */
  title: string;
}

/** The articles we follow: the one place to add or fix a title. */
export const TRACKED_ARTICLES: readonly TrackedArticle[] = [
  { project: "en.wikipedia", title: "Xiaohongshu" },
  { project: "en.wikipedia", title: "TikTok" },
  { project: "en.wikipedia", title: "Lemon8" },
  { project: "en.wikipedia", title: "Protecting_Americans_from_Foreign_Adversary_Controlled_Applications_Act" },
  { project: "en.wikipedia", title: "Restrictions_on_TikTok_in_the_United_States" },
  { project: "zh.wikipedia", title: "小红书" },
];

/** First day of the back-fill: the story's prehistory (the 2024 law) is included. */
export const BACKFILL_START = "2024-01-01";
/** Stored days fetched again on every run, because Wikimedia may still revise them. */
export const REVISION_DAYS = 2;

export const SOURCE_NAME = "wikipedia-pageviews";

/** Spaces become underscores, as in wiki URLs and in the API's `article` field. */
export function normalizeTitle(title: string): string {
  return title.trim().replace(/ /g, "_");
}

/** The title as one path segment: UTF-8 percent-encoded, a slash as %2F. */
export function encodeTitle(title: string): string {
  return encodeURIComponent(normalizeTitle(title));
}

/**
 * `<lang>-<slug>`: lower-case ASCII letters, digits and -. A title with letters outside ASCII
 * (CJK, or anything a slug would silently drop) gets the first 8 hex digits of its SHA-1
 * instead, which is stable and needs no transliteration.
 */
export function scopeFor(article: TrackedArticle): string {
  const lang = article.project.split(".")[0]!.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const title = normalizeTitle(article.title);
  const ascii = title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (/[^\x00-\x7f]/.test(ascii) || slug === "") {
    return `${lang}-${createHash("sha1").update(title, "utf8").digest("hex").slice(0, 8)}`;
  }
  return `${lang}-${slug}`;
}

export function pageviewsUrl(baseUrl: string, article: TrackedArticle, first: string, last: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return `${base}/metrics/pageviews/per-article/${article.project}/all-access/user/${encodeTitle(article.title)}/daily/${compactDay(first)}00/${compactDay(last)}00`;
}

/**
 * One row per (project, article, date): where a day was stored more than once (a revision), the
 * row with the latest retrieved_at wins; on a tie, the later row. Sorted by project, article, date.
 */
export function latestPageviews(rows: Iterable<PageviewRow>): PageviewRow[] {
  const best = new Map<string, { row: PageviewRow; time: number }>();
  for (const row of rows) {
    const key = `${row.project}\u0000${row.article}\u0000${row.date}`;
    const time = Date.parse(row.retrieved_at);
    const current = best.get(key);
    if (!current || time >= current.time) best.set(key, { row, time });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...best.values()]
    .map((v) => v.row)
    .sort((a, b) => cmp(a.project, b.project) || cmp(a.article, b.article) || cmp(a.date, b.date));
}

const responseShape = z.object({
  items: z.array(
    z.object({
      project: z.string(),
      article: z.string(),
      granularity: z.string(),
      timestamp: z.string().regex(/^\d{10}$/),
      access: z.string(),
      agent: z.string(),
      views: z.int().min(0),
    }),
  ),
});

/** The stored, resolved series of every article: "project\0article" -> date -> views. */
async function storedSeries(context: SourceContext): Promise<Map<string, Map<string, number>>> {
  const rows: PageviewRow[] = [];
  for await (const row of context.readRows("pageviews")) rows.push(row);
  const series = new Map<string, Map<string, number>>();
  for (const row of latestPageviews(rows)) {
    const key = `${row.project}\u0000${row.article}`;
    let days = series.get(key);
    if (!days) series.set(key, (days = new Map()));
    days.set(row.date, row.views);
  }
  return series;
}

function articleTask(context: SourceContext, article: TrackedArticle, stored: () => Promise<Map<string, Map<string, number>>>): ScopeTask {
  const scope = scopeFor(article);
  const title = normalizeTitle(article.title);
  const label = `${article.project} "${title}"`;
  return {
    scope,
    async run() {
      const known = (await stored()).get(`${article.project}\u0000${title}`) ?? new Map<string, number>();
      const storedDays = [...known.keys()].sort();
      const last = addDays(utcDay(context.now()), -1);
      // Back-fill, or the last REVISION_DAYS stored days and everything after them.
      const first = storedDays.length === 0 ? BACKFILL_START : storedDays[Math.max(0, storedDays.length - REVISION_DAYS)]!;
      if (first > last) {
        context.log(`${scope}: stored through ${storedDays.at(-1)}, nothing to fetch before ${last}.`);
        return [];
      }
      const url = pageviewsUrl(context.baseUrl, article, first, last);
      let response;
      try {
        response = await context.http.getJson(url);
      } catch (error) {
        if (error instanceof HttpError && error.status === 404) {
          // A configured article that does not exist is a configuration error: fail this scope
          // (the others still run) rather than record nothing and look successful.
          context.log(
            `${scope}: Wikimedia has no page views for ${label} (HTTP 404): the title is misspelled, moved or on another wiki; fix TRACKED_ARTICLES in loaders/sources/wikipedia-pageviews.ts.`,
          );
          throw new Error(`article not found: ${label} has no page views from ${first} to ${last} (HTTP 404 from GET ${url}); check the title in TRACKED_ARTICLES.`);
        }
        throw error;
      }
      const parsed = responseShape.safeParse(response.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ShapeError(`GET ${url} returned an unexpected shape (${issue.path.join(".") || "(body)"}: ${issue.message}); the API may have changed.`);
      }
      const fetched = new Map<string, number>();
      for (const item of parsed.data.items) {
        if (item.granularity !== "daily") throw new ShapeError(`GET ${url} returned granularity "${item.granularity}", expected "daily".`);
        let date: string;
        try {
          date = dayFromCompact(item.timestamp);
        } catch {
          throw new ShapeError(`GET ${url} returned timestamp "${item.timestamp}", which is not a YYYYMMDDHH day; the API may have changed.`);
        }
        if (date < first || date > last) continue;
        if (fetched.has(date)) throw new ShapeError(`GET ${url} returned ${date} twice.`);
        fetched.set(date, item.views);
      }
      const fetchedDays = [...fetched.keys()].sort();
      if (fetchedDays.length === 0) {
        // Wikimedia answers 404 when it has no data for a range (handled above); a 200 with no
        // day in the range is not an answer it gives, and would hide a broken endpoint as "nothing new".
        throw new ShapeError(`GET ${url} returned no page views for ${first}..${last} (empty items); Wikimedia answers 404 when it has no data, so the API may have changed.`);
      }
      // The API leaves out days with no views. Between days it did return (and from a day we
      // already hold) a missing day is a zero; after the last returned day it may just not be
      // processed yet, so it is left for the next run.
      const fillFrom = storedDays.length > 0 ? first : fetchedDays[0]!;
      let zeros = 0;
      for (const day of daysFrom(fillFrom, fetchedDays.at(-1)!)) {
        if (!fetched.has(day)) {
          fetched.set(day, 0);
          zeros++;
        }
      }
      const rows: PageviewRow[] = [];
      const added: string[] = [];
      const revised: string[] = [];
      for (const date of [...fetched.keys()].sort()) {
        const views = fetched.get(date)!;
        const before = known.get(date);
        if (before === views) continue;
        if (before === undefined) added.push(date);
        else revised.push(`${date} ${before}->${views}`);
        rows.push({ project: article.project, article: title, date, views, retrieved_at: response.retrievedAt });
      }
      if (rows.length === 0) {
        context.log(`${scope}: nothing new (re-checked ${first}..${fetchedDays.at(-1)}).`);
        return [];
      }
      const parts = [];
      if (added.length > 0) parts.push(`${added.length} new day(s) ${added[0]}..${added.at(-1)}`);
      if (zeros > 0) parts.push(`${zeros} day(s) absent from the response recorded as 0 views`);
      if (revised.length > 0) parts.push(`revised ${revised.join(", ")}`);
      context.log(`${scope}: ${parts.join("; ")}.`);
      return [
        {
          dataset: "pageviews",
          rows,
          sources: [{ title: `Wikimedia pageviews, ${label}, user agents, daily ${first}..${last}`, path: url }],
          retrievedAt: response.retrievedAt,
        },
      ];
    },
  };
}

export interface WikipediaPageviewsOptions {
  /** Defaults to TRACKED_ARTICLES; tests pass their own. */
  articles?: readonly TrackedArticle[];
}

export function createWikipediaPageviews(options: WikipediaPageviewsOptions = {}): Source {
  const articles = options.articles ?? TRACKED_ARTICLES;
  return {
    name: SOURCE_NAME,
    description: "Daily user page views of the story's Wikipedia articles (Wikimedia REST API).",
    defaultBaseUrl: "https://wikimedia.org/api/rest_v1",
    tasks(context) {
      const scopes = new Map<string, TrackedArticle>();
      for (const article of articles) {
        const scope = scopeFor(article);
        const other = scopes.get(scope);
        if (other) throw new Error(`wikipedia-pageviews: "${other.title}" and "${article.title}" both map to scope ${scope}.`);
        scopes.set(scope, article);
      }
      // Stored rows are read once per run, by whichever task starts first.
      let series: Promise<Map<string, Map<string, number>>> | undefined;
      const stored = () => (series ??= storedSeries(context));
      return articles.map((article) => articleTask(context, article, stored));
    },
  };
}

export const wikipediaPageviews: Source = createWikipediaPageviews();
