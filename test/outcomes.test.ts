import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeFrame } from '../src/measure/child/channel.js';
import { checksumDisagreement } from '../src/measure/execute.js';
import type { WorkerReply } from '../src/measure/job.js';
import { outcomeOf, readReply } from '../src/measure/runner.js';

test('modes that return the same sequence agree', () => {
  assert.equal(checksumDisagreement({ heap: ['1', '2'], arena: ['1', '2'], pool: ['1', '2'] }), undefined);
});

test('a disagreement names both modes, the operation and both values', () => {
  assert.equal(
    checksumDisagreement({ heap: ['1', '2'], arena: ['1', '3'] }),
    'modes disagree: operation 2 returned 2 in "heap" but 3 in "arena"; the modes must compute the same result, so no speed-up is reported',
  );
});

const exit = { code: null, signal: null, timedOut: false, stderrTail: '', timeoutMs: 1000 };

for (const [name, reply, how, expected] of [
  [
    'a reply that says the operation threw',
    { reply: { status: 'threw', message: 'Error: boom' } },
    exit,
    { status: 'failed', reason: 'threw', message: 'Error: boom' },
  ],
  [
    'a child killed at the timeout',
    undefined,
    { ...exit, signal: 'SIGKILL', timedOut: true },
    {
      status: 'failed',
      reason: 'timeout',
      message: 'did not finish within 1000 ms (raise --timeout if it is just slow)',
    },
  ],
  [
    'a child that died of a full heap',
    undefined,
    {
      ...exit,
      signal: 'SIGABRT',
      stderrTail:
        '<--- JS stacktrace --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n',
    },
    {
      status: 'failed',
      reason: 'out-of-memory',
      message:
        'ran out of memory: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory (raise the limit with --v8-flags="--max-old-space-size=<MB>")',
    },
  ],
  [
    'a child that exited silently',
    undefined,
    { ...exit, code: 7 },
    { status: 'failed', reason: 'crashed', message: 'exited with code 7 without reporting' },
  ],
  [
    'a child killed by a signal',
    undefined,
    { ...exit, signal: 'SIGSEGV', stderrTail: 'Segmentation fault\n' },
    { status: 'failed', reason: 'crashed', message: 'was killed by SIGSEGV: Segmentation fault' },
  ],
] as const) {
  test(`outcome of ${name}`, () => {
    assert.deepEqual(outcomeOf(reply as never, how as never), expected);
  });
}

const verified: WorkerReply = { status: 'verified', checksums: { heap: ['1'] } };

for (const [name, bytes, expected] of [
  ['nothing at all', Buffer.alloc(0), undefined],
  ['the reply to the job', encodeFrame({ key: 'k', reply: verified }), { reply: verified }],
  [
    'a reply with another key',
    encodeFrame({ key: 'guess', reply: verified }),
    { problem: 'a reply that arena-bench did not send for this job came back' },
  ],
  [
    'a reply of the wrong kind',
    encodeFrame({ key: 'k', reply: { status: 'measured' } }),
    { problem: 'the reply to a verify job was "measured"' },
  ],
  [
    'two replies',
    Buffer.concat([encodeFrame({ key: 'k', reply: verified }), encodeFrame({ key: 'k', reply: verified })]),
    { problem: 'more than one reply came back' },
  ],
  [
    'a reply followed by stray bytes',
    Buffer.concat([encodeFrame({ key: 'k', reply: verified }), Buffer.from('x')]),
    { problem: 'its channel carried bytes that are not a reply' },
  ],
  [
    'bytes that are no frame',
    Buffer.from('not a frame'),
    { problem: 'its channel carried bytes that are not a reply' },
  ],
  [
    'a frame that is not a serialised value',
    Buffer.from([0, 0, 0, 2, 0xff, 0xff]),
    { problem: 'its channel carried bytes that are not a reply' },
  ],
] as const) {
  test(`the channel carrying ${name} reads as ${JSON.stringify(expected)}`, () => {
    assert.deepEqual(readReply(bytes, 'k', { kind: 'verify' }), expected);
  });
}

test('a reply followed by an exit code the scenario set fails the job', () => {
  assert.deepEqual(outcomeOf({ reply: verified }, { ...exit, code: 7 }), {
    status: 'failed',
    reason: 'misbehaved',
    message: 'exited with code 7 after its reply; a scenario must not decide how its process ends',
  });
});

test("a config file's misbehaviour is said to be the config file's", () => {
  assert.deepEqual(outcomeOf({ reply: verified }, { ...exit, code: 7 }, 'config file'), {
    status: 'failed',
    reason: 'misbehaved',
    message: 'exited with code 7 after its reply; a config file must not decide how its process ends',
  });
  assert.match(
    (
      outcomeOf({ problem: 'its channel carried bytes that are not a reply' }, exit, 'config file') as {
        message: string;
      }
    ).message,
    /\(a config file must not write to file descriptor \d+, /,
  );
});
