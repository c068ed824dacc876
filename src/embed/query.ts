/** What an embed's query means for a chart, once ./params.ts has validated it. */
import type { ChartOption, ChartQuery, EmbedChart } from "./define.js";

export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export interface EmbedQuery extends ChartQuery {
  theme?: Theme;
}

/** The parameters this site defines; any other (pym's childId, a host's utm_…) is ignored. */
export const QUERY_NAMES = ["app", "country", "from", "to", "theme"] as const;

const quoted = (value: unknown) => JSON.stringify(String(value).slice(0, 40));

let regionNames: Intl.DisplayNames | undefined;
function isRegion(code: string): boolean {
  try {
    regionNames ??= new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
    const name = regionNames.of(code.toUpperCase());
    return name !== undefined && name !== code.toUpperCase() && name !== "Unknown Region";
  } catch {
    return false;
  }
}

const listed = (values: readonly string[]) => values.join(", ");

/** What a valid query still cannot ask of this chart and this data: options it lacks, apps or countries it has no data for. */
export function checkQueryForChart<D>(chart: EmbedChart<D>, data: D, query: EmbedQuery): string[] {
  const errors: string[] = [];
  const choices = chart.choices(data);
  for (const name of ["app", "country", "from", "to"] as const satisfies readonly ChartOption[]) {
    if (query[name] === undefined || chart.options.includes(name)) continue;
    errors.push(`This chart has no "${name}" option${chart.options.length > 0 ? `; it takes ${listed(chart.options)}` : ""}.`);
  }
  if (query.app !== undefined && chart.options.includes("app") && choices.app && !choices.app.includes(query.app)) {
    errors.push(`Unknown app ${quoted(query.app)}. Use one of: ${listed(choices.app)}.`);
  }
  if (query.country !== undefined && chart.options.includes("country") && choices.country && !choices.country.includes(query.country)) {
    const example = choices.country[0] ?? "us";
    errors.push(
      isRegion(query.country)
        ? `No data for country ${quoted(query.country)} in this chart. Use a two-letter code such as ${example}${choices.country.length > 1 ? ` (it has ${listed(choices.country)})` : ""}.`
        : `Unknown country ${quoted(query.country)}. Use a two-letter code such as ${example}.`,
    );
  }
  return errors;
}

/** The chart's part of a query (theme left out). */
export function chartQuery(query: EmbedQuery): ChartQuery {
  const { theme: _theme, ...rest } = query;
  return rest;
}

/** True when the query changes what is drawn (so the static image, drawn without one, would differ). */
export function changesData(query: EmbedQuery): boolean {
  return Object.keys(chartQuery(query)).length > 0;
}
