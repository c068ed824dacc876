/**
 * The manifest split into an index and monthly segments (loaders/store/manifest.ts, segments.ts):
 * a write touches only the segments whose resources changed, segment names are their content's
 * sha256, what a crash leaves unnamed is removed on the next open, the old single-file manifest is
 * read and upgraded by the next write, and damage names the file.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";
import { ManifestError, monthOf, readManifest, readManifestIndex, readManifestOf, readSegment } from "../../loaders/store/manifest.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { openStore, writeSnapshot, type SnapshotInput } from "../../loaders/store/write.ts";
import { snapshotTree, tempDir } from "../helpers/temp-dir.ts";

const quiet = { log: () => {} };

const chart = (at: string, country = "us", names = ["RedNote", "Lemon8"]): SnapshotInput<"chart_snapshots"> => ({
  dataset: "chart_snapshots",
  source: "apple-charts",
  scope: `${country}-top-free`,
  retrievedAt: at,
  rows: names.map((name, i): ChartSnapshotRow => ({ store: "app-store", country, chart: "top-free", rank: i + 1, app_id: String(i + 1), name, retrieved_at: at })),
  sources: [{ title: "test feed", path: `http://127.0.0.1/${country}.json` }],
});

const apps = (at: string): SnapshotInput<"tracked_apps"> => ({
  dataset: "tracked_apps",
  source: "editorial",
  scope: "apps",
  retrievedAt: at,
  rows: [{ key: "xiaohongshu", name_en: "RedNote", color: "#ff2442", role: "focus" }],
  sources: [],
});

/** Files added, removed and changed between two trees. */
function diff(before: Record<string, string>, after: Record<string, string>) {
  const keys = (o: Record<string, string>, pick: (k: string) => boolean) => Object.keys(o).filter(pick).sort();
  return {
    added: keys(after, (k) => !(k in before)),
    removed: keys(before, (k) => !(k in after)),
    changed: keys(after, (k) => k in before && before[k] !== after[k]),
  };
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ path: dir, cleanup } = await tempDir("tracker-segments-"));
  const store = await openStore(dir, quiet);
  await store.writeMany([
    chart("2025-01-10T06:00:00.000Z"),
    chart("2025-01-10T06:00:00.000Z", "gb"),
    apps("2025-01-10T06:00:00.000Z"),
    chart("2025-02-01T06:00:00.000Z", "us", ["Lemon8", "RedNote"]),
  ]);
  await store.close();
});
afterEach(async () => cleanup());

