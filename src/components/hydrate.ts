/**
 * In the browser: takes over a chart the build printed (src/render/figure.ts). The chart is drawn
 * again at the figure's own width, replacing the printed drawings, and again whenever that width
 * changes; its marks get tooltips. The first redraw keeps the figure at the printed height (the
 * tallest of its band), so the text below does not move while the page loads.
 */
import { attachTooltips } from "./tooltip.js";

export interface HydratedChart {
  /** Draws again at the current width, after a control changed what the chart shows. */
  redraw(): void;
}

export function hydrateChart(figure: HTMLElement, draw: (width: number) => SVGSVGElement): HydratedChart {
  let width = 0;
  let first = true;
  const render = () => {
    // Held only where the printed drawing was this width's band's: one drawing printed for every
    // width (`chart-any`) can be far taller than the chart at this width.
    const hold = first && !figure.querySelector(":scope > .chart-any");
    const printedHeight = figure.getBoundingClientRect().height;
    const svg = draw(width);
    for (const old of figure.querySelectorAll(":scope > .chart-variant, :scope > svg")) old.remove();
    figure.prepend(svg);
    figure.style.minHeight = hold ? `${printedHeight}px` : "";
    first = false;
  };
  const follow = (next: number) => {
    if (next > 0 && next !== width) {
      width = next;
      render();
    }
  };
  // The first redraw now, not in the first resize callback: browsers hold those back, with every
  // rendering update, from a cross-origin iframe out of view (an embed further down an article).
  // A chart's figure has no padding or border, so its box is as wide as its content.
  follow(Math.floor(figure.getBoundingClientRect().width));
  new ResizeObserver((entries) => follow(Math.floor(entries[0]!.contentRect.width))).observe(figure);
  attachTooltips(figure);
  return { redraw: () => void (width > 0 && render()) };
}
