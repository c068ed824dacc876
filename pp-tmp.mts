import { fillLoaderCache } from "./scripts/loader-cache.ts";
const filled = await fillLoaderCache(process.argv[2]!, process.argv[3]!);
for (const f of filled.files.filter((f) => f.ms > 15).sort((a, b) => b.ms - a.ms)) console.log(f.ms.toFixed(0), f.path);
