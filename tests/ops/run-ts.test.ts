// scripts/run-ts.mjs, how every npm script and data loader starts: it must run TypeScript as tsx
// would (argv, import.meta.url) and never run a stale bundle after a source file changed.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleTypeScript } from "../../scripts/ts-bundle.mjs";
import { PROJECT_ROOT } from "../helpers/run-tsx.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "run-ts-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const runTs = (...args: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, "scripts/run-ts.mjs"), ...args], { encoding: "utf8" });

describe("run-ts", () => {
  it("runs a command with its arguments, its own file as argv[1] and each module's own import.meta.url", async () => {
    await writeFile(join(dir, "where.ts"), "export const where: string = import.meta.url;\n");
    await writeFile(
      join(dir, "main.ts"),
      'import { where } from "./where.ts";\nconst text = "import.meta.url";\nconsole.log(JSON.stringify({ argv: process.argv.slice(1), main: import.meta.url, where, text }));\n',
    );
    const run = runTs(join(dir, "main.ts"), "--flag", "value");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      argv: [join(dir, "main.ts"), "--flag", "value"],
      main: pathToFileURL(join(dir, "main.ts")).href,
      where: pathToFileURL(join(dir, "where.ts")).href,
      text: "import.meta.url",
    });
  });

  it("bundles anew when a file it was made from changes, and reuses the bundle otherwise", async () => {
    const cache = join(dir, "cache");
    await writeFile(join(dir, "value.ts"), "export const value = 1;\n");
    await writeFile(join(dir, "print.ts"), 'import { value } from "./value.ts";\nconsole.log(value);\n');
    const first = await bundleTypeScript(join(dir, "print.ts"), cache);
    expect(await bundleTypeScript(join(dir, "print.ts"), cache)).toBe(first);
    await writeFile(join(dir, "value.ts"), "export const value = 2;\n");
    // Same size, and a time that differs from the first write's, however fast the disk.
    await utimes(join(dir, "value.ts"), new Date(), new Date(Date.now() + 5_000));
    const second = await bundleTypeScript(join(dir, "print.ts"), cache);
    expect(second).not.toBe(first);
    expect(spawnSync(process.execPath, [second], { encoding: "utf8" }).stdout).toBe("2\n");
  });

  it("says how to call it, and names the file and line that does not compile, without a stack trace", async () => {
    const usage = runTs();
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe("usage: node scripts/run-ts.mjs <file.ts> [arguments...]\n");
    await writeFile(join(dir, "broken.ts"), "const x: number = ;\n");
    const broken = runTs(join(dir, "broken.ts"));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^run-ts: could not compile .*broken\.ts: .*broken\.ts:1: Unexpected ";"\n$/);
  });
});
