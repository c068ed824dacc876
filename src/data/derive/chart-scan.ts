/**
 * A fast reading of one chart_snapshots file for the rankings: only the five columns they use
 * (store, country, chart, rank, app_id) are cut out of the file's bytes, without building a row
 * object or a string per row. Years of history are millions of rows, and parsing every cell into an
 * object and through zod is what made deriving them take minutes.
 *
 * Each value is still checked against its field's zod schema in loaders/schema.ts, once per
 * distinct value (a chart repeats the same few stores, countries, ranks and apps), and must be
 * printable ASCII, which reads the same as UTF-8 and as single bytes. Whatever this scanner does not
 * expect (another header, a row with too few or too many cells, a value its schema refuses) makes
 * it return null, and the caller reads the file the full way, which reports the problem with its
 * line. The other columns are checked by the store when it writes and by `npm run data:verify`. Pure.
 */
import { chartSnapshotRow } from "../../../loaders/schema.ts";
import { columns } from "../../../loaders/table-schema.ts";
import { ChartSummarizer, type ChartSummary, type TrackedIds } from "./chart-summary.ts";

const NEWLINE = 10;
const QUOTE = 34;
const COMMA = 44;

/** Text a character a byte (Latin-1), the way cells are decoded here (see readAnyRow). */
const bytesOf = (text: string): Buffer => Buffer.from(text, "latin1");

const HEADER = bytesOf(columns("chart_snapshots").join(",") + "\n");
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
  // Cells are decoded a byte a character (see readAnyRow): a non-ASCII value needs the full reading.
  if (!ASCII.test(value) || !shape[field].safeParse(value).success) return false;
  acceptedText[field].add(value);
  return true;
}

/** The rank in bytes[from, to) as loaders/csv.ts decodes it (plain decimals), or NaN when its schema refuses it. */
function rankAt(bytes: Uint8Array, from: number, to: number): number {
  if (to <= from || to - from > 16) return NaN;
  let rank = 0;
  for (let i = from; i < to; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return NaN;
    rank = rank * 10 + digit;
  }
  if (acceptedRanks.has(rank)) return rank;
  if (!shape.rank.safeParse(rank).success) return NaN;
  acceptedRanks.add(rank);
  return rank;
}

/** bytes[from, to) a character a byte (Latin-1): every value used is then required to be ASCII. */
const latin1 = (bytes: Buffer, from: number, to: number): string => bytes.toString("latin1", from, to);

const HASH_SEED = 0x811c9dc5;
/** One step of FNV-1a, kept to a small integer (a cheap Map key). */
const hashStep = (hash: number, byte: number): number => Math.imul(hash ^ byte, 16777619) & 0x3fffffff;

function hashOf(bytes: Uint8Array): number {
  let hash = HASH_SEED;
  for (const byte of bytes) hash = hashStep(hash, byte);
  return hash;
}

interface Entry<T> {
  bytes: Uint8Array;
  value: T;
  /** The next entry whose bytes hash the same. */
  next: Entry<T> | undefined;
}

/**
 * Accepted values by the bytes that spell them, so that a row's values are found without making a
 * string of them. An entry is only added once its value has passed its schema (see readAnyRow).
 */
class Accepted<T> {
  private readonly byHash = new Map<number, Entry<T>>();

  get(bytes: Uint8Array, from: number, to: number, hash: number): Entry<T> | undefined {
    outer: for (let entry = this.byHash.get(hash); entry; entry = entry.next) {
      const known = entry.bytes;
      if (known.length !== to - from) continue;
      for (let k = 0; k < known.length; k++) if (known[k] !== bytes[from + k]) continue outer;
      return entry;
    }
    return undefined;
  }

  /** The entry for `text` (ASCII), added with `value` if new. */
  add(text: string, value: T): Entry<T> {
    const bytes = bytesOf(text);
    const hash = hashOf(bytes);
    const known = this.get(bytes, 0, bytes.length, hash);
    if (known) return known;
    const entry = { bytes, value, next: this.byHash.get(hash) };
    this.byHash.set(hash, entry);
    return entry;
  }
}

