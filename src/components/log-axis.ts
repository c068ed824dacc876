/**
 * Log scales for counts that span orders of magnitude: a domain widened to whole powers of ten
 * and ticks a reader can name (10k, 100k, 1M; with 2 and 5 in between when the span is short).
 */
import { scaleLog, type ScaleLogarithmic } from "d3-scale";

/** [10^a, 10^b] around every positive value; a single value gets its own decade. */
export function logDomain(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) return [1, 10];
  let lo = Math.floor(Math.log10(Math.min(...positive)) + 1e-9);
  let hi = Math.ceil(Math.log10(Math.max(...positive)) - 1e-9);
  if (hi <= lo) hi = lo + 1;
  return [10 ** lo, 10 ** hi];
}

/** Powers of ten inside the domain; with 2× and 5× too when it spans fewer than three decades. */
export function logTicks(domain: readonly [number, number]): number[] {
  const [lo, hi] = domain;
  const first = Math.floor(Math.log10(lo) + 1e-9);
  const last = Math.ceil(Math.log10(hi) - 1e-9);
  const steps = last - first <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = first; e <= last; e++) {
    for (const m of steps) {
      const t = m * 10 ** e;
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(t);
    }
  }
  return ticks;
}

export function logScale(values: readonly number[], range: [number, number]): { scale: ScaleLogarithmic<number, number>; ticks: number[] } {
  const domain = logDomain(values);
  return { scale: scaleLog().domain(domain).range(range), ticks: logTicks(domain) };
}
