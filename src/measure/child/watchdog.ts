/**
 * A thread in the child that ends the child when arena-bench is gone or the job has run past its
 * timeout. It has to be a thread: a scenario that loops without returning never lets the child's
 * own event loop run, so a 'disconnect' handler or a timer there would never fire.
 */
import { isMainThread, Worker, workerData } from 'node:worker_threads';

/** How often the thread looks for its parent: a child outlives a killed arena-bench by about this long. */
const POLL_MS = 200;
/** The parent kills a child at the timeout and says so; the child ends itself only if that did not happen. */
const GRACE_MS = 2000;

interface WatchdogData {
  parentPid: number;
  deadline: number;
}

/** Start the thread and resolve once it runs, so its start-up is not inside anything measured. */
export function startWatchdog(timeoutMs: number): Promise<void> {
  const data: WatchdogData = { parentPid: process.ppid, deadline: Date.now() + timeoutMs + GRACE_MS };
  const watchdog = new Worker(new URL(import.meta.url), { workerData: data });
  // It must not keep the child alive once the job is done.
  watchdog.unref();
  return new Promise((resolve, reject) => {
    watchdog.once('online', resolve);
    watchdog.once('error', reject);
  });
}

function watch({ parentPid, deadline }: WatchdogData): void {
  setInterval(() => {
    // An orphan is adopted by another process, so its parent pid changes.
    if (process.ppid !== parentPid || Date.now() > deadline) process.kill(process.pid, 'SIGKILL');
  }, POLL_MS);
}

if (!isMainThread) watch(workerData as WatchdogData);
