/**
 * The files of one sharded run (`run --shard i/n`, one per CI matrix job) read back as the one run
 * they split: every shard exactly once, no case in two of them.
 */
import { UserError } from '../errors.js';
import { keyOf, keyText } from './matching.js';
import type { LabeledResult } from './model.js';

/** Whether these files are shards, which are joined, rather than sessions, which are pooled. */
export function areShards(results: readonly LabeledResult[]): boolean {
  const sharded = results.filter(({ result }) => result.settings.shard !== undefined);
  if (sharded.length === 0) return false;
  if (sharded.length < results.length) {
    const whole = results.find(({ result }) => result.settings.shard === undefined)!;
    throw new UserError(
      `${whole.label} is a whole run but ${sharded[0]!.label} is a shard (--shard)`,
      "give one side's shard files together, or whole runs, not both",
    );
  }
  return true;
}

export function joinShards(results: readonly LabeledResult[], label: string): LabeledResult {
  const [first] = results;
  const count = first!.result.settings.shard!.count;
  const byIndex = new Map<number, string>();
  for (const { label: file, result } of results) {
    const shard = result.settings.shard!;
    if (shard.count !== count)
      throw new UserError(
        `${file} is shard ${shard.index}/${shard.count} but ${first!.label} is one of ${count}`,
        'give the shards of one sharded run',
      );
    const twice = byIndex.get(shard.index);
    if (twice)
      throw new UserError(
        `shard ${shard.index}/${count} is given twice: ${twice} and ${file}`,
        'give each shard once; compare sessions of a sharded run as separate pairs',
      );
    byIndex.set(shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length) {
    throw new UserError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${count}`).join(', ')} missing from ${label}`,
      'give every shard file of the run (several files separated by commas, or their directory)',
    );
  }
  const caseOwner = new Map<string, string>();
  for (const { label: file, result } of results) {
    for (const caseResult of result.scenarios) {
      const key = keyText(keyOf(caseResult));
      const owner = caseOwner.get(key);
      if (owner)
        throw new UserError(
          `${caseResult.name} is in two shards, ${owner} and ${file}`,
          'shards of one run never overlap: were these files written by different runs?',
        );
      caseOwner.set(key, file);
    }
  }
  const ordered = [...results].sort((a, b) => a.result.settings.shard!.index - b.result.settings.shard!.index);
  const { shard: _shard, ...settings } = first!.result.settings;
  return {
    label,
    result: {
      ...first!.result,
      complete: results.every(({ result }) => result.complete),
      settings,
      scenarios: ordered.flatMap(({ result }) => result.scenarios),
    },
  };
}
