import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AllocationSite } from '../src/results/result.js';
import { FAST, FIXTURES, readValidResult, runCli, temporaryDirectory } from './helpers.js';

// A semi-space of 4 MB promotes what lives past about 8 MB of allocation on every Node.js version:
// the kept site's arrays live for 32 MB of it.
const SMALL_YOUNG_GENERATION = '--v8-flags=--max-semi-space-size=4';

function site(sites: readonly AllocationSite[], functionName: string): AllocationSite {
  const found = sites.find((candidate) => candidate.functionName === functionName);
  assert.ok(found, `no site ${functionName} among ${sites.map((candidate) => candidate.functionName).join(', ')}`);
  return found;
}

// The margin: each site has half of ~1.6 KiB/op, sampled every 4 KiB over ≥ 9 800 operations a pass
// and 2 runs, so ≥ 4 000 samples in each pass and a ratio good to about 2 points (1/√4000 per pass);
// 10 points is five of those.
test('a site whose objects die at once survives near 0, one whose objects are kept survives near 1', async () => {
  const out = join(temporaryDirectory(), 'survival.json');
  const { exitCode, stdout, stderr } = await runCli(
    ['run', join(FIXTURES, 'survival.mjs'), ...FAST, '--alloc-profile', SMALL_YOUNG_GENERATION, '--out', out],
    { env: { COLUMNS: '200' } },
  );
  assert.equal(exitCode, 0, stderr);
  const result = readValidResult(out);
  assert.equal(result.settings.allocationSurvival, true);
  const sites = result.scenarios[0]!.modes.heap!.allocationSites!;
  const diesAtOnce = site(sites.sites, 'diesAtOnce');
  const keptLong = site(sites.sites, 'keptLong');
  assert.ok(diesAtOnce.survival! < 0.1, `diesAtOnce survived ${diesAtOnce.survival}`);
  assert.ok(keptLong.survival! > 0.9, `keptLong survived ${keptLong.survival}`);
  assert.ok(sites.survival!.profiledOps >= sites.profiledOps);
  assert.match(stdout, /survived a scavenge/);
  assert.match(stdout, /survived\s+[\d.]+ B\/op\s+\d+%\s+keptLong/);
});

test('--no-alloc-survival profiles without the survival pass; without --alloc-profile it is refused', async () => {
  const directory = temporaryDirectory();
  const out = join(directory, 'split.json');
  const { exitCode, stderr } = await runCli([
    'run',
    join(FIXTURES, 'split.mjs'),
    ...FAST,
    '--alloc-profile',
    '--no-alloc-survival',
    '--out',
    out,
  ]);
  assert.equal(exitCode, 0, stderr);
  const result = readValidResult(out);
  assert.equal(result.settings.allocationSurvival, false);
  const sites = result.scenarios[0]!.modes.heap!.allocationSites!;
  assert.equal(sites.survival, undefined);
  assert.equal(sites.sites[0]!.survivedBytesPerOp, undefined);
  assert.deepEqual(readdirSync(out.replace(/\.json$/, '.heapprofiles')).sort(), [
    'fixture-split.arena.heapprofile',
    'fixture-split.heap.heapprofile',
  ]);

  const refused = await runCli([
    'run',
    join(FIXTURES, 'split.mjs'),
    '--no-alloc-survival',
    '--out',
    join(directory, 'x.json'),
  ]);
  assert.equal(refused.exitCode, 2);
  assert.match(refused.stderr, /--no-alloc-survival applies to --alloc-profile/);
  assert.equal(existsSync(join(directory, 'x.json')), false);
});

// Its heap mode keeps the last 200 batches of 1000 Buffers: the Buffers are the survivors. How many of
// them outlive the young generation depends on its size, which differs between Node.js versions (the
// survival pass runs for four young generations: ~900 operations on Node.js 20, ~300 on 26, ~2000 on 24,
// where most batches are dropped while still young), so the test asserts their share of what survived.
test('message-buffering-retained names the Buffers it keeps as the surviving site', async () => {
  const out = join(temporaryDirectory(), 'retained.json');
  const { exitCode, stderr } = await runCli([
    'run',
    'message-buffering-retained',
    '--modes',
    'heap',
    '--runs',
    '1',
    '--time',
    '100',
    '--warmup',
    '20',
    '--alloc-profile',
    '--out',
    out,
  ]);
  assert.equal(exitCode, 0, stderr);
  const sites = readValidResult(out).scenarios[0]!.modes.heap!.allocationSites!.sites;
  const [mostSurviving] = [...sites].sort((a, b) => b.survivedBytesPerOp! - a.survivedBytesPerOp!);
  // The profiler names the Buffer's own constructor on Node.js 20 and its builtin base from Node.js 24.
  assert.match(mostSurviving!.functionName, /^(FastBuffer|Uint8Array)$/);
  assert.match(mostSurviving!.userFrame!.url, /message-buffering\.[jt]s$/);
  const survivedBytesPerOp = sites.reduce((total, site) => total + site.survivedBytesPerOp!, 0);
  // About nine tenths on Node.js 20, 24 and 26; the rest is the arrays that hold the batches.
  const share = mostSurviving!.survivedBytesPerOp! / survivedBytesPerOp;
  assert.ok(share > 0.75, `the Buffers were ${share} of the bytes that survived`);
});
