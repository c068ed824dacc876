/**
 * Preloaded into a data loader's process (`node --import ./bench/loader-rss.mjs --import tsx
 * <loader>`): at exit, writes the process's peak RSS (KiB, process.resourceUsage().maxRSS) to
 * $BENCH_RSS_FILE. bench/measure.ts uses it where GNU time (/usr/bin/time) is missing.
 */
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
