/**
 * The CSV and schema properties of tests/loaders/csv.property.test.ts, 10,000 cases per dataset
 * and property (npm run test:deep).
 */
import { csvProperties } from "../helpers/csv-properties.ts";

csvProperties({ numRuns: 10_000, timeout: 900_000 });
