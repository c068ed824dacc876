/**
 * The exported module /embed/app.js: one app's rank history, drawn into a site's own element.
 *
 *   import {draw} from "https://…/embed/app.js";
 *   await draw(document.querySelector("#app"), {id: "741292507", country: "us"});
 *
 * As ./[chart].ts: data comes from the host that serves the module (with
 * Access-Control-Allow-Origin to import it from another site), and the drawing code is imported
 * on first use, not statically, which Framework 1.13.4 cannot list for an exported module.
 */
import type { AppEmbedOptions } from "./app-embed.js";

export type { AppEmbedOptions };

/** Shows the app (`id`, its App Store id; `country`, one storefront) in `element`; rejects with the message it shows there. */
export async function draw(element: HTMLElement, options: AppEmbedOptions): Promise<void> {
  const { drawApp } = await import("./app-embed.js");
  return drawApp(element, options);
}
