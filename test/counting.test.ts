import assert from 'node:assert/strict';
import { test } from 'node:test';
import v8 from 'node:v8';
import { holdsCompiledCode } from '../src/measure/child/gc.js';
import { countingSettled, representativeReading } from '../src/measure/child/operation.js';

test('compiled code is told from data by the space names of Node 20 to 26', () => {
  const compiled = [
    'code_space',
    'code_large_object_space',
    'trusted_space',
    'trusted_large_object_space',
    'shared_trusted_space',
    'shared_trusted_large_object_space',
  ];
  const data = [
    'read_only_space',
    'new_space',
    'old_space',
    'shared_space',
    'new_large_object_space',
    'large_object_space',
    'shared_large_object_space',
  ];
  assert.deepEqual(compiled.filter(holdsCompiledCode), compiled);
  assert.deepEqual(data.filter(holdsCompiledCode), []);
  // A space a newer V8 adds must be placed here, on one side or the other, before it is trusted.
  for (const { space_name: name } of v8.getHeapSpaceStatistics())
    assert.ok([...compiled, ...data].includes(name), `a heap space not yet classified: ${name}`);
});

test('counting has settled when the two least readings agree within 64 bytes and a tenth', () => {
  // One pass is never enough.
  assert.equal(countingSettled([1000]), false);
  assert.equal(countingSettled([]), false);
  // 64 B of resolution plus 10% of the larger: 1182 − 1000 ≤ 64 + 118.2, 1183 − 1000 > 64 + 118.3.
  assert.equal(countingSettled([1000, 1182]), true);
  assert.equal(countingSettled([1000, 1183]), false);
  // The order of the passes does not matter, nor a larger third one.
  assert.equal(countingSettled([1183, 1000, 1100]), true);
  // Near zero the resolution decides: 0 and 64 agree, 0 and 72 do not (72 > 64 + 7.2).
  assert.equal(countingSettled([0, 64]), true);
  assert.equal(countingSettled([72, 0]), false);
  // A negative reading (background sweeping) is left out, not taken as the least.
  assert.equal(countingSettled([-5000, 1000]), false);
  assert.equal(countingSettled([-5000, 1000, 1050]), true);
});

test('the representative reading: the least once settled, the middle one when never', () => {
  assert.equal(representativeReading([1050, 1000]), 1000);
  // A pass V8 added to, then two that agree.
  assert.equal(representativeReading([7000, 1000, 1040]), 1000);
  // Five that never agreed: an operation whose allocation varies is read at its middle pass.
  assert.equal(representativeReading([5000, 1000, 9000, 3000, 7000]), 5000);
  // A negative reading is left out; of four, the lower middle one.
  assert.equal(representativeReading([-10, 1000, 1500, 2000, 3000]), 1500);
  // Only negative readings: still one of them, never invented.
  assert.equal(representativeReading([-5, -10]), -10);
});
