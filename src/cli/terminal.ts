/** What the CLI may assume about where it writes. */
import { Chalk } from 'chalk';

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env);
}

export function paint(stream: NodeJS.WriteStream): InstanceType<typeof Chalk> {
  return new Chalk({ level: useColor(stream) ? 1 : 0 });
}
