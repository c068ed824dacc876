/** Headline figure cards for the overview: a big number, what it counts, and its sources as links. */
import { sourceAnchor } from "./dom.js";

export interface HeadlineSource {
  text: string;
  url: string;
  title?: string;
}

export function headlineCard(document: Document, big: string, label: string, sources: HeadlineSource[] = []): HTMLElement {
  const card = document.createElement("div");
  card.className = "card headline";
  const number = document.createElement("p");
  number.className = "headline-number";
  number.textContent = big;
  const text = document.createElement("p");
  text.className = "headline-label";
  text.textContent = label;
  card.append(number, text);
  if (sources.length > 0) {
    const line = document.createElement("p");
    line.className = "headline-source";
    line.append(document.createTextNode(sources.length > 1 ? "Sources: " : "Source: "));
    sources.forEach((s, i) => {
      if (i > 0) line.append(document.createTextNode(" · "));
      line.append(sourceAnchor(document, s.text, s.url, s.title));
    });
    card.append(line);
  }
  return card;
}
