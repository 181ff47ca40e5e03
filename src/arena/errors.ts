/** Base class of every error the arena throws on purpose; anything else is a bug. */
export class ArenaError extends Error {
  override name = 'ArenaError';
}

/** An allocation needed more than `maxBytes`; the arena is unchanged and still usable. */
export class ArenaExhaustedError extends ArenaError {
  override name = 'ArenaExhaustedError';

  constructor(
    readonly requestedBytes: number,
    readonly usedBytes: number,
    readonly maxBytes: number,
  ) {
    super(
      `arena exhausted: asked for ${requestedBytes} bytes with ${usedBytes} bytes in use, but maxBytes is ` +
        `${maxBytes}; raise maxBytes, reset() more often, or allocate less between resets`,
    );
  }
}

/** A checked arena was handed a handle from an earlier generation, or not from it at all. */
export class StaleHandleError extends ArenaError {
  override name = 'StaleHandleError';
}

/** The arena was used after `free()` (or after the end of its `using` scope). */
export class ArenaFreedError extends ArenaError {
  override name = 'ArenaFreedError';

  constructor(operation: string) {
    super(`${operation} on an arena that was freed; create a new Arena (or acquire one from an ArenaPool)`);
  }
}

/** A refused value as a message shows it: strings quoted, so that "8" and 8 read differently. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return value.name === '' ? 'a function' : `the function ${value.name}`;
  if (typeof value === 'object' && value !== null) {
    const kind = Object.prototype.toString.call(value).slice(8, -1);
    // "an Array", "an Int8Array", but "a Uint8Array".
    return /^[AEIO]/.test(kind) ? `an ${kind}` : `a ${kind}`;
  }
  return String(value);
}

/**
 * Refuses anything but an integer from `min` to `max`: TypeError for a value that is not a number,
 * RangeError for a number out of range. `context` names the caller, `name` the argument or option.
 */
export function requireInteger(
  context: string,
  name: string,
  value: unknown,
  min: number,
  max: number,
  allowed = `an integer from ${min} to ${max}`,
): void {
  if (typeof value !== 'number') {
    throw new TypeError(`${context}: ${name} must be ${allowed}, got ${describeValue(value)}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${context}: ${name} must be ${allowed}, got ${describeValue(value)}`);
  }
}
