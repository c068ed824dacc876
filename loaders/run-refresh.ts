/**
 * The core of `npm run refresh`, apart from argument parsing so tests and other commands (a
 * Markdown summary in CI, `npm run update`) can reuse it: run the chosen sources' scopes, write
 * each scope's snapshots through the store, and report what happened to every scope.
 *
 * A scope succeeds or fails alone: a failed scope writes nothing, the others are still written.
 */
import { DATASETS } from "./schema.ts";
import type { HttpClient } from "./http.ts";
import { readRows } from "./store/read.ts";
import { openStore, type Store } from "./store/write.ts";
import type { ScopeSnapshot, ScopeTask, Source, SourceContext } from "./sources/types.ts";

export type ScopeStatus = "new" | "unchanged" | "failed" | "skipped" | "dry-run";

export interface ScopeResult {
  source: string;
  /** The scope, or "*" for something that concerns the whole source (skipped, or it could not list its scopes). */
  scope: string;
  status: ScopeStatus;
  rows: number;
  /** Wall time of the scope, fetch and write, in ms. */
  ms: number;
  /** One line: why the scope failed or the source was skipped. */
  error?: string;
  /** Snapshot files written or confirmed, relative to the data directory. */
  paths: string[];
  /** URLs asked. */
  urls: string[];
}

export interface Note {
  source: string;
  message: string;
}

export interface Summary {
  dataDir: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  /** In the order of the sources and their scopes. */
  results: ScopeResult[];
  /** What sources logged (warnings start with WARNING), in the order they were logged. */
  notes: Note[];
  failed: ScopeResult[];
  /** Every scope that ran succeeded (skipped sources do not count against this). */
  ok: boolean;
}

export interface RefreshOptions {
  sources: readonly Source[];
  countries: readonly string[];
  dataDir: string;
  http: HttpClient;
  /** Fetch and validate only; open no store and write nothing. */
  dryRun?: boolean;
  /** Base URL per source name, overriding the source's default. */
  baseUrls?: Readonly<Record<string, string>>;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Where notes from sources and the store go as they happen (besides the summary). */
  log?: (message: string) => void;
  /** Called as each scope finishes, e.g. for a progress line. */
  onScope?: (result: ScopeResult, done: number, total: number) => void;
  /** Scopes of one source in flight at once (the HTTP client also limits requests per host). */
  concurrency?: number;
  lockWaitMs?: number;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const messageOf = (error: unknown) => oneLine(error instanceof Error ? error.message : String(error)) || "unknown error";

/** Every snapshot must be storable before any is written, so a scope is written whole or not at all. */
function checkSnapshots(snapshots: readonly ScopeSnapshot[]): void {
  for (const snapshot of snapshots) {
    const first = snapshot.sources[0]?.path ?? "the source";
    if (snapshot.rows.length === 0) throw new Error(`${first} gave no rows for ${snapshot.dataset}; nothing to store.`);
    const schema = DATASETS[snapshot.dataset].schema;
    snapshot.rows.forEach((row, i) => {
      const result = schema.safeParse(row);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new Error(`${first}: row ${i + 1} of ${snapshot.dataset} is invalid (${issue?.path.join(".") ?? ""}: ${oneLine(issue?.message ?? "")}).`);
      }
    });
    if (Number.isNaN(Date.parse(snapshot.retrievedAt))) throw new Error(`${first}: retrieval time "${snapshot.retrievedAt}" is not a time.`);
  }
}

