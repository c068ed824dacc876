// The chart scanner's agreement with the full reading, at length (tests/helpers/chart-scan-property.ts).
import { it } from "vitest";
import { chartScanAgrees } from "../helpers/chart-scan-property.ts";

it("the fast chart scanner agrees with the full reading on 10,000 generated files", () => chartScanAgrees(10_000), 900_000);
