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

test('run --against measures both trees in pairs, writes both files, and compare reaches the same verdict', async () => {
  const { out, ran } = await runAgainstCopy(['--precision', '50', '--max-runs', '3']);
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
