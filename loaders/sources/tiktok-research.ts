/**
 * TikTok hashtag counts from the TikTok Research API: per tracked hashtag and day, the number of
 * videos created that day carrying the hashtag and their summed view counts at retrieval time.
 *
 * Needs an approved Research API client: TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET in the
 * environment, else the source is skipped. The client credentials buy a client access token
 * (renewed once when the API rejects it); video queries cover at most 30 days each and are
 * paginated with cursor and search_id. TikTok allows a daily number of requests: this source
 * counts its query requests and stops at TIKTOK_REQUEST_BUDGET (default 1000) per run, keeping
 * the windows it completed. The first run back-fills from BACKFILL_START; later runs fetch only
 * days not yet stored, up to yesterday (UTC).
 *
 * The client secret and the access token never reach a message, a log line or a file: request
 * bodies are not echoed by the HTTP client, and every message is scrubbed of both anyway.
 */
import { z } from "zod";
import { HttpError } from "../http.ts";
import type { HashtagCountRow } from "../schema.ts";
import { addDays, compactDay, daysFrom, utcDay } from "./utc-days.ts";
import { ShapeError, type ScopeTask, type Source, type SourceContext } from "./types.ts";

/** Hashtags we count, without #: the one place to add one. */
export const TRACKED_HASHTAGS: readonly string[] = ["tiktokrefugee", "rednote", "xiaohongshu", "escapetiktok"];
export const BACKFILL_START = "2025-01-01";
/** Days per video query; TikTok allows at most 30. */
export const WINDOW_DAYS = 30;
/** TikTok's documented daily request quota for the Research API. */
export const DEFAULT_REQUEST_BUDGET = 1000;
export const FIELDS = "id,create_time,view_count,hashtag_names";
export const SOURCE_NAME = "tiktok-research";
export const QUERY_PATH = "/v2/research/video/query/";
export const TOKEN_PATH = "/v2/oauth/token/";
const MAX_COUNT = 100;
/** Error codes (in the body's error.code) that mean the access token must be renewed. */
const AUTH_CODES = new Set(["access_token_invalid", "access_token_expired", "invalid_token"]);

export interface TiktokResearchOptions {
  /** Defaults to TRACKED_HASHTAGS; tests pass their own. */
  hashtags?: readonly string[];
}

/** Thrown when the configured request budget is used up: the run stops cleanly. */
export class BudgetReached extends Error {}

const tokenShape = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
});

const tokenErrorShape = z.object({ error: z.string(), error_description: z.string().optional(), log_id: z.string().optional() });

const videoShape = z.object({
  // Video ids exceed 2^53: they are read as text (see parseExact) so duplicates are told apart exactly.
  id: z.union([z.string(), z.number()]),
  create_time: z.int(),
  view_count: z.int().min(0).optional(),
  hashtag_names: z.array(z.string()).optional(),
});

const pageShape = z.object({
  data: z
    .object({
      videos: z.array(videoShape).optional(),
      cursor: z.int().optional(),
      has_more: z.boolean(),
      search_id: z.string().optional(),
    })
    .optional(),
  error: z.object({ code: z.string(), message: z.string().optional(), log_id: z.string().optional() }),
});

type Page = NonNullable<z.infer<typeof pageShape>["data"]>;

