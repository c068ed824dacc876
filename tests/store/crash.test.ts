/**
 * Crash consistency, short: 8 SIGKILLs of a real writer process at random moments (50–800 ms
 * into its writes). tests/deep/crash.test.ts does the same 60 times.
 */
import { describe } from "vitest";
import { crashConsistency } from "../helpers/crash.ts";

describe("store under SIGKILL", () => {
  crashConsistency({ kills: 8, timeout: 120_000 });
});
