/** Runs a command-line entry point: expected failures print one line, never a stack trace. */
export class UsageError extends Error {}

export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      // node:util parseArgs reports unknown or malformed flags with these codes.
      const usage = error instanceof UsageError || String((error as { code?: unknown })?.code ?? "").startsWith("ERR_PARSE_ARGS");
      console.error(usage ? `${message}\nRun with --help for usage.` : `error: ${message}`);
      process.exitCode = usage ? 2 : 1;
    },
  );
}
