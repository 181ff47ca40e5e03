/** `export`'s formats: a result file as github-action-benchmark's custom JSON, for charting history there. */
import { describeCase } from '../../reporters/document/comparison-words.js';
import { caseTimeMs, type ResultFile } from '../../results/result.js';

export type BenchmarkActionFormat = 'github-action-benchmark-bigger' | 'github-action-benchmark-smaller';
export const BENCHMARK_ACTION_FORMATS: BenchmarkActionFormat[] = [
  'github-action-benchmark-bigger',
  'github-action-benchmark-smaller',
];

interface BenchmarkActionEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/**
 * A result file in github-action-benchmark's `customBiggerIsBetter` (ops/s) or
 * `customSmallerIsBetter` (CPU time per op, latency p99, GC pause per 1000 ops, GC max pause, allocated bytes per op,
 * retained bytes) format: one entry per scenario × mode × metric, so a team can chart history with
 * the action it already uses.
 */
export function benchmarkActionJson(result: ResultFile, format: BenchmarkActionFormat): string {
  const entries: BenchmarkActionEntry[] = [];
  for (const caseResult of result.scenarios) {
    if (caseResult.status !== 'ok') continue;
    const variant = { ...(caseResult.variant as object | undefined) } as Record<string, unknown>;
    const name = describeCase({ name: caseResult.name, params: caseResult.params, variant });
    for (const [mode, { summary, runs }] of Object.entries(caseResult.modes)) {
      // The mode's own count: under --precision modes get different numbers of runs.
      const extra = `${runs.length} runs × ${caseTimeMs(caseResult, result.settings)} ms, Node ${result.environment.node}`;
      const prefix = `${name} ${mode}`;
      if (format === 'github-action-benchmark-bigger') {
        const [low, high] = summary.opsPerSec.ci95;
        entries.push({
          name: `${prefix} ops/s`,
          unit: 'ops/s',
          value: summary.opsPerSec.median,
          range: `${low.toFixed(0)}–${high.toFixed(0)}`,
          extra,
        });
      } else {
        entries.push(
          { name: `${prefix} CPU time per op`, unit: 'ns', value: summary.cpuMsPerKop * 1000, extra },
          { name: `${prefix} latency p99`, unit: 'ns', value: summary.latencyNs.p99, extra },
          { name: `${prefix} GC pause per 1000 ops`, unit: 'ms', value: summary.gc.pauseMsPerKop, extra },
          { name: `${prefix} GC max pause`, unit: 'ms', value: summary.gc.pauseMs.max, extra },
          { name: `${prefix} allocated per op`, unit: 'bytes', value: summary.memory.allocatedBytesPerOp, extra },
          { name: `${prefix} retained heap`, unit: 'bytes', value: summary.memory.retainedBytes, extra },
        );
      }
    }
  }
  return `${JSON.stringify(entries, null, 2)}\n`;
}
