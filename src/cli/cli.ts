/**
 * argv → command → exit code. Commands print and write files; this module turns every way a
 * command can end into the documented exit code, and is the one place errors are caught.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, UserError } from '../errors.js';
import { TOOL_VERSION } from '../results/environment.js';
import { removeUnfinishedWrites } from '../results/write-file-atomic.js';
import { visible } from '../text/visible.js';
import { indentedLines } from '../text/width.js';
import { outliveClosedPipes } from './closed-pipe.js';
import { compareCommand } from './commands/compare.js';
import { exportCommand } from './commands/export.js';
import { initCommand } from './commands/init.js';
import { listCommand } from './commands/list.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { onStopSignal, STOP_SIGNALS } from './interruption.js';
import { paint, terminalWidth, writeWrapped } from './terminal.js';

/** Parse argv, run the command, and turn every outcome into an exit code. */
export async function main(argv: string[]): Promise<number> {
  outliveClosedPipes();
  let exitCode: number = ExitCode.ok;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  const program = new Command('arena-bench')
    .description('Measure what garbage collection costs your code, and how much of it an arena allocator takes away.')
    .version(TOOL_VERSION)
    .showHelpAfterError('(add --help for usage and examples)')
    .exitOverride()
    .addCommand(runCommand(setExitCode))
    .addCommand(listCommand(setExitCode))
    .addCommand(initCommand(setExitCode))
    .addCommand(compareCommand(setExitCode))
    .addCommand(exportCommand(setExitCode))
    .addCommand(reportCommand(setExitCode));
  // Commander's own errors ("unknown option", a bad value) wrap to the terminal like every other message.
  // Help is laid out by commander to the same width; the examples and notes added after it are
  // wrapped here line by line, each line's rest set in under its start.
  const helpWidth = terminalWidth(process.stdout) ?? 80;
  const output = {
    writeErr: (text: string) => writeWrapped(process.stderr, text),
    writeOut: (text: string) => process.stdout.write(fitLines(text, helpWidth)),
  };
  const help = { helpWidth, minWidthToWrap: 20 };
  program.configureOutput(output).configureHelp(help);
  // Subcommands need their own override, or commander exits the process itself.
  for (const command of program.commands)
    command
      .exitOverride()
      .showHelpAfterError('(add --help for usage and examples)')
      .configureOutput(output)
      .configureHelp(help);

  // A signal outside the handling of `run` itself ends the command at once, leaving no half-written temporary file.
  const releaseSignals = onStopSignal((signal) => {
    removeUnfinishedWrites();
    process.exit(STOP_SIGNALS[signal]);
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message; help and version are not errors.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof UserError) {
      // Messages quote names and files the user chose: their control characters are shown, not obeyed (line breaks kept).
      const shown = (text: string) => text.split('\n').map(visible).join('\n');
      writeWrapped(process.stderr, `Error: ${shown(error.message)}`, { tint: paint(process.stderr).red });
      if (error.hint) writeWrapped(process.stderr, shown(error.hint), { indent: '  ' });
      return error.exitCode;
    }
    writeWrapped(
      process.stderr,
      `arena-bench hit a bug; please report it with this trace:\n${error instanceof Error ? error.stack : String(error)}`,
      { hanging: '    ' },
    );
    return ExitCode.internal;
  } finally {
    releaseSignals();
  }
}

/** Every line of `text` no wider than `width`: a longer one wraps, its rest set in four columns under its start. */
function fitLines(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const indent = /^ */.exec(line)![0];
      return indentedLines(line.slice(indent.length), width, indent, `${indent}    `);
    })
    .join('\n');
}