/** JSON.parse, except that "id": <digits> keeps every digit (as a string). */
function parseExact(text: string): unknown {
  return JSON.parse(text.replace(/"id"\s*:\s*(-?\d+)/g, '"id":"$1"'));
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join(".") || "(body)"}: ${issue.message}`;
}

/** The query we send for one hashtag; stored with every row so a reader can re-ask it. */
export function hashtagQuery(tag: string) {
  return { and: [{ operation: "IN", field_name: "hashtag_name", field_values: [tag] }] };
}

function budgetFrom(env: NodeJS.ProcessEnv): Run["budget"] {
  const raw = env.TIKTOK_REQUEST_BUDGET;
  if (raw === undefined || raw === "") return { limit: DEFAULT_REQUEST_BUDGET, used: 0 };
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    return { limit: 0, used: 0, invalid: `TIKTOK_REQUEST_BUDGET must be a positive whole number of requests (got "${raw}").` };
  }
  return { limit: Number(raw), used: 0 };
}

interface Run {
  context: SourceContext;
  base: string;
  /** `invalid` is a bad TIKTOK_REQUEST_BUDGET, reported when a scope runs. */
  budget: { limit: number; used: number; invalid?: string };
  token(): Promise<string>;
  renew(stale: string): Promise<string>;
  scrub(text: string): string;
  lastStored(tag: string): Promise<string | undefined>;
}

function createRun(context: SourceContext, key: string, secret: string): Run {
  const base = context.baseUrl.replace(/\/+$/, "");
  // The secret as typed and as a form body or URL would carry it.
  const secrets: string[] = [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])];
  const scrub = (text: string) => secrets.reduce((t, s) => (s.length >= 4 ? t.split(s).join("[redacted]") : t), text);
  let current: Promise<{ value: string; expiresAt: number }> | undefined;

  async function fetchToken() {
    const url = `${base}${TOKEN_PATH}`;
    const response = await context.http.getJson(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cache-control": "no-cache" },
      body: new URLSearchParams({ client_key: key, client_secret: secret, grant_type: "client_credentials" }),
    });
    const refused = tokenErrorShape.safeParse(response.body);
    if (refused.success) {
      const why = refused.data.error_description ? `: ${refused.data.error_description}` : "";
      throw new Error(`TikTok refused the client credentials (${refused.data.error}${why}) at POST ${url}; check TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET.`);
    }
    const parsed = tokenShape.safeParse(response.body);
    if (!parsed.success) throw new ShapeError(`POST ${url} returned no usable access token (${describeIssue(parsed.error)}).`);
    secrets.push(parsed.data.access_token);
    // Renew a minute early rather than send a token that expires in flight.
    return { value: parsed.data.access_token, expiresAt: Date.now() + parsed.data.expires_in * 1000 - 60_000 };
  }

  function refresh() {
    const next = fetchToken();
    current = next;
    next.catch(() => {
      if (current === next) current = undefined;
    });
    return next;
  }

  let stored: Promise<Map<string, string>> | undefined;
  const lastStoredDays = async () => {
    const last = new Map<string, string>();
    for await (const row of context.readRows("hashtag_counts")) {
      if (row.platform !== "tiktok") continue;
      const before = last.get(row.hashtag);
      if (before === undefined || row.date > before) last.set(row.hashtag, row.date);
    }
    return last;
  };

  return {
    context,
    base,
    budget: budgetFrom(context.env),
    scrub,
    async token() {
      const held = current ? await current.catch(() => undefined) : undefined;
      if (held && held.expiresAt > Date.now()) return held.value;
      return (await refresh()).value;
    },
    async renew(stale) {
      // Another scope may have renewed it already.
      const held = current ? await current.catch(() => undefined) : undefined;
      if (held && held.value !== stale) return held.value;
      return (await refresh()).value;
    },
    async lastStored(tag) {
      return (await (stored ??= lastStoredDays())).get(tag);
    },
  };
}

type Outcome = { ok: true; page: Page; retrievedAt: string } | { ok: false; why: string };

async function send(run: Run, url: string, body: unknown, token: string): Promise<Outcome> {
  let response;
  try {
    response = await run.context.http.getText(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (error) {
    if (error instanceof HttpError && error.status === 401) return { ok: false, why: "HTTP 401" };
    throw error;
  }
  if (response.body.trimStart().startsWith("<")) throw new ShapeError(`POST ${url} returned HTML instead of JSON; check the base URL.`);
  let json: unknown;
  try {
    json = parseExact(response.body);
  } catch {
    throw new ShapeError(`POST ${url} returned a ${response.bytes}-byte body that is not valid JSON; try again later.`);
  }
  const parsed = pageShape.safeParse(json);
  if (!parsed.success) throw new ShapeError(`POST ${url} returned an unexpected shape (${describeIssue(parsed.error)}); the API may have changed.`);
  const { error, data } = parsed.data;
  if (AUTH_CODES.has(error.code)) return { ok: false, why: `error code "${error.code}"` };
  if (error.code !== "ok") {
    throw new Error(`TikTok Research API answered "${error.code}"${error.message ? ` (${error.message})` : ""} at POST ${url}${error.log_id ? `, log_id ${error.log_id}` : ""}.`);
  }
  if (!data) throw new ShapeError(`POST ${url} answered "ok" without data.`);
  return { ok: true, page: data, retrievedAt: response.retrievedAt };
}

/** One page of one query; renews the access token once if TikTok rejects it, then retries. */
async function queryPage(run: Run, tag: string, body: Record<string, unknown>): Promise<{ page: Page; retrievedAt: string }> {
  const url = `${run.base}${QUERY_PATH}?fields=${FIELDS}`;
  if (run.budget.invalid) throw new Error(run.budget.invalid);
  let token = await run.token();
  for (let attempt = 1; ; attempt++) {
    if (run.budget.used >= run.budget.limit) {
      throw new BudgetReached(`request budget of ${run.budget.limit} reached (TIKTOK_REQUEST_BUDGET)`);
    }
    run.budget.used++;
    const outcome = await send(run, url, body, token);
    if (outcome.ok) return outcome;
    if (attempt >= 2) {
      throw new Error(`TikTok rejected a freshly issued access token (${outcome.why}) at POST ${url} for #${tag}; check that the client is approved for the Research API.`);
    }
    run.context.log(`${SOURCE_NAME}: the access token was rejected (${outcome.why}) for #${tag}; renewing it once.`);
    token = await run.renew(token);
  }
}

