/** What the CLI may assume about where it writes. */
import { Chalk } from 'chalk';
import { indentedLines } from '../reporters/text-width.js';

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env);
}

export function paint(stream: NodeJS.WriteStream): InstanceType<typeof Chalk> {
  return new Chalk({ level: useColor(stream) ? 1 : 0 });
}

/** Columns a line written to `stream` may take: the terminal's, else COLUMNS, else no limit (a file or a pipe). */
export function terminalWidth(stream: NodeJS.WriteStream): number | undefined {
  if (stream.isTTY && stream.columns > 0) return stream.columns;
  const fromEnvironment = Number(process.env.COLUMNS);
  return Number.isInteger(fromEnvironment) && fromEnvironment > 0 ? fromEnvironment : undefined;
}

/**
 * Every message to the user goes through here: each paragraph of `text` wrapped to the stream's
 * width, later lines of a paragraph set in by `hanging`.
 */
export function writeWrapped(
  stream: NodeJS.WriteStream,
  text: string,
  options: { indent?: string; hanging?: string; tint?: (line: string) => string } = {},
): void {
  const { indent = '', hanging = '  ', tint = (line: string) => line } = options;
  const paragraphs = text.replace(/\n$/, '').split('\n');
  const lines = paragraphs.flatMap((paragraph) =>
    indentedLines(paragraph, terminalWidth(stream), indent, indent + hanging),
  );
  stream.write(`${lines.map((line) => tint(line)).join('\n')}\n`);
}
