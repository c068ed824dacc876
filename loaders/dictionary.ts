/**
 * The data dictionary (docs/data-dictionary.md), generated from the zod schemas so it can never
 * drift from what validation accepts. `npm run data:dictionary` (bin/dictionary.ts) rewrites it; a
 * test checks it.
 */
import { resolve } from "node:path";
import { PROJECT_ROOT } from "./config.ts";
import { DATASETS, type DatasetName } from "./schema.ts";
import { tableSchema, type TableField } from "./table-schema.ts";

export const DICTIONARY_PATH = resolve(PROJECT_ROOT, "docs/data-dictionary.md");

const cell = (text: string) => text.replaceAll("|", "\\|");

function rules(field: TableField): string {
  const c = field.constraints;
  const parts: string[] = [];
  if (c.enum) parts.push(`one of ${c.enum.map((v) => `\`${v}\``).join(", ")}`);
  if (c.minimum !== undefined) parts.push(`≥ ${c.minimum}`);
  if (c.maximum !== undefined) parts.push(`≤ ${c.maximum}`);
  if (c.minLength) parts.push("not empty");
  if (c.pattern) parts.push(`matches \`${c.pattern}\``);
  if (field.format === "uri") parts.push("http(s) URL");
  return parts.join("; ");
}

export function renderDictionary(): string {
  const lines = [
    "# Data dictionary",
    "",
    "Generated from `loaders/schema.ts` by `npm run data:dictionary`; do not edit by hand.",
    "",
    "Every dataset is stored as versioned CSV files (UTF-8, RFC 4180, header row) under",
    "`data/<dataset>/<source>/<scope>/<UTC time>.csv`, listed with their sha256 in the manifest: `data/datapackage.json`",
    "indexes its monthly segments under `data/manifest/`.",
    "An empty cell means the value is missing (never zero). Times are UTC ISO 8601.",
    "",
  ];
  for (const name of Object.keys(DATASETS) as DatasetName[]) {
    const d = DATASETS[name];
    lines.push(`## \`${name}\`: ${d.title}`, "", d.description, "");
    lines.push(
      `Kind: **${d.kind}**. Reading: ${d.reading === "append" ? "every file's rows together (a time series of snapshots)" : "the newest file of each source and scope (older versions stay on record)"}.`,
      "",
    );
    lines.push("| column | type | required | meaning | rules |", "|---|---|---|---|---|");
    for (const f of tableSchema(name).fields) {
      lines.push(`| \`${f.name}\` | ${f.type} | ${f.constraints.required ? "yes" : "no"} | ${cell(f.description)} | ${cell(rules(f))} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
