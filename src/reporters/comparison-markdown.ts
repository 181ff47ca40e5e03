/**
 * A comparison as a pull-request comment (or GitHub's job summary): the answer on the first line,
 * then only what changed, then how it was decided.
 */

import type { Comparison } from '../compare/model.js';
import { allocationRegressionNotes } from './comparison-allocation-sites.js';
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
} from './comparison-text.js';
import { fitMarkdown, markdownCell, markdownText } from './escape.js';

const VERDICT_TEXT = {
  regressed: '🔴 **regressed**',
  improved: '🟢 improved',
  unchanged: 'unchanged',
  inconclusive: '🟡 inconclusive',
  'not-compared': 'not compared',
} as const;

export function comparisonMarkdown(comparison: Comparison, options: { verbose: boolean }): string {
  const sections: string[] = [`### ${headline(comparison)}`];
  for (const warning of environmentWarnings(comparison)) sections.push(`> [!WARNING]\n> ${markdownText(warning)}`);

  const rows = shownFindings(comparison, options.verbose);
  const several = comparison.pairs.length > 1;
  if (rows.length) {
    const head = findingHeadings(several);
    const lines = [
      `| ${head.join(' | ')} |`,
      `|${head.map((_, i) => (isNumericFindingColumn(i, head.length) ? '--:' : '---')).join('|')}|`,
    ];
    for (const finding of rows) {
      const { metric } = finding;
      // Not red: a regression outside the gate does not fail the check.
      const verdict =
        metric.verdict === 'regressed' && !metric.gated ? '🟠 regressed (not gating)' : VERDICT_TEXT[metric.verdict];
      const cells = [...findingCells(finding, several).map(markdownCell), verdict];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    sections.push(lines.join('\n'));
  } else {
    sections.push(
      options.verbose
        ? 'Nothing was compared.'
        : `${nothingShown(comparison)} (${countsLine(comparison)}; \`--verbose\` lists every metric).`,
    );
  }

  const allocation = allocationRegressionNotes(comparison);
  if (allocation.length) sections.push(allocation.map((note) => `- ${markdownText(note)}`).join('\n'));
  const notes = coverageNotes(comparison);
  if (notes.length) sections.push(notes.map((note) => `- ${markdownText(note)}`).join('\n'));
  const resolution = throughputResolution(comparison);
  if (resolution) sections.push(markdownText(resolution));
  const files = comparison.pairs.map(
    (pair) => `${pair.baseline.label} (${pair.baseline.createdAt}) → ${pair.current.label} (${pair.current.createdAt})`,
  );
  const method = [...methodNotes(comparison), `Compared: ${files.join('; ')}.`].map(markdownText);
  sections.push(`<sub>${method.join('<br>\n')}</sub>`);
  return fitMarkdown(`${sections.join('\n\n')}\n`);
}
