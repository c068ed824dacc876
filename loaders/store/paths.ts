/** Where a snapshot lives: <dataset>/<source>/<scope>/<UTC time>.csv, readable and sortable by time. */
import type { DatasetName } from "../schema.ts";

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** 2025-01-14T12:00:00.000Z -> 2025-01-14T12-00-00.000Z (colons are not allowed in Windows file names). */
export function timeStamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`"${iso}" is not an ISO 8601 time`);
  return date.toISOString().replaceAll(":", "-");
}

export function snapshotPath(dataset: DatasetName, source: string, scope: string, retrievedAt: string): string {
  return `${dataset}/${source}/${scope}/${timeStamp(retrievedAt)}.csv`;
}