describe("the index and its segments", () => {
  it("names one segment per dataset and UTC month, by its content's sha256, sorted by path", async () => {
    const index = await readManifestIndex(dir);
    expect(index).toMatchObject({ profile: "data-package", name: "rednote-tracker" });
    expect(index).not.toHaveProperty("resources");
    expect(index.segments.map((s) => [s.dataset, s.month, s.resources])).toEqual([
      ["chart_snapshots", "2025-01", 2],
      ["chart_snapshots", "2025-02", 1],
      ["tracked_apps", "2025-01", 1],
    ]);
    const whole = await readManifest(dir);
    for (const ref of index.segments) {
      const bytes = await readFile(join(dir, ref.path));
      const hex = createHash("sha256").update(bytes).digest("hex");
      expect(ref.hash).toBe(`sha256:${hex}`);
      expect(ref.path).toBe(`manifest/${ref.dataset}/${ref.month}.${hex.slice(0, 12)}.json`);
      const resources = await readSegment(dir, ref);
      expect(bytes.toString("utf8")).toBe(JSON.stringify({ resources }, null, 1) + "\n");
      expect(resources.map((r) => r.path)).toEqual(whole.resources.filter((r) => r.dataset === ref.dataset && r.retrieved.startsWith(ref.month)).map((r) => r.path));
    }
    expect(JSON.parse(await readFile(join(dir, "datapackage.json"), "utf8"))).toEqual(index);
  });

  it("reads back as one Data Package: every resource, sorted by path, under the descriptor", async () => {
    const whole = await readManifest(dir);
    expect(whole.resources.map((r) => r.path)).toEqual(whole.resources.map((r) => r.path).sort());
    expect(whole.resources).toHaveLength(4);
    expect(Object.keys(whole)).toEqual(["profile", "name", "title", "description", "licenses", "resources"]);
  });

  it("reads one dataset's manifest from its segments alone", async () => {
    const index = await readManifestIndex(dir);
    for (const ref of index.segments.filter((s) => s.dataset === "chart_snapshots")) await rm(join(dir, ref.path));
    const apps = await readManifestOf(dir, ["tracked_apps"]);
    expect(apps.resources.map((r) => r.dataset)).toEqual(["tracked_apps"]);
    expect(apps.name).toBe("rednote-tracker");
    await expect(readManifest(dir)).rejects.toThrow(/chart_snapshots.*is named in datapackage\.json but missing/);
  });

  it("a new day rewrites only that month's segment of its dataset, and the index", async () => {
    const before = await snapshotTree(dir);
    const january = (await readManifestIndex(dir)).segments.filter((s) => s.month === "2025-01").map((s) => s.path);
    await writeSnapshot(dir, chart("2025-02-02T06:00:00.000Z"), quiet);
    const { added, removed, changed } = diff(before, await snapshotTree(dir));
    expect(changed).toEqual(["datapackage.json"]);
    expect(added).toEqual(["chart_snapshots/apple-charts/us-top-free/2025-02-02T06-00-00.000Z.csv", expect.stringMatching(/^manifest\/chart_snapshots\/2025-02\./)]);
    expect(removed).toEqual([expect.stringMatching(/^manifest\/chart_snapshots\/2025-02\./)]);
    for (const path of january) expect(before[path]).toBeDefined();
    expect((await verifyStore(dir))).toMatchObject({ problems: [], notices: [] });
  });

  it("a confirmation of an older snapshot rewrites that snapshot's segment, not the current month's", async () => {
    const before = await snapshotTree(dir);
    // gb's newest snapshot is from January: seeing it again in February confirms the January file.
    expect((await writeSnapshot(dir, chart("2025-02-03T06:00:00.000Z", "gb"), quiet)).status).toBe("unchanged");
    const { added, removed, changed } = diff(before, await snapshotTree(dir));
    expect(changed).toEqual(["datapackage.json"]);
    expect(added).toEqual([expect.stringMatching(/^manifest\/chart_snapshots\/2025-01\./)]);
    expect(removed).toEqual([expect.stringMatching(/^manifest\/chart_snapshots\/2025-01\./)]);
    const gb = (await readManifest(dir)).resources.find((r) => r.scope === "gb-top-free")!;
    expect(gb.confirmed).toEqual(["2025-02-03T06:00:00.000Z"]);
  });
});

describe("a segment's month", () => {
  it("is the UTC month of the retrieval time, whatever offset the time was written with", () => {
    expect(monthOf("2025-01-31T23:59:59.999Z")).toBe("2025-01");
    expect(monthOf("2025-02-01T00:00:00+01:00")).toBe("2025-01");
    expect(monthOf("2025-01-31T20:00:00-05:00")).toBe("2025-02");
    expect(monthOf("2025-03-01T00:00Z")).toBe("2025-03");
  });
});

describe("segments a crash left", () => {
  it("are a notice for data:verify, not a problem, and the next open removes them", async () => {
    const stray = "manifest/chart_snapshots/2025-03.0123456789ab.json";
    await mkdir(join(dir, "manifest/chart_snapshots"), { recursive: true });
    await writeFile(join(dir, stray), '{ "resources": [] }\n');
    const report = await verifyStore(dir);
    expect(report.problems).toEqual([]);
    expect(report.notices).toEqual([`${stray} is not named in datapackage.json: left by an interrupted write; the next write removes it.`]);
    const store = await openStore(dir, quiet);
    await store.close();
    expect(Object.keys(await snapshotTree(dir))).not.toContain(stray);
    expect(await verifyStore(dir)).toMatchObject({ problems: [], notices: [] });
  });

  it("but a file of another shape under manifest/ is not the store's, and is reported", async () => {
    await writeFile(join(dir, "manifest/notes.txt"), "mine\n");
    expect((await verifyStore(dir)).problems).toEqual([expect.objectContaining({ path: "manifest/notes.txt", message: expect.stringMatching(/not listed/) })]);
    const store = await openStore(dir, quiet);
    await store.close();
    expect(await readFile(join(dir, "manifest/notes.txt"), "utf8")).toBe("mine\n");
  });
});

