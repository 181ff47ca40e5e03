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
