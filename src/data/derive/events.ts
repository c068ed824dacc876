/**
 * From the events dataset to the timeline page: every event with its date, precision, category,
 * title, source and note, oldest first, and the categories with readable names and counts.
 * Pure: rows in, compact rows out.
 */
import { EVENT_CATEGORIES, type EventRow } from "../../../loaders/schema.ts";
import type { TimelineData, TimelineEvent } from "../../components/timeline-filter.ts";
import { eventPoint } from "./event-point.ts";

export const CATEGORY_LABELS: Record<(typeof EVENT_CATEGORIES)[number], string> = {
  law: "Law",
  court: "Courts",
  executive: "White House",
  tiktok: "TikTok",
  xiaohongshu: "Xiaohongshu (RedNote)",
  "app-stores": "App stores",
  deal: "The sale",
  "other-apps": "Other apps",
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function deriveTimeline(input: { events: readonly EventRow[]; asOf: string | null }): TimelineData {
  const events: TimelineEvent[] = input.events
    .map((e) => ({ ...eventPoint(e), ...(e.via ? { via: e.via } : {}), ...(e.note ? { note: e.note } : {}) }))
    .sort((a, b) => cmp(a.date, b.date) || cmp(a.id, b.id));
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  const categories = EVENT_CATEGORIES.filter((key) => counts.has(key)).map((key) => ({ key, label: CATEGORY_LABELS[key], count: counts.get(key)! }));
  return { asOf: input.asOf, categories, events };
}
