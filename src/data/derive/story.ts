/**
 * From the stored datasets to what the home page's story chart draws: reported US App Store ranks
 * of the focus apps, reported "TikTok refugee" view counts on Xiaohongshu, and the events of the
 * weeks around the ban. Pure: rows in, compact rows out.
 */
import type { EventRow, ReportedObservationRow, TrackedAppRow } from "../../../loaders/schema.ts";
import type { RankPoint, ReportedPoint, StoryData, StoryEvent } from "../../components/story-types.ts";
import { reportedPoint } from "./reported-point.ts";
import { eventPoint } from "./event-point.ts";

export const STORY_WINDOW = { start: "2025-01-06", end: "2025-02-16" };

/** Events labelled on wide charts, with labels short enough to sit side by side. */
const KEY_EVENT_LABELS: Record<string, string> = {
  E016: "Court hears the case",
  E022: "Court upholds the law",
  E023: "TikTok goes dark",
  E029: "Order delays the ban",
  E036: "TikTok back in stores",
};

const RANK_METRICS = new Set(["rank-top-free", "rank"]);

const inWindow = (date: string) => date >= STORY_WINDOW.start && date <= STORY_WINDOW.end;
const byDate = <T extends { date: string; id: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1);

export function deriveStory(input: {
  reported: readonly ReportedObservationRow[];
  events: readonly EventRow[];
  apps: readonly TrackedAppRow[];
  asOf: string | null;
}): StoryData {
  const focus = input.apps.filter((a) => a.role === "focus");
  const focusKeys = new Set(focus.map((a) => a.key));
  const ranks: RankPoint[] = input.reported
    .filter((r) => r.platform === "app-store" && r.country === "us" && RANK_METRICS.has(r.metric) && focusKeys.has(r.subject) && inWindow(r.date))
    .map((r) => ({ ...reportedPoint(r), app: r.subject }))
    .sort(byDate);
  const views: ReportedPoint[] = input.reported
    .filter((r) => r.platform === "xiaohongshu" && r.subject === "#tiktokrefugee" && r.metric === "views" && inWindow(r.date))
    .map(reportedPoint)
    .sort(byDate);
  const events: StoryEvent[] = input.events
    .filter((e) => inWindow(e.date))
    .map((e) => eventPoint(e, KEY_EVENT_LABELS[e.id]))
    .sort(byDate);
  return {
    asOf: input.asOf,
    window: STORY_WINDOW,
    apps: focus.map((a) => ({ key: a.key, name: a.key === "xiaohongshu" ? "RedNote" : a.name_en, color: a.color })),
    ranks,
    views,
    events,
  };
}
