/** The terminal reporter: one table per scenario, modes (and variants) side by side, a line per comparison. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { ResultFile } from '../results/result.js';
import { describeMethods, describeOutcomes, groupRows, groupScenarios, type ScenarioGroup } from './describe.js';
import type { ReporterOptions } from './options.js';
import { allocationSiteLines } from './allocation-sites.js';
import { SPARKLINE_HEADING, SPARKLINE_NOTE, withPauseSparklines } from './sparkline.js';

/** The allocation-site lines' width: paths are cut from the left to stay within it. */
const ALLOCATION_SITES_WIDTH = 100;

function groupTable(group: ScenarioGroup, color: InstanceType<typeof Chalk>): string {
  const lines = [color.bold(group.title)];
  const plain = groupRows(group);
  const { headings, rows } = withPauseSparklines(group, plain.headings, plain.rows);
  if (rows.length > 0) {
    const table = new Table({
      head: headings,
      style: { head: color.level > 0 ? ['cyan'] : [], border: color.level > 0 ? ['grey'] : [] },
      colAligns: headings.map((heading) => (heading === 'mode' || heading === 'variant' || heading === SPARKLINE_HEADING ? 'left' : 'right')),
    });
    table.push(...rows);
    lines.push(table.toString());
  }
  for (const { kind, text, faster, slower } of describeOutcomes(group)) {
    const paint = kind === 'failure' ? color.red : kind === 'warning' ? color.yellow : faster ? color.green : slower ? color.red : color.reset;
    lines.push(`  ${paint(text)}`);
  }
  for (const { label, scenario } of group.entries) {
    for (const { text, warning } of allocationSiteLines(scenario.modes, ALLOCATION_SITES_WIDTH, label ? `${label}: ` : '')) {
      lines.push(warning ? color.yellow(text) : text);
    }
  }
  return lines.join('\n');
}

export function table(result: ResultFile, options: ReporterOptions): string {
  const color = new Chalk({ level: options.color ? 1 : 0 });
  const sections = groupScenarios(result.scenarios).map((group) => groupTable(group, color));
  const notes = [...describeMethods(result), SPARKLINE_NOTE].map((line) => color.dim(line));
  return [...sections, notes.join('\n')].join('\n\n') + '\n';
}
