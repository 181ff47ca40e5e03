/** Markdown for READMEs and pull-request comments: one table per scenario, comparisons as a list. */
import type { ResultFile, ScenarioResult } from '../result.js';
import { SUMMARY_HEADINGS, describeComparison, describeMethods, summaryCells } from './describe.js';
import { formatParams } from './format.js';

const HEADER = `| ${SUMMARY_HEADINGS.join(' | ')} |\n|---|${SUMMARY_HEADINGS.slice(1).map(() => '--:').join('|')}|`;

function scenarioSection(scenario: ScenarioResult): string {
  const params = Object.keys(scenario.params).length ? ` (${formatParams(scenario.params)})` : '';
  const lines = [`### ${scenario.name}${params}`, ''];
  if (scenario.status === 'failed') {
    lines.push(`**failed:** ${scenario.error ?? 'unknown error'}`);
    return lines.join('\n');
  }
  lines.push(HEADER);
  for (const [mode, { summary }] of Object.entries(scenario.modes)) lines.push(`| ${summaryCells(mode, summary).join(' | ')} |`);
  const comparisons = Object.entries(scenario.comparison?.against ?? {});
  if (comparisons.length) lines.push('', ...comparisons.map(([mode, comparison]) => `- ${describeComparison(mode, comparison)}`));
  for (const warning of scenario.warnings) lines.push('', `> **warning:** ${warning}`);
  return lines.join('\n');
}

export function markdown(result: ResultFile): string {
  const { node, cpuModel, cpuCount } = result.environment;
  const heading = `## arena-bench results\n\nNode ${node} on ${cpuModel} (${cpuCount} cores), ${result.createdAt}.`;
  const notes = describeMethods(result).map((line) => `- ${line}`);
  return [heading, ...result.scenarios.map(scenarioSection), notes.join('\n')].join('\n\n') + '\n';
}
