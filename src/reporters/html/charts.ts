/** The report's three charts, as inline SVG strings: throughput with intervals, pause distribution, timeline. */

import type { GcKind, RunTimeline } from '../../results/result.js';
import { formatBytes, formatCount } from '../../text/format.js';
import { PAUSE_BIN_EDGES_MS } from '../document/pause-bins.js';
import { box, byteTicks, escapeHtml, linearScale, niceTicks, px, svg, text, tickLabel, xAxis, yAxis } from './svg.js';

const WIDTH = 980;

export interface ThroughputBar {
  mode: string;
  /** CSS class giving the mode its colour: m0, m1, … */
  color: string;
  median: number;
  ci: [number, number];
  /** The same mode in the baseline file, drawn as a hollow bar above it. */
  baseline?: { median: number; ci: [number, number] };
}

function whisker(x: (value: number) => number, [low, high]: [number, number], y: number): string {
  const cap = 5;
  return `<path class="whisker" d="M${px(x(low))} ${px(y)}H${px(x(high))}M${px(x(low))} ${px(y - cap)}V${px(y + cap)}M${px(x(high))} ${px(y - cap)}V${px(y + cap)}"/>`;
}

/** Horizontal bars: the median ops/s of each mode, its confidence interval as a whisker. */
export function throughputChart(bars: readonly ThroughputBar[], ciLabel: string): string {
  const compared = bars.some((bar) => bar.baseline);
  const row = compared ? 44 : 28;
  const area = box(WIDTH, 46 + row * bars.length, { left: 90, top: 6, right: 110, bottom: 40 });
  const max = Math.max(1, ...bars.flatMap((bar) => [bar.ci[1], bar.median, bar.baseline?.ci[1] ?? 0]));
  const ticks = niceTicks(max, 5);
  const x = linearScale(0, ticks[ticks.length - 1]!, area.left, area.right);
  const parts = [
    xAxis(
      area,
      ticks,
      x,
      (value) => formatCount(value),
      `operations per second (median of runs; whiskers: ${ciLabel})`,
      true,
    ),
  ];
  bars.forEach((bar, i) => {
    const top = area.top + i * row + 4;
    const height = compared ? 16 : 18;
    parts.push(text(area.left - 8, top + row / 2, bar.mode, 'class="label" text-anchor="end"'));
    if (bar.baseline) {
      parts.push(
        `<rect class="bar baseline ${bar.color}" x="${area.left}" y="${px(top)}" width="${px(x(bar.baseline.median) - area.left)}" height="${height}"><title>baseline ${escapeHtml(bar.mode)}: ${escapeHtml(formatCount(bar.baseline.median))} ops/s</title></rect>`,
      );
      parts.push(whisker(x, bar.baseline.ci, top + height / 2));
      parts.push(
        text(
          x(bar.baseline.ci[1]) + 6,
          top + height / 2 + 4,
          `${formatCount(bar.baseline.median)} (base)`,
          'class="value"',
        ),
      );
    }
    const barTop = compared ? top + height + 4 : top;
    parts.push(
      `<rect class="bar ${bar.color}" x="${area.left}" y="${px(barTop)}" width="${px(x(bar.median) - area.left)}" height="${height}"><title>${escapeHtml(bar.mode)}: ${escapeHtml(formatCount(bar.median))} ops/s</title></rect>`,
    );
    parts.push(whisker(x, bar.ci, barTop + height / 2));
    parts.push(text(x(bar.ci[1]) + 6, barTop + height / 2 + 4, `${formatCount(bar.median)} ops/s`, 'class="value"'));
  });
  return svg(
    area,
    'throughput',
    `throughput per mode: ${bars.map((bar) => `${bar.mode} ${formatCount(bar.median)} ops/s`).join(', ')}`,
    parts.join(''),
  );
}

export interface PauseSeries {
  mode: string;
  color: string;
  /** Pause counts per bin of PAUSE_BIN_EDGES_MS, summed over runs. */
  counts: number[];
  runs: number;
}

/** "≤0.1", "0.1–0.25", …, ">10": the bins' labels, in ms. */
export function pauseBinLabels(edges: readonly number[] = PAUSE_BIN_EDGES_MS): string[] {
  return [`≤${edges[0]}`, ...edges.slice(1).map((edge, i) => `${edges[i]}–${edge}`), `>${edges[edges.length - 1]}`];
}

