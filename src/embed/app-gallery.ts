/**
 * The Embed page's section for any app (src/pages/embed.ts): printed at build with /apps's search
 * form; in the browser, the search (src/client/apps.ts) links each result back here with `?id=`,
 * and the chosen app gets a live preview of /embed/app and its snippets. The search starts on its
 * first focus, or at once when the address names an app or a query.
 */
import { findApp, wireSearch, type AppsFile } from "../client/apps.js";
import { APPS_INDEX_PATH } from "../components/app-shards.js";
import type { AppsIndex } from "../components/app-types.js";
import { APP_EMBED } from "./charts.js";
import { codeBlock, wireCopy } from "./gallery.js";
import { COUNTRY_PATTERN } from "./params.js";
import { appEmbedSnippet, appModuleSnippet, DEFAULT_FRAME_HEIGHT, embedUrls, type ChosenApp } from "./snippet.js";

function el<K extends keyof HTMLElementTagNameMap>(document: Document, tag: K, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  return element;
}

export function appSection(document: Document): HTMLElement {
  const section = el(document, "section");
  section.id = "app-embed";
  section.className = "embed-app";
  const form = el(document, "form");
  form.className = "app-search";
  for (const [name, value] of [["action", "./embed#app-embed"], ["method", "get"], ["role", "search"]]) form.setAttribute(name!, value!);
  const label = el(document, "label", "App name or App Store id");
  label.setAttribute("for", "app-q");
  const input = el(document, "input");
  for (const [name, value] of [["id", "app-q"], ["name", "q"], ["type", "search"], ["autocomplete", "off"], ["spellcheck", "false"]]) input.setAttribute(name!, value!);
  const button = el(document, "button", "Search");
  button.setAttribute("type", "submit");
  form.append(label, input, button);
  const results = el(document, "div");
  results.id = "app-results";
  results.setAttribute("aria-live", "polite");
  const chosen = el(document, "div");
  chosen.id = "app-embed-chosen";
  chosen.append(el(document, "p", "Choose an app from the search: its preview and snippets appear here."));
  section.append(
    el(document, "h2", APP_EMBED.title),
    el(document, "p", "Any app that has appeared in a top chart the tracker stored can go into an article with its rank history, in every storefront or in one. Search for it and choose it; each app's page on Apps links here too. Where scripts cannot run, the snippet shows a link to the app's page instead."),
    form,
    results,
    chosen,
  );
  return section;
}

/** The storefront form: the same app, one storefront or all, as a plain GET to this page. */
function storefrontForm(document: Document, app: ChosenApp): HTMLFormElement {
  const form = el(document, "form");
  form.className = "app-storefront";
  for (const [name, value] of [["action", "./embed#app-embed"], ["method", "get"]]) form.setAttribute(name!, value!);
  const id = el(document, "input");
  for (const [name, value] of [["type", "hidden"], ["name", "id"], ["value", app.id]]) id.setAttribute(name!, value!);
  const label = el(document, "label", "One storefront only (a two-letter code such as us; empty for every storefront) ");
  const input = el(document, "input");
  for (const [name, value] of [["name", "country"], ["maxlength", "2"], ["size", "3"], ["value", app.country ?? ""]]) input.setAttribute(name!, value!);
  label.append(input);
  const button = el(document, "button", "Show");
  button.setAttribute("type", "submit");
  form.append(id, label, " ", button);
  return form;
}

async function showChosen(document: Document, site: URL, file: AppsFile, id: string, country: string | null): Promise<void> {
  const box = document.getElementById("app-embed-chosen")!;
  const summary = await findApp(file, id);
  if (!summary) {
    box.replaceChildren(el(document, "p", `No stored chart snapshot lists an app with the id “${id.slice(0, 40)}”. Search for it by name above.`));
    return;
  }
  const code = country?.trim().toLowerCase() ?? "";
  const app: ChosenApp = { id, name: summary.names[0]!, country: COUNTRY_PATTERN.test(code) ? code : null };
  const preview = el(document, "div");
  preview.className = "embed-preview rednote-embed";
  const frame = el(document, "iframe");
  const query: Record<string, string> = { id, ...(app.country ? { country: app.country } : {}) };
  frame.setAttribute("src", embedUrls(APP_EMBED, site, query).embed);
  frame.setAttribute("title", `${app.name}: rank history (interactive chart, RedNote Tracker)`);
  frame.setAttribute("data-rednote-embed", "");
  frame.setAttribute("height", String(DEFAULT_FRAME_HEIGHT));
  preview.append(frame);
  const moduleDetails = el(document, "details");
  moduleDetails.append(
    el(document, "summary", "As a JavaScript module instead"),
    el(document, "p", "draw(element, {id, country}) shows the app and its credit line in the element. Your page must be allowed to load modules from this site (CORS)."),
    codeBlock(document, "embed-module-app", `Module code for “${app.name}”`, appModuleSnippet(APP_EMBED, app, site), 5),
  );
  const embedCode = codeBlock(document, "embed-code-app", `Embed code for “${app.name}”`, appEmbedSnippet(APP_EMBED, app, site), 7);
  const notice = code && !app.country ? [el(document, "p", `“${code.slice(0, 40)}” is not a two-letter storefront code, so every storefront is shown.`)] : [];
  box.replaceChildren(el(document, "h3", app.name), ...notice, storefrontForm(document, app), preview, embedCode, moduleDetails);
  for (const block of box.querySelectorAll(".embed-code")) wireCopy(block);
}

/** `file` fetches the search's files (APPS_SEARCH_FILES of src/components/app-shards.ts). */
export function wireAppGallery(document: Document, site: URL, file: AppsFile): void {
  const params = new URL(document.location.href).searchParams;
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    try {
      const index = (await file(APPS_INDEX_PATH)) as AppsIndex;
      wireSearch(index, file, (id) => `?id=${encodeURIComponent(id)}#app-embed`);
      const id = params.get("id")?.trim();
      if (id) await showChosen(document, site, file, id, params.get("country"));
    } catch (error) {
      document.getElementById("app-embed-chosen")!.replaceChildren(el(document, "p", `The list of apps did not load (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`));
    }
  };
  if (params.has("id") || params.has("q")) void start();
  else document.getElementById("app-q")!.addEventListener("focus", () => void start(), { once: true });
}
