/**
 * The suite's one source of randomness: a seeded generator, so every mode and every child process
 * builds the same input and the checksums can be compared. Never Math.random.
 */

export interface Random {
  /** Next 32-bit unsigned integer. */
  next(): number;
  /** An integer in [0, bound), bound ≤ 2^32. */
  below(bound: number): number;
  /** A double in [0, 1) with 32 random bits. */
  float(): number;
  /** One element of `items`. */
  pick<T>(items: readonly T[]): T;
}

/**
 * mulberry32 (Tommy Ettinger, 2017): 32 bits of state, passes BigCrush's gap-free subset, ~1 ns
 * a number, and allocates nothing per call, so it is safe inside an operation.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next,
    below: (bound) => Math.floor((next() / 0x1_0000_0000) * bound),
    float: () => next() / 0x1_0000_0000,
    pick: (items) => items[Math.floor((next() / 0x1_0000_0000) * items.length)]!,
  };
}
