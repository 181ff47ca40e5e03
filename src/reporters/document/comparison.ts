/**
 * A comparison as a document: the headline, the warnings, the findings (or what nothing shown
 * means), the notes on allocation regressions and on what was not compared, how finely throughput
 * was resolved, and how the verdicts were reached. Where the reporters have always differed, the
 * difference is made here, by target, and nowhere else.
 */
import { type Comparison, findings, type LabeledResult, VERDICTS } from '../../compare/model.js';
import { allocationRegressionNotes } from './allocation-notes.js';
import type { Block, FindingsBlock, NotesBlock, Span, TableColumn, TitleBlock } from './blocks.js';
import {
  countsLine,
  coverageNotes,
  environmentWarnings,
  findingCells,
  findingHeadings,
  headline,
  isNumericFindingColumn,
  methodNotes,
  nothingShown,
  shownFindings,
  throughputResolution,
  verdictText,
} from './comparison-words.js';
import { environmentLine, type Target } from './result.js';

export interface ComparisonDocumentOptions {
  target: Target;
  /** Every metric, not only what changed. */
  verbose: boolean;
}

/**
 * The findings a target lists: what changed (every metric when verbose). The page has listed
 * inconclusive metrics too, sorted by verdict, and never a column for the pair.
 */
function findingsBlock(comparison: Comparison, { target, verbose }: ComparisonDocumentOptions): FindingsBlock {
  const page = target === 'html';
  const several = !page && comparison.pairs.length > 1;
  const order = new Map(VERDICTS.map((verdict, i) => [verdict, i]));
  const shown = page
    ? findings(comparison, verbose ? VERDICTS : ['regressed', 'improved', 'inconclusive']).sort(
        (a, b) => order.get(a.metric.verdict)! - order.get(b.metric.verdict)!,
      )
    : shownFindings(comparison, verbose);
  const headings = findingHeadings(several);
  // Names and metrics wrap; figures and the verdict (one word) do not.
  const columns: TableColumn[] = headings.map((heading, i) =>
    isNumericFindingColumn(i, headings.length)
      ? { heading, align: 'right' }
      : i === headings.length - 1
        ? { heading, align: 'left' }
        : { heading, align: 'left', wrap: true },
  );
  return {
    kind: 'findings',
    columns,
    rows: shown.map((finding) => ({
      cells: findingCells(finding, several),
      verdict: finding.metric.verdict,
      gated: finding.metric.gated,
      reason: finding.metric.reason,
      verdictText: verdictText(finding.metric),
    })),
    keyColumns: several ? 3 : 2,
  };
}

/** What stands where no finding is shown; the terminal, verbose, says nothing there. */
function nothingShownSpans(comparison: Comparison, { target, verbose }: ComparisonDocumentOptions): Span[] {
  const verboseTells: Span[] = [{ code: '--verbose' }, ' lists every metric).'];
  if (target === 'terminal') return verbose ? [] : [`${nothingShown(comparison)} (`, ...verboseTells];
  if (target === 'markdown' && verbose) return ['Nothing was compared.'];
  return [`${nothingShown(comparison)} (${countsLine(comparison)}; `, ...verboseTells];
}

export function comparisonDocument(comparison: Comparison, options: ComparisonDocumentOptions): Block[] {
  const blocks: Block[] = [
    { kind: 'headline', text: headline(comparison), tone: comparison.gatingRegressions > 0 ? 'bad' : 'good' },
  ];
  const warnings = environmentWarnings(comparison);
  if (warnings.length) blocks.push({ kind: 'warnings', lines: warnings });
  const coverage = coverageNotes(comparison);
  const coverageBlock: NotesBlock[] = coverage.length ? [{ kind: 'notes', lines: coverage, tone: 'warning' }] : [];
  // The page says what was not compared among its warnings, above the findings; the others after them.
  if (options.target === 'html') blocks.push(...coverageBlock);
  const table = findingsBlock(comparison, options);
  if (table.rows.length) blocks.push(table);
  else {
    const spans = nothingShownSpans(comparison, options);
    if (spans.length) blocks.push({ kind: 'paragraph', spans });
  }
  const allocation = allocationRegressionNotes(comparison);
  if (allocation.length) blocks.push({ kind: 'notes', lines: allocation, tone: 'bad' });
  if (options.target !== 'html') blocks.push(...coverageBlock);
  const resolution = throughputResolution(comparison);
  if (resolution) blocks.push({ kind: 'paragraph', spans: [resolution] });
  // A pull-request comment names the files it compared; the terminal and the page show them elsewhere.
  const files = comparison.pairs.map(
    (pair) => `${pair.baseline.label} (${pair.baseline.createdAt}) → ${pair.current.label} (${pair.current.createdAt})`,
  );
  blocks.push({
    kind: 'method',
    of: 'comparison',
    lines: [...methodNotes(comparison), ...(options.target === 'markdown' ? [`Compared: ${files.join('; ')}.`] : [])],
  });
  return blocks;
}

/** The comparison page's title: the two files, each with where it was measured. */
export function comparisonPageTitle(baseline: LabeledResult, current: LabeledResult): TitleBlock {
  return {
    kind: 'title',
    text: 'arena-bench comparison',
    meta: [
      `baseline: ${baseline.label} · ${environmentLine(baseline.result)}`,
      `current: ${current.label} · ${environmentLine(current.result)}`,
    ],
    warnings: [],
  };
}
