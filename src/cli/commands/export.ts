/** `arena-bench export`: a result file in another tool's format, for charting history there. */
import { Command, Option } from 'commander';
import { ExitCode } from '../../errors.js';
import { readResultFile } from '../../results/result.js';
import { writeFileAtomic } from '../../results/write-file-atomic.js';
import { claimOutputs } from '../claim-outputs.js';
import {
  BENCHMARK_ACTION_FORMATS,
  type BenchmarkActionFormat,
  benchmarkActionJson,
} from './github-action-benchmark.js';

const EXAMPLES = `
Formats:
  github-action-benchmark-bigger    ops/s per scenario and mode
                                    (tool: customBiggerIsBetter)
  github-action-benchmark-smaller   latency p99, GC pause per 1000 ops, GC max
                                    pause, allocated bytes per op, retained
                                    bytes (tool: customSmallerIsBetter)

Examples:
  $ arena-bench export results/head.json \\
      --format github-action-benchmark-bigger --out bigger.json
  $ arena-bench export results/head.json \\
      --format github-action-benchmark-smaller --out smaller.json`;

export function exportCommand(setExitCode: (code: number) => void): Command {
  return new Command('export')
    .description("write a result file in another tool's format (github-action-benchmark's custom formats)")
    .argument('<result>', 'a result file written by "arena-bench run"')
    .addOption(
      new Option('--format <name>', 'the output format').choices(BENCHMARK_ACTION_FORMATS).makeOptionMandatory(),
    )
    .option('--out <file>', 'write here instead of stdout')
    .addHelpText('after', EXAMPLES)
    .action(async (path: string, options: { format: BenchmarkActionFormat; out?: string }) => {
      if (options.out !== undefined)
        await claimOutputs([{ flag: '--out', path: options.out }], [{ what: 'the result file', path }]);
      const text = benchmarkActionJson(await readResultFile(path), options.format);
      if (options.out !== undefined)
        await writeFileAtomic(options.out, text, {
          what: 'the export',
          hint: 'choose another path with --out, or leave --out out to print it',
        });
      else process.stdout.write(text);
      setExitCode(ExitCode.ok);
    });
}
