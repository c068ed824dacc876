/**
 * What moved between two snapshots of one top chart: apps that entered, apps that left, and rank
 * moves, biggest first. Pure functions of the rows, so `npm run data:diff` and the refresh summary
 * can share them; formatting as plain text and as GitHub-flavoured Markdown is here too.
 */
import type { ChartSnapshotRow } from "./schema.ts";

/** An app that is in the later chart and not in the earlier one (rank: in the later chart). */
export interface ChartEntry {
  app_id: string;
  name: string;
  rank: number;
}

/** An app that was in the earlier chart and is not in the later one (rank: its last rank). */
export type ChartExit = ChartEntry;

export interface ChartMove {
  app_id: string;
  /** The name in the later chart. */
  name: string;
  /** Set when the store listed the app under another name in the earlier chart. */
  previous_name?: string;
  from: number;
  to: number;
  /** Places gained: positive when the app climbed (its rank number fell). */
  change: number;
}

export interface ChartDiff {
  store: ChartSnapshotRow["store"];
  country: string;
  chart: ChartSnapshotRow["chart"];
  /** retrieved_at of the compared snapshots; absent for a side with no rows. */
  from_retrieved_at?: string;
  to_retrieved_at?: string;
  /** Chart lengths. */
  from_size: number;
  to_size: number;
  entries: ChartEntry[];
  exits: ChartExit[];
  /** Apps in both charts whose rank changed, largest absolute change first. */
  moves: ChartMove[];
  /** Apps in both charts at the same rank. */
  unchanged: number;
}

export class ChartDiffError extends Error {}

function scopeOf(rows: readonly ChartSnapshotRow[], side: string): { store: ChartSnapshotRow["store"]; country: string; chart: ChartSnapshotRow["chart"] } | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  const other = rows.find((r) => r.store !== first.store || r.country !== first.country || r.chart !== first.chart);
  if (other) {
    throw new ChartDiffError(`the ${side} rows mix charts (${first.store} ${first.country} ${first.chart} and ${other.store} ${other.country} ${other.chart}); compare one chart at a time.`);
  }
  return { store: first.store, country: first.country, chart: first.chart };
}

/** Best (lowest) rank per app: a feed never lists an app twice, but a bad file must not crash the diff. */
function byApp(rows: readonly ChartSnapshotRow[]): Map<string, ChartSnapshotRow> {
  const map = new Map<string, ChartSnapshotRow>();
  for (const row of rows) {
    const seen = map.get(row.app_id);
    if (seen === undefined || row.rank < seen.rank) map.set(row.app_id, row);
  }
  return map;
}

const latestRetrieved = (rows: readonly ChartSnapshotRow[]) =>
  rows.length === 0 ? undefined : rows.reduce((a, r) => (r.retrieved_at > a ? r.retrieved_at : a), rows[0]!.retrieved_at);

/**
 * Compares two snapshots of the same chart (same store, country and chart). Either side may be
 * empty (a first snapshot: everything is an entry), not both. Ties are ordered by the later rank,
 * then app id, so the result is deterministic.
 */
export function diffCharts(fromRows: readonly ChartSnapshotRow[], toRows: readonly ChartSnapshotRow[]): ChartDiff {
  const fromScope = scopeOf(fromRows, "earlier");
  const toScope = scopeOf(toRows, "later");
  const scope = toScope ?? fromScope;
  if (scope === undefined) throw new ChartDiffError("both snapshots are empty: there is no chart to compare.");
  if (fromScope && toScope && (fromScope.store !== toScope.store || fromScope.country !== toScope.country || fromScope.chart !== toScope.chart)) {
    throw new ChartDiffError(
      `cannot compare different charts: ${fromScope.store} ${fromScope.country} ${fromScope.chart} with ${toScope.store} ${toScope.country} ${toScope.chart}.`,
    );
  }
  const before = byApp(fromRows);
  const after = byApp(toRows);
  const entries: ChartEntry[] = [];
  const moves: ChartMove[] = [];
  let unchanged = 0;
  for (const [id, row] of after) {
    const old = before.get(id);
    if (old === undefined) {
      entries.push({ app_id: id, name: row.name, rank: row.rank });
    } else if (old.rank === row.rank) {
      unchanged++;
    } else {
      moves.push({ app_id: id, name: row.name, ...(old.name !== row.name ? { previous_name: old.name } : {}), from: old.rank, to: row.rank, change: old.rank - row.rank });
    }
  }
  const exits: ChartExit[] = [];
  for (const [id, row] of before) if (!after.has(id)) exits.push({ app_id: id, name: row.name, rank: row.rank });
  const byRankThenId = (a: { rank: number; app_id: string }, b: { rank: number; app_id: string }) => a.rank - b.rank || (a.app_id < b.app_id ? -1 : a.app_id > b.app_id ? 1 : 0);
  entries.sort(byRankThenId);
  exits.sort(byRankThenId);
  moves.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.to - b.to || (a.app_id < b.app_id ? -1 : 1));
  const fromAt = latestRetrieved(fromRows);
  const toAt = latestRetrieved(toRows);
  return {
    ...scope,
    ...(fromAt !== undefined ? { from_retrieved_at: fromAt } : {}),
    ...(toAt !== undefined ? { to_retrieved_at: toAt } : {}),
    from_size: before.size,
    to_size: after.size,
    entries,
    exits,
    moves,
    unchanged,
  };
}

