import assert from 'node:assert/strict';
import { test } from 'node:test';
import { siteDescription, truncateLeft } from '../src/reporters/allocation-sites.js';
import type { AllocationSite } from '../src/results/result.js';

const own: AllocationSite = {
  functionName: 'buildBatch',
  url: 'file:///home/me/app/src/batch.mjs',
  line: 28,
  column: 1,
  bytesPerOp: 1024,
  share: 0.5,
  stack: [],
};
const internal: AllocationSite = {
  ...own,
  functionName: 'FastBuffer',
  url: 'node:internal/buffer',
  line: 960,
  userFrame: { functionName: 'buildBatch', url: 'file:///home/me/app/src/batch.mjs', line: 28, column: 1 },
};

for (const [site, width, text] of [
  [own, Infinity, 'buildBatch (/home/me/app/src/batch.mjs:28)'],
  [own, 30, 'buildBatch (…src/batch.mjs:28)'],
  [internal, Infinity, 'FastBuffer (node:internal/buffer:960) ← buildBatch (/home/me/app/src/batch.mjs:28)'],
  [internal, 50, 'FastBuffer ← buildBatch (…me/app/src/batch.mjs:28)'],
  [{ ...own, functionName: '', url: '', line: 0 }, Infinity, '(anonymous) (built-in)'],
] as const) {
  test(`site at width ${width}: ${text}`, () => {
    assert.equal(siteDescription(site, width), text);
    assert.ok(text.length <= width);
  });
}

test('truncateLeft keeps the end of a path', () => {
  assert.equal(truncateLeft('/a/b/c/file.ts:12', 10), '…ile.ts:12');
  assert.equal(truncateLeft('short', 10), 'short');
});
