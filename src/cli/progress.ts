/**
 * The progress bar `run` draws on stderr while jobs run, on a terminal only (CI logs stay clean):
 * a bar, the job count, what is being measured and an estimate of the time left.
 * `formatProgress` is pure; `ProgressBar` owns the clock, the redraw timer and the stream.
 */

import type { JobProgress } from '../measure/execute.js';
import { visible } from '../text/visible.js';
import { cutToWidth, displayWidth } from '../text/width.js';

const FILLED = '█';
const EMPTY = '░';
const BAR_WIDTH = 20;

/** 42_000 → "42s", 83_000 → "1m 23s", 3_725_000 → "1h 02m"; rounded up, so the last seconds never read "0s". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * Time left, from the pace of the work finished so far, in planned milliseconds (a case with a
 * longer minimum run time weighs more); undefined until a job has finished.
 */
export function estimateRemainingMs(workDoneMs: number, workTotalMs: number, elapsedMs: number): number | undefined {
  if (workDoneMs <= 0 || elapsedMs <= 0) return undefined;
  return (elapsedMs / workDoneMs) * (workTotalMs - workDoneMs);
}

/** "[████████░░░░░░░░░░░░]  12/40  message-buffering: heap run 2  ~1m 23s left", cut to `columns` − 1 display columns so it never wraps. */
export function formatProgress(
  { index, total, workDoneMs, workTotalMs, scenario, mode, round }: JobProgress,
  elapsedMs: number,
  columns = 80,
): string {
  const done = Math.min(total, Math.max(0, index - 1));
  const filled = total > 0 ? Math.round((done / total) * BAR_WIDTH) : 0;
  const bar = `[${FILLED.repeat(filled)}${EMPTY.repeat(BAR_WIDTH - filled)}]`;
  const count = `${String(index).padStart(String(total).length)}/${total}`;
  const remaining = estimateRemainingMs(workDoneMs, workTotalMs, elapsedMs);
  const eta = remaining === undefined ? 'estimating time left' : `~${formatDuration(remaining)} left`;
  const what = visible(`${scenario}: ${mode === 'verify' ? 'verifying checksums' : `${mode} run ${round + 1}`}`);
  const fixed = `${bar} ${count}  `;
  const tail = `  ${eta}`;
  const room = columns - 1 - displayWidth(fixed) - displayWidth(tail);
  if (room < 8) return cutToWidth(`${fixed}${eta}`, columns - 1).trimEnd();
  const shown = displayWidth(what) <= room ? what : `${cutToWidth(what, room - 1)}…`;
  return fixed + shown + tail;
}

/** Draws `formatProgress` on a terminal stream, redrawn every second so the estimate counts down. */
export class ProgressBar {
  readonly #stream: NodeJS.WriteStream;
  readonly #now: () => number;
  readonly #startedAt: number;
  #current: JobProgress | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(stream: NodeJS.WriteStream, now: () => number = Date.now) {
    this.#stream = stream;
    this.#now = now;
    this.#startedAt = now();
  }

  update(progress: JobProgress): void {
    this.#current = progress;
    this.#draw();
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#draw(), 1000);
      this.#timer.unref();
    }
  }

  /** Stop redrawing and erase the line, so what is printed next starts clean. */
  clear(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#current) this.#stream.write('\r\x1b[2K');
    this.#current = undefined;
  }

  #draw(): void {
    if (!this.#current) return;
    this.#stream.write(
      `\r\x1b[2K${formatProgress(this.#current, this.#now() - this.#startedAt, this.#stream.columns || 80)}`,
    );
  }
}
