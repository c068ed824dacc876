/**
 * The timeline: the pure filter (categories, words in any order, accents and case ignored), month
 * groups, the derive from the events dataset, and the DOM view (text nodes only, http(s) links
 * only, filters that narrow the list). Fixtures are built here, except the committed-data check.
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { resolveDataDir } from "../../loaders/config.ts";
import { eventRow, type EventRow } from "../../loaders/schema.ts";
import { readAll } from "../../loaders/store/read.ts";
import { filterEvents, groupByMonth, normalizeText, searchTerms, statusText, type TimelineEvent } from "../../src/components/timeline-filter.ts";
import { renderTimelineList, timelineView } from "../../src/components/timeline-view.ts";
import { CATEGORY_LABELS, deriveTimeline } from "../../src/data/derive/events.ts";

function row(overrides: Partial<EventRow>): EventRow {
  return eventRow.parse({ id: "E001", date: "2024-03-05", date_precision: "day", category: "law", title: "Bill introduced", publisher: "CNBC", url: "https://example.com/a", ...overrides });
}

const ROWS: EventRow[] = [
  row({ id: "E022", date: "2025-01-17", category: "court", title: "Supreme Court upholds the law, 9-0", publisher: "CBS News", via: "janashakti.news (copy)" }),
  row({}),
  row({ id: "E028", date: "2025-01-19", category: "tiktok", title: "TikTok restores service", publisher: "Storyboard18", note: "BNO News dates the return to Jan 20; all other sources say Jan 19." }),
  row({ id: "E023", date: "2025-01-18", date_precision: "weekday-inferred", category: "tiktok", title: "TikTok goes dark", publisher: "Reuters" }),
  row({ id: "E039", date: "2025-03-01", date_precision: "month", category: "xiaohongshu", title: "Xiaohongshu opens a Hong Kong office", publisher: "Rest of World" }),
  row({ id: "E025", date: "2025-01-18", date_end: "2025-01-19", date_precision: "weekday-inferred", category: "xiaohongshu", title: "Translation feature for Café posts", publisher: "New York Times" }),
];

const timeline = () => deriveTimeline({ events: ROWS, asOf: "2026-11-25T00:00:00.000Z" });
const labels = new Map(Object.entries(CATEGORY_LABELS));
const ids = (events: TimelineEvent[]) => events.map((e) => e.id);

describe("timeline derive", () => {
  it("sorts every event by date, keeps notes and sources, and counts the categories in the schema's order", () => {
    const t = timeline();
    expect(ids(t.events)).toEqual(["E001", "E022", "E023", "E025", "E028", "E039"]);
    expect(t.events.find((e) => e.id === "E028")?.note).toMatch(/BNO News/);
    expect(t.events.find((e) => e.id === "E022")).toMatchObject({ publisher: "CBS News", via: "janashakti.news (copy)", url: "https://example.com/a" });
    expect(t.categories).toEqual([
      { key: "law", label: "Law", count: 1 },
      { key: "court", label: "Courts", count: 1 },
      { key: "tiktok", label: "TikTok", count: 2 },
      { key: "xiaohongshu", label: "Xiaohongshu (RedNote)", count: 2 },
    ]);
  });

  it("takes every committed event", async () => {
    const events = await readAll(resolveDataDir(), "events");
    const t = deriveTimeline({ events, asOf: null });
    expect(t.events).toHaveLength(events.length);
    expect(t.categories.reduce((n, c) => n + c.count, 0)).toBe(events.length);
    expect(t.events.every((e) => /^https?:\/\//.test(e.url))).toBe(true);
  });
});

describe("timeline filter", () => {
  const { events } = timeline();

  it("shows everything with no filter, and nothing with no category ticked", () => {
    expect(filterEvents(events, {})).toHaveLength(events.length);
    expect(filterEvents(events, { categories: new Set() })).toEqual([]);
  });

  it("narrows by category, keeping the order", () => {
    expect(ids(filterEvents(events, { categories: new Set(["tiktok", "law"]) }))).toEqual(["E001", "E023", "E028"]);
  });

  it("finds every word in any order, in titles, publishers, copies, notes and category names, ignoring case and accents", () => {
    expect(ids(filterEvents(events, { query: "court supreme" }))).toEqual(["E022"]);
    expect(ids(filterEvents(events, { query: "janashakti" }))).toEqual(["E022"]);
    expect(ids(filterEvents(events, { query: "BNO" }))).toEqual(["E028"]);
    expect(ids(filterEvents(events, { query: "cafe" }))).toEqual(["E025"]);
    expect(ids(filterEvents(events, { query: "  REDNOTE  " }, labels))).toEqual(["E025", "E039"]);
    expect(ids(filterEvents(events, { query: "tiktok dark", categories: new Set(["court"]) }))).toEqual([]);
    expect(ids(filterEvents(events, { query: '"goes dark"' }))).toEqual(["E023"]);
    expect(filterEvents(events, { query: "<script>" })).toEqual([]);
  });

  it("normalizes text and splits terms", () => {
    expect(normalizeText("Café ÉTÉ")).toBe("cafe ete");
    expect(searchTerms('  "Supreme"   court ')).toEqual(["supreme", "court"]);
    expect(searchTerms(undefined)).toEqual([]);
  });

  it("groups by month in order, with readable headings", () => {
    expect(groupByMonth(events).map((g) => `${g.key} ${g.label} ${g.events.length}`)).toEqual(["2024-03 March 2024 1", "2025-01 January 2025 4", "2025-03 March 2025 1"]);
    expect(groupByMonth([])).toEqual([]);
  });

  it("says how many events show", () => {
    expect(statusText(6, 6)).toBe("Showing all 6 events.");
    expect(statusText(2, 6)).toBe("Showing 2 of 6 events.");
    expect(statusText(0, 6)).toMatch(/^No event matches/);
    expect(statusText(0, 0)).toBe("No events are stored yet.");
  });
});

describe("timeline view", () => {
  const dom = () => parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;

  it("lists every event under its month with date wording, category, source link and note", () => {
    const document = dom();
    const view = timelineView(document, timeline());
    document.body.append(view);
    expect(view.querySelectorAll("li.event")).toHaveLength(6);
    expect([...view.querySelectorAll(".timeline-month h2")].map((h) => h.textContent)).toEqual(["March 2024", "January 2025", "March 2025"]);
    const dark = view.querySelector('li[data-id="E023"]')!;
    expect(dark.querySelector("time")?.getAttribute("datetime")).toBe("2025-01-18");
    expect(dark.querySelector("time")?.textContent).toMatch(/^Jan 18, 2025 \(date inferred/);
    expect(view.querySelector('li[data-id="E025"] time')?.getAttribute("datetime")).toBe("2025-01-18/2025-01-19");
    expect(view.querySelector('li[data-id="E039"] time')?.textContent).toBe("March 2025");
    const scotus = view.querySelector('li[data-id="E022"]')!;
    expect(scotus.querySelector(".event-category")?.textContent).toBe("Courts");
    expect(scotus.querySelector(".event-source")?.textContent).toBe("Source: CBS News, read on janashakti.news (copy)");
    expect(scotus.querySelector(".event-source a")?.getAttribute("href")).toBe("https://example.com/a");
    expect(view.querySelector('li[data-id="E028"] .event-note')?.textContent).toBe("Note: BNO News dates the return to Jan 20; all other sources say Jan 19.");
    expect(view.querySelector(".timeline-status")?.textContent).toBe("Showing all 6 events.");
    // Every control has a name.
    const search = view.querySelector("input[type=search]")!;
    expect(view.querySelector(`label[for="${search.id}"]`)?.textContent).toMatch(/Search/);
    expect(view.querySelectorAll("fieldset input[type=checkbox]")).toHaveLength(4);
    for (const box of view.querySelectorAll("fieldset input[type=checkbox]")) expect(box.closest("label")?.textContent).toMatch(/\(\d+\)$/);
  });

  it("narrows the list when a category is unticked, words are typed, or None is pressed", () => {
    const document = dom();
    const view = timelineView(document, timeline());
    document.body.append(view);
    const box = view.querySelector('input[value="tiktok"]') as HTMLInputElement;
    box.checked = false;
    box.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event("change", { bubbles: true }));
    expect([...view.querySelectorAll("li.event")].map((li) => li.getAttribute("data-id"))).toEqual(["E001", "E022", "E025", "E039"]);
    expect(view.querySelector(".timeline-status")?.textContent).toBe("Showing 4 of 6 events.");
    const input = view.querySelector("input[type=search]") as HTMLInputElement;
    input.value = "hong kong";
    input.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event("input", { bubbles: true }));
    expect([...view.querySelectorAll("li.event")].map((li) => li.getAttribute("data-id"))).toEqual(["E039"]);
    expect([...view.querySelectorAll("h2")].map((h) => h.textContent)).toEqual(["March 2025"]);
    const [all, none] = [...view.querySelectorAll(".timeline-buttons button")] as HTMLButtonElement[];
    none!.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event("click", { bubbles: true }));
    expect(view.querySelectorAll("li.event")).toHaveLength(0);
    expect(view.querySelector(".timeline-status")?.textContent).toMatch(/^No event matches \(0 of 6\)/);
    input.value = "";
    all!.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event("click", { bubbles: true }));
    expect(view.querySelectorAll("li.event")).toHaveLength(6);
  });

  it("builds from text nodes only: hostile strings stay text, and a non-http(s) URL is no link", () => {
    const document = dom();
    const hostile: TimelineEvent = {
      id: "E666",
      date: "2025-01-01",
      precision: "day",
      category: 'law" onmouseover="alert(1)',
      title: "<img src=x onerror=alert(1)>",
      publisher: "<b>Evil</b>",
      via: "<i>copy</i>",
      url: "javascript:alert(1)",
      note: "<script>alert(2)</script>",
    };
    const fragment = renderTimelineList(document, groupByMonth([hostile]), labels);
    const host = document.createElement("div");
    host.append(fragment);
    expect(host.querySelectorAll("img, b, i, script, a")).toHaveLength(0);
    expect(host.textContent).toContain("<img src=x onerror=alert(1)>");
    expect(host.textContent).toContain("Source: <b>Evil</b>, read on <i>copy</i>");
    expect(host.textContent).toContain("<script>alert(2)</script>");
    expect(host.querySelector("li")?.getAttribute("onmouseover")).toBeNull();
    expect(host.querySelector("li")?.className).toBe("event cat-law--onmouseover--alert-1-");
  });
});
