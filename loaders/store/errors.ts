/**
 * File-system failures of the store, said plainly: which data directory, what went wrong, what to
 * do. A read-only or full disk is an operator's problem, not a bug, so the message must be enough.
 */
import { relative } from "node:path";

/** A file-system error while writing the store; keeps the original `code`, `path` and `syscall`. */
export class StorageError extends Error {
  readonly code: string;
  readonly path: string | undefined;
  readonly syscall: string | undefined;

  constructor(message: string, cause: NodeJS.ErrnoException) {
    super(message, { cause });
    this.name = "StorageError";
    this.code = cause.code ?? "EIO";
    this.path = cause.path;
    this.syscall = cause.syscall;
  }
}

const ADVICE: Record<string, { what: string; todo: string }> = {
  EACCES: { what: "permission denied", todo: "Check the directory's owner and permissions, or choose another --data-dir." },
  EPERM: { what: "operation not permitted", todo: "Check the directory's owner and permissions, or choose another --data-dir." },
  EROFS: { what: "read-only file system", todo: "Remount it read-write, or choose another --data-dir." },
  ENOSPC: {
    what: "disk full",
    todo: "Free some space on that disk and run the command again: files already stored are unchanged, and an interrupted write is finished or dropped on the next run.",
  },
  EDQUOT: {
    what: "disk quota exceeded",
    todo: "Free some space or raise the quota and run the command again: files already stored are unchanged, and an interrupted write is finished or dropped on the next run.",
  },
};

/**
 * Rewrites EACCES/EPERM/EROFS/ENOSPC/EDQUOT as a StorageError naming `root` (the data directory),
 * the action and the advice; returns any other error unchanged.
 */
export function explainFsError(error: unknown, root: string, action: string): unknown {
  if (error instanceof StorageError || !(error instanceof Error)) return error;
  const e = error as NodeJS.ErrnoException;
  const advice = e.code === undefined ? undefined : ADVICE[e.code];
  if (advice === undefined) return error;
  const where = e.path ? relative(root, e.path) || "." : undefined;
  return new StorageError(
    `cannot write to ${root}: ${advice.what} (${e.code}) while ${action}${where ? ` (${where})` : ""}. ${advice.todo}`,
    e,
  );
}
