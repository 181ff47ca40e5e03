/** `arena-bench init [file]`: a commented paired scenario that runs as is, never over an existing file. */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { ExitCode, UserError } from '../../errors.js';

const TEMPLATE = new URL('../../../../templates/scenario.ts', import.meta.url);
const DEFAULT_FILE = 'arena.scenario.ts';

/** "orders.scenario.ts" → "orders": the scenario's name follows the file's. */
export function scenarioNameOf(file: string): string {
  return basename(file).replace(/(\.scenario)?\.[cm]?[jt]s$/, '') || 'my-scenario';
}

async function init(file: string): Promise<number> {
  if (!/\.m?ts$/.test(file)) {
    throw new UserError(`init writes a TypeScript scenario, and ${file} does not end in .ts`, `name it e.g. ${scenarioNameOf(file)}.scenario.ts (it runs on Node 20 too, through tsx)`);
  }
  const path = resolve(file);
  const shown = relative(process.cwd(), path) || file;
  const runTarget = shown.startsWith('.') || shown.startsWith('/') ? shown : `./${shown}`;
  const text = (await readFile(TEMPLATE, 'utf8')).replaceAll('__NAME__', scenarioNameOf(file)).replaceAll('__RUN__', runTarget);
  try {
    // 'wx' fails if the file exists: init never overwrites anything.
    await writeFile(path, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UserError(`${shown} already exists, and init never overwrites a file`, `give another name: arena-bench init ${scenarioNameOf(file)}-2.scenario.ts`);
    }
    throw new UserError(`cannot write ${shown}: ${(error as Error).message}`);
  }
  process.stdout.write(`Wrote ${shown}: a heap mode and an arena mode that compute the same checksum.\nRun it:\n\n  npx arena-bench run ${runTarget}\n`);
  return ExitCode.ok;
}

export function initCommand(setExitCode: (code: number) => void): Command {
  return new Command('init')
    .description('write a commented paired-scenario template (heap and arena mode) to start from')
    .argument('[file]', 'where to write it; never overwritten', DEFAULT_FILE)
    .addHelpText('after', `\nExamples:\n  $ arena-bench init                         writes ${DEFAULT_FILE}\n  $ arena-bench init bench/orders.scenario.ts`)
    .action(async (file: string) => setExitCode(await init(file)));
}
