/** Reporters are pure: a result in, a string out. Only the CLI writes them anywhere. */
import type { ResultFile } from '../results/result.js';
import { resultJson } from './json.js';
import { markdown } from './markdown/render.js';
import type { ReporterOptions } from './options.js';
import { table } from './terminal/render.js';

export const reporters = {
  table,
  markdown: (result: ResultFile) => markdown(result),
  json: (result: ResultFile) => resultJson(result),
} satisfies Record<string, (result: ResultFile, options: ReporterOptions) => string>;

export type ReporterName = keyof typeof reporters;
export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];
