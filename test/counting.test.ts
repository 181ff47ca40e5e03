import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdsCompiledCode } from '../src/measure/child/gc.js';
import { countingSettled } from '../src/measure/child/operation.js';

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
