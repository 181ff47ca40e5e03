/**
 * The HTML renderer: one self-contained page (inline CSS and SVG, no script, nothing fetched) to
 * open, share or attach to a pull request. It draws a document's blocks, and per case throughput
 * with intervals, the GC pause distribution, and pauses and memory over time for every mode on the
 * same axes. Given a comparison, the verdicts come first and the throughput chart shows the
 * baseline too. Pure: results in, a string out; every string taken from a result file is escaped.
 */
import type { Comparison, LabeledResult } from '../../compare/model.js';
import type { ResultFile, RunSample } from '../../results/result.js';
import { formatMs } from '../../text/format.js';
import type {
  Block,
  CaseBlock,
  CaseVariant,
  FindingsBlock,
  MethodBlock,
  Span,
  TableColumn,
  Tone,
} from '../document/blocks.js';
import { methodLines } from '../document/blocks.js';
import type { ModeColumn } from '../document/columns.js';
import { comparisonDocument, comparisonPageTitle } from '../document/comparison.js';
import { pauseHistogram } from '../document/pause-bins.js';
import { resultDocument } from '../document/result.js';
import { allocationSitesChart } from './allocation-sites.js';
import { pauseHistogramChart, type ThroughputBar, throughputChart, timelineChart } from './charts.js';
import { HTML_STYLE } from './style.js';
import { escapeHtml } from './svg.js';

const COLOR_COUNT = 6;

