import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateRemainingMs, formatDuration, formatProgress } from '../src/cli/progress.js';
import { displayWidth } from '../src/text/width.js';

for (const [ms, text] of [
  [0, '0s'],
  [400, '1s'],
  [42_000, '42s'],
  [59_001, '1m 00s'],
  [83_000, '1m 23s'],
  [3_599_000, '59m 59s'],
  [3_725_000, '1h 02m'],
  [-5, '0s'],
] as [number, string][]) {
  test(`formatDuration(${ms}) is "${text}"`, () => assert.equal(formatDuration(ms), text));
}

for (const [workDoneMs, workTotalMs, elapsedMs, remaining] of [
  [0, 10_000, 5_000, undefined],
  [1_000, 10_000, 0, undefined],
  [1_000, 10_000, 3_000, 27_000],
  [10_000, 40_000, 20_000, 60_000],
  [39_000, 40_000, 78_000, 2_000],
  // Two 1 s jobs done and one 10 s job to come: 10 s left, not the 1 s that counting jobs would say.
  [2_000, 12_000, 2_000, 10_000],
] as [number, number, number, number | undefined][]) {
  test(`${workDoneMs} of ${workTotalMs} planned ms done after ${elapsedMs} ms: ${remaining ?? 'no'} ms left`, () => {
    assert.equal(estimateRemainingMs(workDoneMs, workTotalMs, elapsedMs), remaining);
  });
}

const job = {
  index: 11,
  total: 40,
  workDoneMs: 10_000,
  workTotalMs: 40_000,
  scenario: 'message-buffering',
  mode: 'heap',
  round: 1,
};

for (const [progress, elapsedMs, columns, line] of [
  [job, 20_000, 100, '[█████░░░░░░░░░░░░░░░] 11/40  message-buffering: heap run 2  ~1m 00s left'],
  [
    { ...job, index: 1, workDoneMs: 0, mode: 'verify', round: 0 },
    0,
    100,
    '[░░░░░░░░░░░░░░░░░░░░]  1/40  message-buffering: verifying checksums  estimating time left',
  ],
  [
    { ...job, index: 40, workDoneMs: 39_000 },
    78_000,
    100,
    '[████████████████████] 40/40  message-buffering: heap run 2  ~2s left',
  ],
  [job, 20_000, 60, '[█████░░░░░░░░░░░░░░░] 11/40  message-buffer…  ~1m 00s left'],
  [job, 20_000, 30, '[█████░░░░░░░░░░░░░░░] 11/40'],
  // Wide characters take two columns each: cut by display width, not by string length.
  [
    { ...job, scenario: '時計⌚時計⌚時計⌚時計⌚' },
    20_000,
    60,
    '[█████░░░░░░░░░░░░░░░] 11/40  時計⌚時計⌚時…  ~1m 00s left',
  ],
] as [typeof job, number, number, string][]) {
  test(`formatProgress in ${columns} columns: ${line}`, () => {
    const text = formatProgress(progress, elapsedMs, columns);
    assert.equal(text, line);
    assert.ok(displayWidth(text) < columns, 'never wraps');
  });
}
