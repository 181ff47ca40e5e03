/** `arena-bench list`: the built-in scenarios with their descriptions, modes and parameters. */
import { Command } from 'commander';
import { ExitCode } from '../../errors.js';
import { loadBuiltinScenarios } from '../../plan/catalog.js';
import { formatParams } from '../../reporters/format.js';

async function listScenarios(): Promise<number> {
  for (const { scenario } of await loadBuiltinScenarios()) {
    const params = formatParams(scenario.params ?? {});
    process.stdout.write(
      `${scenario.name}\n${scenario.description ? `  ${scenario.description}\n` : ''}  modes: ${Object.keys(scenario.modes).join(', ')}\n` +
        (params ? `  params: ${params}\n` : '') +
        (scenario.minTimeMs ? `  runs timed for at least ${scenario.minTimeMs} ms (not under --quick)\n` : '') +
        '\n',
    );
  }
  return ExitCode.ok;
}

export function listCommand(setExitCode: (code: number) => void): Command {
  return new Command('list')
    .description('list the built-in scenarios with their descriptions, modes and parameters')
    .addHelpText('after', '\nExample:\n  $ arena-bench list')
    .action(async () => setExitCode(await listScenarios()));
}
