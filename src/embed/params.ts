/**
 * The query parameters of an embed (/embed/<chart>?app=…&country=…&from=…&to=…&theme=…) and of
 * the exported module's options, validated with zod. Every problem becomes one sentence a reader
 * of the article can act on; unknown parameters (pym's childId, a host's utm_…) are ignored.
 *
 * The patterns are those of loaders/schema.ts (which the site cannot import: it lies outside the
 * Framework root); tests/embed/embed.test.ts checks that both accept and refuse the same values.
 * Pages import this module only when a query names one of the parameters (./query.ts
 * `mentionsQuery`), so a plain embed does not download zod.
 */
import { z } from "zod";
import { QUERY_NAMES, THEMES, type EmbedQuery } from "./query.js";

/** loaders/schema.ts `slug()`: tracked app keys. */
export const APP_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
/** loaders/schema.ts `country()`: ISO 3166-1 alpha-2, lower case. */
export const COUNTRY_PATTERN = /^[a-z]{2}$/;
/** A UTC day, as in every data file. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const quoted = (value: unknown) => JSON.stringify(String(value).slice(0, 40));

const isRealDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
};

const daySchema = (name: "from" | "to") =>
  z
    .string()
    .regex(DAY_PATTERN, { error: (issue) => `"${name}" must be a date like 2025-01-13, not ${quoted(issue.input)}.` })
    // (zod runs refinements after a failed regex too: only judge what looks like a date.)
    .refine((day) => !DAY_PATTERN.test(day) || isRealDay(day), { error: (issue) => `"${name}" is not a real date: ${quoted(issue.input)}.` });

export const embedQuerySchema = z
  .object({
    app: z.string().regex(APP_PATTERN, { error: (issue) => `Unknown app ${quoted(issue.input)}. Use an app key such as xiaohongshu.` }),
    country: z
      .string()
      .regex(COUNTRY_PATTERN, { error: (issue) => `Unknown country ${quoted(issue.input)}. Use a two-letter code such as us.` }),
    from: daySchema("from"),
    to: daySchema("to"),
    theme: z.enum(THEMES, { error: (issue) => `Unknown theme ${quoted(issue.input)}. Use light or dark.` }),
  })
  .partial()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    error: (issue) => {
      const q = issue.input as EmbedQuery;
      return `"from" (${q.from}) is after "to" (${q.to}).`;
    },
  });

export type QueryResult = { ok: true; query: EmbedQuery } | { ok: false; errors: string[] };

/** Reads the parameters this site defines from a query string (or a plain object), trimmed and lower-cased. */
export function parseEmbedQuery(input: string | URLSearchParams | Record<string, unknown>): QueryResult {
  const raw: Record<string, string> = {};
  if (typeof input === "string" || input instanceof URLSearchParams) {
    const params = typeof input === "string" ? new URLSearchParams(input) : input;
    for (const name of QUERY_NAMES) {
      const value = params.get(name);
      if (value !== null && value.trim() !== "") raw[name] = value.trim().toLowerCase();
    }
  } else {
    for (const name of QUERY_NAMES) {
      const value = input[name];
      if (value !== undefined && value !== null && value !== "") raw[name] = String(value).trim().toLowerCase();
    }
  }
  const parsed = embedQuerySchema.safeParse(raw);
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, errors: [...new Set(parsed.error.issues.map((issue) => issue.message))] };
}
