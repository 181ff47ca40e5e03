import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FAST, FIXTURES, REPOSITORY, readValidResult, runCli, temporaryDirectory } from './helpers.js';

/** A base tree holding the same relative path as this repository's fixture, with the given source. */
function baseTree(source = readFileSync(join(FIXTURES, 'pair.mjs'), 'utf8')): string {
  const tree = temporaryDirectory();
  mkdirSync(join(tree, 'test', 'fixtures'), { recursive: true });
  writeFileSync(join(tree, 'test', 'fixtures', 'pair.mjs'), source);
  return tree;
}

/** The pair fixture run against a base tree holding a copy of it; either verdict, never a failure. */
async function runAgainstCopy(options: string[]) {
  const out = join(temporaryDirectory(), 'r.json');
  const ran = await runCli([
    'run',
    'test/fixtures/pair.mjs',
    '--against',
    baseTree(),
    ...FAST,
    ...options,
    '--out',
    out,
  ]);
  assert.ok(ran.exitCode === 0 || ran.exitCode === 1, ran.stderr);
  return { out, ran };
}

test('run --against --pairing processes measures both trees in pairs, writes both files, and compare agrees', async () => {
  const { out, ran } = await runAgainstCopy(['--pairing', 'processes', '--precision', '50', '--max-runs', '3']);
  const head = readValidResult(out);
  const base = readValidResult(join(out, '..', 'r.base.json'));
  assert.equal(head.settings.against!.side, 'head');
  assert.equal(base.settings.against!.side, 'base');
  assert.equal(head.settings.precisionPercent, 50);
  const [headCase] = head.scenarios;
  const [baseCase] = base.scenarios;
  assert.ok(headCase!.pairing && headCase!.pairing === baseCase!.pairing);
  for (const mode of ['heap', 'arena']) {
    const pairs = headCase!.modes[mode]!.runs.map((run) => run.pair);
    assert.ok(pairs.length >= 2 && pairs.length <= 3, `${mode}: ${pairs.length} pairs`);
    assert.deepEqual(
      baseCase!.modes[mode]!.runs.map((run) => run.pair),
      pairs,
    );
  }
  const compared = await runCli(['compare', join(out, '..', 'r.base.json'), out]);
  assert.equal(compared.exitCode, ran.exitCode);
  const verdictLine = (text: string) => text.split('\n').find((line) => line.startsWith('arena-bench:'));
  assert.equal(verdictLine(compared.stdout), verdictLine(ran.stdout));
  const json = JSON.parse(
    (await runCli(['compare', join(out, '..', 'r.base.json'), out, '--reporter', 'json'])).stdout,
  ) as { pairs: { test: string }[] };
  assert.equal(json.pairs[0]!.test, 'paired');
});

test('same-process pairing (the default): each pair is one duet whose sides alternate, and each case says why it stopped', async () => {
  for (const isolation of ['shared', 'worker'] as const) {
    const { out, ran } = await runAgainstCopy(['--isolation', isolation, '--budget', '1m', '--slice', '10']);
    // compare of the two files replays the same sequential rule: the same verdicts and exit code.
    const compared = await runCli(['compare', join(out, '..', 'r.base.json'), out]);
    assert.equal(compared.exitCode, ran.exitCode);
    const verdictLine = (text: string) => text.split('\n').find((line) => line.startsWith('arena-bench:'));
    assert.equal(verdictLine(compared.stdout), verdictLine(ran.stdout));
    const comparedJson = JSON.parse(
      (await runCli(['compare', join(out, '..', 'r.base.json'), out, '--reporter', 'json'])).stdout,
    ) as {
      pairs: { cases: { mode: string; metrics: { gated: boolean; verdict: string; look?: { pairs: number } }[] }[] }[];
    };
    const head = readValidResult(out);
    const base = readValidResult(join(out, '..', 'r.base.json'));
    assert.deepEqual(head.settings.pairing, { method: 'same-process', isolation, sliceMs: 10, budgetMs: 60_000 });
    const [headCase] = head.scenarios;
    const [baseCase] = base.scenarios;
    assert.ok(headCase!.stopped && ['decided', 'budget', 'most-pairs'].includes(headCase!.stopped.reason));
    assert.deepEqual(baseCase!.stopped, headCase!.stopped);
    for (const mode of ['heap', 'arena']) {
      const headRuns = headCase!.modes[mode]!.runs;
      const baseRuns = baseCase!.modes[mode]!.runs;
      // A mode decided before the case stopped took no pairs after its decision.
      assert.ok(headRuns.length <= headCase!.stopped!.pairs, `${isolation} ${mode}`);
      if (headRuns.length < headCase!.stopped!.pairs) {
        const row = comparedJson.pairs[0]!.cases.find((entry) => entry.mode === mode)!;
        for (const metric of row.metrics.filter((entry) => entry.gated)) {
          assert.notEqual(metric.verdict, 'inconclusive', JSON.stringify(metric));
          assert.ok((metric.look?.pairs ?? 0) <= headRuns.length, JSON.stringify(metric));
        }
      }
      assert.deepEqual(
        headRuns.map((run) => run.pair),
        baseRuns.map((run) => run.pair),
      );
      headRuns.forEach((headRun, i) => {
        const baseRun = baseRuns[i]!;
        // --time 100 in slices of 10 ms: ten pairs, each side first in five of them.
        for (const run of [headRun, baseRun])
          assert.deepEqual(run.duet, { isolation, slices: 10, sliceMs: 10, wentFirst: 5 });
      });
    }
  }
});

