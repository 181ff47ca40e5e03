/** Importing the user's own modules (scenario and config files), TypeScript included. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { messageOf } from './errors.js';

const TYPESCRIPT_FILE = /\.(m?ts|cts)$/;

/**
 * Import a module by URL. TypeScript goes through tsx where this Node.js cannot strip types itself
 * (Node 20); elsewhere Node's own type stripping runs it. A child process loads scenario files the
 * same way, so both sides see the same module.
 */
export async function importDefaultExport(moduleUrl: string): Promise<unknown> {
  const features = process.features as { typescript?: string | false };
  const namespace = (
    TYPESCRIPT_FILE.test(moduleUrl) && !features.typescript
      ? await (await import('tsx/esm/api')).tsImport(moduleUrl, import.meta.url)
      : await import(moduleUrl)
  ) as { default?: unknown };
  return unwrapCommonJsDefault(namespace.default);
}

/**
 * A .ts file outside an ESM package is compiled as CommonJS, and importing it wraps its exports:
 * `default` then holds `{ default: value }`. Unwrap that one level.
 */
function unwrapCommonJsDefault(exported: unknown): unknown {
  const wrapped = typeof exported === 'object' && exported !== null && Object.keys(exported).join() === 'default';
  return wrapped ? (exported as { default: unknown }).default : exported;
}

/**
 * Why a module failed to load, with the file and line where Node knows them. tsx puts them in the
 * message and Node's type stripping at the top of the stack; for a plain JavaScript syntax error
 * Node keeps them to itself, so `node --check` is asked.
 */
export function describeLoadError(error: unknown, moduleUrl: string): string {
  const message = messageOf(error);
  const path = fileURLToPath(moduleUrl);
  if (message.includes(path)) return message;
  const stackTop = (error as { stack?: string } | undefined)?.stack?.split('\n')[0] ?? '';
  const located = /^(file:\/\/.+):(\d+)$/.exec(stackTop);
  if (located) return `${message} (at ${fileURLToPath(located[1]!)}:${located[2]})`;
  if (error instanceof SyntaxError && !TYPESCRIPT_FILE.test(moduleUrl)) {
    const where = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' }).stderr.trim().split('\n')[0];
    if (where?.startsWith(path)) return `${message} (at ${where})`;
  }
  return message;
}
