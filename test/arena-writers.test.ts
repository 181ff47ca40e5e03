import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Arena, utf8ByteLength } from '../src/arena/index.js';

const encoder = new TextEncoder();

function written(arena: Arena, handle: number): number[] {
  const offset = arena.offsetOf(handle);
  return [...arena.bytes.subarray(offset, offset + arena.lastLength)];
}

for (const [label, text] of [
  ['empty', ''],
  ['ASCII', 'msg-42'],
  ['two-byte', 'héllo ÿ'],
  ['three-byte', '€ 日本'],
  ['surrogate pair', '😀'],
  ['pair between ASCII', 'a😀b𝄞c'],
  ['lone high surrogate', '\ud800'],
  ['lone low surrogate', '\udc00'],
  ['high surrogate then ASCII', '\ud800x'],
  ['pair in the wrong order', '\udc00\ud800'],
  ['high surrogate at the end', 'ab\udbff'],
  ['every boundary', '\u007f\u0080\u07ff\u0800\uffff\u{10000}\u{10ffff}'],
  ['long mixed text (Buffer#write path)', 'é😀\ud800 x'.repeat(40)],
  ['long ASCII (Buffer#write path)', 'y'.repeat(1000)],
] as const) {
  test(`writeUtf8 writes ${label} byte for byte as TextEncoder does`, () => {
    const arena = new Arena({ initialBytes: 16 });
    arena.writeAscii('<');
    const handle = arena.writeUtf8(text);
    const expected = [...encoder.encode(text)];
    assert.deepEqual(written(arena, handle), expected);
    assert.equal(utf8ByteLength(text), expected.length);
    assert.equal(arena.usedBytes, 1 + expected.length);
  });
}

test('writeUtf8 fits text that fits exactly, though the worst case would not', () => {
  const arena = new Arena({ initialBytes: 10, maxBytes: 10 });
  arena.writeUtf8('abcdefghij');
  assert.deepEqual([arena.usedBytes, arena.stats.grows], [10, 0]);
  assert.throws(() => arena.writeUtf8('é'), {
    name: 'ArenaExhaustedError',
    message: /asked for 2 bytes with 10 bytes in use/,
  });
});

for (const [value, digits] of [
  [0, '0'],
  [-0, '0'],
  [7, '7'],
  [-7, '-7'],
  [9, '9'],
  [10, '10'],
  [-10, '-10'],
  [99, '99'],
  [100, '100'],
  [2 ** 31, '2147483648'],
  [-1234567890, '-1234567890'],
  [999_999_999_999_999, '999999999999999'],
  [1e15, '1000000000000000'],
  [Number.MAX_SAFE_INTEGER, '9007199254740991'],
  [Number.MIN_SAFE_INTEGER, '-9007199254740991'],
] as const) {
  test(`writeInt(${Object.is(value, -0) ? '-0' : value}) writes "${digits}"`, () => {
    const arena = new Arena({ initialBytes: 4 });
    const handle = arena.writeInt(value);
    assert.equal(arena.lastLength, digits.length);
    assert.equal(arena.cloneString(handle, arena.lastLength), digits);
  });
}

for (const value of [1.5, -0.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53)]) {
  test(`writeInt(${value}) throws RangeError and writes nothing`, () => {
    const arena = new Arena();
    assert.throws(() => arena.writeInt(value), {
      name: 'RangeError',
      message: new RegExp(`^writeInt: ${value} is not a safe integer`),
    });
    assert.equal(arena.usedBytes, 0);
  });
}

test('writeAscii writes one byte per character and refuses anything outside ASCII', () => {
  const arena = new Arena();
  const handle = arena.writeAscii('Hello\x00~\x7f');
  assert.deepEqual(written(arena, handle), [72, 101, 108, 108, 111, 0, 126, 127]);
  assert.throws(() => arena.writeAscii('naïve'), { name: 'RangeError', message: /use writeUtf8 for "naïve"/ });
  assert.equal(arena.usedBytes, 8);
});

test('writeBytes copies the source and reports its length', () => {
  const arena = new Arena();
  arena.alloc(3, 1);
  const handle = arena.writeBytes(new Uint8Array([1, 2, 250]));
  assert.deepEqual([handle, arena.lastLength, ...written(arena, handle)], [3, 3, 1, 2, 250]);
});

test('consecutive writes are contiguous, so a message is built from parts', () => {
  const arena = new Arena();
  arena.alloc(5, 1);
  const start = arena.writeAscii('msg-');
  arena.writeInt(-42);
  arena.writeUtf8('·ok');
  assert.equal(arena.cloneString(start, arena.usedBytes - start), 'msg--42·ok');
});

test('writers grow the arena like alloc does', () => {
  const arena = new Arena({ initialBytes: 2 });
  arena.writeAscii('abcdef');
  arena.writeInt(123456789);
  arena.writeUtf8('😀');
  assert.equal(arena.cloneString(0, arena.usedBytes), 'abcdef123456789😀');
  assert.deepEqual([arena.capacityBytes, arena.stats.grows], [30, 3]); // 2 → 6 (needed) → 15 (needed) → 30 (doubled)
});
