// Framework data loader (run by node) for /embed-loader.js: listed in `dynamicPaths`, so Framework
// copies its output as is rather than building a module. The script is the function below,
// printed with its own source, so what runs in readers' browsers is exactly what is read here.

/**
 * The script an article includes once (or with every snippet: it runs once per page) to size
 * RedNote Tracker iframes to their content:
 *
 *   <iframe src="https://…/embed/story-chart" data-rednote-embed title="…"></iframe>
 *   <script src="https://…/embed-loader.js" async></script>
 *
 * It is a pym.js (v1) parent for those iframes: it gives each a childId (in its URL, which reloads
 * it once), listens for "pymxPYMx<childId>xPYMxheightxPYMx<px>" messages, accepts one only from
 * that iframe's window and origin, and sets the iframe's height. Iframes added later are picked up.
 * Self-contained and ES2017, no globals but the DOM's.
 *
 * @param {Window} window
 */
function installRednoteEmbedLoader(window) {
  "use strict";
  var document = window.document;
  if (window.__rednoteEmbedLoader) {
    window.__rednoteEmbedLoader.scan();
    return;
  }
  var DELIMITER = "xPYMx";
  var MAX_HEIGHT = 20000;
  /** @type {Map<string, {iframe: HTMLIFrameElement, origin: string}>} */
  var frames = new Map();
  var counter = 0;

  function nextId() {
    var id;
    do id = "rednote-embed-" + ++counter;
    while (frames.has(id) || document.querySelector('[data-rednote-child-id="' + id + '"]'));
    return id;
  }

  /** @param {HTMLIFrameElement} iframe */
  function adopt(iframe) {
    if (iframe.getAttribute("data-rednote-child-id")) return;
    var src = iframe.getAttribute("src");
    if (!src) return;
    var url;
    try {
      url = new URL(src, document.baseURI);
    } catch (error) {
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return;
    var id = nextId();
    frames.set(id, { iframe: iframe, origin: url.origin });
    iframe.setAttribute("data-rednote-child-id", id);
    iframe.setAttribute("scrolling", "no");
    iframe.style.width = "100%";
    iframe.style.border = "0";
    url.searchParams.set("initialWidth", String(Math.round(iframe.getBoundingClientRect().width)));
    url.searchParams.set("childId", id);
    iframe.src = url.href;
  }

  function scan() {
    var list = document.querySelectorAll("iframe[data-rednote-embed]");
    for (var i = 0; i < list.length; i++) adopt(list[i]);
  }

  window.addEventListener("message", function (event) {
    if (typeof event.data !== "string") return;
    var parts = event.data.split(DELIMITER);
    if (parts.length !== 4 || parts[0] !== "pym" || parts[2] !== "height") return;
    var entry = frames.get(parts[1]);
    if (!entry) return;
    // Only the iframe's own page, from the origin in its src, may size it.
    if (event.origin !== entry.origin || event.source !== entry.iframe.contentWindow) return;
    if (!/^\d{1,6}$/.test(parts[3])) return;
    var height = Math.min(Number(parts[3]), MAX_HEIGHT);
    if (height <= 0) return;
    entry.iframe.style.height = height + "px";
    entry.iframe.setAttribute("height", String(height));
  });

  window.__rednoteEmbedLoader = { scan: scan };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
  if (typeof MutationObserver === "function") {
    new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  }
}

process.stdout.write(
  "/* RedNote Tracker embed loader: sizes iframe[data-rednote-embed] to its content (pym.js v1 protocol). */\n" +
    "(" + installRednoteEmbedLoader.toString() + ")(window);\n",
);
