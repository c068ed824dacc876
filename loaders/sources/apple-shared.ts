/** Small helpers shared by the Apple sources (apple-charts, apple-lookup). */
import type { z } from "zod";

/** `base` may carry a path (a mirror or a test server's prefix); a trailing slash is ignored. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

const RFC_2822 = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UT|UTC|Z)$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * An RFC 2822 time ("Tue, 14 Jan 2025 12:00:00 +0000", as in Apple's feeds) or an ISO 8601 time
 * with a zone ("2025-01-13T18:34:05Z", as in the iTunes API) as ISO 8601 UTC; undefined if it is
 * neither. Times without a zone are refused: they would be read in the local time zone.
 */
export function toIsoUtc(value: string): string | undefined {
  const trimmed = value.trim();
  if (!RFC_2822.test(trimmed) && !ISO_8601.test(trimmed)) return undefined;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A zod error as one line: the first few problems with their paths. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const issues = error.issues.slice(0, max).map((issue) => `${issue.path.join(".") || "(response)"}: ${oneLine(issue.message)}`);
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more problems)` : "";
  return issues.join("; ") + more;
}

/** Validates rows against the dataset schema, so a bad value fails the scope here and not at write time. */
export function checkRows<T>(schema: z.ZodType<T>, rows: readonly T[], fail: (detail: string) => Error): void {
  rows.forEach((row, i) => {
    const result = schema.safeParse(row);
    if (!result.success) throw fail(`row ${i + 1} would be invalid: ${describeIssues(result.error)}`);
  });
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
