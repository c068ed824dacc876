/** Types of scripts/ts-bundle.mjs (plain JavaScript: it runs before any TypeScript can). */
export function bundleTypeScript(entry: string, cacheDir: string): Promise<string>;
