/**
 * A strict XML parse for tests (saxes: well-formedness and namespaces, as a feed reader checks):
 * the document as a small tree of elements with their namespace, attributes and text. A document
 * that is not well-formed throws, naming the line and column.
 */
import { SaxesParser } from "saxes";

export interface XmlTree {
  name: string;
  uri: string;
  attributes: Record<string, string>;
  children: XmlTree[];
  /** The element's own text, character references resolved. */
  text: string;
}

export function parseXml(xml: string): XmlTree {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlTree[] = [];
  let root: XmlTree | undefined;
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value]));
    const node: XmlTree = { name: tag.local, uri: tag.uri, attributes, children: [], text: "" };
    stack.at(-1)?.children.push(node);
    root ??= node;
    stack.push(node);
  });
  parser.on("text", (text) => {
    const node = stack.at(-1);
    if (node) node.text += text;
  });
  parser.on("closetag", () => stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

export const child = (node: XmlTree, name: string) => node.children.find((c) => c.name === name);
export const childrenNamed = (node: XmlTree, name: string) => node.children.filter((c) => c.name === name);
