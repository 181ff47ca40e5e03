/** The one way arena-bench writes a file: result files, HTML reports, exports and templates alike. */
import { randomBytes } from 'node:crypto';
import { rmSync, type Stats } from 'node:fs';
import { link, lstat, mkdir, readFile, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { messageOf, UserError } from '../errors.js';

/** The temporary files of writes under way, for a process that has to stop before they finish. */
const unfinished = new Set<string>();

/** Linux's own limit on symbolic links followed in one lookup. */
const MAX_SYMLINK_HOPS = 40;

/** A folder's real path; for one that does not exist yet, its nearest existing ancestor's real path plus the rest. */
async function realFolder(folder: string): Promise<string> {
  try {
    return await realpath(folder);
  } catch (error) {
    const parent = dirname(folder);
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === folder) throw error;
    return join(await realFolder(parent), basename(folder));
  }
}

/**
 * The file a path really names, following symbolic links (dangling ones too) to the end, so a
 * write updates a link's target instead of replacing the link, and two spellings of one file
 * compare equal.
 */
export async function finalTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
    const info = await lstat(current).catch(() => undefined);
    if (!info?.isSymbolicLink()) return join(await realFolder(dirname(current)), basename(current));
    current = resolve(dirname(current), await readlink(current));
  }
  throw new Error(`more than ${MAX_SYMLINK_HOPS} symbolic links to follow`);
}

/** What kind of thing already sits at a path: only a regular file is ever replaced. */
export function refusalOf(info: Stats): string | undefined {
  if (info.isFile() || info.isCharacterDevice()) return undefined;
  if (info.isDirectory()) return 'it is a directory';
  if (info.isFIFO()) return 'it is a named pipe (FIFO)';
  if (info.isSocket()) return 'it is a socket';
  return 'it is not a regular file';
}

/** `.name.1a2b3c4d.tmp`, the name cut so the whole fits in the 255 bytes a file system takes. */
function temporaryName(name: string): string {
  const suffix = `.${randomBytes(4).toString('hex')}.tmp`;
  let kept = name;
  while (Buffer.byteLength(`.${kept}${suffix}`) > 255) kept = kept.slice(0, -1);
  return `.${kept}${suffix}`;
}

export interface WriteOptions {
  /** What is written, for the message: "the result file", "the HTML report". */
  what: string;
  /** What the user can do instead, printed under the message. */
  hint?: string;
  /** Fail if the file exists, atomically: the new file is linked into place, never renamed over one. */
  exclusive?: boolean;
}

/**
 * Write through a temporary file beside the final target and a rename, so a reader (or a browser)
 * never sees half a file and a failed write leaves the previous file as it was. A character device
 * (/dev/null, a terminal) is written to directly and never replaced; a directory, FIFO or socket is
 * refused. Every failure is a UserError naming the file.
 */
export async function writeFileAtomic(path: string, text: string, options: WriteOptions): Promise<void> {
  const fail = (reason: string): never => {
    throw new UserError(`cannot write ${options.what} to ${path}: ${reason}`, options.hint ?? 'choose another path');
  };
  let target: string;
  try {
    target = await finalTarget(path);
  } catch (error) {
    return fail(messageOf(error));
  }
  let existing = await stat(target).catch(() => undefined);
  if (!existing) {
    // A /proc fd link (/dev/stdout) leads where readlink cannot: to a pipe or a terminal, written as such.
    existing = await stat(path).catch(() => undefined);
    if (existing) target = path;
  }
  if (existing) {
    const refusal = refusalOf(existing);
    if (refusal) return fail(refusal);
    if (options.exclusive) return fail('it already exists, and is never overwritten');
    if (existing.isCharacterDevice()) {
      await writeFile(target, text).catch((error: unknown) => fail(messageOf(error)));
      return;
    }
  }
  const temporary = join(dirname(target), temporaryName(basename(target)));
  unfinished.add(temporary);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temporary, text, { flag: 'wx' });
    if (options.exclusive) await link(temporary, target);
    else await rename(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'EEXIST' && options.exclusive ? 'it already exists, and is never overwritten' : messageOf(error));
  } finally {
    // After a rename the temporary name is gone already; after a link or a failure it is removed here,
    // and a failure to remove it never hides the failure that matters.
    await rm(temporary, { force: true }).catch(() => undefined);
    unfinished.delete(temporary);
  }
}

/** Remove the temporary files of writes still under way, at once: the process is about to exit. */
export function removeUnfinishedWrites(): void {
  for (const temporary of unfinished) rmSync(temporary, { force: true });
}

/** Add text at the end of a file (GitHub's job summary), the whole file rewritten through writeFileAtomic. */
export async function appendFileAtomic(
  path: string,
  text: string,
  options: Omit<WriteOptions, 'exclusive'>,
): Promise<void> {
  const existing = await stat(await finalTarget(path).catch(() => path)).catch(() => undefined);
  const previous = existing?.isFile() ? await readFile(path, 'utf8') : '';
  await writeFileAtomic(path, previous + text, options);
}
