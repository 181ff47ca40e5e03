/** A comparison for the terminal: the answer, the rows that changed, and how it was decided. */

import { Chalk } from 'chalk';
import Table from 'cli-table3';
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
  shownFindings,
} from './comparison-text.js';

export function comparisonTable(comparison: Comparison, options: { verbose: boolean; color: boolean }): string {
  const color = new Chalk({ level: options.color ? 1 : 0 });
  const paint: Record<Verdict, (text: string) => string> = {
    regressed: color.red.bold,
    improved: color.green,
    unchanged: color.reset,
    inconclusive: color.yellow,
    'not-compared': color.dim,
  };
  const sections: string[] = [
    (comparison.counts.regressed > 0 ? color.red.bold : color.green.bold)(headline(comparison)),
  ];
  for (const warning of environmentWarnings(comparison)) sections.push(color.yellow.bold(`warning: ${warning}`));

  const rows = shownFindings(comparison, options.verbose);
  const several = comparison.pairs.length > 1;
  if (rows.length) {
    const head = findingHeadings(several);
    const table = new Table({
      head,
      style: { head: color.level > 0 ? ['cyan'] : [], border: color.level > 0 ? ['grey'] : [] },
      colAligns: head.map((_, i) => (isNumericFindingColumn(i, head.length) ? ('right' as const) : ('left' as const))),
    });
    for (const finding of rows)
      table.push([...findingCells(finding, several), paint[finding.metric.verdict](finding.metric.verdict)]);
    sections.push(table.toString());
  } else if (!options.verbose) {
    sections.push('Nothing changed beyond its threshold (--verbose lists every metric).');
  }

  const allocation = allocationRegressionNotes(comparison);
  if (allocation.length) sections.push(allocation.map((note) => color.red(note)).join('\n'));
  const notes = coverageNotes(comparison);
  if (notes.length) sections.push(notes.map((note) => color.yellow(note)).join('\n'));
  sections.push(
    methodNotes(comparison)
      .map((line) => color.dim(line))
      .join('\n'),
  );
  return `${sections.join('\n\n')}\n`;
}
