/**
 * A sourced number in a page's prose, found by what it says rather than by a row id:
 *
 *   cite(story.ranks, {app: "xiaohongshu", date: "2025-01-14", publisher: "TheWrap"}, (d) => `#${d.value}`)
 *
 * prints the number as a link to the page it was read on, with the publisher in its title. Two
 * rows that fit are the writer's mistake and fail the build; none (a correction removed it) prints
 * "(source missing)", as the site has always said, rather than a number without a source.
 */
import type { Sourced } from "../components/story-types.ts";
import { sourceAnchor } from "../components/dom.ts";
import { inline } from "./html.ts";
import { Markup } from "./markup.ts";

export function sourceTitle(row: Sourced): string {
  return `${row.publisher}${row.via ? `, read on ${row.via}` : ""}`;
}

export function cite<T extends Sourced>(document: Document, rows: readonly T[], match: Partial<T>, text: (row: T) => string): Markup {
  const found = rows.filter((row) => Object.entries(match).every(([key, value]) => row[key as keyof T] === value));
  if (found.length > 1) throw new Error(`cite(${JSON.stringify(match)}) fits ${found.length} rows (${found.map((r) => r.id).join(", ")}): name one more field`);
  const row = found[0];
  return row ? inline(sourceAnchor(document, text(row), row.url, sourceTitle(row))) : new Markup("(source missing)");
}
