/**
 * Framework's client bundle names libraries that pages could import implicitly (d3, Plot, React…)
 * and asks registry.npmjs.org for their latest versions at every build, unless its version cache
 * (empty folders named name@version) already knows one. Our pages import nothing implicitly, so
 * seeding the cache with fixed versions keeps the build offline without changing what readers load.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

const IMPLICIT_LIBRARIES = [
  "@observablehq/plot@0.6.17",
  "@observablehq/sample-datasets@1.0.1",
  "apache-arrow@21.2.0",
  "arquero@8.0.3",
  "d3@7.9.2",
  "d3-dsv@3.0.2",
  "echarts@6.1.0",
  "htl@1.0.0",
  "leaflet@1.9.4",
  "lodash@4.18.1",
  "mapbox-gl@3.32.0",
  "parquet-wasm@0.8.0",
  "react@19.3.1",
  "react-dom@19.3.1",
  "topojson-client@3.1.0",
];

export async function seedNpmVersionCache(root: string): Promise<void> {
  for (const library of IMPLICIT_LIBRARIES) await mkdir(join(root, ".observablehq/cache/_npm", library), { recursive: true });
}
