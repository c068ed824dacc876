/** `npm run data:diff -- <from> <to>`: what moved in the top charts (loaders/diff.ts). */
import { runCli } from "../loaders/cli.ts";
import { diffStore, formatReport, HELP, parseDiffArgs } from "../loaders/diff.ts";

runCli(async () => {
  const args = parseDiffArgs(process.argv.slice(2));
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const report = await diffStore({ dataDir: args.dataDir, from: args.from!, to: args.to!, countries: args.countries, charts: args.charts });
  if (report.problem !== undefined) {
    if (args.format === "json") console.log(JSON.stringify(report, null, 1));
    console.error(`data:diff: ${report.problem}`);
    return 1;
  }
  console.log(formatReport(report, args.format, args.limit));
  return 0;
});
