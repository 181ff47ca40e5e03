import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareResults } from '../src/compare/compare.js';
import { pauseFigures } from '../src/measure/child/pauses.js';
import { pauseBinLabels } from '../src/reporters/html/charts.js';
import { htmlComparisonReport, htmlReport, typicalRun } from '../src/reporters/html/render.js';
import { byteTicks, escapeHtml, niceTicks } from '../src/reporters/html/svg.js';
import type { CaseResult, GcKind, ResultFile, RunSample } from '../src/results/result.js';
import { modeRatios, summarizeMode } from '../src/results/summary.js';
import { TEST_SETTINGS } from './fixtures/results.js';

for (const [input, output] of [
  ['plain', 'plain'],
  ['<script>alert("x")</script>', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'],
  ["a & b's", 'a &amp; b&#39;s'],
  ['&amp;', '&amp;amp;'],
] as [string, string][]) {
  test(`escapeHtml(${JSON.stringify(input)})`, () => assert.equal(escapeHtml(input), output));
}

for (const [max, count, ticks] of [
  [100, 5, [0, 20, 40, 60, 80, 100]],
  [101, 5, [0, 50, 100, 150]],
  [7.3, 4, [0, 2, 4, 6, 8]],
  [0.37, 4, [0, 0.1, 0.2, 0.3, 0.4]],
  [0, 4, [0, 1]],
] as [number, number, number[]][]) {
  test(`niceTicks(${max}, ${count}) ends at or beyond the maximum on round steps`, () =>
    assert.deepEqual(niceTicks(max, count), ticks));
}

test('byteTicks picks the unit of the largest value', () => {
  assert.deepEqual(byteTicks(3 * 1024 * 1024, 3), {
    ticks: [0, 1, 2, 3].map((mib) => mib * 1024 * 1024),
    unit: 'MiB',
    divisor: 1024 * 1024,
  });
  assert.equal(byteTicks(500, 3).unit, 'B');
});

test('pause bins are labelled in ms', () => {
  assert.deepEqual(pauseBinLabels(), ['≤0.1', '0.1–0.25', '0.25–0.5', '0.5–1', '1–2.5', '2.5–5', '5–10', '>10']);
});

function run(
  opsPerSec: number,
  pauses: { startMs: number; durationMs: number; kind: GcKind }[],
  withTimeline = true,
): RunSample {
  const ops = opsPerSec / 2;
  const sample: RunSample = {
    ops,
    elapsedMs: 500,
    cpuMs: 520,
    opsPerSec,
    latencyNs: { p50: 1e9 / opsPerSec, p99: 3e9 / opsPerSec, max: 1e7 },
    latencyStride: 1,
    latencySamples: 5000,
    gc: pauseFigures(pauses, ops),
    gcPausesMs: pauses.map((pause) => pause.durationMs),
    memory: {
      allocatedBytesPerOp: pauses.length ? 180 : 0,
      allocatedMethod: 'gc-profiler',
      retainedBytes: 100_000,
      peakHeapUsedBytes: 9_000_000,
      heapGrowthBytes: 0,
      arrayBuffersBytes: 200_000,
      externalBytes: 2_000_000,
      rssBytes: 60_000_000,
    },
    allocationPassOps: ops / 16,
  };
  if (withTimeline) {
    sample.timeline = {
      atMs: [0, 125, 250, 375, 500],
      heapUsedBytes: pauses.length ? [4e6, 8e6, 5e6, 9e6, 4.5e6] : [4e6, 4e6, 4e6, 4e6, 4e6],
      externalBytes: [2e6, 2e6, 2e6, 2e6, 2e6],
      pauses: {
        startMs: pauses.map((pause) => pause.startMs),
        durationMs: pauses.map((pause) => pause.durationMs),
        kind: pauses.map((pause) => pause.kind),
      },
      omittedPauses: 0,
    };
  }
  return sample;
}

const heapPauses = [
  { startMs: 100, durationMs: 0.3, kind: 'minor' as const },
  { startMs: 240, durationMs: 0.05, kind: 'minor' as const },
  { startMs: 400, durationMs: 4.2, kind: 'major' as const },
];

function scenario(name: string, heapOps: number[], arenaOps: number[], withTimeline = true): CaseResult {
  const heapRuns = heapOps.map((ops) => run(ops, heapPauses, withTimeline));
  const arenaRuns = arenaOps.map((ops) => run(ops, [], withTimeline));
  const heap = { checksum: '42', runs: heapRuns, summary: summarizeMode(heapRuns) };
  const arena = { checksum: '42', runs: arenaRuns, summary: summarizeMode(arenaRuns) };
  return {
    name,
    source: 'builtin',
    params: { messages: 1000 },
    variant: { v8Flags: [], node: null },
    runtime: { node: 'v20.20.2', v8: '11.3' },
    status: 'ok',
    warnings: [],
    modes: { heap, arena },
    comparison: { baseline: 'heap', against: { arena: modeRatios(heap, arena) } },
  };
}

function result(scenarios: CaseResult[]): ResultFile {
  return {
    schemaVersion: 1,
    tool: { name: 'arena-bench', version: '0.1.0' },
    createdAt: '2026-01-01T00:00:00.000Z',
    complete: true,
    environment: {
      node: 'v20.20.2',
      v8: '11.3',
      platform: 'linux',
      arch: 'x64',
      cpuModel: 'Test CPU',
      cpuCount: 2,
      totalMemoryBytes: 8e9,
      execArgv: ['--expose-gc'],
    },
    settings: { ...TEST_SETTINGS, timelinePoints: 200 },
    scenarios,
  };
}

const hostile = '<img src=x onerror=alert(1)>';
const fixture = result([
  scenario('message-buffering', [7000, 7200, 7300, 7400, 7600], [30000, 31000, 31500, 32000, 33000]),
  scenario(hostile, [5000, 5100, 5200], [9000, 9100, 9200], false),
  {
    ...scenario('broken', [1], [1]),
    status: 'failed',
    error: 'mode "arena" threw: Error: <b>boom</b> & more',
    modes: {},
    comparison: undefined,
  },
]);

const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern, 'g'))?.length ?? 0;

