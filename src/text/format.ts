/** Numbers and parameters as people read them: pure, locale-independent, units always shown (results/ and the reporters use it). */
import { visible } from './visible.js';

const SI_STEPS: [number, string][] = [
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Three significant digits: 1234 → "1.23", 12.345 → "12.3". */
function significant(value: number): string {
  if (value === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return value.toFixed(Math.min(digits, 3));
}

/** 5_712_000 → "5.71 M". */
export function formatCount(value: number): string {
  for (const [step, suffix] of SI_STEPS) if (Math.abs(value) >= step) return `${significant(value / step)} ${suffix}`;
  return significant(value);
}

const BYTE_STEPS: [number, string][] = [
  [1024 ** 3, 'GiB'],
  [1024 ** 2, 'MiB'],
  [1024, 'KiB'],
];

export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '−' : '';
  const size = Math.abs(bytes);
  for (const [step, unit] of BYTE_STEPS) if (size >= step) return `${sign}${significant(size / step)} ${unit}`;
  return `${sign}${significant(size)} B`;
}

export function formatNs(ns: number): string {
  if (ns >= 1e9) return `${significant(ns / 1e9)} s`;
  if (ns >= 1e6) return `${significant(ns / 1e6)} ms`;
  if (ns >= 1e3) return `${significant(ns / 1e3)} µs`;
  return `${significant(ns)} ns`;
}

export function formatMs(ms: number): string {
  return formatNs(ms * 1e6);
}

/** 3.14 → "3.14×"; below 1, still a ratio: 0.5 → "0.500×". */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${significant(ratio)}×` : '∞';
}

/**
 * A change as a signed percentage with `digits` decimals, none from 100% up; halves round away from
 * zero, alike for gains and losses: 0.123 → "+12.3%" (1) or "+12%" (0), −0.4 → "−40.0%", 0 → "±0.0%".
 */
export function formatPercent(change: number, digits: number): string {
  const percent = change * 100;
  const text = Math.abs(percent).toFixed(Math.abs(percent) >= 100 ? 0 : digits);
  if (Number(text) === 0) return `±${(0).toFixed(digits)}%`;
  return `${percent > 0 ? '+' : '−'}${text}%`;
}

/** A ratio as a change: 0.03 → "−97%", 1.5 → "+50%", 1 → "±0%"; null (from nothing to something) → "+∞%". */
export function formatChange(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '+∞%';
  return formatPercent(ratio - 1, 0);
}

/** "1 run", "6 runs", or "6–10 runs" when modes got different counts. */
export function formatRunCounts({ fewest, most }: { fewest: number; most: number }): string {
  if (fewest !== most) return `${fewest}–${most} runs`;
  return `${most} run${most === 1 ? '' : 's'}`;
}

export function formatParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([name, value]) => `${visible(name)}=${visible(String(value))}`)
    .join(' ');
}
