/**
 * The Markdown a page loader prints, made so that nothing from the data can become syntax. A page
 * is a `md` template: its literal text is the page's own Markdown; every interpolated value is
 * either Markup made by these helpers (or by ./html.ts) or plain text, which is escaped so that
 * neither Markdown, HTML nor Framework's `${…}` reads anything in it.
 */

/** Text that is already safe to print into a page. */
export class Markup {
  constructor(readonly source: string) {}
  toString(): string {
    return this.source;
  }
}

export type Interpolation = Markup | string | number | null | undefined | false | readonly Interpolation[];

/**
 * Characters that Markdown, HTML or Framework give a meaning to, written as numeric character
 * references: a browser shows the character, no parser on the way reads it as syntax. A newline
 * becomes a reference too, so a note with a blank line cannot end an HTML block early.
 */
const SPECIAL = /[&<>"'$`*_[\]\\~|{}!#\n\r\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeText(text: string): string {
  return text.replace(SPECIAL, (c) => `&#${c.charCodeAt(0)};`);
}

function print(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Markup) return value.source;
  if (Array.isArray(value)) return value.map(print).join("");
  return escapeText(String(value));
}

/** A page's Markdown: literal parts as written, values escaped unless they are Markup. */
export function md(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  return new Markup(strings.reduce((out, literal, i) => out + literal + (i < values.length ? print(values[i]!) : ""), ""));
}

/** A fenced ```js cell: the page's client code, which Framework bundles. Lines are ours, never data. */
export function client(...lines: string[]): Markup {
  return new Markup(`\n\`\`\`js\n${lines.join("\n")}\n\`\`\`\n`);
}
