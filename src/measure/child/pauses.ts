/** A run's collections summed up in the child; the parent pools runs with the same pieces. */
import { max, sum } from '../../stats/descriptive.js';
import { quantileOfSorted, sortedCopy } from '../../stats/order.js';
import type { GcFigures, GcKind } from './sample.js';

export function emptyByKind(): Record<GcKind, { count: number; pauseMs: number }> {
  return {
    minor: { count: 0, pauseMs: 0 },
    minorMarkSweep: { count: 0, pauseMs: 0 },
    major: { count: 0, pauseMs: 0 },
    incremental: { count: 0, pauseMs: 0 },
    weakcb: { count: 0, pauseMs: 0 },
  };
}

export function gcFigures(durationsMs: readonly number[], byKind: GcFigures['byKind'], ops: number): GcFigures {
  const total = sum(durationsMs);
  return {
    count: durationsMs.length,
    pauseMs: {
      total,
      max: max(durationsMs),
      p99: durationsMs.length ? quantileOfSorted(sortedCopy(durationsMs), 0.99) : 0,
    },
    pauseMsPerKop: ops > 0 ? (total / ops) * 1000 : 0,
    byKind,
  };
}

/** One run's pauses, as the child reports them. */
export function pauseFigures(pauses: readonly { durationMs: number; kind: GcKind }[], ops: number): GcFigures {
  const byKind = emptyByKind();
  for (const { durationMs, kind } of pauses) {
    byKind[kind].count++;
    byKind[kind].pauseMs += durationMs;
  }
  return gcFigures(
    pauses.map((pause) => pause.durationMs),
    byKind,
    ops,
  );
}
