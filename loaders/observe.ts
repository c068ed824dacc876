/**
 * What `npm run observe` does (bin/observe.ts): records one number seen where there is no API (a
 * Xiaohongshu topic page, a TikTok hashtag page, a post on X) into the `reported` dataset, with its
 * source URL.
 *
 * Each observation gets the next free id M001, M002, ... and is stored as its own versioned file
 * data/reported/observe/<id>/<time>.csv; `--id M001` stores a corrected version of M001 (readers
 * of `reported` take the newest file of each scope). Every value is checked before anything is
 * written: a bad or missing flag is an InputError, with the data directory untouched. Missing
 * flags are asked for when stdin is a terminal.
 */
import { createInterface } from "node:readline/promises";
import { parseFlags } from "./cli.ts";
import { DATE_PRECISIONS, QUALIFIERS, reportedObservationRow, type ReportedObservationRow } from "./schema.ts";
import { readAll } from "./store/read.ts";
import { openStore } from "./store/write.ts";

export const HELP = `Usage: npm run observe -- --platform P --subject S --metric M --value N --observed DATE --url URL [options]

Records a number you saw (on a page with no API) in the reported dataset, as a new versioned
file data/reported/observe/<id>/<time>.csv, and prints the stored row.

Required (asked for when run in a terminal):
  --platform P        where the number is from, lower-case slug: xiaohongshu, tiktok, x, app-store
  --subject S         what was measured: an app key or a hashtag starting with #, e.g. "#tiktokrefugee"
  --metric M          what the number counts, lower-case slug: views, posts, followers
  --value N           the number as shown, digits only (60000000, not "60M" or "60,000,000")
  --observed DATE     when you saw it: YYYY-MM-DD or an ISO date-time; not in the future
  --url URL           the http(s) page the number was read on
Options:
  --qualifier Q       ${QUALIFIERS.join(", ")} (default exact)
  --value-high N      upper end, required with --qualifier range
  --precision P       how exact the date is: ${DATE_PRECISIONS.join(", ")} (default day)
  --country CC        two-letter country, when the number has one
  --archive-url URL   an archived copy of the page (e.g. web.archive.org)
  --publisher NAME    who published the number (default: the URL's host)
  --note TEXT         context in your own words
  --id M001           store a corrected version of an earlier observation instead of a new one
  --data-dir DIR      data directory (default: TRACKER_DATA_DIR or data/)
  -h, --help          this text

Example:
  npm run observe -- --platform xiaohongshu --subject "#tiktokrefugee" --metric views \\
    --value 2100000000 --qualifier about --observed 2025-01-16 \\
    --url https://www.xiaohongshu.com/page/topics/5be0...`;

/** Required flags, in the order they are asked for, with the question. */
const REQUIRED = [
  ["platform", "Platform (lower-case slug, e.g. xiaohongshu)"],
  ["subject", "Subject (app key or #hashtag)"],
  ["metric", "Metric (lower-case slug, e.g. views)"],
  ["value", "Value (digits only)"],
  ["observed", "Observed on (YYYY-MM-DD)"],
  ["url", "Source URL (http or https)"],
] as const;

/** The flag a schema field came from, so a problem names what the user typed: `--<field>`, with - for _, but these. */
const FLAG_OF: Record<string, string> = { date: "--observed", date_precision: "--precision" };

/** A problem with what the user typed: one line, exit 2, nothing written. */
export class InputError extends Error {}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function parseNumber(flag: string, raw: string): number {
  const text = raw.trim();
  if (!NUMBER.test(text)) throw new InputError(`${flag} must be a number written with digits only, e.g. 60000000 (got "${raw}")`);
  return Number(text);
}

/** A plain date is taken as written; a date-time (UTC when it has no offset) gives its UTC day. */
function parseObserved(raw: string, now: Date): string {
  const text = raw.trim();
  let day: string;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) throw new InputError(`--observed "${raw}" is not a real date`);
    day = text;
    // The calendar date somewhere on Earth (UTC+14) may already be tomorrow's UTC date.
    const latest = new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
    if (day > latest) throw new InputError(`--observed ${day} is in the future`);
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) {
    const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
    const ms = Date.parse(zoned);
    if (Number.isNaN(ms)) throw new InputError(`--observed "${raw}" is not a valid ISO date-time`);
    if (ms > now.getTime() + 60_000) throw new InputError(`--observed ${text} is in the future`);
    day = new Date(ms).toISOString().slice(0, 10);
  } else {
    throw new InputError(`--observed must be YYYY-MM-DD or an ISO date-time (got "${raw}")`);
  }
  return day;
}

