/**
 * The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched) to open,
 * share or attach to a pull request. Per scenario: throughput with intervals, the GC pause
 * distribution, pauses and memory over time for every mode on the same axes, and the figures.
 * Given a comparison, the verdicts come first and the throughput chart shows the baseline too.
 * Pure: results in, a string out; every string taken from a result file is escaped.
 */
import { canonicalJson } from '../compare/matching.js';
import { type Comparison, findings, type LabeledResult, VERDICTS } from '../compare/model.js';
import {
  type CaseResult,
  caseTimeMs,
  type ModeResult,
  type ResultFile,
  type RunSample,
  runsPerMode,
} from '../results/result.js';
import { allocationRegressionNotes } from './comparison-allocation-sites.js';
import {
  countsLine,
  coverageNotes,
  environmentWarnings,
  findingCells,
  findingHeadings,
  headline,
  methodNotes,
  nothingShown,
  throughputResolution,
  verdictText,
} from './comparison-text.js';
import {
  describeMethods,
  describeOutcomes,
  formatRetained,
  groupScenarios,
  type ScenarioGroup,
  SUMMARY_HEADINGS,
  summaryCells,
} from './describe.js';
import { describeRunProcesses, formatBytes, formatMs, formatParams, formatRunCounts } from './format.js';
import { allocationSitesChart } from './html-allocation-sites.js';
import { pauseHistogramChart, type ThroughputBar, throughputChart, timelineChart } from './html-charts.js';
import { HTML_STYLE } from './html-style.js';
import { escapeHtml } from './html-svg.js';
import { pauseHistogram } from './pause-bins.js';
import { hasSummary, SUMMARY_TABLE_HEADINGS, summaryTable } from './run-summary.js';

const COLOR_COUNT = 6;

/** Each mode keeps one colour throughout the page: heap first, then modes in the order they appear. */
export function modeColors(results: readonly ResultFile[]): Map<string, string> {
  const modes = new Set<string>(['heap', 'arena']);
  for (const result of results)
    for (const scenario of result.scenarios) for (const mode of Object.keys(scenario.modes)) modes.add(mode);
  return new Map([...modes].map((mode, i) => [mode, `m${Math.min(i, COLOR_COUNT - 1)}`]));
}

