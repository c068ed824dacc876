/**
 * A small XML 1.0 serialiser for the Atom feed: elements, attributes and text, nothing else, so
 * whatever a store's app name holds reaches a reader's feed as text. Pure.
 *
 * - & < > " ' are escaped everywhere; in attributes tab, newline and CR too (a parser would
 *   normalise them to spaces), in text CR (a parser would turn it into a newline).
 * - Characters XML 1.0 forbids (C0 controls but tab, newline and CR; U+FFFE, U+FFFF; lone
 *   surrogates) are dropped: no parser accepts them, even as character references.
 * - Bidirectional controls are legal but invisible, so they are written as character references
 *   (&#x202E;): a reader of the source sees them, and a parser gives back the same text.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export function element(name: string, attributes: Record<string, string> = {}, ...children: (XmlNode | XmlNode[])[]): XmlElement {
  return { name, attributes, children: children.flat() };
}

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const reference = (c: string) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`;

/** Text content. */
export function escapeXmlText(text: string): string {
  return text.replace(FORBIDDEN, "").replace(/[&<>"']/g, (c) => ENTITIES[c]!).replace(/\r/g, reference).replace(BIDI, reference);
}

/** An attribute value, for inside double quotes. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/[\t\n]/g, reference);
}

const NAME = /^[A-Za-z_][A-Za-z0-9._:-]*$/;

function write(node: XmlNode, out: string[]): void {
  if (typeof node === "string") {
    out.push(escapeXmlText(node));
    return;
  }
  // Names come from our code, never from data: a bad one is a bug, said loudly.
  for (const name of [node.name, ...Object.keys(node.attributes)]) if (!NAME.test(name)) throw new Error(`"${name}" is not an XML name this serialiser writes.`);
  out.push(`<${node.name}`);
  for (const [key, value] of Object.entries(node.attributes)) out.push(` ${key}="${escapeXmlAttribute(value)}"`);
  if (node.children.length === 0) {
    out.push("/>");
    return;
  }
  out.push(">");
  for (const child of node.children) write(child, out);
  out.push(`</${node.name}>`);
}

/** A whole document: the XML declaration, then the root element. */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  write(root, out);
  out.push("\n");
  return out.join("");
}
