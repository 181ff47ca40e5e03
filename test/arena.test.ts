import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Arena, ArenaExhaustedError, ArenaFreedError, type TypedArrayConstructorLike } from '../src/arena/index.js';

test('alloc aligns each offset to the requested power of two', () => {
  const arena = new Arena({ initialBytes: 1024 });
  for (const [byteLength, align, offset, usedBytes] of [
    [1, 1, 0, 1],
    [4, 4, 4, 8],
    [1, 1, 8, 9],
    [8, 8, 16, 24],
    [3, 2, 24, 27],
    [16, 16, 32, 48],
    [0, 64, 64, 64],
    [5, undefined, 64, 69], // default alignment is 8
    [1, undefined, 72, 73],
  ] as const) {
    assert.equal(arena.alloc(byteLength, align), offset, `alloc(${byteLength}, ${align})`);
    assert.equal(arena.usedBytes, usedBytes);
  }
});

test('alloc rejects sizes and alignments it cannot honour', () => {
  const arena = new Arena();
  for (const [byteLength, align, message] of [
    [-1, 1, /^alloc: byteLength must be a non-negative integer \(a number of bytes\), got -1$/],
    [1.5, 1, /got 1.5/],
    [Number.NaN, 1, /got NaN/],
    [8, 3, /^alloc: align must be a power of two from 1 to 2\^30, got 3$/],
    [8, 0, /got 0/],
  ] as const) {
    assert.throws(() => arena.alloc(byteLength, align), { name: 'RangeError', message });
  }
  assert.equal(arena.usedBytes, 0);
});

const sliceTypes: [TypedArrayConstructorLike<ArrayBufferView & { length: number }>, number][] = [
  [Int8Array, 1],
  [Uint8Array, 1],
  [Uint8ClampedArray, 1],
  [Int16Array, 2],
  [Uint16Array, 2],
  [Int32Array, 4],
  [Uint32Array, 4],
  [Float32Array, 4],
  [Float64Array, 8],
  [BigInt64Array, 8],
  [BigUint64Array, 8],
];

for (const [type, byteOffset] of sliceTypes) {
  test(`makeSlice(${type.name}) after one odd byte starts at byte ${byteOffset}, zeroed`, () => {
    const arena = new Arena({ initialBytes: 64 });
    arena.bytes.fill(0xff);
    arena.alloc(1, 1);
    const slice = arena.makeSlice(type, 3);
    assert.ok(slice instanceof type);
    assert.equal(slice.buffer, arena.buffer);
    assert.equal(slice.byteOffset, byteOffset);
    assert.equal(slice.length, 3);
    assert.equal(arena.usedBytes, byteOffset + 3 * type.BYTES_PER_ELEMENT);
    assert.deepEqual(
      [...arena.bytes.subarray(byteOffset, arena.usedBytes)],
      new Array(3 * type.BYTES_PER_ELEMENT).fill(0),
    );
  });
}

test('growth doubles the region, capped at maxBytes, and keeps the bytes and offsets', () => {
  const arena = new Arena({ initialBytes: 16, maxBytes: 100 });
  const first = arena.alloc(10, 1);
  arena.bytes.set([1, 2, 3], first);
  for (const [byteLength, align, offset, capacityBytes, grows] of [
    [6, 8, 16, 32, 1], // 10 → aligned to 16, ends at 22: doubled to 32
    [40, 8, 24, 64, 2], // ends at 64: doubled to 64 exactly
    [1, 8, 64, 100, 3], // double would be 128: capped at maxBytes
    [35, 1, 65, 100, 3], // ends exactly at the limit
  ] as const) {
    assert.equal(arena.alloc(byteLength, align), offset);
    assert.deepEqual(
      { capacityBytes: arena.capacityBytes, grows: arena.stats.grows },
      { capacityBytes, grows },
      `after alloc(${byteLength})`,
    );
  }
  assert.deepEqual([...arena.bytes.subarray(first, first + 3)], [1, 2, 3]);
});

