/** Crash consistency, long: 60 SIGKILLs of a real writer process at random moments (npm run test:deep). */
import { describe } from "vitest";
import { crashConsistency } from "../helpers/crash.ts";

describe("store under SIGKILL", () => {
  crashConsistency({ kills: 60, timeout: 600_000 });
});
