/**
 * Committing the manifest as segments (the layout is in manifest.ts). Only the months that changed
 * are written, each under a new content-addressed name; then the index is replaced, which is the
 * commit point; then the segments it no longer names are removed. A crash before the index leaves
 * new segments nothing names, a crash after it old ones: either way the index and every segment it
 * names are whole, and the next open removes the rest.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { writeFileAtomic } from "./atomic.ts";
import { buildSegment, groupBySegment, isSegmentPath, MANIFEST_FILE, monthOf, SEGMENT_DIR, segmentKey, serializeIndex, type Manifest, type SegmentRef } from "./manifest.ts";

/**
 * Writes `manifest` to disk given the segments the index names now (`current`; undefined for an
 * empty store or the old single-file manifest, which get every segment) and the segment keys whose
 * resources changed. Returns the segments the new index names.
 */
export async function commitManifest(dataDir: string, manifest: Manifest, current: readonly SegmentRef[] | undefined, changed: ReadonlySet<string>): Promise<SegmentRef[]> {
  const groups = groupBySegment(current === undefined ? manifest.resources : manifest.resources.filter((r) => changed.has(segmentKey(r))));
  const built = [...groups.values()].map((group) => buildSegment(group[0]!.dataset, monthOf(group[0]!.retrieved), group));
  const before = current ?? [];
  const named = new Set(before.map((ref) => ref.path));
  const fresh = built.filter(({ ref }) => !named.has(ref.path));
  const segments = [...before.filter((ref) => !groups.has(`${ref.dataset}/${ref.month}`)), ...built.map((b) => b.ref)];
  const indexPath = join(dataDir, MANIFEST_FILE);
  const indexText = serializeIndex({ ...manifest, segments });
  try {
    for (const { ref, text } of fresh) await writeFileAtomic(dataDir, join(dataDir, ref.path), text);
    await writeFileAtomic(dataDir, indexPath, indexText);
  } catch (error) {
    // Nothing names the new segments, unless the index got into place after all (its rename done, the fsync failed).
    const onDisk = await readFile(indexPath, "utf8").catch(() => undefined);
    if (onDisk !== indexText) await Promise.all(fresh.map(({ ref }) => rm(join(dataDir, ref.path), { force: true })));
    throw error;
  }
  const kept = new Set(segments.map((ref) => ref.path));
  // The write is committed; a segment that cannot be removed now is removed by the next open.
  await Promise.all(before.filter((ref) => !kept.has(ref.path)).map((ref) => rm(join(dataDir, ref.path), { force: true }).catch(() => undefined)));
  return segments;
}

/** Segment files under manifest/ that the index does not name: left by an interrupted write. */
export async function unreferencedSegments(dataDir: string, segments: readonly SegmentRef[]): Promise<string[]> {
  const named = new Set(segments.map((ref) => ref.path));
  const entries = await readdir(join(dataDir, SEGMENT_DIR), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dataDir, join(e.parentPath, e.name)).split(sep).join("/"))
    .filter((path) => isSegmentPath(path) && !named.has(path))
    .sort();
}
