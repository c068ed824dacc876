// src/data/derive/store-summary.ts: the summaries kept per manifest segment
// (src/data/lib/store-summaries.ts) must merge into exactly the summary of all the files, however
// the files are split, and through JSON as the cache keeps them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Resource } from "../../loaders/store/manifest.ts";
import { mergeSummaries, summarize, VERSION_LIMIT } from "../../src/data/derive/store-summary.ts";

const HOUR = 3_600_000;
const START = Date.UTC(2025, 0, 13);
const at = (hours: number) => new Date(START + hours * HOUR).toISOString();

const resource: fc.Arbitrary<Resource> = fc
  .record({
    hours: fc.integer({ min: 0, max: 96 }),
    n: fc.integer({ min: 0, max: 1e6 }),
    confirmed: fc.array(fc.integer({ min: 1, max: 72 }), { maxLength: 3 }),
    scope: fc.constantFrom("us-top-free", "gb-top-free", "story"),
    tool: fc.constantFrom("0.1.0", "0.2.0"),
    rows: fc.integer({ min: 0, max: 200 }),
    bytes: fc.integer({ min: 1, max: 9000 }),
  })
  .map(({ hours, n, confirmed, scope, tool, rows, bytes }) => ({ path: `chart_snapshots/${n}.csv`, retrieved: at(hours), confirmed: confirmed.map((c) => at(hours + c)), scope, source: "apple-charts", tool_version: tool, rows, bytes }) as unknown as Resource);

const through = <T,>(value: T): T => JSON.parse(JSON.stringify(value));

describe("store summaries", () => {
  it("merge, however the files are split, into the summary of all of them", () => {
    fc.assert(
      fc.property(fc.uniqueArray(resource, { selector: (r) => r.path, maxLength: 150 }), fc.array(fc.nat(), { maxLength: 6 }), (all, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
        const parts = [0, ...at].map((from, i) => all.slice(from, [...at, all.length][i]));
        expect(mergeSummaries(parts.map((p) => through(summarize(p))))).toEqual(summarize(all));
      }),
    );
  });

  it("counts the last day's new and confirmed files, keeps the newest few, and says nothing of an empty set", () => {
    const files = [
      { path: "a", retrieved: "2026-11-24T06:00:00Z", confirmed: ["2026-11-25T06:00:00Z"] },
      { path: "b", retrieved: "2026-11-25T07:00:00Z" },
      { path: "c", retrieved: "2026-11-23T07:00:00Z", confirmed: ["2026-11-24T07:00:00Z"] },
    ].map((r) => ({ rows: 1, bytes: 1, source: "s", scope: "x", tool_version: "1", ...r }) as unknown as Resource);
    expect(summarize(files)).toMatchObject({ files: 3, latest: "2026-11-25T07:00:00Z", lastDay: { day: "2026-11-25", newFiles: 1, confirmed: 1 }, scopes: ["s/x"] });
    expect(summarize(files).newest.map((r) => r.path)).toEqual(["b", "a", "c"]);
    const many = Array.from({ length: VERSION_LIMIT + 5 }, (_, i) => ({ ...files[0]!, path: `p${i}`, retrieved: at(i), confirmed: [] }));
    expect(summarize(many).newest).toHaveLength(VERSION_LIMIT);
    expect(summarize([])).toEqual({ files: 0, bytes: 0, rows: 0, scopes: [], toolVersions: [], newest: [], latest: null, lastDay: null });
  });
});