type Chart = Pick<ChartSummary, "store" | "country" | "chart">;
/** Keyed by "store,country,chart,", the way rows begin. */
const acceptedCharts = new Accepted<Chart>();
const acceptedIds = new Accepted<string>();

/** Where a row reader leaves the row's values. */
interface Row {
  chart: Entry<Chart> | undefined;
  rank: number;
  id: string;
  /** Where the next quote is (or the end), found once for the rows before it. */
  nextQuote: number;
}

/**
 * Where the quoted cell whose text starts at `from` ends (its closing quote; "" is a quote in the
 * text), or -1 when it does not.
 */
function closingQuote(bytes: Uint8Array, from: number): number {
  const length = bytes.length;
  for (let i = from; i < length; i += 2) {
    while (i < length && bytes[i] !== QUOTE) i++;
    if (i >= length) return -1;
    if (bytes[i + 1] !== QUOTE) return i;
  }
  return -1;
}

/**
 * Counts the cells after the app id's comma at `i` without reading them (quoted ones may hold
 * commas, quotes and newlines). Returns where the next row starts, or -1 when the row does not have
 * FIELDS cells or is not quoted the way the store writes (a quote inside an unquoted cell).
 */
function skipRest(bytes: Buffer, i: number, row: Row): number {
  // Most rows hold no quote: their commas and end are found with indexOf (memchr), not byte by byte.
  let end = bytes.indexOf(NEWLINE, i + 1);
  if (end < 0) end = bytes.length;
  if (row.nextQuote <= i) {
    row.nextQuote = bytes.indexOf(QUOTE, i + 1);
    if (row.nextQuote < 0) row.nextQuote = bytes.length;
  }
  if (row.nextQuote > end) {
    for (let cells = 1; cells < FIELDS - USED.length; cells++) {
      i = bytes.indexOf(COMMA, i + 1);
      if (i < 0 || i > end) return -1;
    }
    const extra = bytes.indexOf(COMMA, i + 1);
    return extra >= 0 && extra < end ? -1 : end + 1;
  }
  const length = bytes.length;
  let cells = 0;
  for (;;) {
    i++;
    cells++;
    if (bytes[i] === QUOTE) {
      i = closingQuote(bytes, i + 1);
      if (i < 0) return -1;
      i++;
    } else {
      for (; i < length; i++) {
        const byte = bytes[i]!;
        if (byte <= COMMA && (byte === COMMA || byte === NEWLINE || byte === QUOTE)) break;
      }
    }
    if (i >= length || bytes[i] === NEWLINE) break;
    if (bytes[i] !== COMMA) return -1;
  }
  return cells === FIELDS - USED.length ? i + 1 : -1;
}

/**
 * Reads the row at `pos` when it is the usual kind: its first five cells unquoted printable ASCII,
 * spelling a chart, rank and app id accepted before. The chart is mostly the row before's, so its
 * bytes are compared first. Returns where the next row starts, or -1 for any other row (readAnyRow).
 */
