/**
 * The Methodology page's conflicts: on the committed data every token resolves, every number in
 * the prose is a link to the page it was read on, and headings carry no unsourced number.
 */
import { describe, expect, it } from "vitest";
import { resolveDataDir } from "../../loaders/config.ts";
import type { ReportedObservationRow } from "../../loaders/schema.ts";
import { readAll } from "../../loaders/store/read.ts";
import { CONFLICTS, deriveMethodology, proseDate, valueText } from "../../src/data/derive/methodology.ts";

async function committed() {
  const dataDir = resolveDataDir();
  return deriveMethodology({
    reported: await readAll(dataDir, "reported"),
    events: await readAll(dataDir, "events"),
    apps: await readAll(dataDir, "tracked_apps"),
    measured: [{ name: "pageviews", title: "Wikipedia page views (measured)", rows: 0 }],
    asOf: "2026-11-25T00:00:00.000Z",
  });
}

/** A digit that is a number, not part of a name like Lemon8. */
const NUMBER = /(?<![A-Za-z])\d/;

describe("methodology conflicts", () => {
  it("resolves every row the text names in the committed data, each linked to an http(s) page", async () => {
    const m = await committed();
    expect(m.conflicts.map((c) => c.key)).toEqual(CONFLICTS.map((c) => c.key));
    for (const c of m.conflicts) {
      expect(c.missing, c.key).toEqual([]);
      expect(c.sources.length, c.key).toBeGreaterThan(0);
      for (const s of c.sources) expect(s.url).toMatch(/^https?:\/\//);
      for (const s of c.paragraphs.flat()) if (s.href) expect(s.href).toMatch(/^https?:\/\//);
    }
  });

  it("puts every digit of the prose inside a linked segment, and none in headings or notes", async () => {
    const m = await committed();
    for (const c of m.conflicts) {
      expect(c.heading, c.key).not.toMatch(NUMBER);
      expect(c.shown, c.key).not.toMatch(NUMBER);
      for (const s of c.paragraphs.flat()) if (!s.href) expect(s.text, `${c.key}: "${s.text}"`).not.toMatch(NUMBER);
    }
  });

  it("quotes the documented conflicts with their sources' numbers", async () => {
    const m = await committed();
    const text = (key: string) => m.conflicts.find((c) => c.key === key)!.paragraphs.flat().map((s) => s.text).join("");
    expect(text("influx-size")).toMatch(/at least 700,000 new users.*about 3\.4 million daily active users/);
    expect(text("similarweb-peak")).toContain("32.5 million");
    expect(text("france-rank")).toMatch(/#3.*#4/);
    expect(text("escapetiktok")).toMatch(/#EscapeTikTok was viewed at least 25 million times/);
    expect(text("shutdown-return")).toMatch(/Jan 18, 2025.*Jan 19, 2025.*Feb 13, 2025/);
    expect(m.signups).toMatchObject({ text: "at least 700,000", title: "Reuters, read on Fast Company" });
    expect(m.lemon8Note).toMatch(/1498607143/);
    expect(m.stats.reported).toBeGreaterThan(100);
    expect(m.stats.copies).toBeGreaterThan(0);
  });

  it("says '(source missing)' rather than inventing a number when a row is gone", () => {
    const m = deriveMethodology({ reported: [], events: [], apps: [], measured: [], asOf: null });
    const first = m.conflicts[0]!;
    expect(first.missing.length).toBeGreaterThan(0);
    expect(first.paragraphs.flat().some((s) => s.text.includes("(source missing)") && !s.href)).toBe(true);
    expect(first.sources).toEqual([]);
    expect(m.lemon8Note).toBeNull();
    expect(m.signups).toBeNull();
  });
});

describe("value and date wording", () => {
  const row = (metric: string, value: number, qualifier: ReportedObservationRow["qualifier"], value_high?: number) => ({ metric, value, qualifier, value_high });
  it("words numbers the way the sources qualified them", () => {
    expect(valueText(row("rank-top-free", 1, "exact"))).toBe("#1");
    expect(valueText(row("rank-top-free", 5, "at-most"))).toBe("top 5");
    expect(valueText(row("rank-top-free", 26, "at-least"))).toBe("#26 or lower");
    expect(valueText(row("new-users", 700000, "at-least"))).toBe("at least 700,000");
    expect(valueText(row("daily-active-users", 3400000, "about"))).toBe("about 3.4 million");
    expect(valueText(row("downloads-change-pct", -91, "exact"))).toBe("-91%");
    expect(valueText(row("downloads-change-pct", 194, "exact"))).toBe("+194%");
    expect(valueText(row("share-pct", 52, "exact"))).toBe("52%");
    expect(valueText(row("valuation-usd", 17e9, "exact"))).toBe("$17 billion");
    expect(valueText(row("downloads-ratio", 3, "about"))).toBe("about 3×");
    expect(valueText(row("views", 1e6, "range", 2e6))).toBe("1 million to 2 million");
  });
  it("words dates by their precision", () => {
    expect(proseDate("2025-01-13", "day")).toBe("Jan 13, 2025");
    expect(proseDate("2025-01-13", "weekday-inferred")).toBe("Jan 13, 2025");
    expect(proseDate("2025-01-13", "week")).toBe("the week of Jan 13, 2025");
    expect(proseDate("2025-01-01", "month")).toBe("January 2025");
    expect(proseDate("2024-01-01", "year")).toBe("2024");
  });
});
