/**
 * A checked arena's handles, generation × 2^32 + offset, and what a bad one is told; the detaching
 * of a region the checked arena leaves, so views into it read as empty.
 */

/** Handles are generation × 2^32 + offset: exact in a double while the generation stays below 2^21. */
export const HANDLE_SPAN = 2 ** 32;
export const MAX_GENERATION = 2 ** 21 - 1;

// ArrayBuffer.prototype.transfer arrived in Node 21; on Node 20 a structuredClone transfer list
// moves the memory the same way, without copying it.
const nativeTransfer = (ArrayBuffer.prototype as { transfer?: (this: ArrayBuffer) => ArrayBuffer }).transfer;

/** Moves the memory of `region` into a new ArrayBuffer; `region` and every view over it become length 0. */
export function detach(region: ArrayBuffer): ArrayBuffer {
  return nativeTransfer !== undefined ? nativeTransfer.call(region) : structuredClone(region, { transfer: [region] });
}

/** A handle taken apart: the generation and offset it names, and the bytes asked for there. */
export interface HandleUse {
  handle: number;
  generation: number;
  offset: number;
  byteLength: number;
}

/** Why `use` is refused by an arena at `currentGeneration` with `usedBytes` allocated. */
export function badHandleMessage(use: HandleUse, currentGeneration: number, usedBytes: number): string {
  const { handle, generation, offset, byteLength } = use;
  if (!Number.isInteger(handle) || generation < 1 || generation > MAX_GENERATION) {
    return (
      `${handle} is not a handle from this checked arena; pass back what alloc/writers/records returned ` +
      `(a checked arena's handles are not byte offsets: use arena.offsetOf(handle) for those)`
    );
  }
  if (generation !== currentGeneration) {
    return (
      `stale handle ${handle}: it was allocated in generation ${generation}, but this arena is now at ` +
      `generation ${currentGeneration}; the memory it named was reset and may hold other data`
    );
  }
  return (
    `handle ${handle} names bytes ${offset}..${offset + byteLength} of generation ${generation}, ` +
    `but only ${usedBytes} bytes are allocated`
  );
}