test('a duet runs both trees in one process, their operations interleaved slice by slice', async () => {
  const trace = join(temporaryDirectory(), 'trace.json');
  // Each tree's copy tags its calls in the isolate's one globalThis; the side that finishes last
  // writes the order in which the two trees' calls came (one entry per change of tree).
  const tagged = (tag: string) => `import { writeFileSync } from 'node:fs';
const calls = (globalThis.duetCalls ??= []);
export default {
  name: 'fixture-pair',
  params: { items: 200 },
  modes: {
    heap: ({ items }) => ({
      operation: () => {
        if (calls.at(-1) !== '${tag}') calls.push('${tag}');
        let total = 0;
        for (let i = 0; i < items; i++) total = (total + i) | 0;
        return total;
      },
      afterAll: () => writeFileSync(${JSON.stringify(trace)}, JSON.stringify(calls)),
    }),
  },
};
`;
  const head = temporaryDirectory();
  mkdirSync(join(head, 'test', 'fixtures'), { recursive: true });
  writeFileSync(join(head, 'test', 'fixtures', 'pair.mjs'), tagged('head'));
  const ran = await runCli(
    [
      'run',
      'test/fixtures/pair.mjs',
      '--against',
      baseTree(tagged('base')),
      ...FAST,
      '--slice',
      '10',
      '--max-runs',
      '2',
    ],
    { cwd: head },
  );
  assert.ok(ran.exitCode === 0 || ran.exitCode === 1, ran.stderr);
  const calls = JSON.parse(readFileSync(trace, 'utf8')) as string[];
  assert.deepEqual([...new Set(calls)].sort(), ['base', 'head']);
  // --time 100 in 10 ms slices: ten timed alternations, each a slice of both trees, so at least ten
  // changes of tree, besides the warm-ups and the untimed alternations.
  assert.ok(calls.length - 1 >= 10, calls.join(' '));
});

test('--pairing processes measures each run in a fresh process, as before same-process pairing', async () => {
  const { out } = await runAgainstCopy(['--pairing', 'processes']);
  const [headCase] = readValidResult(out).scenarios;
  assert.equal(readValidResult(out).settings.pairing, undefined);
  assert.equal(headCase!.stopped, undefined);
  for (const run of headCase!.modes.heap!.runs) assert.equal(run.duet, undefined);
});

test('a head that keeps 20 MiB more alive shows a retained-heap regression, though the base shares its heap', async () => {
  const source = readFileSync(join(FIXTURES, 'pair.mjs'), 'utf8');
  // The head's heap mode keeps 1 MiB more alive with each of its first 20 operations, all of them warm-up.
  const keeping = source
    .replace('const retained = [];', 'const retained = [];\nconst kept = [];')
    .replace(
      'retained[0] = points;',
      'retained[0] = points;\n        if (kept.length < 20) kept.push(new Array(2 ** 17).fill(1));',
    );
  const head = temporaryDirectory();
  mkdirSync(join(head, 'test', 'fixtures'), { recursive: true });
  writeFileSync(join(head, 'test', 'fixtures', 'pair.mjs'), keeping);
  const out = join(temporaryDirectory(), 'r.json');
  // A warm-up of 200 ms runs more than 20 operations however slow the machine.
  const ran = await runCli(
    ['run', 'test/fixtures/pair.mjs', '--against', baseTree(), ...FAST, '--warmup', '200', '--out', out],
    { cwd: head },
  );
  assert.ok(ran.exitCode === 0 || ran.exitCode === 1, ran.stderr);
  const compared = JSON.parse(
    (await runCli(['compare', join(out, '..', 'r.base.json'), out, '--reporter', 'json'])).stdout,
  ) as { pairs: { cases: { mode: string; metrics: { metric: string; verdict: string; change: number }[] }[] }[] };
  const heapRow = compared.pairs[0]!.cases.find((row) => row.mode === 'heap')!;
  const retained = heapRow.metrics.find((metric) => metric.metric === 'retainedBytes')!;
  assert.equal(retained.verdict, 'regressed', JSON.stringify(retained));
});