export async function runRefresh(options: RefreshOptions): Promise<Summary> {
  const now = options.now ?? (() => new Date());
  const dryRun = options.dryRun ?? false;
  const startedAt = now().toISOString();
  const notes: Note[] = [];
  const results: ScopeResult[] = [];
  const plans: { source: Source; tasks: ScopeTask[]; offset: number }[] = [];

  for (const source of options.sources) {
    const log = (message: string) => {
      notes.push({ source: source.name, message: oneLine(message) });
      options.log?.(message);
    };
    const context: SourceContext = {
      http: options.http,
      baseUrl: options.baseUrls?.[source.name] ?? source.defaultBaseUrl,
      countries: [...options.countries],
      env: options.env ?? process.env,
      readRows: (dataset) => readRows(options.dataDir, dataset),
      now,
      log,
    };
    const whole = (status: ScopeStatus, error: string): ScopeResult => ({ source: source.name, scope: "*", status, rows: 0, ms: 0, error, paths: [], urls: [] });
    let tasks: ScopeTask[];
    try {
      const skip = source.skipReason?.(context);
      if (skip !== undefined) {
        results.push(whole("skipped", oneLine(skip)));
        continue;
      }
      tasks = source.tasks(context);
    } catch (error) {
      results.push(whole("failed", `${source.name} could not plan its requests: ${messageOf(error)}`));
      continue;
    }
    plans.push({ source, tasks, offset: results.length });
    for (const task of tasks) results.push({ source: source.name, scope: task.scope, status: "failed", rows: 0, ms: 0, error: "did not run", paths: [], urls: [] });
  }

  const total = plans.reduce((n, plan) => n + plan.tasks.length, 0);
  let store: Store | undefined;
  if (!dryRun && total > 0) {
    store = await openStore(options.dataDir, { waitMs: options.lockWaitMs, log: (m) => options.log?.(m) });
  }
  // The store keeps one manifest and one journal: its writes must not interleave.
  let writes: Promise<unknown> = Promise.resolve();
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const next = writes.then(task, task);
    writes = next.catch(() => {});
    return next;
  };
  let done = 0;

  async function runScope(source: Source, task: ScopeTask): Promise<ScopeResult> {
    const t0 = performance.now();
    const result: ScopeResult = { source: source.name, scope: task.scope, status: "failed", rows: 0, ms: 0, paths: [], urls: [] };
    try {
      const snapshots = await task.run();
      result.urls = snapshots.flatMap((s) => s.sources.map((u) => u.path));
      checkSnapshots(snapshots);
      result.rows = snapshots.reduce((n, s) => n + s.rows.length, 0);
      if (dryRun || store === undefined) {
        result.status = "dry-run";
      } else {
        result.status = "unchanged";
        for (const snapshot of snapshots) {
          const written = await serialized(() =>
            store!.write({
              dataset: snapshot.dataset,
              source: source.name,
              scope: task.scope,
              retrievedAt: snapshot.retrievedAt,
              rows: snapshot.rows,
              sources: snapshot.sources,
            }),
          );
          result.paths.push(written.path);
          if (written.status === "new") result.status = "new";
        }
      }
    } catch (error) {
      result.status = "failed";
      result.error = messageOf(error);
    }
    result.ms = performance.now() - t0;
    options.onScope?.(result, ++done, total);
    return result;
  }

  try {
    const width = Math.max(1, options.concurrency ?? 2);
    await Promise.all(
      plans.map(async ({ source, tasks, offset }) => {
        let next = 0;
        const worker = async () => {
          while (next < tasks.length) {
            const i = next++;
            results[offset + i] = await runScope(source, tasks[i]!);
          }
        };
        await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
      }),
    );
  } finally {
    await store?.close();
  }

  const failed = results.filter((r) => r.status === "failed");
  return { dataDir: options.dataDir, dryRun, startedAt, finishedAt: now().toISOString(), results, notes, failed, ok: failed.length === 0 };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const COLUMNS = ["source", "scope", "rows", "status", "time", "error"] as const;

function cells(result: ScopeResult): string[] {
  return [result.source, result.scope, result.status === "skipped" ? "" : String(result.rows), result.status, result.status === "skipped" ? "" : seconds(result.ms), result.error ?? ""];
}

/** The summary as an aligned plain-text table, one line per scope. */
export function formatTable(summary: Summary): string {
  const rows = [COLUMNS.map(String), ...summary.results.map(cells)];
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) => (c === COLUMNS.length - 1 ? cell : c === 2 || c === 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The one line that ends a refresh: what failed and why, or that all went well. */
export function finalLine(summary: Summary): string {
  const ran = summary.results.filter((r) => r.status !== "skipped");
  const skipped = summary.results.filter((r) => r.status === "skipped").map((r) => r.source);
  const skippedText = skipped.length > 0 ? `; skipped: ${skipped.join(", ")}` : "";
  if (summary.failed.length > 0) {
    const list = summary.failed.map((r) => `${r.source} ${r.scope} (${r.error ?? "failed"})`).join(", ");
    return `refresh: ${summary.failed.length} of ${ran.length} scopes failed: ${list}`;
  }
  const count = (status: ScopeStatus) => ran.filter((r) => r.status === status).length;
  const what = summary.dryRun ? `${ran.length} scopes fetched and validated (dry run, nothing written)` : `${ran.length} scopes ok (${count("new")} new, ${count("unchanged")} unchanged)`;
  return `refresh: ${what}${skippedText}`;
}

const mdCell = (text: string) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The summary as GitHub-flavoured Markdown (e.g. for a CI job summary). */
export function formatMarkdown(summary: Summary): string {
  const lines = [
    `## Refresh ${summary.dryRun ? "(dry run) " : ""}${summary.ok ? "succeeded" : "failed"}`,
    "",
    `Started ${summary.startedAt}, finished ${summary.finishedAt}.`,
    "",
    `| ${COLUMNS.join(" | ")} |`,
    `|${COLUMNS.map((c) => (c === "rows" || c === "time" ? " ---: " : " --- ")).join("|")}|`,
    ...summary.results.map((r) => `| ${cells(r).map(mdCell).join(" | ")} |`),
    "",
    mdCell(finalLine(summary)),
  ];
  const warnings = summary.notes.filter((n) => n.message.startsWith("WARNING"));
  if (warnings.length > 0) lines.push("", "### Warnings", "", ...warnings.map((n) => `- ${mdCell(n.message)}`));
  return lines.join("\n") + "\n";
}
