/**
 * `run --shard i/n`: the i-th of n slices of the cases, so that a CI matrix can split a long suite
 * across jobs. Slices are balanced by planned time with the greedy longest-processing-time rule
 * (Graham 1969), as Jest and Playwright balance test files: the longest case goes to the slice with
 * the least work so far. The same cases and settings always give the same slices.
 */

/** The items of slice `index` (1-based) of `count`, in their original order. */
export function shardOf<T>(items: readonly T[], plannedMs: (item: T) => number, index: number, count: number): T[] {
  // Slices past the number of items stay empty, so only that many are tracked: --shard 1/1000000 is one case at most.
  const loads = new Array<number>(Math.min(count, items.length)).fill(0);
  const sliceOf = new Array<number>(items.length);
  const byLength = items
    .map((item, position) => ({ position, ms: plannedMs(item) }))
    .sort((a, b) => b.ms - a.ms || a.position - b.position);
  for (const { position, ms } of byLength) {
    // The lightest slice; ties go to the lowest-numbered, so the split does not depend on sort stability.
    let lightest = 0;
    for (let slice = 1; slice < loads.length; slice++) if (loads[slice]! < loads[lightest]!) lightest = slice;
    loads[lightest]! += ms;
    sliceOf[position] = lightest;
  }
  return items.filter((_, position) => sliceOf[position] === index - 1);
}