interface WindowResult {
  rows: HashtagCountRow[];
  requests: number;
  retrievedAt: string;
}

async function fetchWindow(run: Run, tag: string, first: string, last: string): Promise<WindowResult> {
  const query = hashtagQuery(tag);
  const start_date = compactDay(first);
  const end_date = compactDay(last);
  const counts = new Map(daysFrom(first, last).map((day) => [day, { videos: 0, views: 0 }]));
  const seen = new Set<string>();
  let cursor: number | undefined;
  let searchId: string | undefined;
  let requests = 0;
  let duplicates = 0;
  let outside = 0;
  let retrievedAt = "";
  for (;;) {
    const body = {
      query,
      start_date,
      end_date,
      max_count: MAX_COUNT,
      ...(cursor !== undefined ? { cursor } : {}),
      ...(searchId !== undefined ? { search_id: searchId } : {}),
    };
    const before = run.budget.used;
    const { page, retrievedAt: at } = await queryPage(run, tag, body);
    requests += run.budget.used - before;
    retrievedAt = at;
    for (const video of page.videos ?? []) {
      const id = String(video.id);
      if (seen.has(id)) {
        duplicates++;
        continue;
      }
      seen.add(id);
      const count = counts.get(utcDay(new Date(video.create_time * 1000)));
      if (!count) {
        outside++;
        continue;
      }
      count.videos++;
      count.views += video.view_count ?? 0;
    }
    if (!page.has_more) break;
    if (page.cursor === undefined || page.cursor === cursor) {
      throw new ShapeError(`POST ${run.base}${QUERY_PATH} said has_more for #${tag} ${first}..${last} without a new cursor; stopping rather than loop.`);
    }
    cursor = page.cursor;
    searchId = page.search_id ?? searchId;
  }
  const notes = [duplicates && `${duplicates} duplicate video(s) ignored`, outside && `${outside} video(s) created outside the window ignored`].filter(Boolean);
  if (notes.length > 0) run.context.log(`${SOURCE_NAME}: #${tag} ${first}..${last}: ${notes.join(", ")}.`);
  const queryText = JSON.stringify({ endpoint: `POST ${QUERY_PATH}`, fields: FIELDS, query, start_date, end_date });
  const rows = [...counts].map(([date, c]) => ({
    platform: "tiktok",
    hashtag: tag,
    date,
    videos: c.videos,
    views: c.views,
    query: queryText,
    retrieved_at: retrievedAt,
  }));
  return { rows, requests, retrievedAt };
}

