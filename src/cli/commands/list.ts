/** `arena-bench list`: the built-in scenarios with their descriptions, modes and parameters. */
import { Command } from 'commander';
import { ExitCode } from '../../errors.js';
import { loadBuiltinScenarios } from '../../plan/catalog.js';
import { formatParams } from '../../text/format.js';
import { indentedLines } from '../../text/width.js';
import { terminalWidth } from '../terminal.js';

async function listScenarios(): Promise<number> {
  const width = terminalWidth(process.stdout);
  for (const { scenario } of await loadBuiltinScenarios()) {
    const params = formatParams(scenario.params ?? {});
    const fields = [
      scenario.description ?? '',
      `modes: ${Object.keys(scenario.modes).join(', ')}`,
      params ? `params: ${params}` : '',
      scenario.minTimeMs ? `runs timed for at least ${scenario.minTimeMs} ms (not under --quick)` : '',
    ].filter(Boolean);
    const lines = [scenario.name, ...fields.flatMap((field) => indentedLines(field, width))];
    process.stdout.write(`${lines.join('\n')}\n\n`);
  }
  return ExitCode.ok;
}

export function listCommand(setExitCode: (code: number) => void): Command {
  return new Command('list')
    .description('list the built-in scenarios with their descriptions, modes and parameters')
    .addHelpText('after', '\nExample:\n  $ arena-bench list')
    .action(async () => setExitCode(await listScenarios()));
}
