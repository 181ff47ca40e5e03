/** `compare`'s inputs: its options parsed (--threshold, --gate, --pairs), its sides read and pooled from disk. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { splitSides } from '../src/cli/commands/compare.js';
import { parseGate, parseThreshold } from '../src/cli/comparing/options.js';
import { poolResults } from '../src/compare/sessions.js';
import { readSide } from '../src/compare/sides.js';
import { type ResultFile, readResultFile } from '../src/results/result.js';
import { around, type CaseSpec, resultFile } from './fixtures/results.js';
import { temporaryDirectory } from './helpers.js';

/** One case, heap mode only: what is read matters here, not what it measured. */
const suite = (opsPerSec = around(1000)): CaseSpec[] => [
  { name: 'buffers', params: { messages: 1000 }, modes: { heap: { opsPerSec } } },
];

test('--threshold: one number for every metric, or metric=percent pairs; unknown metrics are refused', () => {
  assert.equal(parseThreshold('5').retainedBytes, 5);
  assert.deepEqual(parseThreshold('opsPerSec=3, allocatedBytesPerOp=1%', { latencyP99Ns: 30 }), {
    latencyP99Ns: 30,
    opsPerSec: 3,
    allocatedBytesPerOp: 1,
  });
  assert.throws(
    () => parseThreshold('speed=3'),
    /unknown metric "speed"; the metrics are opsPerSec, cpuNsPerOp, latencyP99Ns/,
  );
  assert.throws(() => parseThreshold('opsPerSec=-1'), /not a percentage/);
});

test('--gate: a comma list of metric names, each once; an unknown name or none is refused, listing the metrics', () => {
  assert.deepEqual(parseGate('opsPerSec, cpuNsPerOp,opsPerSec'), ['opsPerSec', 'cpuNsPerOp']);
  assert.throws(
    () => parseGate('opsPerSec,speed,gc'),
    /^InvalidArgumentError: --gate "opsPerSec,speed,gc": unknown metrics "speed", "gc"; the metrics are opsPerSec, cpuNsPerOp, latencyP99Ns, gcPauseMsPerKop, gcMaxPauseMs, allocatedBytesPerOp, retainedBytes\.$/,
  );
  assert.throws(() => parseGate(' , '), /--gate " , ": no metric; the metrics are opsPerSec/);
});

for (const [text, expected] of [
  ['base.json:head.json', ['base.json', 'head.json']],
  ['C:\\r\\base.json:C:\\r\\head.json', ['C:\\r\\base.json', 'C:\\r\\head.json']],
  ['node20/base/:node20/head/', ['node20/base/', 'node20/head/']],
  ['/tmp/base.json:/tmp/head.json', ['/tmp/base.json', '/tmp/head.json']],
] as [string, [string, string]][]) {
  test(`--pairs ${text} splits into ${expected.join(' and ')}`, () => assert.deepEqual(splitSides(text), expected));
}

test('pooling sessions concatenates runs per case and counts the sessions', () => {
  const pooled = poolResults([
    { label: 'base/1.json', result: resultFile(suite()) },
    { label: 'base/2.json', result: resultFile(suite(around(1100))) },
  ]);
  assert.equal(pooled.sessions, 2);
  assert.equal(pooled.result.settings.runs, 10);
  assert.deepEqual(
    pooled.result.scenarios[0]!.modes.heap!.runs.map((run) => Math.round(run.opsPerSec)),
    [980, 990, 1000, 1010, 1020, 1078, 1089, 1100, 1111, 1122],
  );
});

const directory = temporaryDirectory();
const write = (name: string, text: string) => {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
};
const valid = JSON.stringify(resultFile(suite()));

for (const [name, text, message] of [
  ['missing.json', undefined, /cannot read result file .*missing\.json: no such file/],
  ['empty.json', '', /empty\.json is not valid JSON \(it is empty\)/],
  [
    'truncated.json',
    valid.slice(0, valid.length / 2),
    /truncated\.json is not valid JSON \(truncated or corrupted\?\)/,
  ],
  ['other.json', '{"hello": "world"}', /other\.json is not an arena-bench result file/],
  [
    'newer.json',
    valid.replace('"schemaVersion":1', '"schemaVersion":2').replace('"version":"0.1.0"', '"version":"2.0.0"'),
    /newer\.json has schemaVersion 2, written by a newer arena-bench \(2\.0\.0\); this one reads schemaVersion 1/,
  ],
  [
    'no-ops.json',
    valid.replace(/"opsPerSec":980,/, ''),
    /no-ops\.json is not a valid arena-bench result file: scenarios\[0\]\.modes\.heap\.runs\[0\]\.opsPerSec is missing/,
  ],
  [
    'bad-status.json',
    valid.replace('"status":"ok"', '"status":"fine"'),
    /scenarios\[0\]\.status is "fine", expected one of "ok", "failed"/,
  ],
] as [string, string | undefined, RegExp][]) {
  test(`reading ${name} fails with a message that names the file (exit code 2)`, async () => {
    const path = text === undefined ? join(directory, name) : write(name, text);
    await assert.rejects(readResultFile(path), (error: Error & { exitCode?: number }) => {
      assert.match(error.message, message);
      assert.ok(error.message.includes(path), 'names the file');
      assert.equal(error.exitCode, 2);
      return true;
    });
  });
}

test('a side pools only sessions of one environment, timed alike; the message names both files', async () => {
  let started = 0;
  // Each session started at its own minute: one that started with another is a copy of it.
  const session = (name: string, change: (file: ResultFile) => void = () => {}) => {
    const file = { ...resultFile(suite()), createdAt: `2026-01-02T03:${String(started++).padStart(2, '0')}:00.000Z` };
    change(file);
    return write(name, JSON.stringify(file));
  };
  const alike = [session('alike-1.json'), session('alike-2.json')];
  assert.equal((await readSide(alike.join(','))).sessions, 2);
  for (const [other, message] of [
    [
      session('node22.json', (file) => (file.environment.node = 'v22.3.0')),
      /come from different environments \(v20\.20\.2 on Test CPU @ 2\.0GHz vs v22\.3\.0 on Test CPU @ 2\.0GHz\)/,
    ],
    [
      session('quicker.json', (file) => (file.settings.timeMs = 300)),
      /timed differently \(500 ms per run after 200 ms warm-up vs 300 ms per run after 200 ms warm-up\)/,
    ],
    [
      session('longer.json', (file) => (file.scenarios[0]!.timeMs = 1000)),
      /timed differently \(500 ms per run after 200 ms warm-up vs 500 ms per run \(buffers 1000 ms\) after 200 ms warm-up\)/,
    ],
  ] as [string, RegExp][]) {
    await assert.rejects(readSide(`${alike[0]},${other}`), (error: Error & { exitCode?: number }) => {
      assert.match(error.message, message);
      assert.ok(error.message.includes(alike[0]!) && error.message.includes(other), 'names both files');
      assert.equal(error.exitCode, 2);
      return true;
    });
  }
});
