/** The result file an invocation of `run` starts with, before any case is in it: shared by `run` and `run --against`. */
import { childExecArgv } from '../../measure/execute.js';
import { describeEnvironment, TOOL_VERSION } from '../../results/environment.js';
import { type ResultFile, SCHEMA_VERSION, type Settings } from '../../results/result.js';

export function newResultFile(settings: Settings): ResultFile {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'arena-bench', version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    complete: false,
    environment: describeEnvironment(childExecArgv(settings.v8FlagSets.length === 1 ? settings.v8FlagSets[0]! : [])),
    settings,
    scenarios: [],
  };
}

/** Where the base's result goes beside the head's: `r.json` → `r.base.json`. */
export function basePathOf(outPath: string): string {
  return /\.[^./\\]+$/.test(outPath) ? outPath.replace(/(\.[^./\\]+)$/, '.base$1') : `${outPath}.base`;
}
