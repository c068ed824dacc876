/**
 * The container widths a chart printed at build time is drawn for, and the width it is drawn at
 * in each (the band's narrowest: wider draws wrap less text, so are never taller). chart.css
 * shows one band by a container query with the same bounds.
 */
export const CHART_BANDS = [
  { name: "narrow", width: 280 },
  { name: "medium", width: 560 },
  { name: "wide", width: 880 },
] as const;
