import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/config.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { writeSnapshot } from "../../loaders/store/write.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const run = promisify(execFile);
const quiet = { log: () => {} };
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ path: dir, cleanup } = await tempDir());
  await writeSnapshot(dir, {
    dataset: "tracked_apps",
    source: "editorial",
    scope: "apps",
    retrievedAt: "2025-01-14T12:00:00.000Z",
    rows: [
      { key: "xiaohongshu", name_en: "RedNote", color: "#ff2442", role: "focus" },
      { key: "lemon8", name_en: "Lemon8", color: "#758006", role: "focus" },
    ],
    sources: [],
  }, quiet);
});
afterEach(async () => cleanup());

const csvPath = async () => (await readManifest(dir)).resources[0]!.path;

describe("data:verify catches", () => {
  it("nothing on a consistent store", async () => {
    expect(await verifyStore(dir)).toMatchObject({ files: 1, rows: 2, problems: [] });
  });

  it("a changed byte: hash mismatch naming the file", async () => {
    const path = await csvPath();
    const bytes = await readFile(join(dir, path));
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    await writeFile(join(dir, path), bytes);
    const { problems } = await verifyStore(dir);
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.map((p) => p.message).join()).toMatch(/sha256/);
  });

  it("a size change", async () => {
    const path = await csvPath();
    await writeFile(join(dir, path), (await readFile(join(dir, path), "utf8")) + "\n");
    expect((await verifyStore(dir)).problems.map((p) => p.message).join()).toMatch(/bytes/);
  });

  it("a missing file", async () => {
    const path = await csvPath();
    await rm(join(dir, path));
    expect((await verifyStore(dir)).problems).toEqual([expect.objectContaining({ path, message: expect.stringMatching(/missing/) })]);
  });

  it("an unlisted file", async () => {
    await writeFile(join(dir, "tracked_apps", "sneaked-in.csv"), "key\n");
    expect((await verifyStore(dir)).problems).toEqual([expect.objectContaining({ path: "tracked_apps/sneaked-in.csv", message: expect.stringMatching(/not listed/) })]);
  });

  it("a row failing its schema, with file and line", async () => {
    const path = await csvPath();
    const text = (await readFile(join(dir, path), "utf8")).replace("#758006", "green");
    await writeFile(join(dir, path), text);
    const { problems } = await verifyStore(dir);
    expect(problems).toContainEqual(expect.objectContaining({ path, line: 3, message: expect.stringMatching(/color/) }));
  });

  it("a schema file that no longer matches the zod schema", async () => {
    await writeFile(join(dir, "schemas/tracked_apps.json"), "{}\n");
    expect((await verifyStore(dir)).problems).toContainEqual(expect.objectContaining({ path: "schemas/tracked_apps.json" }));
  });

  it("an unreadable manifest", async () => {
    await writeFile(join(dir, "datapackage.json"), "{ not json");
    expect((await verifyStore(dir)).problems[0]).toMatchObject({ path: "datapackage.json", message: expect.stringMatching(/not valid JSON/) });
  });
});

describe("npm run data:verify", () => {
  const verify = (dataDir: string) => run(process.execPath, ["--import", "tsx", "bin/verify.ts", "--data-dir", dataDir], { cwd: PROJECT_ROOT }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

  it("passes on the committed data, and fails naming any data file with one changed byte", async () => {
    await cp(join(PROJECT_ROOT, "data"), join(dir, "copy"), { recursive: true });
    const ok = await verify(join(dir, "copy"));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/consistent/);
    const manifest = await readManifest(join(dir, "copy"));
    const files = [...manifest.resources.map((r) => r.path), ...new Set(manifest.resources.map((r) => r.schema))];
    for (const file of files) {
      const full = join(dir, "copy", file);
      const original = await readFile(full);
      const changed = Buffer.from(original);
      changed[Math.floor(changed.length / 2)] = changed[Math.floor(changed.length / 2)]! ^ 0x20;
      await writeFile(full, changed);
      const { problems } = await verifyStore(join(dir, "copy"));
      expect(problems.map((p) => p.path), file).toContain(file);
      await writeFile(full, original);
    }
    const bad = join(dir, "copy", manifest.resources[0]!.path);
    await writeFile(bad, Buffer.concat([await readFile(bad), Buffer.from("x")]));
    const failed = await verify(join(dir, "copy"));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(manifest.resources[0]!.path);
  });
});
