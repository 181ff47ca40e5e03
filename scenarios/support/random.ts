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
 * xorshift32 (Marsaglia, "Xorshift RNGs", 2003): period 2^32 − 1, plenty for making workloads.
 * Chosen over larger generators because it must stay cheap to inline: an operation that calls a
 * bigger one (mulberry32) several times per item ran out of V8's inlining budget, and each call
 * that was not inlined boxed its double result in a fresh HeapNumber (32 B a sample, measured).
 * The state lives in a typed array, so storing it never boxes either.
 */
export function createRandom(seed: number): Random {
  const state = new Uint32Array([seed >>> 0 || 0x9e3779b9]);
  const next = (): number => {
    let x = state[0]!;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (state[0] = x >>> 0);
  };
  // Small seeds start with few bits set; a few rounds spread them.
  for (let i = 0; i < 8; i++) next();
  return {
    next,
    below: (bound) => Math.floor((next() / 0x1_0000_0000) * bound),
    float: () => next() / 0x1_0000_0000,
    pick: (items) => items[Math.floor((next() / 0x1_0000_0000) * items.length)]!,
  };
}