test('the single-file report: one section per scenario, three charts per measured one, a typical run drawn per mode', () => {
  const html = htmlReport(fixture, { label: 'results/x.json' });
  assert.match(html, /^<!doctype html>/);
  assert.equal(count(html, /<section class="scenario/), 3);
  assert.equal(count(html, /<svg class="chart throughput"/), 2);
  assert.equal(count(html, /<svg class="chart pauses"/), 2);
  assert.equal(count(html, /<svg class="chart timeline"/), 2);
  assert.equal(count(html, /<g class="panel" data-mode="heap">/), 2);
  assert.equal(count(html, /<g class="panel" data-mode="arena">/), 2);
  assert.match(html, /run 3 of 5 \(median ops\/s\) · 3 pauses, 4\.55 ms in total/);
  assert.match(html, /no GC pauses in the measured window/);
  assert.match(html, /no timeline in this result/, 'a run without a timeline says so instead of drawing nothing');
  assert.match(html, /arena: [\d.]+× ops\/s/);
  assert.match(html, /@media \(prefers-color-scheme: dark\)/);
  assert.match(html, /operations per second/);
  assert.match(html, /pause duration \(ms\)/);
  assert.match(html, /time since the measured window started \(ms\)/);
});

test('every string from the result file is escaped, and nothing is fetched', () => {
  const html = htmlReport(fixture, { label: '<label>' });
  assert.equal(html.includes(hostile), false, 'a scenario name cannot inject markup');
  assert.equal(html.includes('<b>boom</b>'), false, 'nor can an error message');
  assert.equal(html.includes('<label>'), false);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(html, /Error: &lt;b&gt;boom&lt;\/b&gt; &amp; more/);
  assert.equal(count(html, /<script/), 0);
  assert.equal(count(html, /\b(src|href)="(?!#)/), 0, 'no resource outside the page');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
});

test('the typical run is the median by ops/s, the lower middle one for an even count', () => {
  const runs = [3, 1, 4, 2].map((ops) => run(ops, []));
  assert.equal(typicalRun(runs)!.run.opsPerSec, 2);
  assert.equal(typicalRun(runs.slice(0, 3))!.index, 0);
  assert.equal(typicalRun([]), undefined);
});

test('the two-file report puts the verdicts first and the baseline beside each mode', () => {
  const baseline = result([
    scenario('message-buffering', [7000, 7200, 7300, 7400, 7600], [30000, 31000, 31500, 32000, 33000]),
  ]);
  const current = result([
    scenario('message-buffering', [5000, 5100, 5200, 5300, 5400], [30000, 31000, 31500, 32000, 33000]),
  ]);
  const pair = { baseline: { label: 'base.json', result: baseline }, current: { label: 'head.json', result: current } };
  const html = htmlComparisonReport(compareResults([pair]), pair.baseline, pair.current);
  assert.ok(html.indexOf('id="comparison"') < html.indexOf('class="scenario"'), 'verdicts come first');
  assert.match(html, /<h2 class="regressed">arena-bench: \d+ regressions? \(/);
  assert.match(
    html,
    /<td class="text">heap<\/td><td class="text">ops\/s<\/td>(<td>[^<]*<\/td>)+<td class="text regressed"[^>]*>regressed<\/td>/,
    'the slower heap mode is the regression',
  );
  assert.equal(count(html, /<rect class="bar baseline/), 2, 'a hollow baseline bar per mode');
  assert.match(html, /baseline: base\.json/);
});
