/** Parsers for option values: a bad value is a usage error that names the flag. */
import { InvalidArgumentError } from 'commander';
import { COLUMN_NAMES, columnsProblem } from '../reporters/document/columns.js';

/** The largest value an option may take, and why, for the message. */
export interface Limit {
  maximum: number;
  because: string;
}

function wholeNumber(flag: string, minimum: number, limit?: Limit) {
  return (text: string): number => {
    const value = Number(text);
    // Number('') is 0: an empty value is a mistake, not zero.
    if (text.trim() === '' || !Number.isInteger(value) || value < minimum)
      throw new InvalidArgumentError(`${flag} takes a whole number of at least ${minimum}.`);
    const maximum = limit?.maximum ?? Number.MAX_SAFE_INTEGER;
    if (value > maximum)
      throw new InvalidArgumentError(`${flag} takes at most ${maximum}${limit ? `: ${limit.because}` : ''}.`);
    return value;
  };
}

export function positiveInteger(flag: string, limit?: Limit) {
  return wholeNumber(flag, 1, limit);
}

export function nonNegativeInteger(flag: string, limit?: Limit) {
  return wholeNumber(flag, 0, limit);
}

/** setTimeout fires at once for anything longer: a timeout beyond it would end every run at its start. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export function commaList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** `--columns`: "all", or names of the table's columns; anything else names the valid ones. */
export function columnList(text: string): string[] | 'all' {
  const names = commaList(text);
  const problem = columnsProblem(names);
  if (problem)
    throw new InvalidArgumentError(
      `${problem}: --columns takes "all" or a comma-separated list of ${COLUMN_NAMES.join(', ')}.`,
    );
  return names[0] === 'all' ? 'all' : names;
}

/** `--precision 2` or `2%`: a percentage above 0 and below 100. */
export function percentage(flag: string) {
  return (text: string): number => {
    const value = Number(text.trim().replace(/%$/, ''));
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value >= 100)
      throw new InvalidArgumentError(`${flag} takes a percentage above 0 and below 100, e.g. 2.`);
    return value;
  };
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `--budget 6m`, `90s`, `1h30m`, `1500ms`: a positive duration with units, in milliseconds. */
export function duration(flag: string) {
  return (text: string): number => {
    const compact = text.replace(/\s+/g, '');
    const parts = [...compact.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
    const ms = parts.reduce((total, [, value, unit]) => total + Number(value) * DURATION_UNITS_MS[unit!]!, 0);
    if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(compact) || !(ms > 0))
      throw new InvalidArgumentError(
        `${flag} takes a duration with its unit, e.g. 6m, 90s, 1h30m or 1500ms; got "${text}".`,
      );
    if (ms > MAX_TIMER_MS)
      throw new InvalidArgumentError(`${flag} takes at most about 24.8 days (${MAX_TIMER_MS} ms).`);
    return Math.round(ms);
  };
}

/** `--shard 2/3`: the second of three slices, 1-based. */
export function shardOption(text: string): { index: number; count: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count || count > Number.MAX_SAFE_INTEGER)
    throw new InvalidArgumentError(
      `--shard takes i/n with 1 ≤ i ≤ n, e.g. 2/3 for the second of three slices; got "${text}".`,
    );
  return { index, count };
}
