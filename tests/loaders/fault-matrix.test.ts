/**
 * Source faults from a real local server (issue #7), `npm test` subset: every fault class at least
 * once across the sources, four refresh processes. The whole matrix is tests/deep/fault-matrix.test.ts.
 */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../loaders/cli.ts";
import { parseRefreshArgs } from "../../loaders/refresh-args.ts";
import { faultMatrix } from "../helpers/fault-matrix.ts";

describe("fault matrix (every fault class once)", () => {
  faultMatrix({ subset: "quick", timeout: 180_000 });
});

describe("TRACKER_HTTP_MAX_BYTES (the matrix's small body cap)", () => {
  it("sets the HTTP client's maxBytes, and refuses anything but a whole number of at least 1", () => {
    expect(parseRefreshArgs([], { TRACKER_HTTP_MAX_BYTES: "65536" }).http).toEqual({ maxBytes: 65_536 });
    for (const bad of ["0", "1e6", "-5", "big"]) {
      expect(() => parseRefreshArgs([], { TRACKER_HTTP_MAX_BYTES: bad })).toThrow(UsageError);
      expect(() => parseRefreshArgs([], { TRACKER_HTTP_MAX_BYTES: bad })).toThrow(`TRACKER_HTTP_MAX_BYTES="${bad}" must be a whole number of at least 1.`);
    }
  });
});
