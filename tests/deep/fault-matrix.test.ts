/** Source faults from a real local server (issue #7), `npm run test:deep`: every source × every fault class. */
import { describe } from "vitest";
import { faultMatrix } from "../helpers/fault-matrix.ts";

describe("fault matrix (every source × every fault class)", () => {
  faultMatrix({ subset: "all", timeout: 540_000 });
});
