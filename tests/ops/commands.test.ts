// How every npm script and data loader starts: `node --import tsx <file.ts>`. A command must see
// its arguments and its own file as argv[1], and each module its own import.meta.url (paths such as
// the project root are computed from it). The layout: commands in bin/, libraries below them.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    expect(upward).toEqual([]);
  });
});
