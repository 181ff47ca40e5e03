/** The few drawing primitives the HTML report's charts need: escaping, scales, ticks, axes. Pure strings. */

import { visible } from '../../text/visible.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for HTML or SVG content and attribute values: every string that comes from a result file goes
 * through this. Control characters are shown as escapes, as in the terminal, since a page drops them silently.
 */
export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** Coordinates with two decimals at most: smaller files, no visible difference. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A linear map from [d0, d1] to [r0, r1]; a zero-width domain maps everything to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/**
 * Round tick values from 0 (or `min`) up to at least `max`, about `count` of them, on steps of
 * 1, 2 or 5 × 10ⁿ ("nice numbers", Heckbert, Graphics Gems 1990). The last tick is the axis end.
 */
export function niceTicks(max: number, count = 5, min = 0): number[] {
  if (!(max > min)) return [min, min + 1];
  const rough = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough)!;
  const ticks: number[] = [];
  const first = Math.floor(min / step) * step;
  const round = (value: number) => Number((Math.round(value / step) * step).toPrecision(12));
  for (let tick = first; tick < max + step * 1e-9; tick += step) ticks.push(round(tick));
  if (ticks[ticks.length - 1]! < max) ticks.push(round(ticks[ticks.length - 1]! + step));
  return ticks;
}

/** Byte ticks in the unit that suits the largest value: the tick values in bytes, and the unit to label them with. */
export function byteTicks(maxBytes: number, count = 4): { ticks: number[]; unit: string; divisor: number } {
  const units: [number, string][] = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
    [1, 'B'],
  ];
  const [divisor, unit] = units.find(([size]) => maxBytes >= size) ?? [1, 'B'];
  return { ticks: niceTicks(maxBytes / divisor, count).map((tick) => tick * divisor), unit, divisor };
}

/** 0.25 → "0.25", 1500 → "1500", 2e-7 → "0": tick labels without float noise. */
export function tickLabel(value: number): string {
  return String(Number(value.toPrecision(6)));
}

export interface Box {
  width: number;
  height: number;
  /** Plot area inside the margins. */
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function box(
  width: number,
  height: number,
  margin: { left: number; top: number; right: number; bottom: number },
): Box {
  return {
    width,
    height,
    left: margin.left,
    top: margin.top,
    right: width - margin.right,
    bottom: height - margin.bottom,
  };
}

/** An `<svg>` that scales down with the page; `label` is what a screen reader says. */
export function svg(area: Box, className: string, label: string, content: string): string {
  return (
    `<svg class="chart ${className}" viewBox="0 0 ${area.width} ${area.height}" width="${area.width}" height="${area.height}" ` +
    `role="img" aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg">${content}</svg>`
  );
}

export function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attributes ? ` ${attributes}` : ''}>${escapeHtml(content)}</text>`;
}

/** Horizontal grid lines and labels on the left for the y ticks, and the axis title rotated along it. */
export function yAxis(
  area: Box,
  ticks: number[],
  y: (value: number) => number,
  label: (value: number) => string,
  title: string,
): string {
  const parts = ticks.map((tick) => {
    const at = y(tick);
    return (
      `<line class="grid" x1="${area.left}" x2="${area.right}" y1="${px(at)}" y2="${px(at)}"/>` +
      text(area.left - 6, at + 4, label(tick), 'class="tick" text-anchor="end"')
    );
  });
  const middle = (area.top + area.bottom) / 2;
  parts.push(
    text(12, middle, title, `class="axis-title" text-anchor="middle" transform="rotate(-90 12 ${px(middle)})"`),
  );
  return parts.join('');
}

/** Tick marks and labels under the plot for the x ticks, and the axis title below them. */
export function xAxis(
  area: Box,
  ticks: number[],
  x: (value: number) => number,
  label: (value: number) => string,
  title: string,
  grid = false,
): string {
  const parts = ticks.map((tick) => {
    const at = x(tick);
    const line = grid
      ? `<line class="grid" x1="${px(at)}" x2="${px(at)}" y1="${area.top}" y2="${area.bottom}"/>`
      : `<line class="axis" x1="${px(at)}" x2="${px(at)}" y1="${area.bottom}" y2="${area.bottom + 4}"/>`;
    return line + text(at, area.bottom + 16, label(tick), 'class="tick" text-anchor="middle"');
  });
  parts.push(`<line class="axis" x1="${area.left}" x2="${area.right}" y1="${area.bottom}" y2="${area.bottom}"/>`);
  if (title)
    parts.push(text((area.left + area.right) / 2, area.bottom + 32, title, 'class="axis-title" text-anchor="middle"'));
  return parts.join('');
}
