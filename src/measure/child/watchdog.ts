/**
 * A thread in the child that ends the child when arena-bench is gone or the job has run past its
 * timeout. It has to be a thread: a scenario that loops without returning never lets the child's
 * own event loop run, so a 'disconnect' handler or a timer there would never fire.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** How often the thread looks for its parent: a child outlives a killed arena-bench by about this long. */
const POLL_MS = 200;
/** The parent kills a child at the timeout and says so; the child ends itself only if that did not happen. */
const GRACE_MS = 2000;
/**
 * A poll this much later than due means the process was not running at all (SIGSTOP, Ctrl-Z, a
 * paused machine): a thread of its own is not held up by the scenario, only by a stopped process.
 */
const STOPPED_GAP_MS = 2000;

interface WatchdogData {
  parentPid: number;
  deadline: number;
  /** Written by the thread, read by the job: [STOPPED] ms the process was seen stopped, [LAST_POLL] when it last looked. */
  stopped: BigInt64Array;
}

const STOPPED = 0;
const LAST_POLL = 1;
const stopped = new BigInt64Array(new SharedArrayBuffer(16));

/**
 * How long the process was stopped while the watchdog ran, in milliseconds. A stop the thread has
 * not looked at since the process continued counts too: after SIGCONT the job may reach its reply
 * before the thread, on a loaded machine, gets to run again.
 */
export function stoppedMs(): number {
  const lastPoll = Number(Atomics.load(stopped, LAST_POLL));
  const gap = lastPoll > 0 ? Date.now() - lastPoll : 0;
  const unseen = gap > POLL_MS + STOPPED_GAP_MS ? gap - POLL_MS : 0;
  return Number(Atomics.load(stopped, STOPPED)) + unseen;
}

/**
 * Start the thread and resolve once it is watching: its start-up is then not inside anything
 * measured, and a stop that comes at once (a loaded machine can take a while to start a thread)
 * is not missed for want of a first poll to measure the gap from.
 */
export function startWatchdog(timeoutMs: number): Promise<void> {
  const data: WatchdogData = { parentPid: process.ppid, deadline: Date.now() + timeoutMs + GRACE_MS, stopped };
  const watchdog = new Worker(new URL(import.meta.url), { workerData: data });
  // It must not keep the child alive once the job is done.
  watchdog.unref();
  return new Promise((resolve, reject) => {
    watchdog.once('message', () => resolve());
    watchdog.once('error', reject);
    watchdog.once('exit', (code) =>
      reject(new Error(`the watchdog thread ended before it watched (exit code ${code})`)),
    );
  });
}

function watch({ parentPid, deadline, stopped }: WatchdogData): void {
  let last = Date.now();
  Atomics.store(stopped, LAST_POLL, BigInt(last));
  setInterval(() => {
    const now = Date.now();
    if (now - last > POLL_MS + STOPPED_GAP_MS) Atomics.add(stopped, STOPPED, BigInt(now - last - POLL_MS));
    last = now;
    Atomics.store(stopped, LAST_POLL, BigInt(now));
    // An orphan is adopted by another process, so its parent pid changes.
    if (process.ppid !== parentPid || now > deadline) endGroup();
  }, POLL_MS);
  parentPort!.postMessage('watching');
}

/** The child leads a process group of its own (see runner.ts): ending it ends what the scenario started too. */
function endGroup(): void {
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    process.kill(process.pid, 'SIGKILL');
  }
}

if (!isMainThread) watch(workerData as WatchdogData);
