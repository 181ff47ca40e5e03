import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FAST, FIXTURES, readValidResult, runCli, temporaryDirectory } from './helpers.js';

const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, 'g'))?.length ?? 0;

test('run --html writes a page with both modes and their charts, and a timeline per run within --timeline-points', async () => {
  const directory = temporaryDirectory();
  const out = join(directory, 'pair.json');
  const html = join(directory, 'pair.html');
  const { exitCode, stderr } = await runCli([
    'run',
    join(FIXTURES, 'pair.mjs'),
    ...FAST,
    '--timeline-points',
    '50',
    '--out',
    out,
    '--html',
    html,
  ]);
  assert.equal(exitCode, 0, stderr);
  assert.match(stderr, new RegExp(`report written to ${html}`));
  assert.doesNotMatch(stderr, /█|\r/, 'no progress bar when stderr is not a terminal');

  const page = readFileSync(html, 'utf8');
  assert.equal(count(page, /<section class="scenario" id="scenario-0" data-scenario="fixture-pair">/), 1);
  for (const chart of ['throughput', 'pauses', 'timeline'])
    assert.equal(count(page, new RegExp(`<svg class="chart ${chart}"`)), 1, chart);
  for (const mode of ['heap', 'arena'])
    assert.equal(count(page, new RegExp(`<g class="panel" data-mode="${mode}">`)), 1, mode);
  assert.match(page, /<g class="pause-marks">/, 'the heap mode collects, so its pauses are drawn');

  const result = readValidResult(out);
  assert.equal(result.settings.timelinePoints, 50);
  const { heap, arena } = result.scenarios[0]!.modes;
  for (const sample of [...heap!.runs, ...arena!.runs]) {
    const timeline = sample.timeline!;
    assert.ok(timeline.atMs.length >= 2 && timeline.atMs.length <= 50, `${timeline.atMs.length} heap samples`);
    assert.equal(timeline.heapUsedBytes.length, timeline.atMs.length);
    assert.ok(
      timeline.heapUsedBytes.every((bytes) => bytes > 0) && timeline.externalBytes.length === timeline.atMs.length,
    );
    assert.ok(timeline.atMs.every((at) => at >= 0 && at <= sample.elapsedMs + 1));
    assert.ok(timeline.pauses.startMs.length <= 50);
    assert.equal(timeline.pauses.startMs.length + timeline.omittedPauses, sample.gc.count);
  }
  // That an allocation-free mode still reports zero collections with the timeline on (the default)
  // is checked by cli.test.ts, on the same fixture.

  const reported = await runCli(['report', out]);
  assert.equal(reported.exitCode, 0, reported.stderr);
  assert.ok(existsSync(join(directory, 'pair.html')));

  const compared = join(directory, 'compared.html');
  const both = await runCli(['report', out, out, '--out', compared]);
  assert.equal(both.exitCode, 0, both.stderr);
  const comparison = readFileSync(compared, 'utf8');
  assert.match(comparison, /id="comparison"/);
  assert.match(comparison, /arena-bench: no regression/);
  assert.match(
    comparison,
    /Nothing changed beyond its threshold/,
    'a file against itself: nothing to list without --verbose',
  );
});

test('--timeline-points 0 leaves the timeline out and the report says so', async () => {
  const directory = temporaryDirectory();
  const out = join(directory, 'none.json');
  const html = join(directory, 'none.html');
  const { exitCode, stderr } = await runCli([
    'run',
    join(FIXTURES, 'pair.mjs'),
    ...FAST,
    '--runs',
    '1',
    '--timeline-points',
    '0',
    '--out',
    out,
    '--html',
    html,
  ]);
  assert.equal(exitCode, 0, stderr);
  const result = readValidResult(out);
  for (const mode of Object.values(result.scenarios[0]!.modes))
    for (const sample of mode.runs) assert.equal(sample.timeline, undefined);
  assert.match(readFileSync(html, 'utf8'), /no timeline in this result/);
});

for (const [args, message] of [
  [['report', 'no-such-file.json'], /Error: cannot read result file no-such-file\.json: no such file/],
  [['report'], /missing required argument 'result'/],
  [['run', '--timeline-points', '-1'], /--timeline-points takes a whole number of at least 0/],
] as [string[], RegExp][]) {
  test(`report usage error exits 2: ${args.join(' ')}`, async () => {
    const { exitCode, stderr } = await runCli(args);
    assert.equal(exitCode, 2, stderr);
    assert.match(stderr, message);
  });
}
