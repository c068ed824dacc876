/**
 * From each dataset's summary (./store-summary.ts) and the downloads written to what the Data page
 * shows: every dataset of loaders/schema.ts (stored or not), the rows a reader of it gets, its
 * columns, its newest versions with sha256 and re-observations. Pure.
 */
import { DATASETS, type DatasetName } from "../../../loaders/schema.ts";
import type { Download } from "../../../loaders/store/export.ts";
import type { Descriptor, Resource } from "../../../loaders/store/manifest.ts";
import { tableSchema } from "../../../loaders/table-schema.ts";
import { latestOf } from "./as-of.ts";
import { mergeSummaries, VERSION_LIMIT, type DatasetState } from "./store-summary.ts";
import type { Catalog, CatalogDataset, CatalogVersion } from "./catalog-types.ts";

function version(resource: Resource, current: boolean): CatalogVersion {
  return {
    path: resource.path,
    source: resource.source,
    scope: resource.scope,
    retrieved: resource.retrieved,
    confirmed: [...(resource.confirmed ?? [])].sort(),
    rows: resource.rows,
    bytes: resource.bytes,
    sha256: resource.hash.replace(/^sha256:/, ""),
    current,
  };
}

export function deriveCatalog(states: Record<DatasetName, DatasetState>, licenses: Descriptor["licenses"], downloads: readonly Download[], limit = VERSION_LIMIT): Catalog {
  const datasets: CatalogDataset[] = (Object.keys(DATASETS) as DatasetName[]).map((name) => {
    const definition = DATASETS[name];
    const { summary, current } = states[name];
    const read = current && new Set(current.map((r) => r.path));
    const offered = downloads.filter((d) => d.dataset === name).map(({ path, file, format, period, rows, bytes, sha256 }) => ({ path, file, format, period, rows, bytes, sha256 }));
    return {
      name,
      title: definition.title,
      description: definition.description,
      kind: definition.kind,
      reading: definition.reading,
      files: summary.files,
      currentFiles: current?.length ?? summary.files,
      scopes: summary.scopes.length,
      rows: offered.reduce((sum, d) => sum + (d.format === "csv" ? d.rows : 0), 0),
      lastUpdate: summary.latest,
      downloads: offered,
      columns: tableSchema(name).fields.map((f) => ({ name: f.name, type: f.type, required: f.constraints.required, description: f.description })),
      versions: summary.newest.slice(0, limit).map((r) => version(r, read?.has(r.path) ?? true)),
      olderVersions: Math.max(0, summary.files - limit),
    };
  });
  const all = mergeSummaries(Object.values(states).map((s) => s.summary));
  const license = licenses[0];
  return {
    asOf: all.latest,
    license: license ? { name: license.name, title: license.title, path: license.path } : null,
    package: { files: all.files, bytes: all.bytes, toolVersions: all.toolVersions },
    datasets,
  };
}
