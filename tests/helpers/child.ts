/**
 * Runs tests/helpers/write-loop.ts in a child process (node --import tsx, no npx) and follows
 * its stdout line by line, so a test can wait for "start" and then kill it at a chosen moment.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const WRITE_LOOP = fileURLToPath(new URL("./write-loop.ts", import.meta.url));

export interface Line {
  text: string;
  /** performance.now() when the test process read it. */
  at: number;
}

export interface Writer {
  child: ChildProcess;
  pid: number;
  lines: Line[];
  stderr(): string;
  /** Resolves with the first line matching `pattern` (already seen or still to come). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<Line>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export function spawnWriter(args: string[], options: SpawnOptions = {}): Writer {
  const child = spawn(process.execPath, ["--import", "tsx", WRITE_LOOP, ...args], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
    ...options,
  });
  const lines: Line[] = [];
  let stderr = "";
  let buffer = "";
  const waiters: { pattern: RegExp; resolve(line: Line): void }[] = [];
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf("\n")) >= 0) {
      const line = { text: buffer.slice(0, i), at: performance.now() };
      buffer = buffer.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(line.text)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  return {
    child,
    pid: child.pid!,
    lines,
    stderr: () => stderr,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      const seen = lines.find((l) => pattern.test(l.text));
      if (seen) return Promise.resolve(seen);
      return new Promise<Line>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs);
        const waiter = {
          pattern,
          resolve: (line: Line) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        waiters.push(waiter);
        void exited.then(() => {
          if (waiters.includes(waiter)) {
            clearTimeout(timer);
            reject(new Error(`writer exited before a line matching ${pattern}; stderr:\n${stderr}`));
          }
        });
      });
    },
  };
}

/** The "wrote" lines: what the writer was told had been stored. */
export function acknowledged(writer: Writer): { status: "new" | "unchanged"; path: string; at: string }[] {
  return writer.lines
    .map((l) => /^wrote (new|unchanged) (\S+) (\S+)$/.exec(l.text))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ status: m[1] as "new" | "unchanged", path: m[2]!, at: m[3]! }));
}
