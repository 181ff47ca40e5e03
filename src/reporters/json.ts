/** The JSON reporters, for scripts: a result file as it is, and everything `compare` decided, with the numbers behind it. */

import type { Comparison } from '../compare/model.js';
import type { ResultFile } from '../results/result.js';

export function resultJson(result: ResultFile): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export function comparisonJson(comparison: Comparison): string {
  return `${JSON.stringify(
    { kind: 'arena-bench-comparison', regressed: comparison.gatingRegressions > 0, ...comparison },
    null,
    2,
  )}\n`;
}
