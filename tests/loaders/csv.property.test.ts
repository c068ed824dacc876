/**
 * Property tests of the CSV codec and schemas for every dataset: a light run (200 cases per
 * dataset and property). tests/deep/csv.property.test.ts runs the same properties 10,000 times.
 * Below them, the bugs the properties found, pinned as plain examples.
 */
import { describe, expect, it } from "vitest";
import { encodeRows, parseCsv, RowError } from "../../loaders/csv.ts";
import type { EventRow, HashtagCountRow, PageviewRow } from "../../loaders/schema.ts";
import { csvProperties } from "../helpers/csv-properties.ts";

csvProperties({ numRuns: 200, timeout: 60_000 });

const event: EventRow = { id: "E001", date: "2025-01-13", date_precision: "day", category: "tiktok", title: "t", publisher: "p", url: "https://example.com/a" };
const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RowError) return error.problems;
    throw error;
  }
  return [];
};

describe("regressions found by the properties", () => {
  it("reads cells containing tabs or semicolons (papaparse no longer guesses the delimiter)", () => {
    const rows = [{ ...event, title: "a\tb\tc", note: "x;y;z" }];
    expect(parseCsv("events", encodeRows("events", rows))).toEqual({ rows, errors: [] });
  });

  it("writes an empty row set that reads back as no rows", () => {
    expect(parseCsv("events", encodeRows("events", []))).toEqual({ rows: [], errors: [] });
  });

  it("keeps the sign of -0", () => {
    const row: PageviewRow = { project: "en.wikipedia", article: "X", date: "2025-01-13", views: -0, retrieved_at: "2025-01-13T00:00:00Z" };
    expect(Object.is(parseCsv("pageviews", encodeRows("pageviews", [row])).rows[0]!.views, -0)).toBe(true);
  });

  it("refuses a URL with a lone surrogate, which UTF-8 cannot carry", () => {
    expect(problemsOf(() => encodeRows("events", [{ ...event, url: "https://example.com/\uD800" }]))).toEqual(["url: contains a lone surrogate (not valid UTF-8 text)"]);
  });

  it("stores a URL as validation outputs it (no surrounding whitespace, tabs or newlines), so it reads back the same", () => {
    const text = encodeRows("events", [{ ...event, url: " https://example.com/a\nb " }]);
    expect(parseCsv("events", text).rows[0]!.url).toBe("https://example.com/ab");
    expect(text).not.toContain("\nb");
  });

  it("refuses an empty required text that an empty CSV cell could never carry", () => {
    const row: HashtagCountRow = { platform: "tiktok", hashtag: "x", date: "2025-01-13", videos: 1, query: "", retrieved_at: "2025-01-13T00:00:00Z" };
    expect(problemsOf(() => encodeRows("hashtag_counts", [row]))).toEqual([expect.stringMatching(/^query: /)]);
  });

  it("names only the bad date, not also the interval it starts", () => {
    expect(problemsOf(() => encodeRows("events", [{ ...event, date: "2025-02-30", date_end: "2025-01-14" }]))).toEqual([expect.stringMatching(/^date: /)]);
  });
});
