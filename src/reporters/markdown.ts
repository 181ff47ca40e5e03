/** Markdown for READMEs and pull-request comments: one table per scenario, comparisons as a list. */
import type { ResultFile } from '../results/result.js';
import { allocationSitesMarkdown } from './allocation-sites.js';
import { describeMethods, describeOutcomes, groupRows, groupScenarios, type ScenarioGroup } from './describe.js';
import { fitMarkdown, markdownCell, markdownText } from './escape.js';
import { hasSummary, SUMMARY_TABLE_HEADINGS, summaryTable } from './run-summary.js';

/** The run's answer first, for a reader who reads no further. */
function summarySection(result: ResultFile): string {
  const { intro, rows } = summaryTable(result);
  const alignment = SUMMARY_TABLE_HEADINGS.map((_, i) => (i >= 2 && i <= 4 ? '--:' : '---'));
  return [
    '### Summary',
    '',
    intro,
    '',
    `| ${SUMMARY_TABLE_HEADINGS.join(' | ')} |`,
    `|${alignment.join('|')}|`,
    ...rows.map((cells) => `| ${cells.map(markdownCell).join(' | ')} |`),
  ].join('\n');
}

function groupSection(group: ScenarioGroup): string {
  const lines = [`### ${markdownText(group.title)}`];
  const { headings, rows } = groupRows(group);
  if (rows.length > 0) {
    const alignment = headings.map((heading) => (heading === 'mode' || heading === 'variant' ? '---' : '--:'));
    lines.push(
      '',
      `| ${headings.join(' | ')} |`,
      `|${alignment.join('|')}|`,
      ...rows.map((cells) => `| ${cells.map(markdownCell).join(' | ')} |`),
    );
  }
  const outcomes = describeOutcomes(group);
  if (outcomes.length) {
    lines.push(
      '',
      ...outcomes.map(({ kind, text }) =>
        kind === 'comparison' ? `- ${markdownText(text)}` : `- **${markdownText(text)}**`,
      ),
    );
  }
  for (const { label, scenario } of group.entries)
    lines.push(...allocationSitesMarkdown(scenario.modes, label ? `${label}: ` : ''));
  return lines.join('\n');
}

export function markdown(result: ResultFile): string {
  const { cpuModel, cpuCount } = result.environment;
  const runtimes = [...new Set(result.scenarios.map((scenario) => scenario.runtime?.node).filter(Boolean))];
  const nodes = runtimes.length ? runtimes.join(', ') : result.environment.node;
  const heading = `## arena-bench results\n\n${markdownText(`Node ${nodes} on ${cpuModel} (${cpuCount} cores), ${result.createdAt}.`)}`;
  const notes = describeMethods(result).map((line) => `- ${markdownText(line)}`);
  const summary = hasSummary(result) ? [summarySection(result)] : [];
  return fitMarkdown(
    `${[heading, ...summary, ...groupScenarios(result.scenarios).map(groupSection), notes.join('\n')].join('\n\n')}\n`,
  );
}
