/**
 * A comparison for the terminal: the answer, the rows that changed, and how it was decided, none of
 * it wider than the terminal (the rows become blocks of lines when their table cannot fit).
 */
import { Chalk } from 'chalk';
import type { Comparison, Verdict } from '../compare/model.js';
import { allocationRegressionNotes } from './comparison-allocation-sites.js';
import {
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
} from './comparison-text.js';
import { fitTable, renderTable, type TableRow, type TextColumn } from './text-table.js';
import { wrapText } from './text-width.js';

export function comparisonTable(
  comparison: Comparison,
  options: { verbose: boolean; color: boolean; width?: number | undefined },
): string {
  const color = new Chalk({ level: options.color ? 1 : 0 });
  const paint: Record<Verdict, (text: string) => string> = {
    regressed: color.red.bold,
    improved: color.green,
    unchanged: color.reset,
    inconclusive: color.yellow,
    'not-compared': color.dim,
  };
  // Wrapped first and painted line by line, so that no colour code is split.
  const paragraph = (text: string, tint: (text: string) => string = (line) => line) =>
    wrapText(text, options.width)
      .map((line) => tint(line))
      .join('\n');
  const sections: string[] = [
    paragraph(headline(comparison), comparison.gatingRegressions > 0 ? color.red.bold : color.green.bold),
  ];
  for (const warning of environmentWarnings(comparison))
    sections.push(paragraph(`warning: ${warning}`, color.yellow.bold));

  const rows = shownFindings(comparison, options.verbose);
  const several = comparison.pairs.length > 1;
  if (rows.length) {
    const head = findingHeadings(several);
    // Names and metrics wrap; figures and the verdict (one word) do not.
    const columns: TextColumn[] = head.map((heading, i) =>
      isNumericFindingColumn(i, head.length) || i === head.length - 1
        ? { heading, align: isNumericFindingColumn(i, head.length) ? 'right' : 'left' }
        : { heading, align: 'left', wrap: true },
    );
    const cells = rows.map((finding) => [
      ...findingCells(finding, several),
      (finding.metric.gated ? paint[finding.metric.verdict] : color.red)(verdictText(finding.metric)),
    ]);
    const tablePaint = { heading: color.cyan, border: color.grey };
    // The whole table only where every row keeps to one line; else a heading line per case.
    const unwrapped = columns.map(({ heading, align }) => ({ heading, align }));
    const table =
      (['box', 'plain'] as const)
        .map((look) => renderTable(unwrapped, cells, look, options.width, tablePaint))
        .find(Boolean) ?? fitTable(...byCase(columns, cells, several ? 3 : 2), options.width, tablePaint, ['plain']);
    sections.push(table.join('\n'));
  } else if (!options.verbose) {
    sections.push(paragraph(`${nothingShown(comparison)} (--verbose lists every metric).`));
  }

  const allocation = allocationRegressionNotes(comparison);
  if (allocation.length) sections.push(allocation.map((note) => paragraph(note, color.red)).join('\n'));
  const notes = coverageNotes(comparison);
  if (notes.length) sections.push(notes.map((note) => paragraph(note, color.yellow)).join('\n'));
  const resolution = throughputResolution(comparison);
  if (resolution) sections.push(paragraph(resolution));
  sections.push(
    methodNotes(comparison)
      .map((line) => paragraph(line, color.dim))
      .join('\n'),
  );
  return `${sections.join('\n\n')}\n`;
}

/**
 * The table for a narrower terminal: the case and mode (and the pair, with several) as a line of
 * their own above their metrics, which keep the other columns.
 */
function byCase(
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
