/**
 * The timeline page's list and its filters, built with DOM APIs from text nodes only (hostile
 * strings stay text; links only ever point at http(s)). Filtering itself is timeline-filter.ts.
 */
import { sourceAnchor } from "./dom.js";
import { formatDate } from "./format.js";
import { filterEvents, groupByMonth, statusText, type MonthGroup, type TimelineData, type TimelineEvent, type TimelineFilter } from "./timeline-filter.js";

function el<K extends keyof HTMLElementTagNameMap>(document: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Category keys are slugs (the schema says so); anything else becomes a safe class name. */
const categoryClass = (key: string) => `cat-${key.replace(/[^a-z0-9-]/g, "-")}`;

export function eventItem(document: Document, event: TimelineEvent, categoryLabels: ReadonlyMap<string, string>): HTMLLIElement {
  const li = el(document, "li", `event ${categoryClass(event.category)}`);
  li.dataset.id = event.id;
  li.dataset.category = event.category;
  const meta = el(document, "p", "event-meta");
  const time = el(document, "time", "event-date", formatDate(event.date, event.precision, event.dateEnd));
  time.setAttribute("datetime", event.dateEnd && event.dateEnd !== event.date ? `${event.date}/${event.dateEnd}` : event.date);
  meta.append(time, el(document, "span", "event-category", categoryLabels.get(event.category) ?? event.category));
  const title = el(document, "p", "event-title", event.title);
  const source = el(document, "p", "event-source");
  source.append(document.createTextNode("Source: "), sourceAnchor(document, event.publisher, event.url));
  if (event.via) source.append(document.createTextNode(`, read on ${event.via}`));
  li.append(meta, title, source);
  if (event.note) {
    const note = el(document, "p", "event-note");
    note.append(el(document, "strong", undefined, "Note: "), document.createTextNode(event.note));
    li.append(note);
  }
  return li;
}

/** Month sections with a heading each; `headingLevel` fits the page's outline. */
export function renderTimelineList(
  document: Document,
  groups: readonly MonthGroup[],
  categoryLabels: ReadonlyMap<string, string>,
  headingLevel: 2 | 3 = 2,
): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const group of groups) {
    const section = el(document, "section", "timeline-month");
    section.dataset.month = group.key;
    const heading = el(document, `h${headingLevel}` as "h2", undefined, group.label);
    heading.id = `month-${group.key}`;
    section.setAttribute("aria-labelledby", heading.id);
    const list = el(document, "ol", "timeline-events");
    for (const event of group.events) list.append(eventItem(document, event, categoryLabels));
    section.append(heading, list);
    fragment.append(section);
  }
  return fragment;
}

/**
 * Filters (a checkbox per category, "all"/"none" buttons, a search box) above the list, wired so the
 * list, its month headings and a live count follow every change.
 */
export function timelineView(document: Document, data: TimelineData, options: { idPrefix?: string } = {}): HTMLElement {
  const prefix = options.idPrefix ?? "timeline";
  const labels = new Map(data.categories.map((c) => [c.key, c.label]));
  const root = el(document, "div", "timeline");

  const form = el(document, "form", "timeline-filters");
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", "Filter the timeline");
  form.addEventListener("submit", (event) => event.preventDefault());

  const search = el(document, "div", "timeline-search");
  const searchLabel = el(document, "label", undefined, "Search titles, sources and notes");
  const input = el(document, "input");
  input.type = "search";
  input.id = `${prefix}-search`;
  input.name = "q";
  input.setAttribute("autocomplete", "off");
  input.placeholder = "e.g. Supreme Court, Bloomberg";
  searchLabel.setAttribute("for", input.id);
  search.append(searchLabel, input);

  const fieldset = el(document, "fieldset", "timeline-categories");
  fieldset.append(el(document, "legend", undefined, "Categories"));
  const boxes: HTMLInputElement[] = [];
  const choices = el(document, "div", "timeline-choices");
  for (const category of data.categories) {
    const label = el(document, "label", `timeline-choice ${categoryClass(category.key)}`);
    const box = el(document, "input");
    box.type = "checkbox";
    box.name = "category";
    box.value = category.key;
    box.checked = true;
    // And the attribute: the build prints this form, and printing keeps attributes, not properties.
    box.setAttribute("checked", "");
    boxes.push(box);
    const swatch = el(document, "span", "swatch");
    swatch.setAttribute("aria-hidden", "true");
    label.append(box, swatch, document.createTextNode(`${category.label} `), el(document, "span", "count", `(${category.count})`));
    choices.append(label);
  }
  const buttons = el(document, "div", "timeline-buttons");
  const all = el(document, "button", undefined, "All categories");
  all.type = "button";
  const none = el(document, "button", undefined, "None");
  none.type = "button";
  buttons.append(all, none);
  fieldset.append(choices, buttons);
  form.append(search, fieldset);

  const status = el(document, "p", "timeline-status");
  status.setAttribute("role", "status");
  const list = el(document, "div", "timeline-list");
  root.append(form, status, list);

  const current = (): TimelineFilter => ({ categories: new Set(boxes.filter((b) => b.checked).map((b) => b.value)), query: input.value });
  const update = () => {
    const shown = filterEvents(data.events, current(), labels);
    list.replaceChildren(renderTimelineList(document, groupByMonth(shown), labels));
    status.textContent = statusText(shown.length, data.events.length);
  };
  form.addEventListener("change", update);
  input.addEventListener("input", update);
  all.addEventListener("click", () => {
    for (const b of boxes) b.checked = true;
    update();
  });
  none.addEventListener("click", () => {
    for (const b of boxes) b.checked = false;
    update();
  });
  update();
  return root;
}
