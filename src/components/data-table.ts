/**
 * The data-table alternative to a chart: the same rows as text, in a collapsed <details>, with
 * each source as a link. Built from text nodes only, so hostile strings stay text.
 */
import { sourceAnchor } from "./dom.js";

export interface TableColumn<T> {
  label: string;
  value(row: T): string;
  /** When given, the cell links to this URL (http(s) only). */
  href?(row: T): string | undefined;
  numeric?: boolean;
}

export function dataTable<T>(document: Document, summary: string, columns: TableColumn<T>[], rows: readonly T[]): HTMLDetailsElement {
  const details = document.createElement("details");
  details.className = "data-table";
  const caption = document.createElement("summary");
  caption.textContent = `${summary} (${rows.length} rows)`;
  details.append(caption);
  const wrapper = document.createElement("div");
  wrapper.className = "table-scroll";
  const table = document.createElement("table");
  // createElement, not createTHead/insertRow: the build prints tables with a DOM that lacks them.
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, parent: Element) => parent.appendChild(document.createElement(tag));
  const head = make("tr", make("thead", table));
  for (const column of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column.label;
    if (column.numeric) th.className = "numeric";
    head.append(th);
  }
  const body = make("tbody", table);
  for (const row of rows) {
    const tr = make("tr", body);
    for (const column of columns) {
      const td = make("td", tr);
      if (column.numeric) td.className = "numeric";
      const href = column.href?.(row);
      if (href) td.append(sourceAnchor(document, column.value(row), href));
      else td.textContent = column.value(row);
    }
  }
  wrapper.append(table);
  details.append(wrapper);
  return details;
}
