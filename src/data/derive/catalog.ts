/**
 * From datapackage.json to what the Data page shows: every dataset of loaders/schema.ts (stored or
 * not), the rows a reader of it gets, its columns, its versions with sha256 and re-observations.
 * Pure: manifest and download facts in, compact catalog out.
 */
import { DATASETS, type DatasetName } from "../../../loaders/schema.ts";
import type { Download } from "../../../loaders/store/export.ts";
import type { Manifest, Resource } from "../../../loaders/store/manifest.ts";
import { resourcesToRead } from "../../../loaders/store/read.ts";
import { tableSchema } from "../../../loaders/table-schema.ts";
import type { Catalog, CatalogDataset, CatalogVersion } from "./catalog-types.ts";


/** Versions listed per dataset on the page; older ones are in datapackage.json. */
export const VERSION_LIMIT = 60;

const latestOf = (times: Iterable<string>): string | null => {
  let latest: string | null = null;
  for (const t of times) if (latest === null || t > latest) latest = t;
  return latest;
};

const newestFirst = (a: Resource, b: Resource) => (a.retrieved > b.retrieved ? -1 : a.retrieved < b.retrieved ? 1 : a.path < b.path ? -1 : 1);

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

export function deriveCatalog(manifest: Pick<Manifest, "resources" | "licenses">, downloads: readonly Download[], limit = VERSION_LIMIT): Catalog {
  const datasets: CatalogDataset[] = (Object.keys(DATASETS) as DatasetName[]).map((name) => {
    const definition = DATASETS[name];
    const mine = manifest.resources.filter((r) => r.dataset === name);
    const read = new Set(resourcesToRead(manifest.resources, name).map((r) => r.path));
    const versions = [...mine].sort(newestFirst).map((r) => version(r, read.has(r.path)));
    const offered = downloads.filter((d) => d.dataset === name).map(({ path, file, format, period, rows, bytes, sha256 }) => ({ path, file, format, period, rows, bytes, sha256 }));
    return {
      name,
      title: definition.title,
      description: definition.description,
      kind: definition.kind,
      reading: definition.reading,
      files: mine.length,
      currentFiles: read.size,
      scopes: new Set(mine.map((r) => `${r.source}/${r.scope}`)).size,
      rows: offered.reduce((sum, d) => sum + (d.format === "csv" ? d.rows : 0), 0),
      lastUpdate: latestOf(mine.flatMap((r) => [r.retrieved, ...(r.confirmed ?? [])])),
      downloads: offered,
      columns: tableSchema(name).fields.map((f) => ({ name: f.name, type: f.type, required: f.constraints.required, description: f.description })),
      versions: versions.slice(0, limit),
      olderVersions: Math.max(0, versions.length - limit),
    };
  });
  const license = manifest.licenses[0];
  return {
    asOf: latestOf(datasets.flatMap((d) => (d.lastUpdate ? [d.lastUpdate] : []))),
    license: license ? { name: license.name, title: license.title, path: license.path } : null,
    package: {
      files: manifest.resources.length,
      bytes: manifest.resources.reduce((sum, r) => sum + r.bytes, 0),
      toolVersions: [...new Set(manifest.resources.map((r) => r.tool_version))].sort(),
    },
    datasets,
  };
}
