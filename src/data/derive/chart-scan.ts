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

const shape = chartSnapshotRow.shape;
const ASCII = /^[\x20-\x7e]*$/;
/** Values already accepted by their field's schema. */
const acceptedRanks = new Set<number>();
const acceptedText = { store: new Set<string>(), country: new Set<string>(), chart: new Set<string>(), app_id: new Set<string>() };

function valid(field: keyof typeof acceptedText, value: string): boolean {
  if (acceptedText[field].has(value)) return true;
  // The text was decoded as Latin-1 (see scanChartSnapshot): a non-ASCII value needs the full reading.
  if (!ASCII.test(value) || !shape[field].safeParse(value).success) return false;
  acceptedText[field].add(value);
  return true;
}

/** The rank in text[from, to) as loaders/csv.ts decodes it (plain decimals), or NaN when its schema refuses it. */
function rankAt(text: string, from: number, to: number): number {
  if (to <= from || to - from > 16) return NaN;
  let rank = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    rank = rank * 10 + digit;
  }
  if (acceptedRanks.has(rank)) return rank;
  if (!shape.rank.safeParse(rank).success) return NaN;
  acceptedRanks.add(rank);
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

/**
 * The file's charts, or null when it is not exactly what the store writes (read it the full way).
 * `text` may be the file decoded as Latin-1, which is quicker than UTF-8: every value used here is
 * then required to be ASCII, where both decodings agree.
 */
export function scanChartSnapshot(text: string, ids: TrackedIds): ChartSummary[] | null {
  if (!text.startsWith(HEADER)) return null;
  const summarizer = new ChartSummarizer(ids);
  const length = text.length;
  let pos = HEADER.length;
  let nextQuote = text.indexOf('"', pos);
  if (nextQuote < 0) nextQuote = length;
  // A file is one chart, so rows repeat "store,country,chart,": matched as one prefix, not re-read.
  let prefix = "\u0000";
  let summary: ChartSummary | undefined;
  let tracked: Map<string, string> | undefined;
  while (pos < length) {
    let lineEnd = text.indexOf("\n", pos);
    if (lineEnd < 0) lineEnd = length;
    let rank: number;
    let appId: string;
    if (nextQuote > lineEnd && text.startsWith(prefix, pos)) {
      // The common case: the same chart as the row before, no quotes. Cut rank and app id; the
      // cells after them are not read.
      const c3 = pos + prefix.length - 1;
      const c4 = text.indexOf(",", c3 + 1);
      const c5 = text.indexOf(",", c4 + 1);
      if (c4 < 0 || c5 < 0 || c5 > lineEnd) return null;
      rank = rankAt(text, c3 + 1, c4);
      appId = text.slice(c4 + 1, c5);
      pos = lineEnd + 1;
    } else {
      const record = readRecord(text, pos);
      if (!record || record.cells.length !== FIELDS) return null;
      const [store, country, chart, rankCell, id] = record.cells as [string, string, string, string, string];
      if (!valid("store", store) || !valid("country", country) || !valid("chart", chart)) return null;
      summary = summarizer.chart(store as ChartSummary["store"], country, chart as ChartSummary["chart"]);
      tracked = ids[summary.store];
      prefix = `${store},${country},${chart},`;
      rank = rankAt(rankCell, 0, rankCell.length);
      appId = id;
      pos = record.next;
      nextQuote = text.indexOf('"', pos);
      if (nextQuote < 0) nextQuote = length;
    }
    if (Number.isNaN(rank) || !valid("app_id", appId)) return null;
    ChartSummarizer.add(summary!, rank, tracked!.get(appId));
  }
  return summarizer.result();
}