/** True when nothing entered, left or moved. */
export function isQuiet(diff: ChartDiff): boolean {
  return diff.entries.length === 0 && diff.exits.length === 0 && diff.moves.length === 0;
}

const STORE_NAMES: Record<ChartSnapshotRow["store"], string> = { "app-store": "App Store", "google-play": "Google Play" };
const CHART_NAMES: Record<ChartSnapshotRow["chart"], string> = { "top-free": "top free", "top-paid": "top paid" };

/** "App Store US top free". */
export function chartLabel(diff: Pick<ChartDiff, "store" | "country" | "chart">): string {
  return `${STORE_NAMES[diff.store]} ${diff.country.toUpperCase()} ${CHART_NAMES[diff.chart]}`;
}

export interface FormatOptions {
  /** At most this many moves (and entries, and exits) are listed; the rest are counted. 0: all. Default 10. */
  limit?: number;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const take = <T>(list: readonly T[], limit: number) => (limit > 0 ? list.slice(0, limit) : list);
const more = (list: readonly unknown[], limit: number) => (limit > 0 && list.length > limit ? list.length - limit : 0);
/** Names come from a store feed: keep them on one line. */
export const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, " ");

/** Plain text, one app per line, for a terminal. */
export function formatChartDiffText(diff: ChartDiff, options: FormatOptions = {}): string[] {
  const limit = options.limit ?? 10;
  const lines = [`${chartLabel(diff)}: ${diff.entries.length} in, ${diff.exits.length} out, ${diff.moves.length} moved, ${diff.unchanged} unchanged`];
  const width = Math.max(0, ...take(diff.moves, limit).map((m) => signed(m.change).length));
  const section = <T>(heading: string, list: readonly T[], line: (item: T) => string) => {
    if (list.length === 0) return;
    lines.push(`  ${heading}:`, ...take(list, limit).map((item) => `    ${line(item)}`));
    if (more(list, limit)) lines.push(`    … and ${more(list, limit)} more`);
  };
  section("entered", diff.entries, (e) => `#${e.rank}  ${oneLine(e.name)} (${e.app_id})`);
  section("left", diff.exits, (e) => `was #${e.rank}  ${oneLine(e.name)} (${e.app_id})`);
  section("moved (biggest first)", diff.moves, (m) => {
    const renamed = m.previous_name !== undefined ? ` (was listed as ${oneLine(m.previous_name)})` : "";
    return `${signed(m.change).padStart(width)}  #${m.from} → #${m.to}  ${oneLine(m.name)} (${m.app_id})${renamed}`;
  });
  return lines;
}

/** A table cell or list item from store text: no Markdown, no HTML, one line. */
export function markdownText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/^[#+!-]/, (c) => `\\${c}`);
}

/** GitHub-flavoured Markdown: a heading per chart and a table of changes. */
export function formatChartDiffMarkdown(diff: ChartDiff, options: FormatOptions & { heading?: string } = {}): string[] {
  const limit = options.limit ?? 10;
  const lines = [`${options.heading ?? "###"} ${markdownText(chartLabel(diff))}`, ""];
  lines.push(`${diff.entries.length} in, ${diff.exits.length} out, ${diff.moves.length} moved, ${diff.unchanged} unchanged.`, "");
  if (isQuiet(diff)) return lines;
  lines.push("| change | rank | app | id |", "| ---: | --- | --- | --- |");
  for (const e of take(diff.entries, limit)) lines.push(`| new | #${e.rank} | ${markdownText(e.name)} | ${markdownText(e.app_id)} |`);
  for (const e of take(diff.exits, limit)) lines.push(`| out | was #${e.rank} | ${markdownText(e.name)} | ${markdownText(e.app_id)} |`);
  for (const m of take(diff.moves, limit)) lines.push(`| ${signed(m.change)} | #${m.from} → #${m.to} | ${markdownText(m.name)} | ${markdownText(m.app_id)} |`);
  const rest = more(diff.entries, limit) + more(diff.exits, limit) + more(diff.moves, limit);
  lines.push("");
  if (rest > 0) lines.push(`…and ${rest} more changes (limit ${limit} per kind).`, "");
  return lines;
}
