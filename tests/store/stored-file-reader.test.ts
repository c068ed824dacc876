/**
 * storedFileReader (loaders/store/read.ts): files read into one reused buffer, sized by the
 * manifest, read whole when their size is not the manifest's, and named when they cannot be read.
 */
import { writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Resource } from "../../loaders/store/manifest.ts";
import { DataError, storedFileReader } from "../../loaders/store/read.ts";
import { tempDir } from "../helpers/temp-dir.ts";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ path: dir, cleanup } = await tempDir("reader-")));
afterEach(async () => cleanup());

const resource = (path: string, bytes: number) => ({ path, bytes }) as Resource;

describe("storedFileReader", () => {
  it("reads each file's bytes, one after another, into its buffer", () => {
    writeFileSync(join(dir, "a.csv"), "first file\n");
    writeFileSync(join(dir, "b.csv"), "second, longer file\n");
    writeFileSync(join(dir, "c.csv"), "");
    const read = storedFileReader();
    expect(read(dir, resource("a.csv", 11)).toString()).toBe("first file\n");
    expect(read(dir, resource("b.csv", 20)).toString()).toBe("second, longer file\n");
    expect(read(dir, resource("a.csv", 11)).toString()).toBe("first file\n");
    expect(read(dir, resource("c.csv", 0)).length).toBe(0);
  });

  it("reads a file whose size is not the manifest's whole, never cut to the manifest's size", () => {
    writeFileSync(join(dir, "a.csv"), "0123456789");
    const read = storedFileReader();
    expect(read(dir, resource("a.csv", 4)).toString()).toBe("0123456789");
    expect(read(dir, resource("a.csv", 9)).toString()).toBe("0123456789");
    expect(read(dir, resource("a.csv", 64)).toString()).toBe("0123456789");
  });

  it("names a file that cannot be read and says to verify the store", async () => {
    await mkdir(join(dir, "folder.csv"));
    const read = storedFileReader();
    for (const path of ["missing.csv", "folder.csv"]) {
      expect(() => read(dir, resource(path, 10))).toThrow(DataError);
      expect(() => read(dir, resource(path, 10))).toThrow(`${join(dir, path)} is listed in the manifest but cannot be read`);
      expect(() => read(dir, resource(path, 10))).toThrow("run npm run data:verify");
    }
  });
});
