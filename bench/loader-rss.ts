/**
 * Runs a data loader in this process and, at exit, writes the process's peak RSS (KiB, from
 * process.resourceUsage().maxRSS) to $BENCH_RSS_FILE. bench/measure.ts uses it where GNU time
 * (/usr/bin/time) is missing:  node --import tsx bench/loader-rss.ts <loader> [args...]
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [loader, ...args] = process.argv.slice(2);
if (!loader) {
  console.error("usage: node --import tsx bench/loader-rss.ts <loader> [args...]");
  process.exit(2);
}
process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
// The loader sees the argv it would get from tsx: [node, loader, ...args].
process.argv = [process.argv[0]!, resolve(loader), ...args];
await import(pathToFileURL(resolve(loader)).href);
