/**
 * Frictionless Table Schema derived from the zod schemas (via zod's JSON Schema output), so
 * datapackage.json, the data dictionary and CSV decoding can never disagree with validation.
 */
import { z } from "zod";
import { DATASETS, type DatasetName } from "./schema.ts";

export type FieldType = "string" | "integer" | "number" | "boolean" | "date" | "datetime";

export interface TableField {
  name: string;
  type: FieldType;
  format?: "uri";
  description: string;
  constraints: {
    required: boolean;
    enum?: string[];
    minimum?: number;
    maximum?: number;
    minLength?: number;
    pattern?: string;
  };
}

export interface TableSchema {
  fields: TableField[];
  missingValues: [""];
}

interface JsonProperty {
  type?: string;
  format?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  description?: string;
}

const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

function fieldType(p: JsonProperty): FieldType {
  if (p.type === "string" && p.format === "date") return "date";
  if (p.type === "string" && p.format === "date-time") return "datetime";
  if (p.type === "integer" || p.type === "number" || p.type === "boolean" || p.type === "string") return p.type;
  throw new Error(`schema property of JSON type ${JSON.stringify(p.type)} has no CSV representation`);
}

function toField(name: string, p: JsonProperty, required: boolean): TableField {
  const type = fieldType(p);
  const constraints: TableField["constraints"] = { required };
  if (p.enum) constraints.enum = p.enum;
  if (p.minimum !== undefined && Math.abs(p.minimum) < SAFE_INTEGER) constraints.minimum = p.minimum;
  if (p.maximum !== undefined && Math.abs(p.maximum) < SAFE_INTEGER) constraints.maximum = p.maximum;
  if (p.minLength !== undefined) constraints.minLength = p.minLength;
  // Dates and datetimes carry zod's long calendar regex; their type already says it.
  if (p.pattern !== undefined && type === "string") constraints.pattern = p.pattern;
  return { name, type, ...(p.format === "uri" ? { format: "uri" as const } : {}), description: p.description ?? "", constraints };
}

const cache = new Map<DatasetName, TableSchema>();

export function tableSchema(dataset: DatasetName): TableSchema {
  let schema = cache.get(dataset);
  if (!schema) {
    const json = z.toJSONSchema(DATASETS[dataset].schema, { io: "input" }) as {
      properties: Record<string, JsonProperty>;
      required?: string[];
    };
    const required = new Set(json.required ?? []);
    const fields = Object.entries(json.properties).map(([name, p]) => toField(name, p, required.has(name)));
    schema = { fields, missingValues: [""] };
    cache.set(dataset, schema);
  }
  return schema;
}

export function columns(dataset: DatasetName): string[] {
  return tableSchema(dataset).fields.map((f) => f.name);
}
