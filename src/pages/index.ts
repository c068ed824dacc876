/** Every page printed at build time, each with its page loader in src/ (`npm run dev`). */
import type { SiteFile } from "../data/outputs/site-file.ts";
import { appsPage } from "./apps.ts";
import { attentionPage } from "./attention.ts";
import { embedPage } from "./embed.ts";
import { methodologyPage } from "./methodology.ts";
import { rankingsPage } from "./rankings.ts";
import { dataPage } from "./data.ts";
import { storyPage } from "./story.ts";
import { timelinePage } from "./timeline.ts";

export const PAGES: readonly SiteFile[] = [storyPage, rankingsPage, attentionPage, timelinePage, dataPage, methodologyPage, embedPage, appsPage];
