import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SamplingHeapProfile, SamplingHeapProfileNode } from '../src/measure/child/heap-profile.js';
import { sampledTotalDisagrees } from '../src/results/allocation-sites.js';
import { FAST, FIXTURES, readValidResult, runCli, temporaryDirectory } from './helpers.js';

test('--alloc-profile, with no other flag, finds a known 3:1 split between two small functions V8 would inline, and the allocation-free mode next to none', async () => {
  const out = join(temporaryDirectory(), 'split.json');
  const { exitCode, stderr } = await runCli([
    'run',
    join(FIXTURES, 'split.mjs'),
    ...FAST,
    '--alloc-profile',
    '--out',
    out,
  ]);
  assert.equal(exitCode, 0, stderr);
  const result = readValidResult(out);
  assert.equal(result.settings.allocationProfile, true);
  assert.equal(result.settings.allocationSites, 10);
  const { heap, arena } = result.scenarios[0]!.modes;
  const sites = heap!.allocationSites!;
  const [first, second] = sites.sites;
  assert.equal(first!.functionName, 'threeQuarters');
  assert.equal(second!.functionName, 'oneQuarter');
  assert.match(first!.url, /split\.mjs$/);
  assert.equal(first!.line, 6);
  assert.ok(Math.abs(first!.share - 0.75) < 0.1, `threeQuarters' share ${first!.share}`);
  assert.ok(Math.abs(second!.share - 0.25) < 0.1, `oneQuarter's share ${second!.share}`);
  const exact = heap!.summary.memory.allocatedBytesPerOp;
  assert.ok(
    Math.abs(sites.sampledBytesPerOp / exact - 1) < 0.2,
    `sampled ${sites.sampledBytesPerOp} B/op, exact ${exact}`,
  );
  // A stray sample can land in the loop's own start; more than one a run would be a real allocation.
  const arenaSites = arena!.allocationSites!;
  assert.equal(sampledTotalDisagrees(arenaSites, 0, arena!.runs.length), false, JSON.stringify(arenaSites));

  // Beside the result file: one DevTools sampling heap profile per mode, every sample on a node of the tree.
  const directory = out.replace(/\.json$/, '.heapprofiles');
  assert.deepEqual(readdirSync(directory).sort(), [
    'fixture-split.arena.heapprofile',
    'fixture-split.arena.survivors.heapprofile',
    'fixture-split.heap.heapprofile',
    'fixture-split.heap.survivors.heapprofile',
  ]);
  const profile = JSON.parse(
    readFileSync(join(directory, 'fixture-split.heap.heapprofile'), 'utf8'),
  ) as SamplingHeapProfile;
  assert.equal(profile.head.callFrame.functionName, '(root)');
  const ids = new Set<number>();
  let selfSizes = 0;
  const visit = (node: SamplingHeapProfileNode) => {
    assert.equal(typeof node.callFrame.url, 'string');
    assert.equal(typeof node.callFrame.lineNumber, 'number');
    ids.add(node.id);
    selfSizes += node.selfSize;
    node.children.forEach(visit);
  };
  visit(profile.head);
  assert.ok(profile.samples.length > 100, `${profile.samples.length} samples`);
  for (const sample of profile.samples) assert.ok(ids.has(sample.nodeId) && sample.size > 0);
  assert.ok(
    selfSizes >= sites.sampledBytesPerOp * sites.profiledOps,
    'the file holds every sampled byte the sites count',
  );
});

test('the profile pass changes no measured figure: zero collections and alloc/op as without it', async () => {
  const directory = temporaryDirectory();
  const measured = await Promise.all(
    [[], ['--alloc-profile']].map(async (extra) => {
      const out = join(directory, `pair${extra.length}.json`);
      const { exitCode, stderr } = await runCli(['run', join(FIXTURES, 'pair.mjs'), ...FAST, ...extra, '--out', out]);
      assert.equal(exitCode, 0, stderr);
      return readValidResult(out).scenarios[0]!.modes;
    }),
  );
  const [without, withProfile] = measured;
  assert.equal(without!.heap!.allocationSites, undefined);
  assert.ok(withProfile!.heap!.allocationSites!.sites.length > 0);
  for (const modes of measured) {
    for (const run of modes.arena!.runs)
      assert.equal(run.gc.count, 0, 'an allocation-free mode still reports zero collections');
    // Under 1 B per operation: one object per operation would be 16 B or more. Not exactly 0: code V8
    // installs while tiering up on a loaded machine can land in a counting pass (0.02 B/op seen once).
    assert.ok(
      modes.arena!.summary.memory.allocatedBytesPerOp < 1,
      `${modes.arena!.summary.memory.allocatedBytesPerOp} B/op`,
    );
  }
  const ratio =
    withProfile!.heap!.summary.memory.allocatedBytesPerOp / without!.heap!.summary.memory.allocatedBytesPerOp;
  assert.ok(Math.abs(ratio - 1) < 0.05, `heap alloc/op with the profile pass ÷ without: ${ratio}`);
});
