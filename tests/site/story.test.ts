import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { resolveDataDir } from "../../loaders/config.ts";
import { readAll } from "../../loaders/store/read.ts";
import { deriveStory, STORY_WINDOW } from "../../src/data/derive/story.ts";
import { describeStory, storyChart } from "../../src/components/story-chart.ts";
import type { StoryData } from "../../src/components/story-types.ts";

async function committedStory(): Promise<StoryData> {
  const dataDir = resolveDataDir();
  return deriveStory({
    reported: await readAll(dataDir, "reported"),
    events: await readAll(dataDir, "events"),
    apps: await readAll(dataDir, "tracked_apps"),
    asOf: "2026-11-25T00:00:00.000Z",
  });
}

const draw = (data: StoryData, width: number) => {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  return storyChart(data, { width, document: document as unknown as Document });
};

describe("story data", () => {
  it("keeps reported US App Store ranks of the focus apps and the #tiktokrefugee views inside the window", async () => {
    const story = await committedStory();
    expect(story.ranks.length).toBeGreaterThan(5);
    expect(new Set(story.ranks.map((r) => r.app))).toEqual(new Set(["xiaohongshu", "lemon8", "tiktok"]));
    expect(story.views.find((v) => v.id === "O052")).toMatchObject({ value: 25_000_000, qualifier: "at-least", publisher: "Bloomberg" });
    for (const p of [...story.ranks, ...story.views, ...story.events]) {
      expect(p.date >= STORY_WINDOW.start && p.date <= STORY_WINDOW.end).toBe(true);
      expect(p.url).toMatch(/^https?:\/\//);
    }
  });

  it("records the #EscapeTikTok mix-up on the Bloomberg count", async () => {
    const story = await committedStory();
    expect(story.views.find((v) => v.id === "O052")?.note).toMatch(/EscapeTikTok/);
  });
});

describe("story chart", () => {
  it("draws one mark per reported number and event, each inside a link to an http(s) source", async () => {
    const story = await committedStory();
    for (const width of [320, 768, 1280]) {
      const svg = draw(story, width);
      const marks = [...svg.querySelectorAll(".mark")];
      expect(marks).toHaveLength(story.ranks.length + story.views.length + story.events.length);
      for (const mark of marks) {
        const link = mark.closest("a");
        expect(link?.getAttribute("href")).toMatch(/^https?:\/\//);
        expect(link?.querySelector("title")?.textContent).toMatch(/Source: /);
      }
      expect(svg.getAttribute("width")).toBe(String(width));
      const notes = [...svg.querySelectorAll(".notes")].map((t) => t.textContent).join(" ");
      expect(notes).toMatch(/Data as of Nov 25, 2026/);
    }
  });

  it("describes the data in words for screen readers", async () => {
    const text = describeStory(await committedStory());
    expect(text).toMatch(/RedNote was reported #1 in the US App Store's free apps between Jan \d+, 2025 and Jan \d+, 2025/);
    expect(text).toMatch(/"TikTok refugee" posts on Xiaohongshu went from/);
  });

  it("says so when there is too little data, and never draws a javascript: link", () => {
    const empty: StoryData = { asOf: null, window: STORY_WINDOW, apps: [], ranks: [], views: [], events: [] };
    const svg = draw(empty, 600);
    expect(svg.textContent).toMatch(/No reported ranks/);
    expect(svg.textContent).toMatch(/Too few reported counts/);
    expect([...svg.querySelectorAll(".notes")].map((t) => t.textContent).join(" ")).toMatch(/No data stored yet/);
    const hostile: StoryData = {
      ...empty,
      apps: [{ key: "x", name: "<img src=x onerror=alert(1)>", color: "#ff0000" }],
      ranks: [{ id: "O999", app: "x", date: "2025-01-14", precision: "day", value: 1, qualifier: "exact", publisher: "<b>Evil</b>", url: "javascript:alert(1)" }],
    };
    const drawn = draw(hostile, 600);
    expect(drawn.querySelectorAll("a")).toHaveLength(0);
    expect(drawn.querySelectorAll("img, b")).toHaveLength(0);
    expect(drawn.textContent).toContain("<img src=x onerror=alert(1)>");
  });
});

describe("qualifier shapes", () => {
  it("draws about as a ring, at-least/at-most as triangles and exact as a dot", async () => {
    const { qualifierShape } = await import("../../src/components/chart-frame.ts");
    expect(qualifierShape("about", undefined, 5).attrs["fill-opacity"]).toBe(0);
    expect(qualifierShape("exact", undefined, 5).tag).toBe("circle");
    expect(qualifierShape("at-least", true, 5).tag).toBe("path");
  });
});