describe("the old single-file manifest", () => {
  async function downgrade() {
    const whole = await readManifest(dir);
    await rm(join(dir, "manifest"), { recursive: true });
    await writeFile(join(dir, "datapackage.json"), JSON.stringify(whole, null, 1) + "\n");
    return whole;
  }

  it("is read as before; the index reader says how to upgrade it", async () => {
    const whole = await downgrade();
    expect(await readManifest(dir)).toEqual(whole);
    await expect(readManifestIndex(dir)).rejects.toThrow(ManifestError);
    await expect(readManifestIndex(dir)).rejects.toThrow(/old single-file manifest.*npm run refresh/);
    const report = await verifyStore(dir);
    expect(report.problems).toEqual([]);
    expect(report.notices).toEqual([expect.stringMatching(/old single-file manifest; the next write splits it/)]);
  });

  it("is split into segments by the next write, losing nothing", async () => {
    const whole = await downgrade();
    await writeSnapshot(dir, chart("2025-02-02T06:00:00.000Z"), quiet);
    const index = await readManifestIndex(dir);
    expect(index.segments.map((s) => `${s.dataset}/${s.month}`)).toEqual(["chart_snapshots/2025-01", "chart_snapshots/2025-02", "tracked_apps/2025-01"]);
    const after = await readManifest(dir);
    expect(after.resources.filter((r) => r.retrieved !== "2025-02-02T06:00:00.000Z")).toEqual(whole.resources);
    expect(after.resources).toHaveLength(whole.resources.length + 1);
    expect(await verifyStore(dir)).toMatchObject({ problems: [], notices: [] });
  });
});

describe("a damaged segment", () => {
  it("that a write replaced after its index was read is named as such, not as damage", async () => {
    const before = (await readManifestIndex(dir)).segments.find((s) => s.dataset === "chart_snapshots" && s.month === "2025-02")!;
    await writeSnapshot(dir, chart("2025-02-02T06:00:00.000Z", "us", ["RedNote", "Lemon8"]), quiet);
    await expect(readSegment(dir, before)).rejects.toThrow(`${join(dir, before.path)} was replaced by a write to the store after its index was read`);
  });

  it("is reported with its path by readSegment, readManifest and data:verify", async () => {
    const ref = (await readManifestIndex(dir)).segments[0]!;
    const path = join(dir, ref.path);
    await writeFile(path, (await readFile(path, "utf8")).replace('"rows": 2', '"rows": 3'));
    const message = new RegExp(`${path.replaceAll(".", "\\.")} does not match its sha256 in datapackage.json.*restore data/ from git`);
    await expect(readSegment(dir, ref)).rejects.toThrow(message);
    await expect(readManifest(dir)).rejects.toThrow(ManifestError);
    await expect(readManifest(dir)).rejects.toThrow(message);
    expect((await verifyStore(dir)).problems).toContainEqual(expect.objectContaining({ path: ref.path, message: expect.stringMatching(/does not match its sha256/) }));
    await expect(openStore(dir, quiet)).rejects.toThrow(message);
  });

  it("is reported when missing", async () => {
    const ref = (await readManifestIndex(dir)).segments[1]!;
    await rm(join(dir, ref.path));
    await expect(readManifest(dir)).rejects.toThrow(`${join(dir, ref.path)} is named in datapackage.json but missing; restore data/ from git`);
    expect((await verifyStore(dir)).problems).toContainEqual(expect.objectContaining({ path: ref.path, message: expect.stringMatching(/missing/) }));
  });

  it("and a malformed index entry name the index", async () => {
    const text = await readFile(join(dir, "datapackage.json"), "utf8");
    await writeFile(join(dir, "datapackage.json"), text.replace('"month": "2025-02"', '"month": "2025-03"'));
    await expect(readManifestIndex(dir)).rejects.toThrow(/datapackage\.json has a malformed segment entry/);
    expect((await verifyStore(dir)).problems).toEqual([expect.objectContaining({ path: "datapackage.json", message: expect.stringMatching(/malformed segment entry/) })]);
  });
});