/** Grouped bars: pauses per run in each duration bin, one bar per mode, the same bins for every scenario. */
export function pauseHistogramChart(series: readonly PauseSeries[]): string {
  const labels = pauseBinLabels();
  const area = box(WIDTH, 230, { left: 60, top: 28, right: 10, bottom: 44 });
  const perRun = series.map((entry) => entry.counts.map((count) => count / Math.max(1, entry.runs)));
  const ticks = niceTicks(Math.max(1, ...perRun.flat()), 4);
  const y = linearScale(0, ticks[ticks.length - 1]!, area.bottom, area.top);
  const slot = (area.right - area.left) / labels.length;
  const barWidth = Math.min(22, (slot - 8) / Math.max(1, series.length));
  const parts = [yAxis(area, ticks, y, tickLabel, 'pauses per run')];
  labels.forEach((label, bin) => {
    const center = area.left + slot * (bin + 0.5);
    parts.push(text(center, area.bottom + 16, label, 'class="tick" text-anchor="middle"'));
    series.forEach((entry, s) => {
      const value = perRun[s]![bin]!;
      if (value <= 0) return;
      const left = center - (barWidth * series.length) / 2 + s * barWidth;
      const top = Math.min(y(value), area.bottom - 1);
      parts.push(
        `<rect class="bar ${entry.color}" x="${px(left)}" y="${px(top)}" width="${px(barWidth - 2)}" height="${px(area.bottom - top)}">` +
          `<title>${escapeHtml(entry.mode)}, ${escapeHtml(label)} ms: ${escapeHtml(tickLabel(Math.round(value * 100) / 100))} pauses per run</title></rect>`,
      );
    });
  });
  parts.push(`<line class="axis" x1="${area.left}" x2="${area.right}" y1="${area.bottom}" y2="${area.bottom}"/>`);
  parts.push(
    text(
      (area.left + area.right) / 2,
      area.bottom + 34,
      'pause duration (ms)',
      'class="axis-title" text-anchor="middle"',
    ),
  );
  let legendX = area.left;
  for (const entry of series) {
    const total = entry.counts.reduce((sum, count) => sum + count, 0);
    const caption = `${entry.mode}: ${total === 0 ? 'no pauses' : `${tickLabel(Math.round((total / Math.max(1, entry.runs)) * 10) / 10)} pauses per run`}`;
    parts.push(
      `<rect class="bar ${entry.color}" x="${px(legendX)}" y="8" width="10" height="10"/>` +
        text(legendX + 14, 17, caption, 'class="legend"'),
    );
    legendX += 24 + caption.length * 6.6;
  }
  const description = series
    .map((entry) => `${entry.mode} ${entry.counts.reduce((sum, count) => sum + count, 0)} pauses`)
    .join(', ');
  return svg(area, 'pauses', `GC pause durations per mode: ${description}`, parts.join(''));
}

export interface TimelinePanel {
  mode: string;
  color: string;
  /** "run 3 of 5, the median by ops/s". */
  caption: string;
  timeline: RunTimeline | undefined;
  elapsedMs: number;
}

const KIND_CLASS: Record<GcKind, string> = {
  minor: 'k-minor',
  minorMarkSweep: 'k-other',
  major: 'k-major',
  incremental: 'k-other',
  weakcb: 'k-other',
};

function polyline(
  xs: readonly number[],
  ys: readonly number[],
  x: (value: number) => number,
  y: (value: number) => number,
): string {
  return xs.map((value, i) => `${i === 0 ? 'M' : 'L'}${px(x(value))} ${px(y(ys[i]!))}`).join('');
}

/**
 * One panel per mode, one above the other, on the same axes: used heap and external memory over the
 * measured window, and beneath them every GC pause at the time it happened, as tall as it lasted.
 */
