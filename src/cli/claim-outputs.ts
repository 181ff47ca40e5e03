/**
 * The check at the door for every path a command will write: each one writable, none a file the
 * command reads, no two the same file. It runs after the plan is resolved and before anything is
 * measured, so a mistake in a path costs seconds, not the invocation.
 */
import { constants } from 'node:fs';
import { access, stat, statfs } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { messageOf, UserError } from '../errors.js';
import { finalTarget, refusalOf } from '../results/write-file-atomic.js';

export interface OutputPath {
  /** How the user gave it: "--out", "--html", "init". */
  flag: string;
  path: string;
  /** A folder the command creates if needed and writes files into (the heap profiles), rather than a file. */
  folder?: boolean;
}

/** The longest file name (in bytes) the common Linux and macOS file systems take. */
const NAME_MAX = 255;

export interface InputPath {
  /** What the command reads there: "the baseline", "the config file". */
  what: string;
  path: string;
}

/** The kernel's filesystems of live state: files there are not files, and writing can hang or fail oddly. */
const KERNEL_FILESYSTEMS = new Map([
  [0x9fa0, '/proc'],
  [0x62656572, '/sys'],
  [0x27e0eb, 'a cgroup filesystem'],
  [0x63677270, 'a cgroup filesystem'],
  [0x64626720, 'a debug filesystem'],
  [0x74726163, 'a tracing filesystem'],
  [0x73636673, 'a security filesystem'],
]);

interface Claimed {
  given: OutputPath | InputPath;
  target: string;
  /** Device and inode of an existing file: the same file under another name (a hard link) is still the same. */
  identity?: string;
}

/** The nearest folder of a path that exists: where a missing parent folder would be created. */
async function nearestExisting(path: string): Promise<{ path: string; isDirectory: boolean }> {
  for (let current = path; ; current = dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    if (info) return { path: current, isDirectory: info.isDirectory() };
    if (dirname(current) === current) return { path: current, isDirectory: true };
  }
}

async function claim(output: OutputPath): Promise<Claimed> {
  const refuse = (
    reason: string,
    hint = `give ${output.flag} the path of a file in a folder you can write to`,
  ): never => {
    throw new UserError(`${output.flag} ${output.path || '""'}: ${reason}`, hint);
  };
  if (output.path.trim() === '') refuse('an empty path');
  // Written as a file, `newdir/` would become a file named newdir.
  if (output.path.endsWith('/') && !(await stat(output.path).catch(() => undefined)))
    refuse('it ends in a slash, so it names a folder', `give ${output.flag} the path of a file in that folder`);
  let target: string;
  try {
    target = await finalTarget(output.path);
  } catch (error) {
    return refuse(messageOf(error));
  }
  const nameBytes = Buffer.byteLength(basename(target));
  if (nameBytes > NAME_MAX)
    refuse(`its name is ${nameBytes} bytes long, and file systems take at most ${NAME_MAX}`, 'give a shorter name');
  if (output.folder) return claimFolder(output, target, refuse);
  const atTarget = await stat(target).catch(() => undefined);
  // The path as given is stat'ed too, because it follows /proc's fd links where readlink cannot: /dev/stdout into a pipe is that pipe.
  const existing = atTarget ?? (await stat(output.path).catch(() => undefined));
  const folder = existing ? { path: dirname(target), isDirectory: true } : await nearestExisting(dirname(target));
  if (!folder.isDirectory) refuse(`cannot create the folder ${dirname(target)}, because ${folder.path} is a file`);
  const filesystem = await statfs(atTarget ? target : existing ? output.path : folder.path).catch(() => undefined);
  const kernel = filesystem && KERNEL_FILESYSTEMS.get(filesystem.type);
  if (kernel) refuse(`it is on ${kernel}, which holds the kernel's live state, not files`);
  if (existing) {
    const refusal = refusalOf(existing);
    if (refusal) refuse(refusal);
  }
  // A character device (/dev/null, a terminal) is written to in place; anything else needs a new file in its folder.
  if (!existing?.isCharacterDevice()) {
    await access(folder.path, constants.W_OK | constants.X_OK).catch((error: unknown) =>
      refuse(`cannot write in ${folder.path} (${(error as NodeJS.ErrnoException).code ?? messageOf(error)})`),
    );
  }
  return {
    given: output,
    target,
    identity: existing && !existing.isCharacterDevice() ? `${existing.dev}:${existing.ino}` : undefined,
  };
}

/** A folder written into: it may exist as a folder, or be created where the nearest existing folder is writable. */
async function claimFolder(
  output: OutputPath,
  target: string,
  refuse: (reason: string, hint?: string) => never,
): Promise<Claimed> {
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isDirectory())
    refuse('it is a file, where a folder is needed', 'move that file, or give --out another path');
  const folder = existing ? { path: target, isDirectory: true } : await nearestExisting(dirname(target));
  if (!folder.isDirectory) refuse(`cannot create the folder ${target}, because ${folder.path} is a file`);
  await access(folder.path, constants.W_OK | constants.X_OK).catch((error: unknown) =>
    refuse(`cannot write in ${folder.path} (${(error as NodeJS.ErrnoException).code ?? messageOf(error)})`),
  );
  return { given: output, target, identity: existing ? `${existing.dev}:${existing.ino}` : undefined };
}

async function located(input: InputPath): Promise<Claimed> {
  const target = await finalTarget(input.path).catch(() => input.path);
  const info = await stat(target).catch(() => undefined);
  return { given: input, target, identity: info ? `${info.dev}:${info.ino}` : undefined };
}

const sameFile = (a: Claimed, b: Claimed) =>
  a.target === b.target || (a.identity !== undefined && a.identity === b.identity);
const named = (claimed: Claimed) =>
  `${'flag' in claimed.given ? claimed.given.flag : claimed.given.what} ${claimed.given.path}`;

/**
 * Check every output before any work: writable, not under /proc or /sys, not a directory, FIFO or
 * socket, not one of the inputs, and not the same file as another output. Throws a UserError (exit
 * code 2) naming the path, or both paths.
 */
export async function claimOutputs(outputs: readonly OutputPath[], inputs: readonly InputPath[] = []): Promise<void> {
  const claimed: Claimed[] = [];
  for (const output of outputs) claimed.push(await claim(output));
  const read = await Promise.all(inputs.map(located));
  for (const [index, output] of claimed.entries()) {
    const input = read.find((candidate) => sameFile(candidate, output));
    if (input) {
      throw new UserError(
        `${named(output)} is the same file as ${named(input)}: writing it would destroy what this command reads`,
        `give ${(output.given as OutputPath).flag} another path`,
      );
    }
    const other = claimed.slice(0, index).find((candidate) => sameFile(candidate, output));
    if (other)
      throw new UserError(
        `${named(other)} and ${named(output)} are the same file: one would overwrite the other`,
        'give each output its own path',
      );
  }
}