/** The run a timeline is drawn from: the median by ops/s (the lower middle one for an even count), so the picture is typical. */
export function typicalRun(runs: readonly RunSample[]): { run: RunSample; index: number } | undefined {
  const withTimeline = runs.map((run, index) => ({ run, index })).filter(({ run }) => run.timeline);
  const candidates = withTimeline.length ? withTimeline : runs.map((run, index) => ({ run, index }));
  if (candidates.length === 0) return undefined;
  const sorted = [...candidates].sort((a, b) => a.run.opsPerSec - b.run.opsPerSec);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function caseKeyText(scenario: CaseResult): string {
  return `${scenario.name}\0${canonicalJson(scenario.params)}\0${canonicalJson(scenario.variant ?? {})}`;
}

function tableHtml(headings: readonly string[], rows: readonly (readonly string[])[], textColumns = 1): string {
  const cell = (tag: string, content: string, i: number) =>
    `<${tag}${i < textColumns ? ' class="text"' : ''}>${escapeHtml(content)}</${tag}>`;
  const head = `<tr>${headings.map((heading, i) => cell('th', heading, i)).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((content, i) => cell('td', content, i)).join('')}</tr>`).join('');
  return `<div class="table-wrap"><table><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

const MEMORY_HEADINGS = [
  'mode',
  'alloc/op',
  'retained',
  'peak heap',
  'heap growth',
  'ArrayBuffers',
  'external',
  'RSS',
  'CPU per 1000 ops',
  'GCs: minor',
  'major',
  'other',
];

function memoryRow(mode: string, { summary }: ModeResult): string[] {
  const { memory, gc } = summary;
  const other = gc.count - gc.byKind.minor.count - gc.byKind.major.count;
  return [
    mode,
    formatBytes(memory.allocatedBytesPerOp),
    formatRetained(memory.retainedBytes),
    formatBytes(memory.peakHeapUsedBytes),
    formatBytes(memory.heapGrowthBytes),
    formatBytes(memory.arrayBuffersBytes),
    formatBytes(memory.externalBytes),
    formatBytes(memory.rssBytes),
    formatMs(summary.cpuMsPerKop),
    String(gc.byKind.minor.count),
    String(gc.byKind.major.count),
    String(other),
  ];
}

function ciLabel(scenario: CaseResult): string {
  const levels = Object.values(scenario.modes).map((mode) => mode.summary.opsPerSec.ciLevel);
  const level = levels.length ? Math.min(...levels) : 0.95;
  return `${(level * 100).toFixed(level >= 0.95 ? 0 : 1)}% interval`;
}

function scenarioBody(scenario: CaseResult, colors: Map<string, string>, baseline: CaseResult | undefined): string {
  if (scenario.status === 'failed') return `<pre class="error">${escapeHtml(scenario.error ?? 'failed')}</pre>`;
  const modes = Object.entries(scenario.modes);
  const color = (mode: string) => colors.get(mode) ?? `m${COLOR_COUNT - 1}`;
  const bars: ThroughputBar[] = modes.map(([mode, { summary }]) => {
    const before = baseline?.status === 'ok' ? baseline.modes[mode]?.summary.opsPerSec : undefined;
    return {
      mode,
      color: color(mode),
      median: summary.opsPerSec.median,
      ci: summary.opsPerSec.ci95,
      ...(before ? { baseline: { median: before.median, ci: before.ci95 } } : {}),
    };
  });
  const series = modes.map(([mode, result]) => ({
    mode,
    color: color(mode),
    counts: pauseHistogram(result.runs.flatMap((run) => run.gcPausesMs)),
    runs: result.runs.length,
  }));
  const panels = modes.map(([mode, result]) => {
    const typical = typicalRun(result.runs);
    const gc = typical?.run.gc;
    const caption = typical
      ? `run ${typical.index + 1} of ${result.runs.length} (median ops/s) · ${gc!.count} pause${gc!.count === 1 ? '' : 's'}, ${formatMs(gc!.pauseMs.total)} in total`
      : 'no runs';
    return {
      mode,
      color: color(mode),
      caption,
      timeline: typical?.run.timeline,
      elapsedMs: typical?.run.elapsedMs ?? 0,
    };
  });
  const siteCharts = modes.map(([mode, result]) => allocationSitesChart(mode, color(mode), result)).filter(Boolean);
  const baselineNote = bars.some((bar) => bar.baseline)
    ? '<p class="note-text">Hollow bars: the baseline file; solid bars: the current one.</p>'
    : '';
  return [
    `<h3>Throughput</h3>${baselineNote}${throughputChart(bars, ciLabel(scenario))}`,
    `<h3>GC pause distribution</h3>${pauseHistogramChart(series)}`,
    `<h3>GC pauses and memory over time</h3>${timelineChart(panels)}`,
    `<h3>Figures</h3>${tableHtml(
      SUMMARY_HEADINGS,
      modes.map(([mode, { summary }]) => summaryCells(mode, summary)),
    )}`,
    tableHtml(
      MEMORY_HEADINGS,
      modes.map(([mode, result]) => memoryRow(mode, result)),
      1,
    ),
    ...(siteCharts.length ? [`<h3>Allocation sites</h3>${siteCharts.join('\n')}`] : []),
  ].join('\n');
}

function outcomesHtml(group: ScenarioGroup): string {
  const outcomes = describeOutcomes(group);
  if (!outcomes.length) return '';
  const items = outcomes.map(({ kind, text, faster, slower }) => {
    const className =
      kind === 'failure' ? 'failure' : kind === 'warning' ? 'warning' : faster ? 'faster' : slower ? 'regressed' : '';
    return `<li${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</li>`;
  });
  return `<ul class="outcomes">${items.join('')}</ul>`;
}

/** The run's answer before the scenarios, when there is more than one case. */
function summaryHtml(result: ResultFile): string[] {
  if (!hasSummary(result)) return [];
  const { intro, rows } = summaryTable(result);
  return [
    `<section class="summary" id="summary"><h2>Summary</h2><p class="note-text">${escapeHtml(intro)}</p>${tableHtml(SUMMARY_TABLE_HEADINGS, rows, 2)}</section>`,
  ];
}

function sectionId(index: number): string {
  return `scenario-${index}`;
}

function scenarioSections(
  result: ResultFile,
  colors: Map<string, string>,
  baseline?: ResultFile,
): { nav: string; sections: string } {
  const baselines = new Map((baseline?.scenarios ?? []).map((scenario) => [caseKeyText(scenario), scenario]));
  const groups = groupScenarios(result.scenarios);
  const sections = groups.map((group, index) => {
    const first = group.entries[0]!.scenario;
    const failed = group.entries.every(({ scenario }) => scenario.status === 'failed');
    const bodies = group.entries.map(({ label, scenario }) => {
      const body = scenarioBody(scenario, colors, baselines.get(caseKeyText(scenario)));
      return label ? `<div class="variant"><h3>${escapeHtml(label)}</h3>${body}</div>` : body;
    });
    const params = formatParams(first.params);
    const timeMs = caseTimeMs(first, result.settings);
    const ownTime = timeMs !== result.settings.timeMs ? `${timeMs} ms per run (its minimum)` : '';
    return (
      `<section class="scenario${failed ? ' failed' : ''}" id="${sectionId(index)}" data-scenario="${escapeHtml(first.name)}">` +
      `<h2>${escapeHtml(first.name)}</h2>` +
      `<p class="meta">${escapeHtml([params, first.source === 'builtin' ? 'built-in scenario' : first.source, ownTime].filter(Boolean).join(' · '))}</p>` +
      outcomesHtml(group) +
      bodies.join('\n') +
      '</section>'
    );
  });
  const nav = groups
    .map((group, index) => `<li><a href="#${sectionId(index)}">${escapeHtml(group.title)}</a></li>`)
    .join('');
  return { nav: `<nav><ul>${nav}</ul></nav>`, sections: sections.join('\n') };
}

function environmentLine(result: ResultFile): string {
  const { environment: env, settings } = result;
  const runtimes = [...new Set(result.scenarios.map((scenario) => scenario.runtime?.node).filter(Boolean))];
  return [
    `Node ${runtimes.length ? runtimes.join(', ') : env.node} (V8 ${env.v8}) on ${env.cpuModel}, ${env.cpuCount} cores, ${env.platform}/${env.arch}`,
    `${formatRunCounts(runsPerMode(result))} × ${settings.timeMs} ms per mode${settings.quick ? ' (--quick)' : ''}` +
      (settings.pairing ? `, ${describeRunProcesses(settings)}` : ''),
    result.createdAt,
  ].join(' · ');
}

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing on the page is fetched: the policy makes that a promise, not a hope.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    `<body><main>${body}</main></body>`,
    '</html>',
    '',
  ].join('\n');
}

function footer(result: ResultFile): string {
  const lines = [
    ...describeMethods(result),
    'Timeline: one run per mode (the median by ops/s); used heap and V8 external memory sampled inside the timed loop with v8.getHeapStatistics(), ' +
      'at most settings.timelinePoints samples and pauses per run (the longest pauses when there are more).',
    `Pause distribution: every unforced pause of every run, per run on average. arena-bench ${result.tool.version}.`,
  ];
  return `<footer>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</footer>`;
}

/** One result file as a page. `label` names it in the heading (e.g. its path). */
export function htmlReport(result: ResultFile, options: { label?: string } = {}): string {
  const colors = modeColors([result]);
  const { nav, sections } = scenarioSections(result, colors);
  const incomplete = result.complete
    ? ''
    : '<p class="warning">This result file is incomplete: the run was interrupted or is still going.</p>';
  const body = [
    `<header><h1>arena-bench report${options.label ? `: ${escapeHtml(options.label)}` : ''}</h1><p class="meta">${escapeHtml(environmentLine(result))}</p>${incomplete}</header>`,
    ...summaryHtml(result),
    nav,
    sections,
    footer(result),
  ].join('\n');
  return page(`arena-bench report${options.label ? ` – ${options.label}` : ''}`, body);
}

function comparisonSection(comparison: Comparison, verbose: boolean): string {
  const parts = [
    `<h2 class="${comparison.gatingRegressions > 0 ? 'regressed' : 'improved'}">${escapeHtml(headline(comparison))}</h2>`,
  ];
  for (const warning of environmentWarnings(comparison)) parts.push(`<p class="warning">${escapeHtml(warning)}</p>`);
  for (const note of coverageNotes(comparison)) parts.push(`<p class="warning">${escapeHtml(note)}</p>`);
  const rows = findings(comparison, verbose ? VERDICTS : ['regressed', 'improved', 'inconclusive']);
  if (!rows.length)
    parts.push(
      `<p>${escapeHtml(nothingShown(comparison))} (${escapeHtml(countsLine(comparison))}; <code>--verbose</code> lists every metric).</p>`,
    );
  else {
    const headings = findingHeadings(false);
    const order = new Map(VERDICTS.map((verdict, i) => [verdict, i]));
    const sorted = [...rows].sort((a, b) => order.get(a.metric.verdict)! - order.get(b.metric.verdict)!);
    const body = sorted.map((finding) => {
      const { metric } = finding;
      const cells = findingCells(finding, false).map(
        (content, i) => `<td${i < 3 ? ' class="text"' : ''}>${escapeHtml(content)}</td>`,
      );
      return `<tr class="verdict-row">${cells.join('')}<td class="text ${metric.verdict}" title="${escapeHtml(metric.reason)}">${escapeHtml(verdictText(metric))}</td></tr>`;
    });
    parts.push(
      `<div class="table-wrap"><table><thead><tr>${headings.map((heading, i) => `<th${i < 3 || i === 7 ? ' class="text"' : ''}>${heading}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>`,
    );
  }
  parts.push(...allocationRegressionNotes(comparison).map((note) => `<p class="regressed">${escapeHtml(note)}</p>`));
  const resolution = throughputResolution(comparison);
  if (resolution) parts.push(`<p>${escapeHtml(resolution)}</p>`);
  parts.push(...methodNotes(comparison).map((line) => `<p class="note-text">${escapeHtml(line)}</p>`));
  return `<section class="comparison" id="comparison">${parts.join('\n')}</section>`;
}

/**
 * Two result files as one page: the comparison's verdicts first (what changed, or every metric
 * when `verbose`), then the current file's scenarios with the baseline's throughput beside each mode's.
 */
export function htmlComparisonReport(
  comparison: Comparison,
  baseline: LabeledResult,
  current: LabeledResult,
  options: { verbose?: boolean } = {},
): string {
  const colors = modeColors([baseline.result, current.result]);
  const { nav, sections } = scenarioSections(current.result, colors, baseline.result);
  const body = [
    `<header><h1>arena-bench comparison</h1>` +
      `<p class="meta">baseline: ${escapeHtml(baseline.label)} · ${escapeHtml(environmentLine(baseline.result))}</p>` +
      `<p class="meta">current: ${escapeHtml(current.label)} · ${escapeHtml(environmentLine(current.result))}</p></header>`,
    comparisonSection(comparison, options.verbose ?? false),
    ...summaryHtml(current.result),
    nav,
    sections,
    footer(current.result),
  ].join('\n');
  return page(`arena-bench comparison – ${baseline.label} → ${current.label}`, body);
}