function readUsualRow(bytes: Buffer, pos: number, row: Row): number {
  const length = bytes.length;
  let chart = row.chart;
  let i = pos;
  if (chart) {
    const prefix = chart.bytes;
    if (pos + prefix.length <= length) {
      for (let k = 0; k < prefix.length; k++) {
        if (bytes[pos + k] !== prefix[k]) {
          chart = undefined;
          break;
        }
      }
    } else {
      chart = undefined;
    }
  }
  if (chart) {
    i += chart.bytes.length;
  } else {
    let hash = HASH_SEED;
    for (let commas = 0; commas < 3; i++) {
      if (i >= length) return -1;
      const byte = bytes[i]!;
      if (byte < 0x20 || byte > 0x7e || byte === QUOTE) return -1;
      if (byte === COMMA) commas++;
      hash = hashStep(hash, byte);
    }
    chart = acceptedCharts.get(bytes, pos, i, hash);
    if (!chart) return -1;
  }
  const rankFrom = i;
  while (i < length && bytes[i] !== COMMA && bytes[i] !== NEWLINE) i++;
  if (bytes[i] !== COMMA) return -1;
  const rank = rankAt(bytes, rankFrom, i);
  if (Number.isNaN(rank)) return -1;
  const idFrom = ++i;
  let hash = HASH_SEED;
  for (; i < length; i++) {
    const byte = bytes[i]!;
    if (byte === COMMA || byte < 0x20 || byte > 0x7e || byte === QUOTE) break;
    hash = hashStep(hash, byte);
  }
  if (bytes[i] !== COMMA) return -1;
  const id = acceptedIds.get(bytes, idFrom, i, hash);
  if (!id) return -1;
  const next = skipRest(bytes, i, row);
  if (next < 0) return -1;
  row.chart = chart;
  row.rank = rank;
  row.id = id.value;
  return next;
}

/**
 * Reads any row at `pos` (RFC 4180: quoted cells may hold commas, quotes and newlines), checking
 * its first five cells against their schemas and adding them to the accepted values. Returns where
 * the next row starts, or -1 when it is not a row the store writes.
 */
function readAnyRow(bytes: Buffer, pos: number, row: Row): number {
  const cells: string[] = [];
  let i = pos;
  while (cells.length < USED.length) {
    let end: number;
    if (bytes[i] === QUOTE) {
      end = closingQuote(bytes, i + 1);
      if (end < 0) return -1;
      cells.push(latin1(bytes, i + 1, end).replaceAll('""', '"'));
      end++;
    } else {
      end = i;
      while (end < bytes.length && bytes[end] !== COMMA && bytes[end] !== NEWLINE && bytes[end] !== QUOTE) end++;
      cells.push(latin1(bytes, i, end));
    }
    if (bytes[end] !== COMMA) return -1;
    i = end + 1;
  }
  const [store, country, chart, rankCell, id] = cells as [string, string, string, string, string];
  if (!valid("store", store) || !valid("country", country) || !valid("chart", chart) || !valid("app_id", id)) return -1;
  const rankBytes = bytesOf(rankCell);
  const rank = rankAt(rankBytes, 0, rankBytes.length);
  const next = skipRest(bytes, i - 1, row);
  if (Number.isNaN(rank) || next < 0) return -1;
  row.chart = acceptedCharts.add(`${store},${country},${chart},`, { store: store as Chart["store"], country, chart: chart as Chart["chart"] });
  row.rank = rank;
  row.id = acceptedIds.add(id, id).value;
  return next;
}

/** The file's charts, or null when it is not exactly what the store writes (read it the full way). */
export function scanChartSnapshot(bytes: Buffer, ids: TrackedIds): ChartSummary[] | null {
  if (bytes.length < HEADER.length) return null;
  for (let k = 0; k < HEADER.length; k++) if (bytes[k] !== HEADER[k]) return null;
  const summarizer = new ChartSummarizer(ids);
  const row: Row = { chart: undefined, rank: 0, id: "", nextQuote: -1 };
  let chart: Entry<Chart> | undefined;
  let summary: ChartSummary | undefined;
  let tracked: Map<string, string> | undefined;
  let pos = HEADER.length;
  while (pos < bytes.length) {
    let next = readUsualRow(bytes, pos, row);
    if (next < 0) next = readAnyRow(bytes, pos, row);
    if (next < 0) return null;
    if (row.chart !== chart) {
      chart = row.chart!;
      summary = summarizer.chart(chart.value.store, chart.value.country, chart.value.chart);
      tracked = ids[summary.store];
    }
    ChartSummarizer.add(summary!, row.rank, tracked!.get(row.id));
    pos = next;
  }
  return summarizer.result();
}
