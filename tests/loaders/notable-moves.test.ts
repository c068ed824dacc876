/**
 * The feed's and data:diff's chart moves, on rows shaped as the recorded Apple feed makes them
 * (tests/fixtures/apple): a tracked app's rank change, entering or leaving the chart, an untracked
 * app entering the top 10, a first snapshot's top 10, and the sentences a reader gets.
 */
import { describe, expect, it } from "vitest";
import { chartPhrase, moveSentence, moveTitle, notableMoves } from "../../loaders/notable-moves.ts";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";
import { chartFeed, expectedChartRows, TRACKED_APPS } from "../helpers/apple-fixtures.ts";

const DAY1 = "2025-01-13T12:00:00.000Z";
const DAY2 = "2025-01-14T12:00:00.000Z";
const recorded = expectedChartRows(chartFeed("top-free"), "top-free", DAY2);
const LEMON8 = "1498607143";
const TIKTOK = "835599320";
const THREADS = "6446901002";

/** The recorded chart in another order (app ids, best first), as fetched at `at`. */
function reordered(ids: string[], at: string): ChartSnapshotRow[] {
  const byId = new Map(recorded.map((r) => [r.app_id, r]));
  return ids.map((id, i) => ({ ...byId.get(id)!, rank: i + 1, retrieved_at: at }));
}

const ids = recorded.map((r) => r.app_id);
// The day before the recording: no Threads, Lemon8 at #12. The recording's day: no TikTok.
const day1Ids = ids.filter((id) => id !== THREADS && id !== LEMON8);
day1Ids.splice(11, 0, LEMON8);
const day1 = reordered(day1Ids, DAY1);
const day2 = reordered(ids.filter((id) => id !== TIKTOK), DAY2);

describe("notableMoves", () => {
  it("finds tracked apps' moves, a departure last, then apps entering the top 10", () => {
    const moves = notableMoves(day1, day2, TRACKED_APPS);
    expect(moves.map((m) => (m.kind === "first" ? m.kind : [m.kind, m.name, "from" in m ? m.from : undefined, m.kind === "top" ? m.rank : m.to]))).toEqual([
      ["tracked", "Lemon8", 12, 2],
      ["tracked", "ChatGPT", 3, 4],
      ["tracked", "CapCut", 5, 6],
      ["tracked", "TikTok", 4, undefined],
      ["top", "Threads", undefined, 5],
    ]);
    expect(moves.every((m) => m.at === DAY2 && m.country === "us" && m.chart === "top-free" && m.store === "app-store")).toBe(true);
    expect(moves.map(moveSentence)).toEqual([
      "Lemon8 rose from #12 to #2 among free iPhone apps in the US.",
      "ChatGPT fell from #3 to #4 among free iPhone apps in the US.",
      "CapCut fell from #5 to #6 among free iPhone apps in the US.",
      "TikTok left the top 99 free iPhone apps in the US; it was #4.",
      "Threads entered the top 10 free iPhone apps in the US at #5, new to the top 99.",
    ]);
    expect(moveTitle(moves[0]!)).toBe("Lemon8 up, #12 → #2: free iPhone apps in the US");
  });

  it("reads the other way round: an app entering the chart, and a climb into the top 10 from below", () => {
    const sentences = notableMoves(day2, day1, TRACKED_APPS).map(moveSentence);
    expect(sentences).toContain("TikTok entered the top 99 free iPhone apps in the US at #4.");
    expect(sentences).toContain("Lemon8 fell from #2 to #12 among free iPhone apps in the US.");
    expect(sentences).toContain("Tea, Coffee & More entered the top 10 free iPhone apps in the US at #10, up from #11.");
    // Threads left, but it is not tracked: leaving is news only for tracked apps.
    expect(sentences.join(" ")).not.toContain("Threads");
  });

  it("gives a chart's first snapshot one move listing its top 10, names as the store listed them", () => {
    const moves = notableMoves(undefined, recorded, TRACKED_APPS);
    expect(moves.map((m) => m.kind)).toEqual(["first"]);
    const first = moves[0]!;
    if (first.kind !== "first") return;
    expect(first.apps.map((a) => a.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(moveSentence(first)).toBe(
      'The first measured chart of free iPhone apps in the US: #1 RedNote, #2 Lemon8 - Lifestyle Community, #3 Say "Hello" – Quote Maker, #4 ChatGPT, #5 Threads, #6 TikTok - Videos, Shop & LIVE, #7 CapCut - Photo & Video Editor, #8 Temu: Shop Like a Billionaire, #9 YouTube: Watch, Listen, Stream, #10 Instagram.',
    );
    expect(moveTitle(first)).toBe("First measured top 10: free iPhone apps in the US");
  });

  it("says nothing when nothing notable moved, and names other charts and storefronts", () => {
    expect(notableMoves(day2, day2.map((r) => ({ ...r, retrieved_at: DAY1 })), TRACKED_APPS)).toEqual([]);
    const paid = expectedChartRows(chartFeed("top-paid", "gb"), "top-paid", DAY2);
    expect(chartPhrase(paid[0]!)).toBe("paid iPhone apps in the UK");
    expect(chartPhrase({ ...paid[0]!, country: "jp" })).toBe("paid iPhone apps in Japan");
  });
});
