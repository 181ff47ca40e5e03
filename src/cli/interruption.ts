/**
 * The signals that stop a run: Ctrl-C (SIGINT), a cancelled CI job or `docker stop` (SIGTERM), a
 * closed terminal (SIGHUP). Each ends the command the same way, with the exit code a shell reports
 * for a process that signal killed (128 + its number).
 */
import { ExitCode } from '../errors.js';

export const STOP_SIGNALS = { SIGINT: ExitCode.interrupted, SIGTERM: ExitCode.terminated, SIGHUP: ExitCode.hungUp } as const;

export type StopSignal = keyof typeof STOP_SIGNALS;

/**
 * Call `stop` on the first stop signal, until the returned function is called. A second signal
 * finds no handler and ends the process at once, as it would without arena-bench: the way out when
 * stopping cleanly takes too long.
 */
export function onStopSignal(stop: (signal: StopSignal) => void): () => void {
  const signals = Object.keys(STOP_SIGNALS) as StopSignal[];
  const release = () => {
    for (const signal of signals) process.off(signal, handle);
  };
  function handle(signal: StopSignal): void {
    release();
    stop(signal);
  }
  for (const signal of signals) process.on(signal, handle);
  return release;
}