function parseWebUrl(flag: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InputError(`${flag} must be a full http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InputError(`${flag} must be an http(s) URL, not a ${url.protocol} URL`);
  }
  return url;
}

type Values = Partial<Record<string, string | boolean>>;

/** Asks on the terminal for each required flag not given; an InputError when there is no terminal. */
export async function askForMissing(values: Values): Promise<void> {
  const missing = REQUIRED.filter(([flag]) => !values[flag]);
  if (missing.length === 0) return;
  if (!process.stdin.isTTY) {
    throw new InputError(`missing ${missing.map(([flag]) => `--${flag}`).join(", ")} (stdin is not a terminal, so nothing can be asked)`);
  }
  // Questions go to stderr so stdout carries only the stored row.
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    for (const [flag, question] of missing) {
      let answer = "";
      while (!answer) {
        answer = await rl.question(`${question}: `).then(
          (text) => text.trim(),
          () => {
            // Ctrl+D or Ctrl+C: the input ended without an answer.
            throw new InputError(`no answer for --${flag}`);
          },
        );
      }
      values[flag] = answer;
    }
  } finally {
    rl.close();
  }
}

/** Builds and validates the row, with a placeholder id when the real one is not known yet. */
function buildRow(values: Values, now: Date, id: string): ReportedObservationRow {
  const str = (flag: string) => {
    const v = values[flag];
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const url = parseWebUrl("--url", str("url")!);
  const archive = str("archive-url");
  const valueHigh = str("value-high");
  const candidate: Record<string, unknown> = {
    id,
    date: parseObserved(str("observed")!, now),
    date_precision: str("precision") ?? "day",
    platform: str("platform"),
    country: str("country")?.toLowerCase(),
    subject: str("subject"),
    metric: str("metric"),
    value: parseNumber("--value", str("value")!),
    qualifier: str("qualifier") ?? "exact",
    value_high: valueHigh === undefined ? undefined : parseNumber("--value-high", valueHigh),
    publisher: str("publisher") ?? url.hostname,
    url: url.href,
    archive_url: archive === undefined ? undefined : parseWebUrl("--archive-url", archive).href,
    note: str("note"),
  };
  for (const key of Object.keys(candidate)) if (candidate[key] === undefined) delete candidate[key];
  const parsed = reportedObservationRow.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "");
    const flag = FLAG_OF[field] ?? `--${field.replaceAll("_", "-")}`;
    const got = typeof candidate[field] === "string" ? ` (got "${candidate[field]}")` : "";
    throw new InputError(`${flag}: ${issue.message}${got}`);
  }
  return parsed.data;
}

const MANUAL_ID = /^M(\d{3,})([a-z]?)$/;

/** The next free M id after every stored one. */
function nextId(rows: readonly ReportedObservationRow[]): string {
  let max = 0;
  for (const row of rows) {
    const m = MANUAL_ID.exec(row.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `M${String(max + 1).padStart(3, "0")}`;
}

const FLAGS = ["platform", "subject", "metric", "value", "qualifier", "value-high", "observed", "precision", "country", "url", "archive-url", "publisher", "note", "id", "data-dir"] as const;

export function parseObserveArgs(argv: readonly string[]) {
  const options = Object.fromEntries(FLAGS.map((flag) => [flag, { type: "string" as const }])) as Record<(typeof FLAGS)[number], { type: "string" }>;
  return parseFlags({ args: [...argv], options: { ...options, help: { type: "boolean", short: "h" } } }).values;
}

/**
 * Checks every value, then stores the row under the store's lock: a new observation with the next
 * free id, or a corrected version of `values.id`. An InputError before anything is written.
 */
export async function recordObservation(values: Values, dataDir: string, now = new Date()) {
  const correcting = typeof values.id === "string" ? values.id.trim() : undefined;
  if (correcting !== undefined && !MANUAL_ID.test(correcting)) {
    throw new InputError(`--id must name an earlier observation like M001 (got "${correcting}")`);
  }
  // Everything the user typed is checked before the store is opened.
  buildRow(values, now, correcting ?? "M000");
  if (correcting !== undefined) {
    const stored = await readAll(dataDir, "reported");
    if (!stored.some((r) => r.id === correcting)) throw new InputError(`--id ${correcting} is not a stored observation; leave --id out to record a new one`);
  }
  const store = await openStore(dataDir);
  try {
    // The id is chosen under the store's lock, so two observers never take the same one.
    const id = correcting ?? nextId(await readAll(dataDir, "reported"));
    const row = buildRow(values, now, id);
    const result = await store.write({
      dataset: "reported",
      source: "observe",
      scope: id.toLowerCase(),
      retrievedAt: now.toISOString(),
      rows: [row],
      sources: [{ title: `${row.publisher}: page the number was read on`, path: row.url }],
    });
    return { id, row, ...result };
  } finally {
    await store.close();
  }
}
