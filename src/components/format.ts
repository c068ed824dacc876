/** Formatting shared by charts and pages: dates in UTC, counts in words a reader expects. */
import { format } from "d3-format";
import { utcFormat } from "d3-time-format";
import type { DatePrecision, Qualifier } from "./story-types.js";

export const DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})/;
/** Each day's time, once: printed charts of years of days ask for the same few thousand days hundreds of thousands of times. */
const dayTimes = new Map<string, number>();

/** Midnight UTC of a YYYY-MM-DD day (anything after the day is ignored). */
export function dayToDate(day: string): Date {
  let time = dayTimes.get(day);
  if (time === undefined) {
    const parts = DAY_PATTERN.exec(day);
    if (!parts) throw new Error(`"${day}" is not a YYYY-MM-DD date`);
    const date = new Date(0);
    time = date.setUTCFullYear(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
    dayTimes.set(day, time);
  }
  return new Date(time);
}

export const formatDay = utcFormat("%b %-d, %Y");
export const formatShortDay = utcFormat("%b %-d");
const formatMonth = utcFormat("%B %Y");

export function formatDate(day: string, precision: DatePrecision, dayEnd?: string): string {
  const date = dayToDate(day);
  if (precision === "month") return formatMonth(date);
  if (precision === "year") return String(date.getUTCFullYear());
  const text = dayEnd && dayEnd !== day ? `${formatShortDay(date)}–${formatDay(dayToDate(dayEnd))}` : formatDay(date);
  if (precision === "weekday-inferred") return `${text} (date inferred from a weekday)`;
  if (precision === "week") return `week of ${text}`;
  return text;
}

const si = format(".3~s");

/** 25000000 -> "25 million", 2300000000 -> "2.3 billion", 63000 -> "63,000". */
export function formatCount(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${+(value / 1e9).toPrecision(3)} billion`;
  if (abs >= 1e6) return `${+(value / 1e6).toPrecision(3)} million`;
  return value.toLocaleString("en-US");
}

/** Axis ticks: 10M, 100M, 1B. */
export function formatTick(value: number): string {
  return si(value).replace("G", "B");
}

export function qualify(qualifier: Qualifier, text: string, high?: string): string {
  switch (qualifier) {
    case "at-least":
      return `at least ${text}`;
    case "at-most":
      return `at most ${text}`;
    case "about":
      return `about ${text}`;
    case "range":
      return `${text} to ${high ?? "?"}`;
    case "exact":
      return text;
  }
}
