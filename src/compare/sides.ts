/** One side of a comparison read from disk: a result file, or several pooled into one. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { ownRunTimes, type ResultFile, readResultFile } from '../results/result.js';
import { canonicalJson, keyOf, keyText } from './matching.js';
import type { LabeledResult } from './model.js';
import { poolResults } from './sessions.js';
import { areShards, joinShards } from './shards.js';

/** The result files one side names: itself, each of a comma-separated list, or the .json files of a directory. */
export async function filesOf(argument: string): Promise<string[]> {
  // A path that exists is that file or folder, commas and all: only a name that does not is a list.
  const whole = await stat(argument).catch(() => undefined);
  const paths = whole
    ? [argument]
    : argument
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      const inside = (await readdir(path)).filter((name) => name.endsWith('.json')).sort();
      if (inside.length === 0) throw new UserError(`${path} is a directory with no .json result files in it`);
      files.push(...inside.map((name) => join(path, name)));
    } else files.push(path);
  }
  if (files.length === 0) throw new UserError(`"${argument}" names no result file`);
  return files;
}

/** How long each run was warmed up and timed, per case: runs pooled into one side must agree on it. */
function runLengths(result: ResultFile): string {
  const { timeMs, warmupMs } = result.settings;
  const own = ownRunTimes(result);
  return `${timeMs} ms per run${own.length ? ` (${own.join(', ')})` : ''} after ${warmupMs} ms warm-up`;
}

/**
 * What tells one invocation's file from another's: when it started, which slice and tree it holds, and
 * its first measured run. A copy, a hard link or a second name of a file has the same.
 */
function runIdentity(result: ResultFile): string {
  const { shard, against } = result.settings;
  const firstRun = result.scenarios.flatMap((caseResult) => Object.values(caseResult.modes))[0]?.runs[0];
  return JSON.stringify([result.createdAt, shard, against?.side, firstRun]);
}

/** A file given twice, by any name or as a copy, would count its runs as another session's. */
function refuseRepeatedRuns(results: readonly LabeledResult[]): void {
  const seen = new Map<string, string>();
  for (const { label, result } of results) {
    const identity = runIdentity(result);
    const first = seen.get(identity);
    if (first !== undefined)
      throw new UserError(
        `${first} and ${label} hold the same run (started ${result.createdAt}): the same file twice, or a copy of it, would count its runs twice`,
        'give each result file once',
      );
    seen.set(identity, label);
  }
}

/**
 * A run in two pairs (the same file, another name of it, or a copy) would count in the check twice,
 * as if a second machine had measured it. Within one pair a file may be compared with itself; within
 * one side readSide refuses it. A file that cannot be read is readSide's to report.
 */
export async function refuseRunsInTwoPairs(filesOfPairs: readonly string[][]): Promise<void> {
  // One pair, the usual comparison, has nothing to check: its files are not read twice for it.
  if (filesOfPairs.length < 2) return;
  const seen = new Map<string, { pair: number; path: string }>();
  for (const [pair, files] of filesOfPairs.entries()) {
    for (const path of files) {
      const result = await readResultFile(path).catch(() => undefined);
      if (!result) continue;
      const identity = runIdentity(result);
      const first = seen.get(identity);
      if (first && first.pair !== pair)
        throw new UserError(
          `${first.path} and ${path} hold the same run (started ${result.createdAt}), in pairs ${first.pair + 1} and ${pair + 1}: it would count twice`,
          'give each result file in one pair only',
        );
      if (!first) seen.set(identity, { pair, path });
    }
  }
}

/** A case held twice in one file (an invocation given the same --param value twice) would be compared twice. */
function refuseRepeatedCases({ label, result }: LabeledResult): void {
  const seen = new Set<string>();
  for (const caseResult of result.scenarios) {
    const key = keyText(keyOf(caseResult));
    if (seen.has(key))
      throw new UserError(
        `${label} holds ${caseResult.name} ${canonicalJson(caseResult.params)} twice: each case is compared once`,
        're-run it with each --param value given once',
      );
    seen.add(key);
  }
}

/**
 * One side of a comparison: a result file, several separated by commas, or a directory of them.
 * Several files of one side are pooled (their runs concatenated), which is how interleaved
 * sessions of base and head are meant to be compared; they must come from one environment and
 * have been timed alike.
 */
export async function readSide(argument: string): Promise<LabeledResult> {
  const files = await filesOf(argument);
  const results: LabeledResult[] = [];
  for (const path of files) results.push({ label: path, result: await readResultFile(path) });
  refuseRepeatedRuns(results);
  results.forEach(refuseRepeatedCases);
  const [first] = results;
  const sharded = areShards(results);
  // Shards hold different cases, so only the settings' run lengths can agree.
  const lengths = (result: ResultFile) =>
    sharded ? `${result.settings.timeMs} ms per run after ${result.settings.warmupMs} ms warm-up` : runLengths(result);
  const firstLengths = lengths(first!.result);
  for (const other of results.slice(1)) {
    const a = first!.result.environment;
    const b = other.result.environment;
    if (
      a.cpuModel !== b.cpuModel ||
      a.node !== b.node ||
      a.execArgv.join(' ') !== b.execArgv.join(' ') ||
      (a.nodeOptions ?? '') !== (b.nodeOptions ?? '')
    ) {
      throw new UserError(
        `cannot pool ${first!.label} and ${other.label}: they come from different environments (${a.node} on ${a.cpuModel} vs ${b.node} on ${b.cpuModel})`,
        'pool only sessions of one machine and runtime; compare machines as separate pairs with --pairs',
      );
    }
    const otherLengths = lengths(other.result);
    if (otherLengths !== firstLengths) {
      throw new UserError(
        `cannot pool ${first!.label} and ${other.label}: their runs were timed differently (${firstLengths} vs ${otherLengths})`,
        'pool only sessions measured with the same --time, --warmup and scenario files',
      );
    }
  }
  if (sharded) return joinShards(results, files.length > 1 ? argument : first!.label);
  const pooled = poolResults(results);
  return files.length > 1 && !argument.includes(',') ? { ...pooled, label: argument } : pooled;
}
