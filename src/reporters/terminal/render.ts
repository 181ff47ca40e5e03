/**
 * The terminal renderer: a document's blocks drawn as lines, none wider than the terminal (tables
 * become blocks of lines when they cannot fit), coloured by tone when the stream takes colour.
 */
import { Chalk } from 'chalk';
import type { Comparison, Verdict } from '../../compare/model.js';
import type { ResultFile } from '../../results/result.js';
import { displayWidth, indentedLines, wrapText } from '../../text/width.js';
import type {
  AllocationSitesBlock,
  Block,
  CaseBlock,
  FindingsBlock,
  MethodBlock,
  Tone,
  VerdictsBlock,
} from '../document/blocks.js';
import { methodLines, spanText } from '../document/blocks.js';
import { comparisonDocument } from '../document/comparison.js';
import { resultDocument } from '../document/result.js';
import type { ReporterOptions } from '../options.js';
import { allocationSiteLines } from './allocation-sites.js';
import { chooseLayout, figuresTable, type Layout } from './figures.js';
import { fitTable, renderTable, type TablePaint, type TableRow, type TextColumn } from './text-table.js';

type Color = InstanceType<typeof Chalk>;

interface Pen {
  width: number | undefined;
  color: Color;
  table: TablePaint;
}

function toneColor(color: Color, tone: Tone): (text: string) => string {
  return { plain: color.reset, good: color.green, bad: color.red, warning: color.yellow }[tone];
}

/** Wrapped first and painted line by line, so that no colour code is split. */
function paragraph(pen: Pen, text: string, tint: (text: string) => string = (line) => line): string {
  return wrapText(text, pen.width)
    .map((line) => tint(line))
    .join('\n');
}

/**
 * The table for a narrower terminal: the key columns (case and mode, and the pair with several) as
 * a line of their own above their metrics, which keep the other columns.
 */
function byKey(
  columns: readonly TextColumn[],
  cells: readonly string[][],
  keyColumns: number,
): [TextColumn[], TableRow[]] {
  const rows: TableRow[] = [];
  let previous: string | undefined;
  for (const row of cells) {
    const key = row.slice(0, keyColumns).join('  ');
    if (key !== previous) rows.push({ span: key });
    previous = key;
    rows.push(row.slice(keyColumns));
  }
  return [columns.slice(keyColumns), rows];
}

function findingsTable(block: FindingsBlock, pen: Pen): string {
  const { color } = pen;
  const paint: Record<Verdict, (text: string) => string> = {
    regressed: color.red.bold,
    improved: color.green,
    unchanged: color.reset,
    inconclusive: color.yellow,
    'not-compared': color.dim,
  };
  const columns: TextColumn[] = block.columns;
  // A regression outside the gate is red, not bold: it does not fail the check.
  const cells = block.rows.map((row) => [...row.cells, (row.gated ? paint[row.verdict] : color.red)(row.verdictText)]);
  // The whole table only where every row keeps to one line; else a heading line per case.
  const unwrapped = columns.map(({ heading, align }) => ({ heading, align }));
  const table =
    (['box', 'plain'] as const)
      .map((look) => renderTable(unwrapped, cells, look, pen.width, pen.table))
      .find(Boolean) ?? fitTable(...byKey(columns, cells, block.keyColumns), pen.width, pen.table, ['plain']);
  return table.join('\n');
}

/**
 * The verdicts with a case column when the case names fit in it whole; otherwise each case's name is
 * a line of its own above its modes, so names stay readable on a narrow terminal.
 */
function verdictsTable(block: VerdictsBlock, pen: Pen): string {
  const { color, width } = pen;
  // Only one-word verdicts are coloured, so a colour never has to wrap onto a second line.
  const tint = (verdict: string) =>
    verdict === 'faster'
      ? color.green(verdict)
      : verdict === 'slower' || verdict === 'failed'
        ? color.red(verdict)
        : verdict;
  const rows = block.rows.map(({ cells }) => cells);
  const tinted = rows.map((row) => [...row.slice(0, -1), tint(row.at(-1)!)]);
  const columns: TextColumn[] = block.columns;
  const caseWidth = Math.max(...rows.map((row) => displayWidth(row[0]!)));
  const withCases = renderTable(columns, tinted, 'plain', width, pen.table);
  const casesWhole = withCases && withCases[0]!.indexOf(columns[1]!.heading) >= caseWidth;
  let table: string[];
  if (withCases && casesWhole) table = withCases;
  else {
    const headed: TableRow[] = [];
    tinted.forEach((row, i) => {
      if (i === 0 || rows[i - 1]![0] !== row[0]) headed.push({ span: row[0]! });
      headed.push(row.slice(1));
    });
    table = fitTable(columns.slice(1), headed, width, pen.table, ['plain']);
  }
  return [color.bold(block.title), ...wrapText(block.intro, width).map((line) => color.dim(line)), ...table].join('\n');
}

