/** Apple fixtures (recorded shapes, illustrative contents) and what the loaders should make of them. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ChartSnapshotRow, TrackedAppRow } from "../../loaders/schema.ts";

const dir = resolve(import.meta.dirname, "../fixtures/apple");
const load = (name: string): unknown => JSON.parse(readFileSync(resolve(dir, name), "utf8"));

export interface FeedEntry {
  id: string;
  name: string;
  artistName?: string;
  [key: string]: unknown;
}
export interface Feed {
  feed: { id: string; links: { self: string }[]; country: string; updated: string; results: FeedEntry[]; [key: string]: unknown };
}

/** A fresh copy of a chart feed, re-labelled for another storefront when asked. */
export function chartFeed(chart: "top-free" | "top-paid", country = "us"): Feed {
  const feed = load(`us-${chart}.json`) as Feed;
  if (country !== "us") {
    const relabel = (s: string) => s.replace("/us/", `/${country}/`);
    feed.feed.country = country;
    feed.feed.id = relabel(feed.feed.id);
    feed.feed.links = feed.feed.links.map((l) => ({ self: relabel(l.self) }));
  }
  return feed;
}

export interface LookupEntry {
  trackId: number;
  trackName: string;
  userRatingCount: number;
  averageUserRating: number;
  version: string;
  currentVersionReleaseDate: string;
  [key: string]: unknown;
}
export function lookupAnswer(): { resultCount: number; results: LookupEntry[] } {
  return load("lookup-us.json") as { resultCount: number; results: LookupEntry[] };
}

/** The rows a chart feed should become, derived from the JSON alone (not from the loader's code). */
export function expectedChartRows(feed: Feed, chart: "top-free" | "top-paid", retrievedAt: string): ChartSnapshotRow[] {
  return feed.feed.results.map((entry, i) => ({
    store: "app-store",
    country: feed.feed.country,
    chart,
    rank: i + 1,
    app_id: entry.id,
    name: entry.name,
    ...(entry.artistName ? { developer: entry.artistName } : {}),
    feed_updated: new Date(feed.feed.updated).toISOString(),
    retrieved_at: retrievedAt,
  }));
}

export const HOSTILE_NAMES = [
  'Say "Hello" – Quote Maker',
  "Tea, Coffee & More",
  "Line one\nLine two",
  "小红书笔记助手",
  "Emoji Keyboard 😀🔥 Stickers",
  "<script>alert(1)</script>",
  '=HYPERLINK("http://example.com","Calc")',
  "  Spaced Out  ",
];

/** The tracked apps as in data/tracked_apps (the dossier's ids). */
export const TRACKED_APPS: TrackedAppRow[] = [
  { key: "xiaohongshu", name_en: "RedNote (Xiaohongshu)", name_zh: "小红书", app_store_id: "741292507", google_play_id: "com.xingin.xhs", color: "#ff2442", role: "focus" },
  { key: "lemon8", name_en: "Lemon8", app_store_id: "1498607143", google_play_id: "com.bd.lemon8", color: "#758006", role: "focus" },
  { key: "tiktok", name_en: "TikTok", app_store_id: "835599320", google_play_id: "com.zhiliaoapp.musically", color: "#08837f", role: "focus" },
  { key: "capcut", name_en: "CapCut", app_store_id: "1500855883", google_play_id: "com.lemon.lvoverseas", color: "#9d38d7", role: "context" },
  { key: "chatgpt", name_en: "ChatGPT", app_store_id: "6448311069", google_play_id: "com.openai.chatgpt", color: "#6ca082", role: "context" },
  { key: "no-ios", name_en: "Android Only", google_play_id: "com.example.android", color: "#000000", role: "context" },
];
