/** Corrections for multiplicity: every p-value of one comparison adjusted together. */

/**
 * Holm's step-down adjustment (Holm 1979; R's p.adjust "holm"): controls the chance of even one false
 * finding among all tests, whatever their dependence. Adjusted p = max over j ≤ i of (m − j + 1)·p(j).
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up adjustment (Benjamini & Hochberg 1995; R's p.adjust "BH"): controls the
 * expected share of false findings among the findings. Adjusted p = min over j ≥ i of m·p(j)/j.
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[b]! - pValues[a]!);
  const adjusted = new Array<number>(m);
  let running = 1;
  order.forEach((index, reverseRank) => {
    running = Math.min(running, (m * pValues[index]!) / (m - reverseRank));
    adjusted[index] = running;
  });
  return adjusted;
}