export function timelineChart(panels: readonly TimelinePanel[]): string {
  const memoryHeight = 130;
  const stripHeight = 40;
  const panelHeight = 20 + memoryHeight + 8 + stripHeight + 14;
  const area = box(WIDTH, 30 + panels.length * panelHeight + 40, { left: 70, top: 30, right: 14, bottom: 40 });
  const maxMs = Math.max(1, ...panels.map((panel) => Math.max(panel.elapsedMs, ...(panel.timeline?.atMs ?? []))));
  const maxBytes = Math.max(
    1024,
    ...panels.flatMap((panel) => [...(panel.timeline?.heapUsedBytes ?? []), ...(panel.timeline?.externalBytes ?? [])]),
  );
  const maxPauseMs = Math.max(0.1, ...panels.flatMap((panel) => panel.timeline?.pauses.durationMs ?? []));
  // The window's end is the axis's end: a nice tick beyond it would only add empty space.
  const timeTicks = niceTicks(maxMs, 8).filter((tick) => tick <= maxMs * 1.001);
  const x = linearScale(0, maxMs, area.left, area.right);
  const { ticks: bytes, unit, divisor } = byteTicks(maxBytes, 3);
  const pauseTicks = niceTicks(maxPauseMs, 1);

  const parts = [
    `<path class="line m-neutral" d="M${area.left} 14h24"/>${text(area.left + 30, 18, 'used heap', 'class="legend"')}`,
    `<path class="line ext m-neutral" d="M${area.left + 110} 14h24"/>` +
      text(area.left + 140, 18, 'external memory (ArrayBuffers)', 'class="legend"'),
    `<rect class="k-minor" x="${area.left + 350}" y="9" width="6" height="10"/>` +
      text(area.left + 360, 18, 'minor GC pause', 'class="legend"'),
    `<rect class="k-major" x="${area.left + 470}" y="9" width="6" height="10"/>` +
      text(area.left + 480, 18, 'major GC pause', 'class="legend"'),
    `<rect class="k-other" x="${area.left + 590}" y="9" width="6" height="10"/>` +
      text(area.left + 600, 18, 'other', 'class="legend"'),
  ];
  panels.forEach((panel, i) => {
    const top = area.top + i * panelHeight;
    const memory = { ...area, top: top + 20, bottom: top + 20 + memoryHeight };
    const strip = { ...area, top: memory.bottom + 8, bottom: memory.bottom + 8 + stripHeight };
    const y = linearScale(0, bytes[bytes.length - 1]!, memory.bottom, memory.top);
    const pauseY = linearScale(0, pauseTicks[pauseTicks.length - 1]!, strip.bottom, strip.top);
    parts.push(`<g class="panel" data-mode="${escapeHtml(panel.mode)}">`);
    parts.push(
      text(area.left, top + 12, `${panel.mode}`, `class="panel-title ${panel.color}-text"`) +
        text(area.left + 8 + panel.mode.length * 8, top + 12, panel.caption, 'class="legend"'),
    );
    parts.push(yAxis(memory, bytes, y, (value) => tickLabel(value / divisor), unit));
    parts.push(`<line class="axis" x1="${area.left}" x2="${area.right}" y1="${memory.bottom}" y2="${memory.bottom}"/>`);
    const timeline = panel.timeline;
    if (!timeline || timeline.atMs.length === 0) {
      parts.push(
        text(
          (area.left + area.right) / 2,
          (memory.top + memory.bottom) / 2,
          'no timeline in this result (recorded with --timeline-points 0, or by an older arena-bench)',
          'class="note" text-anchor="middle"',
        ),
      );
    } else {
      parts.push(`<path class="line ${panel.color}" d="${polyline(timeline.atMs, timeline.heapUsedBytes, x, y)}"/>`);
      parts.push(
        `<path class="line ext ${panel.color}" d="${polyline(timeline.atMs, timeline.externalBytes, x, y)}"/>`,
      );
    }
    parts.push(`<line class="axis" x1="${area.left}" x2="${area.right}" y1="${strip.bottom}" y2="${strip.bottom}"/>`);
    parts.push(
      text(
        area.left - 6,
        strip.top + 8,
        `${tickLabel(pauseTicks[pauseTicks.length - 1]!)} ms`,
        'class="tick" text-anchor="end"',
      ),
    );
    parts.push(text(area.left - 6, strip.bottom, 'pause', 'class="tick" text-anchor="end"'));
    const pauses = timeline?.pauses;
    if (pauses && pauses.startMs.length > 0) {
      const marks = pauses.startMs.map((start, p) => {
        const duration = pauses.durationMs[p]!;
        const left = x(start);
        const height = Math.max(1, strip.bottom - pauseY(duration));
        const kind = KIND_CLASS[pauses.kind[p]!] ?? 'k-other';
        const width = px(Math.max(1.5, x(start + duration) - left));
        // A faint full-height mark shows where even the shortest pauses fell; the solid bar, how long each lasted.
        return (
          `<rect class="${kind} when" x="${px(left)}" y="${strip.top}" width="${width}" height="${stripHeight}"/>` +
          `<rect class="${kind}" x="${px(left)}" y="${px(strip.bottom - height)}" width="${width}" height="${px(height)}"><title>${escapeHtml(pauses.kind[p]!)} GC at ${tickLabel(start)} ms: ${tickLabel(duration)} ms</title></rect>`
        );
      });
      parts.push(`<g class="pause-marks">${marks.join('')}</g>`);
      if (timeline!.omittedPauses > 0)
        parts.push(
          text(
            area.right,
            strip.top + 8,
            `${timeline!.omittedPauses} shorter pauses not drawn`,
            'class="tick" text-anchor="end"',
          ),
        );
    } else if (timeline) {
      parts.push(
        text(
          (area.left + area.right) / 2,
          strip.bottom - 12,
          'no GC pauses in the measured window',
          'class="note" text-anchor="middle"',
        ),
      );
    }
    parts.push('</g>');
  });
  const last = area.top + panels.length * panelHeight - 14;
  parts.push(xAxis({ ...area, bottom: last }, timeTicks, x, tickLabel, 'time since the measured window started (ms)'));
  const description = panels
    .map(
      (panel) =>
        `${panel.mode}: ${panel.timeline?.pauses.startMs.length ?? 0} pauses, heap up to ${formatBytes(Math.max(0, ...(panel.timeline?.heapUsedBytes ?? [0])))}`,
    )
    .join('; ');
  return svg(area, 'timeline', `GC pauses and memory over one run per mode (${description})`, parts.join(''));
}
