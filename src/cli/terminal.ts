/** What the CLI may assume about where it writes. */
import { Chalk } from 'chalk';
import { indentedLines } from '../text/width.js';

/**
 * Whether to colour a stream, by the rules chalk's supports-color and Node.js follow: FORCE_COLOR
 * decides when set (0 or false: never; anything else: always), then a non-empty NO_COLOR turns
 * colour off (no-color.org: an empty one does not), then only a terminal that is not TERM=dumb gets it.
 */
export function useColor(stream: Pick<NodeJS.WriteStream, 'isTTY'>, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return rewritesLines(stream, env);
}

/** Whether a line may be redrawn in place (`\r` and erase): a terminal, and not one that says it cannot (TERM=dumb). */
export function rewritesLines(
  stream: Pick<NodeJS.WriteStream, 'isTTY'>,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
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
