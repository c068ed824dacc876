/**
 * The child side of the pym.js v1 message protocol, which /embed/<chart> pages speak so that any
 * pym parent (pym.js itself, or our /embed-loader.js) can size the iframe to its content.
 *
 * A message is one string: "pym" xPYMx <childId> xPYMx <type> xPYMx <value>, e.g.
 * "pymxPYMxrednote-1xPYMxheightxPYMx812". A pym.js parent puts the childId in the iframe's query
 * string (`?childId=…`, reloading the frame); our /embed-loader.js knows its frames by their windows
 * and gives none, and a frame without one speaks as UNNAMED_CHILD. The child sends "height" on load
 * and whenever its content's height changes, and answers a parent's "width" message with its
 * height, as pym.Child does.
 */
export const PYM_DELIMITER = "xPYMx";
export const UNNAMED_CHILD = "rednote-embed";

export interface PymMessage {
  childId: string;
  type: string;
  value: string;
}

export function pymMessage(childId: string, type: string, value: string): string {
  return ["pym", childId, type, value].join(PYM_DELIMITER);
}

/** The parts of a pym message, or null for anything else (other libraries post messages too). */
export function parsePymMessage(data: unknown): PymMessage | null {
  if (typeof data !== "string") return null;
  const parts = data.split(PYM_DELIMITER);
  if (parts.length !== 4 || parts[0] !== "pym" || !parts[1] || !parts[2]) return null;
  return { childId: parts[1], type: parts[2], value: parts[3]! };
}

/** The childId pym parents pass, when it is one (letters, digits, - _ . :, at most 100). */
export function childIdFrom(search: string): string | null {
  const id = new URLSearchParams(search).get("childId");
  return id && /^[\w.:-]{1,100}$/.test(id) ? id : null;
}

/** Height of the page's content in CSS pixels: the body's box plus its margins, rounded up. */
export function contentHeight(document: Document): number {
  const body = document.body;
  const view = document.defaultView;
  if (!body || !view) return 0;
  const style = view.getComputedStyle(body);
  const margins = (parseFloat(style.marginTop) || 0) + (parseFloat(style.marginBottom) || 0);
  return Math.ceil(body.getBoundingClientRect().height + margins);
}

export interface PymChild {
  /** Sends the current height now (only when it changed, unless `force`). */
  sendHeight(force?: boolean): void;
  stop(): void;
}

/**
 * Starts reporting this window's content height to its parent, if it has one, under the childId
 * given (or UNNAMED_CHILD): now, on load, when fonts are ready, whenever the body resizes, and when
 * the parent says its width. Heights are not secret, so they go to any origin ("*"), as pym.js
 * does; the parent checks where messages come from.
 */
export function startPymChild(window: Window, given: string | null): PymChild {
  const { document } = window;
  const childId = given ?? UNNAMED_CHILD;
  let last = -1;
  const sendHeight = (force = false) => {
    if (window.parent === window) return;
    const height = contentHeight(document);
    if (!force && height === last) return;
    last = height;
    window.parent.postMessage(pymMessage(childId, "height", String(height)), "*");
  };
  if (window.parent === window) return { sendHeight, stop: () => undefined };

  let frame = 0;
  const soon = () => {
    if (frame) return;
    frame = window.requestAnimationFrame(() => {
      frame = 0;
      sendHeight();
    });
  };
  const observer = new ResizeObserver(soon);
  observer.observe(document.documentElement);
  if (document.body) observer.observe(document.body);
  const onMessage = (event: MessageEvent) => {
    if (event.source !== window.parent) return;
    const message = parsePymMessage(event.data);
    if (message?.childId === childId && message.type === "width") sendHeight(true);
  };
  const onLoad = () => sendHeight(true);
  window.addEventListener("message", onMessage);
  window.addEventListener("load", onLoad);
  void document.fonts?.ready.then(() => sendHeight());
  sendHeight(true);
  return {
    sendHeight,
    stop() {
      observer.disconnect();
      window.removeEventListener("message", onMessage);
      window.removeEventListener("load", onLoad);
      if (frame) window.cancelAnimationFrame(frame);
    },
  };
}
