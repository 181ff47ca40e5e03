/** Parsers for option values: a bad value is a usage error that names the flag. */
import { InvalidArgumentError } from 'commander';
import { COLUMN_NAMES, columnsProblem } from '../reporters/columns.js';

export function positiveInteger(flag: string) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`${flag} takes a whole number of at least 1.`);
    return value;
  };
}

export function nonNegativeInteger(flag: string) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`${flag} takes a whole number of at least 0.`);
    return value;
  };
}

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
  if (problem) throw new InvalidArgumentError(`${problem}: --columns takes "all" or a comma-separated list of ${COLUMN_NAMES.join(', ')}.`);
  return names[0] === 'all' ? 'all' : names;
}

/** `--precision 2` or `2%`: a percentage above 0 and below 100. */
export function percentage(flag: string) {
  return (text: string): number => {
    const value = Number(text.trim().replace(/%$/, ''));
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value >= 100) throw new InvalidArgumentError(`${flag} takes a percentage above 0 and below 100, e.g. 2.`);
    return value;
  };
}

/** `--shard 2/3`: the second of three slices, 1-based. */
export function shardOption(text: string): { index: number; count: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new InvalidArgumentError(`--shard takes i/n with 1 ≤ i ≤ n, e.g. 2/3 for the second of three slices; got "${text}".`);
  return { index, count };
}
