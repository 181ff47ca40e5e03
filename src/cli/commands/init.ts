/** `arena-bench init [file]`: a commented paired scenario that runs as is, never over an existing file. */
import { lstat, readFile } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { ExitCode, UserError } from '../../errors.js';
import { unimportablePath } from '../../plan/loader.js';
import { writeFileAtomic } from '../../results/write-file-atomic.js';
import { claimOutputs } from '../claim-outputs.js';

const TEMPLATE = new URL('../../../../templates/scenario.ts', import.meta.url);
const DEFAULT_FILE = 'arena.scenario.ts';

/** "orders.scenario.ts" → "orders": the scenario's name follows the file's. */
export function scenarioNameOf(file: string): string {
  return basename(file).replace(/(\.scenario)?\.[cm]?[jt]s$/, '') || 'my-scenario';
}

/** A single-quoted string literal of any text, so every file name gives a template that compiles. */
export function stringLiteral(text: string): string {
  const escaped = text
    .replace(/[\\']/g, '\\$&')
    .replace(
      /[\u0000-\u001f\u2028\u2029]/g,
      (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  return `'${escaped}'`;
}

/** A path as one shell word: as is when it is plain, else single-quoted. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

async function init(file: string): Promise<number> {
  if (!/\.m?ts$/.test(file)) {
    throw new UserError(
      `init writes a TypeScript scenario, and ${file} does not end in .ts`,
      `name it e.g. ${scenarioNameOf(file)}.scenario.ts (it runs on Node 20 too, through tsx)`,
    );
  }
  const path = resolve(file);
  const unimportable = unimportablePath(path);
  if (unimportable) throw new UserError(`init will not write ${file}: ${unimportable}`, 'give a name without it');
  const shown = relative(process.cwd(), path) || file;
  const runTarget = shown.startsWith('.') || shown.startsWith('/') ? shown : `./${shown}`;
  const hint = `give another name: arena-bench init ${shellWord(`${scenarioNameOf(file)}-2.scenario.ts`)}`;
  if (await lstat(path).catch(() => undefined))
    throw new UserError(`${shown} already exists, and init never overwrites a file`, hint);
  await claimOutputs([{ flag: 'init', path: file }]);
  const command = `npx arena-bench run ${shellWord(runTarget)}`;
  const text = (await readFile(TEMPLATE, 'utf8'))
    .replaceAll(`'__NAME__'`, stringLiteral(scenarioNameOf(file)))
    // The command sits in a block comment, which a "*/" in the file name would end.
    .replaceAll('npx arena-bench run __RUN__', command.replaceAll('*/', '*\\/'));
  // Exclusive, so a file that appeared since the check above is not overwritten either; missing folders are made.
  await writeFileAtomic(path, text, { what: 'the scenario', exclusive: true, hint });
  process.stdout.write(
    `Wrote ${shown}: a heap mode and an arena mode that compute the same checksum.\nRun it:\n\n  ${command}\n`,
  );
  return ExitCode.ok;
}

export function initCommand(setExitCode: (code: number) => void): Command {
  return new Command('init')
    .description('write a commented paired-scenario template (heap and arena mode) to start from')
    .argument('[file]', 'where to write it; never overwritten', DEFAULT_FILE)
    .addHelpText(
      'after',
      `\nExamples:\n  $ arena-bench init                         writes ${DEFAULT_FILE}\n  $ arena-bench init bench/orders.scenario.ts`,
    )
    .action(async (file: string) => setExitCode(await init(file)));
}
