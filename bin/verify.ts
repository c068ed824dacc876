/** `npm run data:verify`: every problem in the data directory, with file and line; exit 1 if any. */
import { resolveDataDir } from "../loaders/config.ts";
import { verifyStore } from "../loaders/store/verify.ts";
import { parseFlags, runCli } from "../loaders/cli.ts";

runCli(async () => {
  const { values } = parseFlags({ options: { "data-dir": { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log("Usage: npm run data:verify [-- --data-dir DIR]\nChecks every file in the data directory against data/datapackage.json and every row against its schema.");
    return 0;
  }
  const dataDir = resolveDataDir(values["data-dir"]);
  const report = await verifyStore(dataDir);
  for (const notice of report.notices) console.log(`note: ${notice}`);
  for (const p of report.problems) console.error(`${p.path}${p.line ? `:${p.line}` : ""}: ${p.message}`);
  if (report.problems.length > 0) {
    console.error(`data:verify: ${report.problems.length} problem(s) in ${dataDir}.`);
    return 1;
  }
  console.log(`data:verify: ${dataDir} is consistent: ${report.files} files, ${report.rows} rows.`);
  return 0;
});