function caseSection(block: CaseBlock, layout: Layout, pen: Pen): string {
  const { color, width } = pen;
  const lines = wrapText(block.title, width, '  ').map((line) => color.bold(line));
  lines.push(...figuresTable(block, layout, width, pen.table));
  for (const { kind, text, tone } of block.outcomes) {
    const tint = kind === 'failure' ? color.red : toneColor(color, tone);
    lines.push(...indentedLines(text, width).map((line) => tint(line)));
  }
  for (const sites of block.variants.flatMap((variant) => variant.allocationSites))
    lines.push(...allocationLines(sites, pen));
  return lines.join('\n');
}

function allocationLines(block: AllocationSitesBlock, pen: Pen): string[] {
  return allocationSiteLines(
    { [block.mode]: block.result },
    pen.width ?? Number.POSITIVE_INFINITY,
    block.variant ? `${block.variant}: ` : '',
  ).map(({ text, warning }) => (warning ? pen.color.yellow(text) : text));
}

function method(block: MethodBlock, layout: Layout, pen: Pen): string {
  const lines = methodLines(block, layout.columns);
  return lines
    .flatMap((line) => wrapText(line, pen.width))
    .map((line) => pen.color.dim(line))
    .join('\n');
}

function sections(block: Block, layout: Layout, pen: Pen): string[] {
  const { color } = pen;
  switch (block.kind) {
    case 'title':
      return [
        [
          paragraph(pen, block.text, color.bold),
          ...block.meta.map((line) => paragraph(pen, line, color.dim)),
          ...block.warnings.map((line) => paragraph(pen, line, color.yellow)),
        ].join('\n'),
      ];
    case 'headline':
      return [paragraph(pen, block.text, block.tone === 'bad' ? color.red.bold : color.green.bold)];
    case 'warnings':
      return block.lines.map((line) => paragraph(pen, `warning: ${line}`, color.yellow.bold));
    case 'paragraph':
      return [paragraph(pen, spanText(block.spans))];
    case 'notes':
      return [block.lines.map((line) => paragraph(pen, line, toneColor(color, block.tone))).join('\n')];
    case 'findings':
      return [findingsTable(block, pen)];
    case 'verdicts':
      return [verdictsTable(block, pen)];
    case 'case':
      return [caseSection(block, layout, pen)];
    case 'allocation-sites':
      return [allocationLines(block, pen).join('\n')];
    case 'method':
      return [method(block, layout, pen)];
  }
}

/** A document as the terminal shows it: its blocks apart by a blank line. */
export function renderTerminal(
  blocks: readonly Block[],
  options: { color: boolean; width?: number | undefined; columns?: ReporterOptions['columns'] },
): string {
  const color = new Chalk({ level: options.color ? 1 : 0 });
  const table: TablePaint =
    color.level > 0 ? { heading: color.cyan, border: color.grey } : { heading: (text) => text, border: (text) => text };
  const pen: Pen = { width: options.width, color, table };
  const cases = blocks.filter((block): block is CaseBlock => block.kind === 'case');
  const layout = chooseLayout(cases, options.width, options.columns);
  return `${blocks.flatMap((block) => sections(block, layout, pen)).join('\n\n')}\n`;
}

/** The terminal reporter of `run`: a table per case, the legend, and the verdicts last. */
export function table(result: ResultFile, options: ReporterOptions): string {
  return renderTerminal(resultDocument(result, { target: 'terminal' }), options);
}

/** A comparison for the terminal: the answer, the rows that changed, and how it was decided. */
export function comparisonTable(
  comparison: Comparison,
  options: { verbose: boolean; color: boolean; width?: number | undefined },
): string {
  return renderTerminal(comparisonDocument(comparison, { target: 'terminal', verbose: options.verbose }), options);
}
