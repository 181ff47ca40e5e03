import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Arena, ArenaFreedError, defineLayout, StaleHandleError } from '../src/arena/index.js';

const GENERATION = 2 ** 32;

test('a checked arena is an Arena whose handles carry the generation', () => {
  const arena = new Arena({ checked: true, initialBytes: 64 });
  assert.ok(arena instanceof Arena);
  assert.equal(arena.checked, true);
  assert.equal(new Arena().checked, false);
  const first = arena.alloc(4);
  const second = arena.alloc(8);
  assert.deepEqual([first, second], [GENERATION + 0, GENERATION + 8]);
  assert.deepEqual([arena.offsetOf(first), arena.offsetOf(second)], [0, 8]);
  arena.reset();
  assert.equal(arena.alloc(1), 2 * GENERATION);
});

test('views taken before reset() are emptied: length 0, and a DataView throws', () => {
  const arena = new Arena({ checked: true });
  const slice = arena.makeSlice(Float64Array, 4);
  const bytes = arena.bytes;
  const view = arena.dataView;
  slice[0] = 1.5;
  arena.reset();
  assert.deepEqual([slice.length, slice.byteLength, bytes.length], [0, 0, 0]);
  assert.throws(() => view.getFloat64(0), { name: 'TypeError', message: /detached/ });
  slice[0] = 2; // ignored: a detached view has no elements
  assert.equal(slice[0], undefined);
  assert.equal(arena.makeSlice(Float64Array, 4).length, 4, 'the arena itself carries on');
});

test('views taken before free() are emptied too', () => {
  const arena = new Arena({ checked: true });
  const slice = arena.makeSlice(Uint32Array, 4);
  arena.free();
  assert.equal(slice.length, 0);
});

test('growth empties earlier views, keeps handles valid and the bytes in place', () => {
  const arena = new Arena({ checked: true, initialBytes: 8 });
  const handle = arena.writeAscii('abcd');
  const early = arena.bytes;
  arena.alloc(100);
  assert.equal(early.length, 0);
  assert.equal(arena.cloneString(handle, 4), 'abcd');
});

test('a handle from before reset() throws StaleHandleError wherever it is passed back', () => {
  const arena = new Arena({ checked: true });
  const layout = defineLayout({ x: 'f64' });
  const records = arena.records(layout);
  const record = records.alloc();
  const text = arena.writeAscii('hello');
  arena.reset();
  arena.alloc(64);
  const stale = /^stale handle 4294967296: it was allocated in generation 1, but this arena is now at generation 2;/;
  for (const use of [
    () => records.get.x(record),
    () => records.set.x(record, 1),
    () => arena.offsetOf(record),
    () => arena.clone(record, 8),
  ]) {
    assert.throws(use, { name: 'StaleHandleError', message: stale });
  }
  assert.throws(() => arena.cloneString(text, 5), { name: 'StaleHandleError', message: /^stale handle 4294967304:/ });
});

test('raw offsets, foreign numbers and ranges past the allocation are refused', () => {
  const arena = new Arena({ checked: true });
  const handle = arena.alloc(4);
  for (const [use, message] of [
    [() => arena.clone(0, 4), /^0 is not a handle from this checked arena/],
    [() => arena.offsetOf(1.5), /^1.5 is not a handle from this checked arena/],
    [
      () => arena.clone(handle, 5),
      /^handle 4294967296 names bytes 0..5 of generation 1, but only 4 bytes are allocated$/,
    ],
    [
      () => arena.offsetOf(handle + 4 * GENERATION),
      /it was allocated in generation 5, but this arena is now at generation 1/,
    ],
  ] as const) {
    assert.throws(use, (error: unknown) => error instanceof StaleHandleError && message.test(error.message));
  }
});

test('after free(), handles and allocations throw ArenaFreedError', () => {
  const arena = new Arena({ checked: true });
  const handle = arena.alloc(4);
  arena.free();
  assert.throws(() => arena.offsetOf(handle), ArenaFreedError);
  assert.throws(() => arena.alloc(4), { name: 'ArenaFreedError', message: /^allocation on an arena that was freed/ });
});
