/** An arena's options, checked and given their defaults: shared by Arena and ArenaPool. */
import { describeValue, requireInteger } from './errors.js';

export interface ArenaOptions {
  /** Capacity reserved up front, in bytes. Default 64 KiB, or maxBytes when that is less. */
  initialBytes?: number;
  /** Growth stops here: an allocation that would pass it throws ArenaExhaustedError. Default 1 GiB, at most 2 GiB. */
  maxBytes?: number;
  /** Catch use after reset()/free(): stamped handles, emptied views. For tests and debugging. Default false. */
  checked?: boolean;
}

export const DEFAULT_INITIAL_BYTES = 64 * 1024;
export const DEFAULT_MAX_BYTES = 2 ** 30;
/** Offsets must stay below the handle stamp's span (2^32) and a Buffer's length limit on Node 20. */
export const MAX_ARENA_BYTES = 2 ** 31;

const ARENA_OPTION_NAMES = ['initialBytes', 'maxBytes', 'checked'];

/**
 * Checks every arena option, each against its own range, and fills in the defaults; `context`
 * names the caller in messages and `otherNames` are the caller's own options (ArenaPool's maxIdle).
 */
export function resolveArenaOptions(
  options: unknown,
  context: string,
  otherNames: readonly string[] = [],
): Required<ArenaOptions> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(
      `${context}: options must be an object such as { initialBytes: 65536 }, got ${describeValue(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!ARENA_OPTION_NAMES.includes(key) && !otherNames.includes(key)) {
      throw new TypeError(
        `${context}: unknown option "${key}"; the options are ${[...otherNames, ...ARENA_OPTION_NAMES].join(', ')}`,
      );
    }
  }
  const { initialBytes, maxBytes, checked } = options as ArenaOptions;
  if (checked !== undefined && typeof checked !== 'boolean') {
    throw new TypeError(`${context}: checked must be true or false, got ${describeValue(checked)}`);
  }
  if (initialBytes !== undefined) requireInteger(context, 'initialBytes', initialBytes, 0, MAX_ARENA_BYTES);
  if (maxBytes !== undefined) requireInteger(context, 'maxBytes', maxBytes, 1, MAX_ARENA_BYTES);
  if (initialBytes !== undefined && maxBytes !== undefined && initialBytes > maxBytes) {
    throw new RangeError(
      `${context}: initialBytes must be an integer from 0 to maxBytes (${maxBytes}), got ${initialBytes}; ` +
        'raise maxBytes or lower initialBytes',
    );
  }
  return {
    initialBytes: initialBytes ?? Math.min(DEFAULT_INITIAL_BYTES, maxBytes ?? DEFAULT_MAX_BYTES),
    maxBytes: maxBytes ?? Math.max(DEFAULT_MAX_BYTES, initialBytes ?? 0),
    checked: checked === true,
  };
}
