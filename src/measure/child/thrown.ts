/**
 * What a scenario threw, in words, whatever it threw: an Error, a string, a Symbol, an object with
 * no prototype, a revoked Proxy, an object whose getters throw. Describing it must never throw in
 * turn, or the tool's own TypeError would be reported instead of the scenario's failure.
 */
import { inspect } from 'node:util';

/** "Error", "Object", "Array": the built-in tag, which reads no field of the value. */
function tagOf(value: object): string {
  try {
    return Object.prototype.toString.call(value).slice(8, -1);
  } catch {
    return typeof value;
  }
}

/** A value that is not an Error, by its own fields: inspect reads no getter and survives a revoked Proxy. */
export function describeValue(thrown: unknown): string {
  if (thrown === null || (typeof thrown !== 'object' && typeof thrown !== 'function')) return String(thrown);
  try {
    return inspect(thrown, { depth: 2, breakLength: Infinity });
  } catch {
    return `a thrown ${tagOf(thrown)} whose fields throw when read`;
  }
}

/**
 * "Error: boom (at file:///…/my.scenario.mjs:12:9)": the message and where it was thrown, in one
 * line. Frames in `skipUrl` (the worker's own guards) are passed over for the scenario's line that called them.
 */
export function describeThrown(thrown: unknown, skipUrl?: string): string {
  if (!isError(thrown)) return describeValue(thrown);
  try {
    const frames =
      typeof thrown.stack === 'string'
        ? thrown.stack.split('\n').filter((line) => line.trimStart().startsWith('at '))
        : [];
    const where = frames.find((line) => skipUrl === undefined || !line.includes(skipUrl));
    const message = `${String(thrown.name)}: ${String(thrown.message)}`;
    return where ? `${message} (${where.trim()})` : message;
  } catch {
    return UNREADABLE_ERROR;
  }
}

/**
 * An Error whose name, message or stack getter throws. Said in these words, not by inspect(), whose
 * output for it differs between Node versions ("[object Error]" on 24, a throw on 20).
 */
export const UNREADABLE_ERROR = 'a thrown Error whose fields throw when read';

/** `instanceof Error`, false for a revoked Proxy (which throws at the question). */
export function isError(thrown: unknown): thrown is Error {
  return isInstance(thrown, Error);
}

/** `instanceof`, false for a revoked Proxy (which throws at the question). */
export function isInstance<T>(thrown: unknown, type: abstract new (...args: never[]) => T): thrown is T {
  try {
    return thrown instanceof type;
  } catch {
    return false;
  }
}
