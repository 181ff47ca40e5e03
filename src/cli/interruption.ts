/**
 * The signals that stop an invocation: Ctrl-C (SIGINT), a cancelled CI job or `docker stop` (SIGTERM), a
 * closed terminal (SIGHUP). Each ends the command the same way, with the exit code a shell reports
 * for a process that signal killed (128 + its number).
 */
import { ExitCode } from '../errors.js';

export const STOP_SIGNALS = {
  SIGINT: ExitCode.interrupted,
  SIGTERM: ExitCode.terminated,
  SIGHUP: ExitCode.hungUp,
} as const;

export type StopSignal = keyof typeof STOP_SIGNALS;

/** Who handles the next stop signal: the last one registered and not yet called or released. */
const handlers: ((signal: StopSignal) => void)[] = [];

function dispatch(signal: StopSignal): void {
  handlers.pop()?.(signal);
  if (handlers.length === 0) listen(false);
}

function listen(on: boolean): void {
  for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) {
    if (on) process.on(signal, dispatch);
    else process.off(signal, dispatch);
  }
}

/**
 * Call `stop` on the next stop signal, until the returned function is called. Handlers stack: a
 * run's clean stop takes the first signal, and a second one reaches the handler beneath it (the
 * CLI's, which exits at once), the way out when stopping cleanly takes too long.
 */
export function onStopSignal(stop: (signal: StopSignal) => void): () => void {
  if (handlers.length === 0) listen(true);
  handlers.push(stop);
  return () => {
    const at = handlers.indexOf(stop);
    if (at >= 0) handlers.splice(at, 1);
    if (handlers.length === 0) listen(false);
  };
}
