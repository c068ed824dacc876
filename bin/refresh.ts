/**
 * `npm run refresh`: fetch the configured sources, validate, and store each scope's snapshot.
 * Exit 0 when every scope that ran succeeded, 1 when some failed (the rest is still written),
 * 2 on a usage error. Arguments are parsed in loaders/refresh-args.ts, the work is runRefresh in
 * loaders/run-refresh.ts.
 */
import { writeFile } from "node:fs/promises";
import { runCli } from "../loaders/cli.ts";
import { USER_AGENT } from "../loaders/config.ts";
import { createHttpClient } from "../loaders/http.ts";
import { HELP, parseRefreshArgs } from "../loaders/refresh-args.ts";
import { finalLine, formatMarkdown, formatTable, runRefresh } from "../loaders/run-refresh.ts";
import { chartMovesMarkdown } from "../loaders/chart-moves.ts";

runCli(async () => {
  const args = parseRefreshArgs(process.argv.slice(2), process.env);
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const tty = process.stderr.isTTY === true;
  const summary = await runRefresh({
    sources: args.sources,
    countries: args.countries,
    dataDir: args.dataDir,
    http: createHttpClient({ userAgent: USER_AGENT, ...args.http }),
    dryRun: args.dryRun,
    baseUrls: args.baseUrls,
    log: (message) => console.error(message),
    onScope: tty
      ? (r, done, total) =>
          console.error(`refresh [${done}/${total}] ${r.source} ${r.scope}: ${r.status}${r.status === "failed" ? ` (${r.error})` : `, ${r.rows} rows`}, ${(r.ms / 1000).toFixed(1)} s`)
      : undefined,
  });

  console.log(formatTable(summary));
  const warnings = summary.notes.filter((n) => n.message.startsWith("WARNING"));
  if (warnings.length > 0) console.log(["", ...warnings.map((w) => w.message)].join("\n"));
  if (args.summaryMd !== undefined) await writeFile(args.summaryMd, formatMarkdown(summary) + (await chartMovesMarkdown(summary)));
  const last = finalLine(summary);
  if (summary.ok) console.log(last);
  else console.error(last);
  return summary.ok ? 0 : 1;
});