test('growth jumps straight to the size needed when that is more than double', () => {
  const arena = new Arena({ initialBytes: 8, maxBytes: 1000 });
  arena.alloc(500);
  assert.deepEqual(arena.stats, { usedBytes: 500, capacityBytes: 500, highWaterBytes: 500, resets: 0, grows: 1 });
});

test('views taken before a growth keep the old region: writes to them are not seen by the arena', () => {
  const arena = new Arena({ initialBytes: 8 });
  const early = arena.makeSlice(Uint8Array, 8);
  arena.alloc(8);
  early[0] = 42;
  assert.notEqual(early.buffer, arena.buffer);
  assert.equal(early.length, 8);
  assert.equal(arena.bytes[0], 0);
});

test('past maxBytes, alloc throws ArenaExhaustedError saying what was asked, used and allowed', () => {
  const arena = new Arena({ initialBytes: 64, maxBytes: 64 });
  arena.alloc(40);
  assert.throws(
    () => arena.alloc(30, 1),
    (error: unknown) => {
      assert.ok(error instanceof ArenaExhaustedError);
      assert.deepEqual([error.requestedBytes, error.usedBytes, error.maxBytes], [30, 40, 64]);
      assert.equal(
        error.message,
        'arena exhausted: asked for 30 bytes with 40 bytes in use, but maxBytes is 64; ' +
          'raise maxBytes, reset() more often, or allocate less between resets',
      );
      return true;
    },
  );
  assert.equal(arena.usedBytes, 40, 'a failed allocation changes nothing');
  assert.equal(arena.alloc(24, 1), 40);
});

test('options outside their range are rejected', () => {
  for (const [options, message] of [
    [{ maxBytes: 0 }, /maxBytes must be an integer from 1 to 2147483648, got 0/],
    [{ maxBytes: 2 ** 32 }, /got 4294967296/],
    [{ initialBytes: 200, maxBytes: 100 }, /initialBytes must be an integer from 0 to maxBytes \(100\), got 200/],
    [{ initialBytes: -1 }, /got -1/],
  ] as const) {
    assert.throws(() => new Arena(options), { name: 'RangeError', message });
  }
});

test('reset frees everything at once and keeps the region', () => {
  const arena = new Arena({ initialBytes: 256 });
  arena.alloc(100);
  arena.alloc(50);
  const region = arena.buffer;
  arena.reset();
  assert.equal(arena.buffer, region);
  assert.equal(arena.alloc(8), 0);
  assert.deepEqual(arena.stats, { usedBytes: 8, capacityBytes: 256, highWaterBytes: 154, resets: 1, grows: 0 });
});

test('free releases the region; later use throws ArenaFreedError, a second free does nothing', () => {
  const arena = new Arena({ initialBytes: 256 });
  arena.alloc(10);
  arena.free();
  arena.free();
  assert.equal(arena.freed, true);
  assert.deepEqual(arena.stats, { usedBytes: 0, capacityBytes: 0, highWaterBytes: 10, resets: 0, grows: 0 });
  for (const use of [
    () => arena.alloc(0),
    () => arena.writeUtf8(''),
    () => arena.writeAscii('x'),
    () => arena.reset(),
  ]) {
    assert.throws(use, ArenaFreedError);
  }
});

test('using frees the arena at the end of the scope', () => {
  let kept: Arena | undefined;
  {
    using arena = new Arena();
    arena.alloc(8);
    kept = arena;
    assert.equal(kept.freed, false);
  }
  assert.equal(kept.freed, true);
});

test('clone copies bytes out to the heap; the copy survives reset and free', () => {
  const arena = new Arena();
  const handle = arena.writeBytes(new Uint8Array([5, 6, 7]));
  const copy = arena.clone(handle, 3);
  const text = arena.cloneString(arena.writeUtf8('né'), arena.lastLength);
  arena.reset();
  arena.writeBytes(new Uint8Array([9, 9, 9, 9, 9]));
  arena.free();
  assert.notEqual(copy.buffer, arena.buffer);
  assert.deepEqual([...copy], [5, 6, 7]);
  assert.equal(text, 'né');
});
