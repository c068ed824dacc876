/**
 * What starting a command costs an editor (#18): `npm run data:verify` on the committed data, from
 * spawn to exit, and the same command without npm (its script's words, `node --import tsx
 * bin/verify.ts`), alternating, medians of `runs`. `root` is a checkout (another one measures an
 * older commit the same way):
 *
 *   node --import tsx bench/command-start.ts [checkout]
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../loaders/config.ts";
import { timeCommand } from "./measure.ts";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number) => Math.round(n * 1000) / 1000;

export async function timeCommandStart(root = PROJECT_ROOT, runs = 9) {
  const npm: number[] = [];
  const node: number[] = [];
  const [, ...direct] = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["data:verify"]!.split(" ");
  for (let i = 0; i < runs; i++) {
    for (const [times, file, args] of [
      [npm, "npm", ["run", "data:verify"]],
      [node, process.execPath, direct],
    ] as const) {
      const run = await timeCommand(file, args, { cwd: root });
      if (run.code !== 0) throw new Error(`${file} ${args.join(" ")} in ${root} exited ${run.code}: ${run.output.slice(-600)}`);
      times.push(round(run.seconds));
    }
  }
  return { npm_s: median(npm), node_s: median(node), npm_runs_s: npm, node_runs_s: node };
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  console.log(JSON.stringify(await timeCommandStart(resolve(process.argv[2] ?? PROJECT_ROOT))));
}
