/**
 * A store writer in its own process, for crash and concurrency tests:
 *
 *   node --import tsx tests/helpers/write-loop.ts --dir DIR [--start ISO] [--seed N] [--count N]
 *        [--mode session|each] [--wait-ms MS] [--hold stdin] [--gate stdin] [--scope-prefix P]
 *
 * Writes snapshots of a few datasets and scopes, different content each time and now and then
 * the same content again ("unchanged"). `session` opens the store once; `each` opens and closes
 * it for every write (so a kill can land in lock or recovery too). `--hold stdin` waits, with the
 * store open, for a line on stdin before writing; `--gate stdin` waits for one before doing
 * anything (so a test can start the process early and pay Node's start-up time in advance).
 * Lines on stdout, each written only after the step it names has returned:
 *
 *   ready                               loaded, waiting at the gate (--gate stdin)
 *   opening                             about to open the store (and wait for its lock), session mode
 *   opened <pid>                        the store is open (lock held), session mode
 *   start                               about to write the first snapshot
 *   wrote <new|unchanged> <path> <at>   a write returned
 *   closed                              the store is closed (lock released)
 *
 * Store messages go to stderr as "log <message>"; a failure prints "error <message>" to stderr
 * and exits with 2.
 */
import { parseArgs } from "node:util";
import type { ChartSnapshotRow, DatasetName, EventRow, TrackedAppRow } from "../../loaders/schema.ts";
import { openStore, writeSnapshot, type SnapshotInput, type Store } from "../../loaders/store/write.ts";

type AnySnapshotInput = SnapshotInput<DatasetName>;

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    start: { type: "string", default: "2025-01-01T00:00:00.000Z" },
    seed: { type: "string", default: "1" },
    count: { type: "string", default: "1000000" },
    mode: { type: "string", default: "session" },
    "wait-ms": { type: "string", default: "10000" },
    hold: { type: "string" },
    gate: { type: "string" },
    "scope-prefix": { type: "string", default: "s" },
  },
});
if (!values.dir) throw new Error("--dir is required");
const dir = values.dir;
const count = Number(values.count);
const waitMs = Number(values["wait-ms"]);
const start = Date.parse(values.start!);
const prefix = values["scope-prefix"]!;

/** mulberry32: a small seeded PRNG, so a failing run can be repeated with its seed. */
let state = Number(values.seed) >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const NAMES = ["RedNote", "小红书", "Lemon8", "TikTok", 'Say "hi", then', "line\nbreak", "🎉 party", "=SUM(A1)", "Threads", "CapCut"];
const log = (message: string) => process.stderr.write(`log ${message.replaceAll("\n", " ")}\n`);
const say = (line: string) => process.stdout.write(`${line}\n`);

/** The last content written per scope, so some writes repeat it exactly. */
const lastNames = new Map<string, string[]>();

function snapshot(n: number): AnySnapshotInput {
  const at = new Date(start + n * 60_000).toISOString();
  const kind = pick(["chart", "chart", "chart", "events", "apps"] as const);
  const scope = `${prefix}-${kind}-${pick(["a", "b", "c"])}`;
  const size = pick([1, 3, 10, 50, 400]);
  const previous = lastNames.get(scope);
  const names = previous && random() < 0.3 ? previous : Array.from({ length: size }, (_, i) => `${pick(NAMES)} ${i} ${Math.floor(random() * 1e6)}`);
  lastNames.set(scope, names);
  const sources = [{ title: "write-loop", path: "http://127.0.0.1/write-loop" }];
  if (kind === "chart") {
    const rows: ChartSnapshotRow[] = names.map((name, i) => ({ store: "app-store", country: "us", chart: "top-free", rank: i + 1, app_id: String(1000 + i), name, retrieved_at: at }));
    return { dataset: "chart_snapshots", source: "write-loop", scope, retrievedAt: at, rows, sources };
  }
  if (kind === "events") {
    const rows: EventRow[] = names.map((title, i) => ({ id: `E${String(i + 1).padStart(3, "0")}`, date: "2025-01-13", date_precision: "day", category: "tiktok", title, publisher: "Test", url: "https://example.com/a" }));
    return { dataset: "events", source: "write-loop", scope, retrievedAt: at, rows, sources };
  }
  const rows: TrackedAppRow[] = names.map((name, i) => ({ key: `app-${i}`, name_en: name, color: "#ff2442", role: "focus" }));
  return { dataset: "tracked_apps", source: "write-loop", scope, retrievedAt: at, rows, sources };
}

async function waitForStdin(): Promise<void> {
  await new Promise<void>((resolve) => {
    process.stdin.once("data", () => resolve());
    process.stdin.once("end", () => resolve());
  });
  process.stdin.pause();
}

async function main(): Promise<void> {
  const options = { waitMs, log };
  if (values.gate === "stdin") {
    say("ready");
    await waitForStdin();
  }
  let store: Store | undefined;
  if (values.mode === "session") {
    say("opening");
    store = await openStore(dir, options);
    say(`opened ${process.pid}`);
    if (values.hold === "stdin") await waitForStdin();
  }
  say("start");
  for (let n = 0; n < count; n++) {
    const input = snapshot(n);
    const result = store ? await store.write(input) : await writeSnapshot(dir, input, options);
    say(`wrote ${result.status} ${result.path} ${input.retrievedAt}`);
  }
  if (store) await store.close();
  say("closed");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`error ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
