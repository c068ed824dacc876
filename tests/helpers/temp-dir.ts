import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createHash } from "node:crypto";

export async function tempDir(prefix = "tracker-"): Promise<{ path: string; cleanup(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** Every file under dir with its sha256: compare before/after to prove nothing changed. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out[path.slice(dir.length + 1)] = createHash("sha256").update(await readFile(path)).digest("hex");
  }
  return out;
}

/**
 * The manifest's files (the index and every segment) as they are now; the returned function puts
 * them back, leaving any newer segment beside them, as a crash before the next index would.
 */
export async function keepManifest(dir: string): Promise<() => Promise<void>> {
  const files = Object.keys(await snapshotTree(dir)).filter((f) => f === "datapackage.json" || f.startsWith("manifest/"));
  const saved = await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f))] as const));
  return async () => {
    for (const [file, bytes] of saved) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), bytes);
    }
  };
}
