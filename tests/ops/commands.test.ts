// How every npm script and data loader starts: `node --import tsx <file.ts>`. A command must see
// its arguments and its own file as argv[1], and each module its own import.meta.url (paths such as
// the project root are computed from it). The layout: commands in bin/, libraries below them.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleTypeScript } from "../../scripts/ts-bundle.mjs";
import { PROJECT_ROOT } from "../helpers/run-tsx.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "commands-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tsx = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", ...args], { cwd: PROJECT_ROOT, encoding: "utf8" });

describe("node --import tsx", () => {
  it("runs a command with its arguments, its own file as argv[1] and each module's own import.meta.url", async () => {
    await writeFile(join(dir, "where.ts"), "export const where: string = import.meta.url;\n");
    await writeFile(
      join(dir, "main.ts"),
      'import { where } from "./where.ts";\nconst text = "import.meta.url";\nconsole.log(JSON.stringify({ argv: process.argv.slice(1), main: import.meta.url, where, text }));\n',
    );
    const run = tsx(join(dir, "main.ts"), "--flag", "value");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      argv: [join(dir, "main.ts"), "--flag", "value"],
      main: pathToFileURL(join(dir, "main.ts")).href,
      where: pathToFileURL(join(dir, "where.ts")).href,
      text: "import.meta.url",
    });
  });

  it("names the file and line that does not compile", async () => {
    await writeFile(join(dir, "broken.ts"), "const x: number = ;\n");
    const broken = tsx(join(dir, "broken.ts"));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/broken\.ts:1:\d+: ERROR: Unexpected ";"/);
  });
});

// Still used by src/data/lib/fold-in-child.ts for its second process, until issue #17 replaces it.
describe("scripts/ts-bundle.mjs", () => {
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
});

const sourceFiles = (folder: string): string[] =>
  readdirSync(join(PROJECT_ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.includes(".observablehq"))
    .map((f) => join(folder, f));
const scripts = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

describe("the layout", () => {
  it("runs every npm script that starts Node with node --import tsx, on a command in bin/ (the bench's in bench/)", () => {
    const node = Object.values(scripts).filter((s) => /\bnode\b/.test(s));
    expect(node.length).toBeGreaterThan(5);
    for (const script of node) expect(script).toMatch(/\bnode --import tsx (bin\/[\w-]+|bench\/run)\.ts\b/);
    expect(Object.values(scripts).join("\n")).not.toContain("run-ts");
  });

  it("keeps commands out of loaders/: nothing there runs on its own", () => {
    for (const file of sourceFiles("loaders")) expect(readFileSync(join(PROJECT_ROOT, file), "utf8"), file).not.toMatch(/(?<!function )\brunCli\(|process\.argv\.slice\(2\)|import\.meta\.main/);
  });

  it("imports nothing from scripts/ or bench/ in src/ and loaders/", () => {
    const upward = [...sourceFiles("src"), ...sourceFiles("loaders")].flatMap((file) =>
      [...readFileSync(join(PROJECT_ROOT, file), "utf8").matchAll(/^import[^"']*["']([^"']+)["']/gm)]
        .map((m) => relative(PROJECT_ROOT, join(PROJECT_ROOT, file, "..", m[1]!)))
        .filter((target) => /^(scripts|bench)\//.test(target))
        .map((target) => `${file} -> ${target}`),
    );
    // Issue #17 replaces fold-in-child.ts's second process; then this list is empty.
    expect(upward).toEqual(["src/data/lib/fold-in-child.ts -> scripts/ts-bundle.mjs"]);
  });
});
