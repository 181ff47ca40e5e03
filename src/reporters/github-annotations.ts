/** A comparison's regressions as GitHub Actions annotations on the pull request's checks. */
import { type Comparison, findings } from '../compare/model.js';
import {
  describeCase,
  formatChangeWithInterval,
  formatMetricValue,
  formatPValue,
  metricLabel,
} from './document/comparison-words.js';

/**
 * GitHub Actions workflow commands, one `::error` line per regression of a gated metric and a
 * `::warning` per other regression (docs.github.com, "Workflow commands").
 */
export function githubAnnotations(comparison: Comparison): string {
  const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return findings(comparison, ['regressed'])
    .map(({ row, metric }) => {
      const what = `${describeCase(row.key)}, mode ${row.mode}: ${metricLabel(metric.metric)} ${formatMetricValue(metric.metric, metric.baseline)} → ${formatMetricValue(metric.metric, metric.current)}`;
      const numbers = `${formatChangeWithInterval(metric)}, adjusted p ${formatPValue(metric.adjustedPValue)}`;
      // Outside the gate a regression is worth seeing, not failing the check for.
      const [command, title] = metric.gated ? ['error', 'regression'] : ['warning', 'regression (not gating)'];
      return `::${command} title=${escapeProperty(`arena-bench ${title}: ${row.key.name} ${row.mode} ${metricLabel(metric.metric)}`)}::${escapeData(`${what} (${numbers})`)}\n`;
    })
    .join('');
}
