/**
 * The parts every chart shares, drawn into its SVG so a static export is complete on its own:
 * title, subtitle, legend rows, a notes line (sources, "data as of"), an accessible name and a
 * description generated from the data. Charts draw their panels between heading and notes.
 */
import { formatDay } from "./format.js";
import type { Qualifier } from "./story-types.js";
import { svgElement, svgText, wrapText } from "./svg.js";

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif";

/** What every chart function takes besides its data: `(data, {width, document}) => SVGElement`. */
export interface ChartOptions {
  width: number;
  document: Document;
}

export interface FrameOptions {
  document: Document;
  width: number;
  /** Unique on a page: prefixes the ids that tie the accessible name to the SVG. */
  id: string;
  title: string;
  subtitle: string;
  description: string;
}

export interface LegendItem {
  label: string;
  draw(g: SVGGElement): void;
}

export interface Frame {
  svg: SVGSVGElement;
  document: Document;
  width: number;
  /** The y of the last thing drawn; panels add to it. */
  y: number;
  legendRow(items: LegendItem[]): void;
  notes(text: string): void;
  finish(): SVGSVGElement;
}

/** "Data as of Nov 25, 2026." or an honest "No data stored yet." */
export function asOfText(asOf: string | null): string {
  return asOf ? `Data as of ${formatDay(new Date(asOf))}.` : "No data stored yet.";
}

export function createFrame({ document, width, id, title, subtitle, description }: FrameOptions): Frame {
  const svg = svgElement(document, "svg", {
    width,
    class: `chart ${id}`,
    // Not role="img": that would hide the source links inside from assistive technology.
    role: "group",
    "font-family": FONT,
    "font-size": 12,
    fill: "currentColor",
    "aria-labelledby": `${id}-title ${id}-desc`,
  });
  svgElement(document, "title", { id: `${id}-title` }, svg).textContent = title;
  svgElement(document, "desc", { id: `${id}-desc` }, svg).textContent = description;
  const frame: Frame = {
    svg,
    document,
    width,
    y: 0,
    legendRow(items) {
      frame.y += 18;
      // Legend swatches are centred on their x: start one radius in so none is clipped.
      let x = 6;
      const legend = svgElement(document, "g", { class: "legend" }, svg);
      for (const item of items) {
        const itemWidth = 30 + item.label.length * 7;
        if (x > 6 && x + itemWidth > width) {
          frame.y += 18;
          x = 6;
        }
        const g = svgElement(document, "g", { transform: `translate(${x},${frame.y})` }, legend);
        item.draw(g);
        svgText(document, item.label, { x: 14, y: 4 }, g);
        x += itemWidth;
      }
    },
    notes(text) {
      for (const line of wrapText(text, Math.floor(width / 7))) {
        frame.y += 16;
        svgText(document, line, { x: 0, y: frame.y, "font-size": 11.5, "fill-opacity": 0.75, class: "notes" }, svg);
      }
    },
    finish() {
      const height = Math.ceil(frame.y + 8);
      svg.setAttribute("height", String(height));
      svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
      // d3-axis writes its own font; keep the chart's.
      for (const axis of svg.querySelectorAll(".axis")) {
        axis.removeAttribute("font-family");
        axis.setAttribute("font-size", "11");
      }
      for (const path of svg.querySelectorAll(".axis path.domain")) path.setAttribute("stroke-opacity", "0.4");
      return svg;
    },
  };
  // Line lengths assume wide glyphs (DejaVu, Noto): SVG text does not wrap, so a short line is safe.
  for (const line of wrapText(title, Math.floor(width / 12.5))) {
    frame.y += 24;
    svgText(document, line, { x: 0, y: frame.y, "font-size": 20, "font-weight": 700, class: "chart-title" }, svg);
  }
  for (const line of wrapText(subtitle, Math.floor(width / 8))) {
    frame.y += 19;
    svgText(document, line, { x: 0, y: frame.y, "font-size": 14, class: "chart-subtitle" }, svg);
  }
  frame.y += 10;
  return frame;
}

/** A circle for exact numbers, a ring for "about", a triangle pointing where the true value may lie. */
export function qualifierShape(qualifier: Qualifier, towardTop: boolean | undefined, r: number): { tag: "circle" | "path"; attrs: Record<string, string | number> } {
  if (qualifier === "about") return { tag: "circle", attrs: { r, "fill-opacity": 0, "stroke-width": 2 } };
  if (qualifier === "exact" || qualifier === "range" || towardTop === undefined) return { tag: "circle", attrs: { r } };
  const s = r * 1.35;
  const d = towardTop ? `M0,${-s}L${s},${s * 0.75}L${-s},${s * 0.75}Z` : `M0,${s}L${s},${-s * 0.75}L${-s},${-s * 0.75}Z`;
  return { tag: "path", attrs: { d } };
}

export function qualifierLegend(document: Document): LegendItem[] {
  return [
    { label: "exact", draw: (g) => void svgElement(document, "circle", { r: 4 }, g) },
    { label: "about", draw: (g) => void svgElement(document, "circle", { r: 4, "fill-opacity": 0, stroke: "currentColor", "stroke-width": 1.5 }, g) },
    { label: "at least / at most", draw: (g) => void svgElement(document, "path", { d: "M0,-5L5,4L-5,4Z" }, g) },
  ];
}
