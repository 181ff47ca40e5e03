/**
 * `run --shard i/n`: the i-th of n parts of the cases, so that a CI matrix can split a long suite
 * across jobs. Slices are balanced by planned time with the greedy longest-processing-time rule
 * (Graham 1969), as Jest and Playwright balance test files: the longest case goes to the part with
 * the least work so far. The same cases and settings always give the same parts.
 */

/** The items of part `index` (1-based) of `count`, in their original order. */
export function shardOf<T>(items: readonly T[], plannedMs: (item: T) => number, index: number, count: number): T[] {
  // Slices past the number of items stay empty, so only that many are tracked: --shard 1/1000000 is one case at most.
  const loads = new Array<number>(Math.min(count, items.length)).fill(0);
  const partOf = new Array<number>(items.length);
  const byLength = items
    .map((item, position) => ({ position, ms: plannedMs(item) }))
    .sort((a, b) => b.ms - a.ms || a.position - b.position);
  for (const { position, ms } of byLength) {
    // The lightest part; ties go to the lowest-numbered, so the split does not depend on sort stability.
    let lightest = 0;
    for (let part = 1; part < loads.length; part++) if (loads[part]! < loads[lightest]!) lightest = part;
    loads[lightest]! += ms;
    partOf[position] = lightest;
  }
  return items.filter((_, position) => partOf[position] === index - 1);
}