/** Each mode keeps one colour throughout the page: heap first, then modes in the order they appear. */
export function modeColors(results: readonly ResultFile[]): Map<string, string> {
  const modes = new Set<string>(['heap', 'arena']);
  for (const result of results)
    for (const caseResult of result.scenarios) for (const mode of Object.keys(caseResult.modes)) modes.add(mode);
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

/** Left-aligned columns are text (names, words); the others figures, right-aligned. */
function tableHtml(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const cell = (tag: string, content: string, i: number) =>
    `<${tag}${columns[i]?.align === 'left' ? ' class="text"' : ''}>${escapeHtml(content)}</${tag}>`;
  const head = `<tr>${columns.map((column, i) => cell('th', column.heading, i)).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((content, i) => cell('td', content, i)).join('')}</tr>`).join('');
  return `<div class="table-wrap"><table><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

/** A table of one variant's modes in the catalogue's `columns`, led by the mode. */
function modesTable(variant: CaseVariant, columns: readonly ModeColumn[]): string {
  return tableHtml(
    [
      { heading: 'mode', align: 'left' },
      ...columns.map((column) => ({ heading: column.heading, align: 'right' as const })),
    ],
    variant.modes.map(({ mode, result }) => [mode, ...columns.map((column) => column.cell(result))]),
  );
}

function ciLabel(variant: CaseVariant): string {
  const levels = Object.values(variant.caseResult.modes).map((mode) => mode.summary.opsPerSec.ciLevel);
  const level = levels.length ? Math.min(...levels) : 0.95;
  return `${(level * 100).toFixed(level >= 0.95 ? 0 : 1)}% interval`;
}

function variantBody(block: CaseBlock, variant: CaseVariant, colors: Map<string, string>): string {
  const { caseResult, baseline } = variant;
  if (caseResult.status === 'failed') return `<pre class="error">${escapeHtml(caseResult.error ?? 'failed')}</pre>`;
  const color = (mode: string) => colors.get(mode) ?? `m${COLOR_COUNT - 1}`;
  const bars: ThroughputBar[] = variant.modes.map(({ mode, result: { summary } }) => {
    const baselineOps = baseline?.status === 'ok' ? baseline.modes[mode]?.summary.opsPerSec : undefined;
    return {
      mode,
      color: color(mode),
      median: summary.opsPerSec.median,
      ci: summary.opsPerSec.ci95,
      ...(baselineOps ? { baseline: { median: baselineOps.median, ci: baselineOps.ci95 } } : {}),
    };
  });
  const series = variant.modes.map(({ mode, result }) => ({
    mode,
    color: color(mode),
    counts: pauseHistogram(result.runs.flatMap((run) => run.gcPausesMs)),
    runs: result.runs.length,
  }));
  const panels = variant.modes.map(({ mode, result }) => {
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
  const siteCharts = variant.allocationSites
    .map((sites) => allocationSitesChart(sites.mode, color(sites.mode), sites.result))
    .filter(Boolean);
  const baselineNote = bars.some((bar) => bar.baseline)
    ? '<p class="note-text">Hollow bars: the baseline file; solid bars: the current one.</p>'
    : '';
  return [
    `<h3>Throughput</h3>${baselineNote}${throughputChart(bars, ciLabel(variant))}`,
    `<h3>GC pause distribution</h3>${pauseHistogramChart(series)}`,
    `<h3>GC pauses and memory over time</h3>${timelineChart(panels)}`,
    `<h3>Figures</h3>${modesTable(
      variant,
      block.columns.filter((column) => !column.picture),
    )}`,
    modesTable(variant, block.detailColumns),
    ...(siteCharts.length ? [`<h3>Allocation sites</h3>${siteCharts.join('\n')}`] : []),
  ].join('\n');
}

const OUTCOME_CLASSES: Record<Tone, string> = { plain: '', good: 'faster', bad: 'regressed', warning: 'warning' };

function outcomesHtml(block: CaseBlock): string {
  if (!block.outcomes.length) return '';
  const items = block.outcomes.map(({ kind, text, tone }) => {
    const className = kind === 'failure' ? 'failure' : OUTCOME_CLASSES[tone];
    return `<li${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</li>`;
  });
  return `<ul class="outcomes">${items.join('')}</ul>`;
}

function sectionId(index: number): string {
  return `scenario-${index}`;
}

function caseSection(block: CaseBlock, index: number, colors: Map<string, string>): string {
  const failed = block.variants.every(({ caseResult }) => caseResult.status === 'failed');
  const bodies = block.variants.map((variant) => {
    const body = variantBody(block, variant, colors);
    return variant.label ? `<div class="variant"><h3>${escapeHtml(variant.label)}</h3>${body}</div>` : body;
  });
  return (
    `<section class="scenario${failed ? ' failed' : ''}" id="${sectionId(index)}" data-scenario="${escapeHtml(block.name)}">` +
    `<h2>${escapeHtml(block.name)}</h2>` +
    `<p class="meta">${escapeHtml(block.meta.join(' · '))}</p>` +
    outcomesHtml(block) +
    bodies.join('\n') +
    '</section>'
  );
}

/** The cases, after a list of links to each. */
function casesHtml(cases: readonly CaseBlock[], colors: Map<string, string>): string[] {
  const nav = cases
    .map((block, index) => `<li><a href="#${sectionId(index)}">${escapeHtml(block.title)}</a></li>`)
    .join('');
  return [`<nav><ul>${nav}</ul></nav>`, cases.map((block, index) => caseSection(block, index, colors)).join('\n')];
}

function spansHtml(spans: readonly Span[]): string {
  return spans
    .map((span) => (typeof span === 'string' ? escapeHtml(span) : `<code>${escapeHtml(span.code)}</code>`))
    .join('');
}

const NOTE_CLASSES: Record<Tone, string> = { plain: '', good: 'improved', bad: 'regressed', warning: 'warning' };

function findingsHtml(block: FindingsBlock): string {
  const head = block.columns
    .map((column) => `<th${column.align === 'left' ? ' class="text"' : ''}>${escapeHtml(column.heading)}</th>`)
    .join('');
  const body = block.rows.map((row) => {
    const cells = row.cells.map(
      (content, i) => `<td${block.columns[i]!.align === 'left' ? ' class="text"' : ''}>${escapeHtml(content)}</td>`,
    );
    return `<tr class="verdict-row">${cells.join('')}<td class="text ${row.verdict}" title="${escapeHtml(row.reason)}">${escapeHtml(row.verdictText)}</td></tr>`;
  });
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

/** A result's method closes the page as its footer; a comparison's is small print in its section. */
function methodHtml(block: MethodBlock, shown: readonly ModeColumn[]): string {
  const lines = methodLines(block, shown);
  if (block.of === 'result') return `<footer>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</footer>`;
  return lines.map((line) => `<p class="note-text">${escapeHtml(line)}</p>`).join('\n');
}

/**
 * A document's blocks as parts of a page, in order; the cases, with a list of links before them,
 * where the first of them stands (or before a result's method, when the result has none).
 */
export function renderHtml(blocks: readonly Block[], colors: Map<string, string>): string[] {
  const cases = blocks.filter((block): block is CaseBlock => block.kind === 'case');
  const shown = cases[0]?.columns.filter((column) => !column.picture) ?? [];
  let casesDrawn = false;
  const drawCases = () => {
    if (casesDrawn) return [];
    casesDrawn = true;
    return casesHtml(cases, colors);
  };
  return blocks.flatMap((block): string[] => {
    switch (block.kind) {
      case 'title':
        return [
          `<header><h1>${escapeHtml(block.text)}</h1>` +
            block.meta.map((line) => `<p class="meta">${escapeHtml(line)}</p>`).join('') +
            block.warnings.map((line) => `<p class="warning">${escapeHtml(line)}</p>`).join('') +
            '</header>',
        ];
      case 'headline':
        return [`<h2 class="${block.tone === 'bad' ? 'regressed' : 'improved'}">${escapeHtml(block.text)}</h2>`];
      case 'warnings':
        return block.lines.map((line) => `<p class="warning">${escapeHtml(line)}</p>`);
      case 'paragraph':
        return [`<p>${spansHtml(block.spans)}</p>`];
      case 'notes': {
        const className = NOTE_CLASSES[block.tone];
        return block.lines.map((line) => `<p${className ? ` class="${className}"` : ''}>${escapeHtml(line)}</p>`);
      }
      case 'findings':
        return [findingsHtml(block)];
      case 'verdicts':
        return [
          `<section class="summary" id="summary"><h2>${escapeHtml(block.title)}</h2><p class="note-text">${escapeHtml(block.intro)}</p>${tableHtml(
            block.columns,
            block.rows.map((row) => row.cells),
          )}</section>`,
        ];
      case 'case':
        return drawCases();
      case 'allocation-sites':
        return [allocationSitesChart(block.mode, colors.get(block.mode) ?? `m${COLOR_COUNT - 1}`, block.result)];
      case 'method':
        return [...(block.of === 'result' ? drawCases() : []), methodHtml(block, shown)];
    }
  });
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

/** One result file as a page. `label` names it in the heading (e.g. its path). */
export function htmlReport(result: ResultFile, options: { label?: string } = {}): string {
  const blocks = resultDocument(result, { target: 'html', ...(options.label ? { label: options.label } : {}) });
  const body = renderHtml(blocks, modeColors([result])).join('\n');
  return page(`arena-bench report${options.label ? ` – ${options.label}` : ''}`, body);
}

/**
 * Two result files as one page: the comparison's verdicts first (what changed, or every metric
 * when `verbose`), then the current file's cases with the baseline's throughput beside each mode's.
 */
export function htmlComparisonReport(
  comparison: Comparison,
  baseline: LabeledResult,
  current: LabeledResult,
  options: { verbose?: boolean } = {},
): string {
  const colors = modeColors([baseline.result, current.result]);
  const verdicts = comparisonDocument(comparison, { target: 'html', verbose: options.verbose ?? false });
  const cases = resultDocument(current.result, { target: 'html', baseline: baseline.result, untitled: true });
  const body = [
    ...renderHtml([comparisonPageTitle(baseline, current)], colors),
    `<section class="comparison" id="comparison">${renderHtml(verdicts, colors).join('\n')}</section>`,
    ...renderHtml(cases, colors),
  ].join('\n');
  return page(`arena-bench comparison – ${baseline.label} → ${current.label}`, body);
}
