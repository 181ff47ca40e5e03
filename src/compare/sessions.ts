/**
 * Measuring sessions: several result files of one side pooled into one, and the runs of a pooled
 * side grouped back by session, which is the unit the test on sessions compares (docs/statistics.md,
 * "The CI recipe: interleaved sessions in one job").
 */
import type { CaseResult, RunSample } from '../results/result.js';
import { keyOf, keyText } from './matching.js';
import type { LabeledResult } from './model.js';

/**
 * Several result files of one side (interleaved sessions of the same code, as in the example CI
 * workflow) become one: the runs of each case and mode are pooled, and
 * `sessionOf` remembers which file each came from, so the test can compare sessions. The first
 * file's environment and settings stand for the whole.
 */
export function poolResults(files: readonly LabeledResult[]): LabeledResult {
  if (files.length === 1) return files[0]!;
  const [first] = files;
  const cases = new Map<string, CaseResult>();
  const sessionOf = new Map<RunSample, number>();
  for (const [session, { result }] of files.entries()) {
    for (const caseResult of result.scenarios)
      for (const mode of Object.values(caseResult.modes)) for (const run of mode.runs) sessionOf.set(run, session);
    for (const caseResult of result.scenarios) {
      const text = keyText(keyOf(caseResult));
      const pooled = cases.get(text);
      if (!pooled) {
        cases.set(text, {
          ...caseResult,
          modes: Object.fromEntries(
            Object.entries(caseResult.modes).map(([mode, m]) => [mode, { ...m, runs: [...m.runs] }]),
          ),
        });
        continue;
      }
      if (pooled.status === 'failed') continue;
      if (caseResult.status === 'failed') {
        cases.set(text, caseResult);
        continue;
      }
      for (const [mode, m] of Object.entries(caseResult.modes)) {
        const existing = pooled.modes[mode];
        if (existing) existing.runs.push(...m.runs);
        else pooled.modes[mode] = { ...m, runs: [...m.runs] };
      }
    }
  }
  return {
    label: files.map((file) => file.label).join(' + '),
    sessions: files.reduce((total, file) => total + (file.sessions ?? 1), 0),
    sessionOf,
    result: {
      ...first!.result,
      complete: files.every((file) => file.result.complete),
      settings: {
        ...first!.result.settings,
        runs: files.reduce((total, file) => total + file.result.settings.runs, 0),
      },
      scenarios: [...cases.values()],
    },
  };
}

/** Whether a side pooled several sessions and knows which session every run came from: then sessions are what is compared. */
export function hasSessions({ result, sessions, sessionOf }: LabeledResult): boolean {
  return (
    (sessions ?? 1) >= 2 &&
    sessionOf !== undefined &&
    result.scenarios.every((caseResult) =>
      Object.values(caseResult.modes).every((mode) => mode.runs.every((run) => sessionOf.has(run))),
    )
  );
}

/** The runs of a pooled side, grouped by the session they came from. */
export function runsBySession(side: LabeledResult, runs: readonly RunSample[]): RunSample[][] {
  const groups = new Map<number, RunSample[]>();
  for (const run of runs) {
    const session = side.sessionOf!.get(run)!;
    const group = groups.get(session);
    if (group) group.push(run);
    else groups.set(session, [run]);
  }
  return [...groups.values()];
}
