/** `npm run observe`: records one number seen where there is no API (loaders/observe.ts). */
import { runCli } from "../loaders/cli.ts";
import { resolveDataDir } from "../loaders/config.ts";
import { askForMissing, HELP, InputError, parseObserveArgs, recordObservation } from "../loaders/observe.ts";

runCli(async () => {
  const values = parseObserveArgs(process.argv.slice(2));
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  try {
    await askForMissing(values);
    const result = await recordObservation(values, resolveDataDir(values["data-dir"]));
    console.log(`observe: ${result.id} ${result.status === "new" ? "stored" : "unchanged, already stored as"} ${result.path}`);
    console.log(JSON.stringify(result.row, null, 2));
    return 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.error(`observe: ${error.message}; nothing was written (see --help).`);
    return 2;
  }
});
