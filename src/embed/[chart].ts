/**
 * The exported module of every registered chart: Framework serves /embed/<chart>.js (listed in
 * `dynamicPaths`) with `observable.params.chart` replaced by the chart's id. A site draws the chart
 * into its own element:
 *
 *   import {draw} from "https://…/embed/story-chart.js";
 *   await draw(document.querySelector("#chart"), {app: "lemon8"});
 *
 * Data is fetched from the host that serves the module. Importing from another origin needs that
 * host to send Access-Control-Allow-Origin (GitHub Pages does).
 *
 * The drawing code is imported on first use, not statically: Framework 1.13.4 cannot write the
 * import list of an exported module whose static imports reach node_modules packages that import
 * each other (d3-scale → d3-array: "Cannot find module 'd3-array@3.2.5/index.js'"). Only this
 * chart's module (./charts/<id>.js) is imported, not every chart's.
 */
import type { DrawnChart, ExportedDrawOptions } from "./runtime.js";

declare const observable: { params: { chart: string } };

const ID: string = observable.params.chart;
const at = (path: string) => new URL(path, import.meta.url).href;

export type { DrawnChart, ExportedDrawOptions };

/** This module's chart, and where its other forms are (this file is served from /_import/embed/). */
export const chart = Object.freeze({
  id: ID,
  embed: at(`../../embed/${ID}`),
  svg: at(`../../embed/${ID}.svg`),
  png: at(`../../embed/${ID}.png`),
});

/**
 * Draws the chart and its credit line into `element` (options: app, country, from, to as in an
 * embed's address; width, by default the element's, followed as it changes; credit). Rejects with
 * a readable message, which is also shown in the element.
 */
export async function draw(element: HTMLElement, options: ExportedDrawOptions = {}): Promise<DrawnChart> {
  const [{ drawChart }, module] = await Promise.all([import("./runtime.js"), import(`./charts/${observable.params.chart}.js`)]);
  return drawChart(module.chart, element, options);
}
