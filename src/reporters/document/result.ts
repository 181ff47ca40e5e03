/**
 * A result file as a document: its title, the verdicts, a block per case (figures, outcomes,
 * allocation sites) and how the figures were measured. Where the reporters have always differed,
 * the difference is made here, by target, and nowhere else.
 */
import { canonicalJson } from '../../compare/matching.js';
import { type CaseResult, caseTimeMs, type ResultFile, runsPerMode } from '../../results/result.js';
import { formatParams, formatRunCounts } from '../../text/format.js';
import type { Block, CaseBlock, TitleBlock } from './blocks.js';
import { type CaseGroup, describeOutcomes, groupCases } from './cases.js';
import { DETAIL_COLUMNS, FIGURE_COLUMNS } from './columns.js';
import { describeRunProcesses, resultMethod } from './method.js';
import { verdictsBlock } from './verdicts.js';

export type Target = 'terminal' | 'markdown' | 'html';

export interface ResultDocumentOptions {
  target: Target;
  /** The page's name for the file (its path); markdown and the terminal name none. */
  label?: string;
  /** A comparison's baseline file: the page draws its throughput beside each mode's. */
  baseline?: ResultFile;
  /** Without the title: the comparison page has its own. */
  untitled?: boolean;
}

function caseKeyText(caseResult: CaseResult): string {
  return `${caseResult.name}\0${canonicalJson(caseResult.params)}\0${canonicalJson(caseResult.variant ?? {})}`;
}

function caseBlock(group: CaseGroup, result: ResultFile, baselines: Map<string, CaseResult>): CaseBlock {
  const first = group.entries[0]!.caseResult;
  const timeMs = caseTimeMs(first, result.settings);
  return {
    kind: 'case',
    title: group.title,
    name: first.name,
    meta: [
      formatParams(first.params),
      first.source === 'builtin' ? 'built-in scenario' : first.source,
      timeMs !== result.settings.timeMs ? `${timeMs} ms per run (its minimum)` : '',
    ].filter(Boolean),
    columns: FIGURE_COLUMNS,
    detailColumns: DETAIL_COLUMNS,
    variants: group.entries.map(({ label, caseResult }) => ({
      label,
      caseResult,
      baseline: baselines.get(caseKeyText(caseResult)),
      modes: Object.entries(caseResult.modes).map(([mode, modeResult]) => ({ mode, result: modeResult })),
      allocationSites: Object.entries(caseResult.modes)
        .filter(([, modeResult]) => modeResult.allocationSites)
        .map(([mode, modeResult]) => ({ kind: 'allocation-sites', variant: label, mode, result: modeResult })),
    })),
    outcomes: describeOutcomes(group),
  };
}

/** "Node v22.1.0 (V8 12.4) on …, 2 cores, linux/x64 · 6 runs × 500 ms per mode · 2026-…": the page's line under a title. */
export function environmentLine(result: ResultFile): string {
  const { environment: env, settings } = result;
  const runtimes = [...new Set(result.scenarios.map((caseResult) => caseResult.runtime?.node).filter(Boolean))];
  return [
    `Node ${runtimes.length ? runtimes.join(', ') : env.node} (V8 ${env.v8}) on ${env.cpuModel}, ${env.cpuCount} cores, ${env.platform}/${env.arch}`,
    `${formatRunCounts(runsPerMode(result))} × ${settings.timeMs} ms per mode${settings.quick ? ' (--quick)' : ''}` +
      (settings.pairing ? `, ${describeRunProcesses(settings)}` : ''),
    result.createdAt,
  ].join(' · ');
}

function title(result: ResultFile, options: ResultDocumentOptions): TitleBlock | undefined {
  if (options.untitled || options.target === 'terminal') return undefined;
  if (options.target === 'markdown') {
    const { cpuModel, cpuCount } = result.environment;
    const runtimes = [...new Set(result.scenarios.map((caseResult) => caseResult.runtime?.node).filter(Boolean))];
    const nodes = runtimes.length ? runtimes.join(', ') : result.environment.node;
    return {
      kind: 'title',
      text: 'arena-bench results',
      meta: [`Node ${nodes} on ${cpuModel} (${cpuCount} cores), ${result.createdAt}.`],
      warnings: [],
    };
  }
  return {
    kind: 'title',
    text: `arena-bench report${options.label ? `: ${options.label}` : ''}`,
    meta: [environmentLine(result)],
    warnings: result.complete ? [] : ['This result file is incomplete: the run was interrupted or is still going.'],
  };
}

/**
 * The blocks of a result. The verdicts open markdown and the page, for a reader who reads no
 * further, and close the terminal's output, where the last lines are the ones left on screen.
 */
export function resultDocument(result: ResultFile, options: ResultDocumentOptions): Block[] {
  const baselines = new Map(
    (options.baseline?.scenarios ?? []).map((caseResult) => [caseKeyText(caseResult), caseResult]),
  );
  const cases = groupCases(result.scenarios).map((group) => caseBlock(group, result, baselines));
  const verdicts = verdictsBlock(result);
  const method = resultMethod(result, options.target);
  const heading = title(result, options);
  if (options.target === 'terminal') return [...cases, method, ...(verdicts ? [verdicts] : [])];
  return [...(heading ? [heading] : []), ...(verdicts ? [verdicts] : []), ...cases, method];
}
