import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAll } from "../../loaders/store/read.ts";
import { writeSnapshot } from "../../loaders/store/write.ts";
import { runTsx } from "../helpers/run-tsx.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "observe-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under root with its sha256: equal trees are byte-identical. */
async function tree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(root.length + 1)] = createHash("sha256").update(await readFile(path)).digest("hex");
  }
  return out;
}

const GOOD = {
  platform: "xiaohongshu",
  subject: "#tiktokrefugee",
  metric: "views",
  value: "2100000000",
  qualifier: "about",
  observed: "2025-01-16T09:30:00+08:00",
  url: "https://www.xiaohongshu.com/page/topics/5be0a1b2c3",
  note: "Topic page header, read by hand",
};

function flags(values: Record<string, string | undefined>): string[] {
  return Object.entries(values).flatMap(([name, value]) => (value === undefined ? [] : [`--${name}`, value]));
}

const observe = (values: Record<string, string | undefined>) => runTsx("bin/observe.ts", [...flags(values), "--data-dir", dir], { TRACKER_DATA_DIR: undefined });

describe("npm run observe", () => {
  it("stores a good observation as one new file, prints the stored row, and verify passes", async () => {
    const run = await observe(GOOD);
    expect(run.code, run.stderr).toBe(0);
    const [status, ...json] = run.stdout.split("\n");
    expect(status).toMatch(/^observe: M001 stored reported\/observe\/m001\/\d{4}-\d{2}-\d{2}T[\d-]+\.\d{3}Z\.csv$/);
    const printed = JSON.parse(json.join("\n")) as Record<string, unknown>;
    expect(printed).toEqual({
      id: "M001",
      date: "2025-01-16",
      date_precision: "day",
      platform: "xiaohongshu",
      subject: "#tiktokrefugee",
      metric: "views",
      value: 2100000000,
      qualifier: "about",
      publisher: "www.xiaohongshu.com",
      url: "https://www.xiaohongshu.com/page/topics/5be0a1b2c3",
      note: "Topic page header, read by hand",
    });
    const files = Object.keys(await tree(dir)).filter((f) => f.endsWith(".csv"));
    expect(files).toEqual([status!.split(" ").at(-1)]);
    expect(await readAll(dir, "reported")).toEqual([printed]);
    const verify = await runTsx("bin/verify.ts", ["--data-dir", dir]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain("1 files, 1 rows");
  });

  it("gives the next observation the next id, and stores a correction as a new version of the same id", async () => {
    const second = await observe({ ...GOOD, subject: "#rednote", value: "5e6", qualifier: "at-least", observed: "2025-01-17", publisher: "Xiaohongshu" });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^observe: M002 stored reported\/observe\/m002\//);
    const fix = await observe({ ...GOOD, id: "M001", value: "2200000000" });
    expect(fix.code, fix.stderr).toBe(0);
    expect(fix.stdout).toMatch(/^observe: M001 stored reported\/observe\/m001\//);
    const rows = (await readAll(dir, "reported")).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(rows.map((r) => [r.id, r.value, r.publisher])).toEqual([
      ["M001", 2_200_000_000, "www.xiaohongshu.com"],
      ["M002", 5_000_000, "Xiaohongshu"],
    ]);
    expect(Object.keys(await tree(dir)).filter((f) => f.endsWith(".csv"))).toHaveLength(3);
  });

});

describe("npm run observe rejects bad input", () => {
  let seeded: string;
  beforeAll(async () => {
    seeded = await mkdtemp(join(tmpdir(), "observe-reject-"));
    const row = { id: "M001", date: "2025-01-16", date_precision: "day", platform: "xiaohongshu", subject: "#tiktokrefugee", metric: "views", value: 1, qualifier: "exact", publisher: "example.org", url: "https://example.org/a" } as const;
    await writeSnapshot(seeded, { dataset: "reported", source: "observe", scope: "m001", retrievedAt: "2025-01-16T00:00:00.000Z", rows: [row], sources: [] });
  });
  afterAll(async () => {
    await rm(seeded, { recursive: true, force: true });
  });

  const rejections: [string, Record<string, string | undefined>, RegExp][] = [
    ["a missing source URL", { ...GOOD, url: undefined }, /^observe: missing --url \(stdin is not a terminal/],
    ["a value that is not a number", { ...GOOD, value: "2.1 billion" }, /^observe: --value must be a number written with digits only.*"2\.1 billion"/],
    ["a date in the future", { ...GOOD, observed: "2099-01-01" }, /^observe: --observed 2099-01-01 is in the future/],
    ["a javascript: URL", { ...GOOD, url: "javascript:alert(document.cookie)" }, /^observe: --url must be an http\(s\) URL, not a javascript: URL/],
  ];

  // Nothing here writes, so the runs may overlap.
  it.concurrent.each(rejections)("%s: one line, exit 2, the data directory byte-identical", async (_what, values, message) => {
    const before = await tree(seeded);
    const run = await runTsx("bin/observe.ts", [...flags(values), "--data-dir", seeded], { TRACKER_DATA_DIR: undefined });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("nothing was written");
    expect(await tree(seeded)).toEqual(before);
  });
});
