/** The terminal reporter: one table per scenario, modes side by side, a line per comparison. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { ResultFile, ScenarioResult } from '../result.js';
import { SUMMARY_HEADINGS, describeComparison, describeMethods, summaryCells } from './describe.js';
import { formatParams } from './format.js';
import type { ReporterOptions } from './index.js';

function scenarioTable(scenario: ScenarioResult, color: InstanceType<typeof Chalk>): string {
  const lines = [color.bold(`${scenario.name}`) + (Object.keys(scenario.params).length ? color.dim(`  ${formatParams(scenario.params)}`) : '')];
  if (scenario.status === 'failed') {
    lines.push(color.red(`  failed: ${scenario.error ?? 'unknown error'}`));
    return lines.join('\n');
  }
  const table = new Table({
    head: SUMMARY_HEADINGS,
    style: { head: color.level > 0 ? ['cyan'] : [], border: color.level > 0 ? ['grey'] : [] },
    colAligns: ['left', ...SUMMARY_HEADINGS.slice(1).map(() => 'right' as const)],
  });
  for (const [mode, { summary }] of Object.entries(scenario.modes)) table.push(summaryCells(mode, summary));
  lines.push(table.toString());
  for (const [mode, comparison] of Object.entries(scenario.comparison?.against ?? {})) {
    const faster = comparison.opsPerSecRatio.ci95[0] > 1;
    const slower = comparison.opsPerSecRatio.ci95[1] < 1;
    const paint = faster ? color.green : slower ? color.red : color.reset;
    lines.push('  ' + paint(describeComparison(mode, comparison)));
  }
  for (const warning of scenario.warnings) lines.push(color.yellow(`  warning: ${warning}`));
  return lines.join('\n');
}

export function table(result: ResultFile, options: ReporterOptions): string {
  const color = new Chalk({ level: options.color ? 1 : 0 });
  const sections = result.scenarios.map((scenario) => scenarioTable(scenario, color));
  const notes = describeMethods(result).map((line) => color.dim(line));
  return [...sections, notes.join('\n')].join('\n\n') + '\n';
}
