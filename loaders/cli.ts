/** Runs a command-line entry point: expected failures print one line, never a stack trace. */
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

/** node:util's parseArgs, whose reports of unknown flags and missing values (over several lines) become one-line UsageErrors. */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    if (String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS")) throw new UsageError((error as Error).message.replace(/\s+/g, " ").trim());
    throw error;
  }
}

/** A repeatable, comma-separated flag's values: `--country us,gb --country fr` is us, gb, fr. */
export const listValues = (values: readonly string[] | undefined) =>
  (values ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "");

export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const usage = error instanceof UsageError;
      console.error(usage ? `${message}\nRun with --help for usage.` : `error: ${message}`);
      process.exitCode = usage ? 2 : 1;
    },
  );
}
