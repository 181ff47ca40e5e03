/**
 * Checksum helpers shared by the scenarios. Every result stays below 2^30 so V8 keeps it as an
 * unboxed small integer: a larger number returned from an operation would be a fresh HeapNumber
 * per call, which the harness would count as allocation.
 */

export const CHECKSUM_MASK = 0x3fffffff;

/** Folds an integer into a running hash (ToInt32 keeps it exact modulo 2^32 up to 2^53; fractions are truncated). */
export function mix(hash: number, value: number): number {
  return (Math.imul(hash, 31) + (value | 0)) & CHECKSUM_MASK;
}

/** Folds the bytes [start, end) into a running hash; a message split over several ranges folds to the same value. */
export function foldBytes(hash: number, bytes: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + bytes[i]!) & CHECKSUM_MASK;
  return hash;
}

/** Folds the bytes [start, end) into a running hash, then their length. */
export function hashBytes(hash: number, bytes: Uint8Array, start: number, end: number): number {
  return mix(foldBytes(hash, bytes, start, end), end - start);
}