test('a head whose mode throws fails the head, and the base says it lost its pair, in both isolations', async () => {
  const source = readFileSync(join(FIXTURES, 'pair.mjs'), 'utf8');
  // It throws from its sixth operation on: after the three of its verification, during the duet.
  const throwing = source
    .replace('const retained = [];', 'const retained = [];\nlet calls = 0;')
    .replace('const points = [];', "if (++calls > 5) throw new Error('head broke');\n        const points = [];");
  const head = temporaryDirectory();
  mkdirSync(join(head, 'test', 'fixtures'), { recursive: true });
  writeFileSync(join(head, 'test', 'fixtures', 'pair.mjs'), throwing);
  for (const isolation of ['shared', 'worker']) {
    const out = join(temporaryDirectory(), 'r.json');
    const ran = await runCli(
      ['run', 'test/fixtures/pair.mjs', '--against', baseTree(), ...FAST, '--isolation', isolation, '--out', out],
      { cwd: head },
    );
    assert.equal(ran.exitCode, 3, ran.stderr);
    const headCase = readValidResult(out).scenarios[0]!;
    const baseCase = readValidResult(join(out, '..', 'r.base.json')).scenarios[0]!;
    assert.equal(headCase.status, 'failed');
    assert.match(headCase.error!, /head broke/);
    assert.equal(baseCase.status, 'failed');
    assert.match(baseCase.error!, /the head's side of its pair failed: .*head broke/);
  }
});

test('run --against --alloc-profile writes the heap profiles of both trees, each beside its result file', async () => {
  const { out, ran } = await runAgainstCopy(['--max-runs', '2', '--alloc-profile']);
  for (const [file, folder] of [
    ['r.json', 'r.heapprofiles'],
    ['r.base.json', 'r.base.heapprofiles'],
  ] as const) {
    assert.deepEqual(
      readdirSync(join(out, '..', folder)).sort(),
      [
        'fixture-pair.items=200.arena.heapprofile',
        'fixture-pair.items=200.arena.survivors.heapprofile',
        'fixture-pair.items=200.heap.heapprofile',
        'fixture-pair.items=200.heap.survivors.heapprofile',
      ],
      folder,
    );
    assert.ok(readValidResult(join(out, '..', file)).scenarios[0]!.modes.heap!.allocationSites, file);
  }
  assert.match(ran.stderr, /the base's heap profiles in .*r\.base\.heapprofiles/);
});

test('a base that computes something else is warned about, not failed', async () => {
  const out = join(temporaryDirectory(), 'r.json');
  const changed = readFileSync(join(FIXTURES, 'pair.mjs'), 'utf8').replaceAll('return total;', 'return total + 1;');
  const ran = await runCli([
    'run',
    'test/fixtures/pair.mjs',
    '--against',
    baseTree(changed),
    ...FAST,
    '--out',
    out,
    '--quick',
  ]);
  assert.notEqual(ran.exitCode, 3, ran.stderr);
  assert.match(
    ran.stderr,
    /warning: fixture-pair: the base and the head compute different results in modes heap, arena/,
  );
  assert.match(readValidResult(out).scenarios[0]!.warnings.join('\n'), /compute different results/);
});

test('bad --against, --precision, --max-runs and --shard values are usage errors', async () => {
  const cases: [string[], RegExp][] = [
    [['--against', join(temporaryDirectory(), 'missing')], /no such directory/],
    [
      ['message-buffering', '--against', temporaryDirectory()],
      /neither an arena-bench checkout nor has arena-bench in node_modules/,
    ],
    [['--max-runs', '4'], /--max-runs bounds the runs --precision adds/],
    [['--precision', '0'], /--precision takes a percentage above 0/],
    [['--precision', '5', '--runs', '4', '--max-runs', '3'], /--max-runs 3 is below --runs 4/],
    [['--shard', '3/2'], /--shard takes i\/n/],
    [['--against', REPOSITORY, '--baseline', 'x.json'], /--against and --baseline/],
    [['--isolation', 'worker'], /--isolation only apply to run --against/],
    [['--budget', '5m', '--slice', '10'], /--slice, --budget only apply to run --against/],
    [['--pairing', 'processes'], /--pairing only applies to run --against/],
    [['--against', REPOSITORY, '--pairing', 'processes', '--budget', '5m'], /only apply to same-process pairing/],
    [['--against', REPOSITORY, '--budget', '5'], /--budget takes a duration with its unit/],
    [['--against', REPOSITORY, '--isolation', 'thread'], /Allowed choices are shared, worker/],
    [['--against', REPOSITORY, '--precision', '5'], /same-process pairing stops a case once it is decided/],
  ];
  for (const [args, message] of cases) {
    const { exitCode, stderr } = await runCli(['run', ...args]);
    assert.equal(exitCode, 2, `${args.join(' ')}: ${stderr}`);
    assert.match(stderr, message);
  }
});

test('an unbuilt arena-bench checkout given to --against is told to build', async () => {
  const tree = temporaryDirectory();
  copyFileSync(join(REPOSITORY, 'package.json'), join(tree, 'package.json'));
  const { exitCode, stderr } = await runCli(['run', '--against', tree, '--quick']);
  assert.equal(exitCode, 2);
  assert.match(stderr, /not built \(no dist\/scenarios\)[\s\S]*npm ci/);
});
