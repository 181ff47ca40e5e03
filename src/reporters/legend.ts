/**
 * The few lines under the terminal tables that say how to read them; the method behind each figure
 * is in docs/measurement.md, so the legend points there instead of repeating it after every run.
 */
import { ownRunTimes, type ResultFile, runsPerMode } from '../results/result.js';
import { nodeOptionsNote, RETAINED_RESOLUTION_BYTES } from './describe.js';
import { describeRunProcesses, describeStops, formatRunCounts } from './format.js';

export function describeLegend(result: ResultFile, shownColumns: readonly string[]): string[] {
  const { timeMs } = result.settings;
  const runs = runsPerMode(result);
  const levels = result.scenarios.flatMap((scenario) =>
    Object.values(scenario.modes).map((mode) => mode.summary.opsPerSec.ciLevel),
  );
  const level = levels.length ? Math.min(...levels) : 0.95;
  const longer = ownRunTimes(result);
  const columns = [
    shownColumns.includes('pauses')
      ? 'pauses ≤.1…>10ms: pause count per bin (≤0.1, 0.25, 0.5, 1, 2.5, 5, 10, >10 ms).'
      : '',
    shownColumns.includes('retained')
      ? `retained ≈0: below the method's resolution (${RETAINED_RESOLUTION_BYTES / 1024} KiB).`
      : '',
  ].filter(Boolean);
  const stops = describeStops(result);
  return [
    `${formatRunCounts(runs)} per mode of ${timeMs} ms${longer.length ? ` (longer: ${longer.join(', ')})` : ''}, ${describeRunProcesses(result.settings)}. ` +
      (stops ? `${stops}. ` : '') +
      `ops/s: median, ${Number((level * 100).toFixed(1))}% interval${level < 0.95 ? ' (--runs 6 or more for 95%)' : ''}; ` +
      'GC pauses: main thread, timed window only.',
    [...columns, 'How each figure is measured: docs/measurement.md'].join(' '),
    ...nodeOptionsNote(result),
  ];
}
