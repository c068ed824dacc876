/**
 * The timeline's filtering, pure: which events a reader sees for the categories ticked and the
 * words typed, and how they group by month. No DOM here, so it is tested on its own.
 */
import type { EventPoint } from "./story-types.js";

export interface TimelineEvent extends Omit<EventPoint, "label"> {
  via?: string;
  note?: string;
}

export interface TimelineCategory {
  key: string;
  label: string;
  count: number;
}

export interface TimelineData {
  asOf: string | null;
  categories: TimelineCategory[];
  events: TimelineEvent[];
}

export interface TimelineFilter {
  /** Categories to show; undefined shows every category, an empty set none. */
  categories?: ReadonlySet<string>;
  /** Words to find, in any order, in the title, source, note or category. */
  query?: string;
}

export interface MonthGroup {
  /** "2025-01" */
  key: string;
  /** "January 2025" */
  label: string;
  events: TimelineEvent[];
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Lower case without accents, so "Xi" finds "Xí" and "supreme court" finds "Supreme Court". */
export function normalizeText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

export function searchTerms(query: string | undefined): string[] {
  return normalizeText(query ?? "")
    .split(/\s+/)
    .map((t) => t.replace(/^["'“”‘’]+|["'“”‘’]+$/g, ""))
    .filter((t) => t.length > 0);
}

function haystack(event: TimelineEvent, categoryLabels: ReadonlyMap<string, string>): string {
  return normalizeText(
    [event.title, event.publisher, event.via ?? "", event.note ?? "", event.category, categoryLabels.get(event.category) ?? "", event.date, event.id].join(" \u0000 "),
  );
}

/** The events that match: in a ticked category and containing every search word. Order is kept. */
export function filterEvents(
  events: readonly TimelineEvent[],
  filter: TimelineFilter,
  categoryLabels: ReadonlyMap<string, string> = new Map(),
): TimelineEvent[] {
  const terms = searchTerms(filter.query);
  return events.filter((e) => {
    if (filter.categories && !filter.categories.has(e.category)) return false;
    if (terms.length === 0) return true;
    const text = haystack(e, categoryLabels);
    return terms.every((t) => text.includes(t));
  });
}

/** Consecutive months, in the order the events come (the loader sorts them oldest first). */
export function groupByMonth(events: readonly TimelineEvent[]): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const event of events) {
    const key = event.date.slice(0, 7);
    let group = groups.find((g) => g.key === key);
    if (!group) {
      const month = Number(key.slice(5, 7));
      group = { key, label: `${MONTHS[month - 1] ?? key} ${key.slice(0, 4)}`, events: [] };
      groups.push(group);
    }
    group.events.push(event);
  }
  return groups;
}

export function statusText(shown: number, total: number): string {
  if (total === 0) return "No events are stored yet.";
  if (shown === total) return `Showing all ${total} events.`;
  if (shown === 0) return `No event matches (0 of ${total}). Tick more categories or change the search.`;
  return `Showing ${shown} of ${total} events.`;
}
