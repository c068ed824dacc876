/**
 * The query parameters of an embed (/embed/<chart>?app=…&country=…&from=…&to=…&theme=…) and of
 * the exported module's options, validated. Every problem becomes one sentence a reader of the
 * article can act on; unknown parameters (pym's childId, a host's utm_…) are ignored.
 *
 * Checked by hand rather than with zod: every embed page runs this, and zod would be most of what
 * it downloads. The patterns are those of loaders/schema.ts (which the site cannot import: it lies
 * outside the Framework root); tests/embed/embed.test.ts checks that both accept and refuse the
 * same values.
 */
import { QUERY_NAMES, THEMES, type EmbedQuery, type Theme } from "./query.js";

/** loaders/schema.ts `slug()`: tracked app keys. */
export const APP_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
/** loaders/schema.ts `country()`: ISO 3166-1 alpha-2, lower case. */
export const COUNTRY_PATTERN = /^[a-z]{2}$/;
/** A UTC day, as in every data file. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const quoted = (value: string) => JSON.stringify(value.slice(0, 40));

const isRealDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
};

/** Why `day` is not a usable value of `name`, or null when it is. */
function dayProblem(name: "from" | "to", day: string): string | null {
  if (!DAY_PATTERN.test(day)) return `"${name}" must be a date like 2025-01-13, not ${quoted(day)}.`;
  if (!isRealDay(day)) return `"${name}" is not a real date: ${quoted(day)}.`;
  return null;
}

export type QueryResult = { ok: true; query: EmbedQuery } | { ok: false; errors: string[] };

type RawQuery = Partial<Record<(typeof QUERY_NAMES)[number], string>>;

/** The parameters this site defines, trimmed and lower-cased; empty ones count as absent. */
function readRaw(input: string | URLSearchParams | Record<string, unknown>): RawQuery {
  const params = typeof input === "string" || input instanceof URLSearchParams ? new URLSearchParams(input) : null;
  const raw: RawQuery = {};
  for (const name of QUERY_NAMES) {
    const value = params ? params.get(name) : (input as Record<string, unknown>)[name];
    const text = value === undefined || value === null ? "" : String(value).trim().toLowerCase();
    if (text !== "") raw[name] = text;
  }
  return raw;
}

/** Reads and checks the parameters this site defines from a query string (or a plain object). */
export function parseEmbedQuery(input: string | URLSearchParams | Record<string, unknown>): QueryResult {
  const { app, country, from, to, theme } = readRaw(input);
  const fromProblem = from === undefined ? null : dayProblem("from", from);
  const toProblem = to === undefined ? null : dayProblem("to", to);
  const problems = [
    app !== undefined && !APP_PATTERN.test(app) ? `Unknown app ${quoted(app)}. Use an app key such as xiaohongshu.` : null,
    country !== undefined && !COUNTRY_PATTERN.test(country) ? `Unknown country ${quoted(country)}. Use a two-letter code such as us.` : null,
    fromProblem,
    toProblem,
    theme !== undefined && !(THEMES as readonly string[]).includes(theme) ? `Unknown theme ${quoted(theme)}. Use light or dark.` : null,
    // Only two real days can be out of order.
    from !== undefined && to !== undefined && !fromProblem && !toProblem && from > to ? `"from" (${from}) is after "to" (${to}).` : null,
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) return { ok: false, errors: problems };
  const query: EmbedQuery = {};
  if (app !== undefined) query.app = app;
  if (country !== undefined) query.country = country;
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;
  if (theme !== undefined) query.theme = theme as Theme;
  return { ok: true, query };
}
