/** Reporters are pure: a result in, a string out. Only the CLI writes them anywhere. */
import type { ResultFile } from '../results/result.js';
import { markdown } from './markdown.js';
import type { ReporterOptions } from './options.js';
import { table } from './table.js';

export const reporters = {
  table,
  markdown: (result: ResultFile) => markdown(result),
  json: (result: ResultFile) => `${JSON.stringify(result, null, 2)}\n`,
} satisfies Record<string, (result: ResultFile, options: ReporterOptions) => string>;

export type ReporterName = keyof typeof reporters;
export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];
