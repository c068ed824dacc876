/**
 * A chart as the build prints it: drawn by the chart's own function at one width per band of
 * container widths, each shown by a container query in src/components/chart.css, so the page
 * holds a chart of about the reader's width before any script runs. Each is drawn at its band's
 * narrowest width, the tallest the chart is in that band: when the client redraws at the exact
 * width (src/components/hydrate.ts), it keeps that height and nothing below the chart moves.
 */
import { CHART_BANDS } from "../components/chart-bands.ts";

/** Ids made unique per band: the same chart drawn three times must not repeat an id in the page. */
function suffixIds(svg: Element, suffix: string): void {
  for (const element of svg.querySelectorAll("[id]")) element.setAttribute("id", `${element.getAttribute("id")}${suffix}`);
  for (const element of [svg, ...svg.querySelectorAll("[aria-labelledby]")]) {
    const ids = element.getAttribute("aria-labelledby");
    if (ids) element.setAttribute("aria-labelledby", ids.split(/\s+/).map((id) => `${id}${suffix}`).join(" "));
  }
}

/** The chart drawn once per band, each in the `.chart-variant` that chart.css shows for its width. */
/**
 * `bands: "narrowest"`: one drawing only, at the narrowest band's width, shown at every width: for
 * a chart whose drawing is large (years of small multiples) and which sits below the first screen,
 * where the client's redraw moves nothing a reader is looking at.
 */
export type Bands = "all" | "narrowest";

export function chartVariants(document: Document, draw: (width: number) => SVGSVGElement, bands: Bands = "all"): HTMLElement[] {
  return (bands === "all" ? CHART_BANDS : CHART_BANDS.slice(0, 1)).map((band) => {
    const variant = document.createElement("div");
    variant.className = `chart-variant chart-${bands === "all" ? band.name : "any"}`;
    const svg = draw(band.width);
    suffixIds(svg, `-${band.name}`);
    variant.append(svg);
    return variant;
  });
}

export function chartFigure(document: Document, id: string, draw: (width: number) => SVGSVGElement, options: { className?: string; bands?: Bands } = {}): HTMLElement {
  const figure = document.createElement("figure");
  figure.className = `chart ${options.className ?? ""}`.trim();
  figure.id = id;
  figure.append(...chartVariants(document, draw, options.bands));
  return figure;
}
