/**
 * `npm run import`: brings an editor's CSV (reported numbers, events, tracked apps) into the store
 * as a new versioned file, after validating every row. Nothing is written if any row is bad.
 */
import { readFile } from "node:fs/promises";
import { resolveDataDir } from "../loaders/config.ts";
import { parseCsv } from "../loaders/csv.ts";
import { parseFlags, runCli, UsageError } from "../loaders/cli.ts";
import { DATASETS, isDatasetName } from "../loaders/schema.ts";
import { writeSnapshot } from "../loaders/store/write.ts";

const HELP = `Usage: npm run import -- --dataset NAME --file PATH [--scope SCOPE] [--data-dir DIR]

Validates every row of the CSV at PATH against the schema of NAME and stores it as a new
versioned file data/NAME/editorial/SCOPE/<time>.csv. Datasets: ${Object.keys(DATASETS).join(", ")}.
The CSV needs the dataset's columns in order (see docs/data-dictionary.md).`;

runCli(async () => {
  const { values } = parseFlags({
    options: {
      dataset: { type: "string" },
      file: { type: "string" },
      scope: { type: "string", default: "story" },
      "data-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.dataset || !isDatasetName(values.dataset)) {
    throw new UsageError(`--dataset must be one of ${Object.keys(DATASETS).join(", ")}${values.dataset ? ` (got "${values.dataset}")` : ""}.`);
  }
  if (!values.file) throw new UsageError("--file is required: the CSV to import.");
  const dataset = values.dataset;
  const text = await readFile(values.file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${values.file} (${error.code}).`);
  });
  const { rows, errors } = parseCsv(dataset, text);
  if (errors.length > 0) {
    for (const e of errors) console.error(`${values.file}:${e.message}`);
    console.error(`import: ${errors.length} bad row(s); nothing was written.`);
    return 1;
  }
  const urls = [...new Set(rows.flatMap((r) => ("url" in r && typeof r.url === "string" ? [r.url] : [])))];
  const result = await writeSnapshot(resolveDataDir(values["data-dir"]), {
    dataset,
    source: "editorial",
    scope: values.scope,
    retrievedAt: new Date().toISOString(),
    rows,
    sources: urls.map((path) => ({ title: "Publisher page cited in the rows", path })),
  });
  console.log(`import: ${result.status} ${result.path} (${result.rows} rows)`);
  return 0;
});
