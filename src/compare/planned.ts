/** Whether an invocation of `run` about to start can be checked against its baseline at all, asked before measuring. */
import type { ParamValue } from '../plan/scenario.js';
import type { ResultFile, VariantResult } from '../results/result.js';
import { keyOf, keyText } from './matching.js';
import type { CaseKey } from './model.js';

/** A case an invocation will measure, described as its result will be. */
export interface PlannedCase {
  name: string;
  params: Record<string, ParamValue>;
  variant: VariantResult;
  modes: string[];
}

/** Every case of `planned` and of the baseline's measured cases, and whether any case and mode is in both. */
export function plannedAgainstBaseline(
  planned: readonly PlannedCase[],
  baseline: ResultFile,
): { matches: boolean; planned: CaseKey[]; baseline: CaseKey[] } {
  const measured = baseline.scenarios.filter((caseResult) => caseResult.status === 'ok');
  const measuredModes = new Set(
    measured.flatMap((caseResult) =>
      Object.keys(caseResult.modes).map((mode) => `${keyText(keyOf(caseResult))}\u0000${mode}`),
    ),
  );
  const matches = planned.some((entry) =>
    entry.modes.some((mode) => measuredModes.has(`${keyText(keyOf(entry))}\u0000${mode}`)),
  );
  return { matches, planned: planned.map(keyOf), baseline: measured.map(keyOf) };
}
