/**
 * A result's cases grouped as its reporters show them (the variants of one scenario side by side)
 * and the sentences under each group: failures, each mode against its baseline, warnings.
 */
import type { CaseResult, ModeRatios } from '../../results/result.js';
import { formatChange, formatParams, formatRatio } from '../../text/format.js';
import { visible } from '../../text/visible.js';
import type { Outcome } from './blocks.js';

/** The cases of one scenario with one parameter set, one per variant (V8 flag set × runtime). */
export interface CaseGroup {
  title: string;
  entries: { label: string; caseResult: CaseResult }[];
}

/** "node v26.10.0 · --max-semi-space-size=64": what distinguishes one variant from the others of its group. */
function variantLabel(caseResult: CaseResult, showRuntime: boolean, showFlags: boolean): string {
  const parts: string[] = [];
  // Older files have no per-case runtime; the binary given with --node names it then.
  if (showRuntime) parts.push(`node ${caseResult.runtime?.node ?? caseResult.variant.node}`);
  if (showFlags) parts.push(caseResult.variant.v8Flags.length ? caseResult.variant.v8Flags.join(' ') : 'default flags');
  return visible(parts.join(' · '));
}

/** Group a result's cases so that the variants of one scenario show side by side. */
export function groupCases(cases: readonly CaseResult[]): CaseGroup[] {
  const groups = new Map<string, CaseResult[]>();
  for (const caseResult of cases) {
    const key = `${caseResult.name}\0${formatParams(caseResult.params)}`;
    groups.set(key, [...(groups.get(key) ?? []), caseResult]);
  }
  return [...groups.values()].map((entries) => {
    const distinct = (pick: (caseResult: CaseResult) => string) => new Set(entries.map(pick)).size > 1;
    const showRuntime = distinct((caseResult) => `${caseResult.variant.node}`);
    const showFlags = distinct((caseResult) => caseResult.variant.v8Flags.join(' '));
    const first = entries[0]!;
    const params = formatParams(first.params);
    return {
      title: params ? `${visible(first.name)}  ${params}` : visible(first.name),
      entries: entries.map((caseResult) => ({
        label: variantLabel(caseResult, showRuntime, showFlags),
        caseResult,
      })),
    };
  });
}

/** The lines under a group's table: failures, comparisons and warnings, each tagged with its variant. */
export function describeOutcomes(group: CaseGroup): Outcome[] {
  const lines: Outcome[] = [];
  for (const { label, caseResult } of group.entries) {
    const tag = label ? `${label}: ` : '';
    if (caseResult.status === 'failed')
      lines.push({
        kind: 'failure',
        text: `${tag}failed: ${visible(caseResult.error ?? 'unknown error')}`,
        tone: 'bad',
      });
    for (const [mode, comparison] of Object.entries(caseResult.comparison?.against ?? {})) {
      const [low, high] = comparison.opsPerSecRatio.ci95;
      const text = tag + describeComparison(mode, comparison, caseResult.comparison!.baseline);
      lines.push({ kind: 'comparison', text, tone: low > 1 ? 'good' : high < 1 ? 'bad' : 'plain' });
    }
    for (const warning of caseResult.warnings)
      lines.push({ kind: 'warning', text: `${tag}warning: ${visible(warning)}`, tone: 'warning' });
  }
  return lines;
}

/**
 * "arena: 3.10× ops/s [2.90–3.30], −97% GC pause, −99% allocated" against `heap`, the default
 * baseline; "msgpackr vs json: …" when the scenario named another.
 */
function describeComparison(mode: string, comparison: ModeRatios, baseline = 'heap'): string {
  const { median, ci95 } = comparison.opsPerSecRatio;
  const interval = `[${formatRatio(ci95[0]).replace('×', '')}–${formatRatio(ci95[1])}]`;
  return (
    `${visible(mode)}${baseline === 'heap' ? '' : ` vs ${visible(baseline)}`}: ${formatRatio(median)} ops/s ${interval}, ` +
    `${formatChange(comparison.gcPauseRatio)} GC pause, ${formatChange(comparison.allocatedBytesRatio)} allocated`
  );
}
