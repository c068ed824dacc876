/**
 * A fast reading of one chart_snapshots file for the rankings: only the five columns they use
 * (store, country, chart, rank, app_id) are cut out of the text, without building a row object.
 * Years of history are millions of rows, and parsing every cell into an object and through zod
 * is what made deriving them take minutes.
 *
 * Each value is still checked against its field's zod schema in loaders/schema.ts, once per
 * distinct value (a chart repeats the same few stores, countries and ranks). Whatever this scanner
 * does not expect (another header, a short row, a value its schema refuses) makes it return null,
 * and the caller reads the file the full way, which reports the problem with its line. The other
 * columns are checked by the store when it writes and by `npm run data:verify`. Pure.
 */
import { chartSnapshotRow } from "../../../loaders/schema.ts";
import { columns } from "../../../loaders/table-schema.ts";
import { ChartSummarizer, type ChartSummary, type TrackedIds } from "./chart-summary.ts";

const HEADER = columns("chart_snapshots").join(",") + "\n";
const FIELDS = columns("chart_snapshots").length;
/** The scanner cuts out the first five columns; they must be these. */
const USED = ["store", "country", "chart", "rank", "app_id"];
if (columns("chart_snapshots").slice(0, USED.length).join() !== USED.join()) {
  throw new Error(`chart-scan.ts expects chart_snapshots to begin with ${USED.join(", ")}; update it with the schema.`);
}

/** Values already accepted by their field's schema, per field. */
const accepted = { store: new Set<string>(), country: new Set<string>(), chart: new Set<string>(), app_id: new Set<string>(), rank: new Map<string, number>() };
const shape = chartSnapshotRow.shape;

function valid(field: "store" | "country" | "chart" | "app_id", value: string): boolean {
  if (accepted[field].has(value)) return true;
  if (!shape[field].safeParse(value).success) return false;
  accepted[field].add(value);
  return true;
}

/** The rank as loaders/csv.ts decodes it (plain decimals only), or NaN when its schema refuses it. */
function rankOf(cell: string): number {
  const known = accepted.rank.get(cell);
  if (known !== undefined) return known;
  const rank = /^\d+$/.test(cell) ? Number(cell) : NaN;
  if (!shape.rank.safeParse(rank).success) return NaN;
  accepted.rank.set(cell, rank);
  return rank;
}

/**
 * Reads one RFC 4180 record from `pos` (quoted cells may hold commas, quotes and newlines).
 * Returns its cells and where the next record starts, or null for an unterminated quote.
 */
function readRecord(text: string, pos: number): { cells: string[]; next: number } | null {
  const cells: string[] = [];
  for (;;) {
    let cell: string;
    let end: number;
    if (text.charCodeAt(pos) === 34) {
      cell = "";
      let from = pos + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return null;
        cell += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) !== 34) {
          end = quote + 1;
          break;
        }
        cell += '"';
        from = quote + 2;
      }
    } else {
      const comma = text.indexOf(",", pos);
      const newline = text.indexOf("\n", pos);
      end = comma >= 0 && (newline < 0 || comma < newline) ? comma : newline < 0 ? text.length : newline;
      cell = text.slice(pos, end);
    }
    cells.push(cell);
    const delimiter = text.charCodeAt(end);
    if (delimiter === 44) {
      pos = end + 1;
      continue;
    }
    if (delimiter === 10 || end >= text.length) return { cells, next: end + 1 };
    return null;
  }
}

/** The file's charts, or null when it is not exactly what the store writes (read it the full way). */
export function scanChartSnapshot(text: string, ids: TrackedIds): ChartSummary[] | null {
  if (!text.startsWith(HEADER)) return null;
  const summarizer = new ChartSummarizer(ids);
  const length = text.length;
  let pos = HEADER.length;
  let nextQuote = text.indexOf('"', pos);
  if (nextQuote < 0) nextQuote = length;
  while (pos < length) {
    let lineEnd = text.indexOf("\n", pos);
    if (lineEnd < 0) lineEnd = length;
    let store: string, country: string, chart: string, rankCell: string, appId: string;
    if (nextQuote > lineEnd) {
      // The common case, a record without quotes: cut the five cells, then count the rest.
      const c1 = text.indexOf(",", pos);
      const c2 = text.indexOf(",", c1 + 1);
      const c3 = text.indexOf(",", c2 + 1);
      const c4 = text.indexOf(",", c3 + 1);
      const c5 = text.indexOf(",", c4 + 1);
      if (c1 < 0 || c5 < 0 || c5 > lineEnd) return null;
      let commas = 5;
      for (let c = text.indexOf(",", c5 + 1); c >= 0 && c < lineEnd; c = text.indexOf(",", c + 1)) commas++;
      if (commas !== FIELDS - 1) return null;
      store = text.slice(pos, c1);
      country = text.slice(c1 + 1, c2);
      chart = text.slice(c2 + 1, c3);
      rankCell = text.slice(c3 + 1, c4);
      appId = text.slice(c4 + 1, c5);
      pos = lineEnd + 1;
    } else {
      const record = readRecord(text, pos);
      if (!record || record.cells.length !== FIELDS) return null;
      [store, country, chart, rankCell, appId] = record.cells as [string, string, string, string, string];
      pos = record.next;
      nextQuote = text.indexOf('"', pos);
      if (nextQuote < 0) nextQuote = length;
    }
    const rank = rankOf(rankCell);
    if (Number.isNaN(rank) || !valid("store", store) || !valid("country", country) || !valid("chart", chart) || !valid("app_id", appId)) return null;
    summarizer.add(store as ChartSummary["store"], country, chart as ChartSummary["chart"], rank, appId);
  }
  return summarizer.result();
}