function hashtagTask(run: Run, tag: string): ScopeTask {
  const { context } = run;
  return {
    scope: tag,
    async run() {
      try {
        const stored = await run.lastStored(tag);
        const last = addDays(utcDay(context.now()), -1);
        const first = stored === undefined ? BACKFILL_START : addDays(stored, 1);
        if (first > last) {
          context.log(`${SOURCE_NAME}: #${tag} is stored through ${stored}; nothing to fetch.`);
          return [];
        }
        const rows: HashtagCountRow[] = [];
        let requests = 0;
        let retrievedAt = "";
        for (let start = first; start <= last; start = addDays(start, WINDOW_DAYS)) {
          const end = addDays(start, WINDOW_DAYS - 1) < last ? addDays(start, WINDOW_DAYS - 1) : last;
          try {
            const window = await fetchWindow(run, tag, start, end);
            rows.push(...window.rows);
            requests += window.requests;
            retrievedAt = window.retrievedAt;
          } catch (error) {
            if (!(error instanceof BudgetReached)) throw error;
            if (rows.length === 0) throw new BudgetReached(`${error.message} before #${tag} was fetched; run again tomorrow to continue from ${start}.`);
            // Only whole windows are kept: a partly paginated window would undercount its days.
            context.log(`WARNING ${SOURCE_NAME}: ${error.message}; #${tag} kept through ${rows.at(-1)!.date}, the next run continues from ${start}.`);
            break;
          }
        }
        const total = rows.reduce((n, r) => n + r.videos, 0);
        context.log(`${SOURCE_NAME}: #${tag} ${rows[0]!.date}..${rows.at(-1)!.date}: ${total} video(s) in ${requests} request(s).`);
        return [
          {
            dataset: "hashtag_counts",
            rows,
            sources: [{ title: `TikTok Research API video query, #${tag}, videos created ${rows[0]!.date}..${rows.at(-1)!.date}`, path: `${run.base}${QUERY_PATH}?fields=${FIELDS}` }],
            retrievedAt,
          },
        ];
      } catch (error) {
        // Belt and braces: no message leaves this source with a credential in it.
        if (error instanceof Error) {
          const clean = run.scrub(error.message);
          if (clean !== error.message) throw new Error(clean);
        }
        throw error;
      }
    },
  };
}

export function createTiktokResearch(options: TiktokResearchOptions = {}): Source {
  const hashtags = options.hashtags ?? TRACKED_HASHTAGS;
  return {
    name: SOURCE_NAME,
    description: "Videos per day and summed views for tracked TikTok hashtags (TikTok Research API; needs credentials).",
    defaultBaseUrl: "https://open.tiktokapis.com",
    skipReason(context) {
      return context.env.TIKTOK_CLIENT_KEY && context.env.TIKTOK_CLIENT_SECRET ? undefined : "skipped: no credentials (TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET are not both set)";
    },
    tasks(context) {
      const key = context.env.TIKTOK_CLIENT_KEY ?? "";
      const secret = context.env.TIKTOK_CLIENT_SECRET ?? "";
      const base = createRun(context, key, secret);
      const run: Run = { ...base, context: { ...context, log: (message) => context.log(base.scrub(message)) } };
      return hashtags.map((tag) => hashtagTask(run, tag));
    },
  };
}

export const tiktokResearch: Source = createTiktokResearch();
