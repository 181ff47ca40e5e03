/** UserError, a mistake the user can fix, and the documented exit codes. */
import { describeValue, isError, UNREADABLE_ERROR } from './measure/child/thrown.js';

/** Exit codes, as documented in docs/results.md. When several apply, the highest wins. */
export const ExitCode = {
  ok: 0,
  regression: 1,
  usage: 2,
  scenarioFailed: 3,
  internal: 4,
  /** SIGINT (Ctrl-C); SIGTERM and SIGHUP below: 128 + the signal's number, as a shell reports it. */
  interrupted: 130,
  terminated: 143,
  hungUp: 129,
} as const;

/**
 * An expected failure the user can act on: a bad flag, an unknown scenario, an unreadable file.
 * The CLI prints the message and the hint, never a stack, and exits with `exitCode`.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = ExitCode.usage,
  ) {
    super(message);
  }
}

/** The message of anything thrown, without assuming it is an Error, and without throwing in turn. */
export function messageOf(thrown: unknown): string {
  if (!isError(thrown)) return describeValue(thrown);
  try {
    return String(thrown.message);
  } catch {
    return UNREADABLE_ERROR;
  }
}
