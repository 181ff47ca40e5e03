import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Arena,
  ArenaFreedError,
  ArenaPool,
  defineLayout,
  type FieldSpec,
  type Layout,
  type TypedArrayConstructorLike,
} from '../src/arena/index.js';

// Each refused call must leave the arena as it was: the same bytes in use, region, counters and contents.
function observe(arena: Arena): unknown {
  return {
    stats: arena.stats,
    buffer: arena.buffer,
    lastLength: arena.lastLength,
    bytes: [...arena.bytes.subarray(0, arena.usedBytes)],
  };
}

function assertRefused(arena: Arena, call: () => unknown, expected: { name: string; message: string }): void {
  const before = observe(arena);
  assert.throws(call, (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.deepEqual({ name: error.name, message: error.message }, expected);
    return true;
  });
  assert.deepEqual(observe(arena), before, 'a refused call changes nothing');
}

/** An arena of either mode with 12 bytes written, so that a refusal has something to clobber. */
function withData(checked: boolean): { arena: Arena; handle: number } {
  const arena = new Arena({ checked, initialBytes: 64, maxBytes: 4096 });
  const handle = arena.writeBytes(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
  return { arena, handle };
}

const range = (message: string) => ({ name: 'RangeError', message });
const type = (message: string) => ({ name: 'TypeError', message });

for (const checked of [false, true]) {
  const mode = checked ? 'checked' : 'unchecked';

  test(`${mode}: alloc refuses every size and alignment it cannot honour, changing nothing`, () => {
    const { arena } = withData(checked);
    const align = (got: string) => range(`alloc: align must be a power of two from 1 to 2^30, got ${got}`);
    for (const [byteLength, alignment, expected] of [
      [8, 2 ** 32, align('4294967296')], // used to align the start down to 0, over the data
      [8, 2 ** 31, align('2147483648')],
      [8, 2 ** 30 * 2 ** 10, align('1099511627776')],
      [8, 1.5, align('1.5')],
      [8, 8.5, align('8.5')],
      [8, Number.POSITIVE_INFINITY, align('Infinity')],
      [8, Number.NaN, align('NaN')],
      [8, 0, align('0')],
      [8, -8, align('-8')],
      [8, 3, align('3')],
      [8, '8', type('alloc: align must be a power of two from 1 to 2^30, got "8"')],
      [8, null, type('alloc: align must be a power of two from 1 to 2^30, got null')],
      [-1, 8, range('alloc: byteLength must be a non-negative integer (a number of bytes), got -1')],
      [2.5, 8, range('alloc: byteLength must be a non-negative integer (a number of bytes), got 2.5')],
      [Number.NaN, 8, range('alloc: byteLength must be a non-negative integer (a number of bytes), got NaN')],
      [
        Number.POSITIVE_INFINITY,
        8,
        range('alloc: byteLength must be a non-negative integer (a number of bytes), got Infinity'),
      ],
      ['8', 8, type('alloc: byteLength must be a non-negative integer (a number of bytes), got "8"')],
    ] as [unknown, unknown, { name: string; message: string }][]) {
      assertRefused(arena, () => arena.alloc(byteLength as number, alignment as number), expected);
    }
    // A bigint fails the hot path's own arithmetic: V8's TypeError, thrown before anything moves.
    const before = observe(arena);
    assert.throws(() => arena.alloc(8n as unknown as number), TypeError);
    assert.deepEqual(observe(arena), before);
    assert.equal(arena.offsetOf(arena.alloc(8, 16)), 16, 'the arena carries on from where it was');
  });

  test(`${mode}: sizes past maxBytes, 2^32 and beyond included, are exhaustion, not a wrapped offset`, () => {
    const { arena } = withData(checked);
    for (const byteLength of [4096, 2 ** 32, 2 ** 32 + 8, 2 ** 53]) {
      assertRefused(arena, () => arena.alloc(byteLength, 1), {
        name: 'ArenaExhaustedError',
        message:
          `arena exhausted: asked for ${byteLength} bytes with 12 bytes in use, but maxBytes is 4096; ` +
          'raise maxBytes, reset() more often, or allocate less between resets',
      });
    }
  });

  test(`${mode}: makeSlice refuses a length that is not a whole count, and a type that is not a typed array`, () => {
    const { arena } = withData(checked);
    const length = (got: string) => range(`makeSlice: length must be an integer from 0 to 4294967295, got ${got}`);
    const notTyped = (got: string) =>
      type(`makeSlice: type must be a typed-array class such as Float64Array, got ${got}`);
    for (const [sliceType, sliceLength, expected] of [
      [Float64Array, 1.5, length('1.5')], // used to take 12 bytes for a view of one element
      [Float64Array, -1, length('-1')],
      [Uint8Array, Number.NaN, length('NaN')],
      [Uint8Array, Number.POSITIVE_INFINITY, length('Infinity')],
      [Uint8Array, 2 ** 32, length('4294967296')],
      [Uint8Array, '3', type('makeSlice: length must be an integer from 0 to 4294967295, got "3"')],
      [Array, 3, notTyped('the function Array')],
      [DataView, 3, notTyped('the function DataView')],
      [undefined, 3, notTyped('undefined')],
      [{ BYTES_PER_ELEMENT: 8 }, 3, notTyped('an Object')],
    ] as [unknown, unknown, { name: string; message: string }][]) {
      assertRefused(
        arena,
        () => arena.makeSlice(sliceType as TypedArrayConstructorLike<unknown>, sliceLength as number),
        expected,
      );
    }
    class Vector extends Float64Array {}
    assert.ok(arena.makeSlice(Vector, 2) instanceof Vector, 'a subclass of a typed array is a typed-array class');
  });

  test(`${mode}: clone and cloneString refuse a byteLength that is negative, fractional or past the data`, () => {
    const { arena, handle } = withData(checked);
    for (const operation of ['clone', 'cloneString'] as const) {
      const byteLength = (got: string) =>
        range(`${operation}: byteLength must be an integer from 0 to usedBytes (12), got ${got}`);
      for (const [length, expected] of [
        [-5, byteLength('-5')], // clone used to return the rest of the region
        [1.5, byteLength('1.5')],
        [Number.NaN, byteLength('NaN')],
        [2 ** 32, byteLength('4294967296')],
        ['4', type(`${operation}: byteLength must be an integer from 0 to usedBytes (12), got "4"`)],
      ] as [unknown, { name: string; message: string }][]) {
        assertRefused(arena, () => arena[operation](handle, length as number), expected);
      }
      const pastTheData = checked
        ? {
            name: 'StaleHandleError',
            message: 'handle 4294967296 names bytes 0..13 of generation 1, but only 12 bytes are allocated',
          }
        : range(
            `${operation}: handle 0 with byteLength 13 names bytes that are not all allocated (usedBytes is 12); ` +
              'pass a handle the arena returned and at most the bytes written there',
          );
      assertRefused(arena, () => arena[operation](handle, 13), pastTheData);
    }
    assert.deepEqual([...arena.clone(handle, 3)], [1, 2, 3]);
  });

  test(`${mode}: writers refuse values that are not what they write, before taking any bytes`, () => {
    const { arena } = withData(checked);
    for (const [call, expected] of [
      [() => arena.writeAscii(42 as unknown as string), type('writeAscii: text must be a string, got 42')],
      [() => arena.writeUtf8(undefined as unknown as string), type('writeUtf8: text must be a string, got undefined')],
      [() => arena.writeUtf8(['a'] as unknown as string), type('writeUtf8: text must be a string, got an Array')],
      [
        () => arena.writeBytes([1, 2] as unknown as Uint8Array),
        type('writeBytes: source must be a Uint8Array (a Buffer is one), got an Array'),
      ],
      [
        () => arena.writeBytes(new Uint16Array(2) as unknown as Uint8Array),
        type('writeBytes: source must be a Uint8Array (a Buffer is one), got a Uint16Array'),
      ],
      [
        () => arena.writeBytes('ab' as unknown as Uint8Array),
        type('writeBytes: source must be a Uint8Array (a Buffer is one), got "ab"'),
      ],
      [
        () => arena.writeInt(1.5),
        range('writeInt: 1.5 is not a safe integer; write String(value) with writeAscii instead'),
      ],
    ] as [() => unknown, { name: string; message: string }][]) {
      assertRefused(arena, call, expected);
    }
  });

  test(`${mode}: non-ASCII text too long for the region is refused without growing it`, () => {
    const arena = new Arena({ checked, initialBytes: 8 });
    arena.writeAscii('abc');
    const view = arena.bytes;
    assertRefused(
      arena,
      () => arena.writeAscii('long enough to grow, naïve'),
      range('writeAscii: the text has a character outside ASCII; use writeUtf8 for "long enough to grow, naïve"'),
    );
    assert.equal(view.length, 8, 'no growth, so a checked arena has not emptied the earlier view');
  });

  test(`${mode}: records and allocRecord take only layouts made by defineLayout`, () => {
    const { arena } = withData(checked);
    const forged = { fields: { x: 'f64' }, byteLength: -8, align: 8, offsets: { x: 0 } } as unknown as Layout;
    const copied = { ...defineLayout({ x: 'f64' }) };
    for (const [layout, got] of [
      [forged, 'an Object'],
      [copied, 'an Object'],
      [undefined, 'undefined'],
    ] as const) {
      const message = (operation: string) =>
        type(`${operation}: layout must be one that defineLayout() returned, got ${got}`);
      assertRefused(arena, () => arena.allocRecord(layout as Layout), message('allocRecord'));
      assertRefused(arena, () => arena.records(layout as Layout<FieldSpec>), message('records'));
    }
  });

  test(`${mode}: after free(), clone and cloneString throw ArenaFreedError`, () => {
    const { arena, handle } = withData(checked);
    arena.free();
    assert.throws(() => arena.clone(handle, 1), {
      name: 'ArenaFreedError',
      message: /^clone\(\) on an arena that was freed/,
    });
    assert.throws(() => arena.cloneString(handle, 1), ArenaFreedError);
  });
}

test('defineLayout takes only its own field type names, never inherited properties', () => {
  const known = 'use one of u8, i8, u16, i16, u32, i32, f32, f64, u64, i64';
  for (const [fields, message] of [
    [{ x: 'toString' }, `defineLayout: field "x" has unknown type "toString"; ${known}`],
    [{ x: 'constructor' }, `defineLayout: field "x" has unknown type "constructor"; ${known}`],
    [{ x: '__proto__' }, `defineLayout: field "x" has unknown type "__proto__"; ${known}`],
    [{ x: 8 }, `defineLayout: field "x" has unknown type 8; ${known}`],
    [{ x: undefined }, `defineLayout: field "x" has unknown type undefined; ${known}`],
    [JSON.parse('{ "__proto__": "u8" }'), 'defineLayout: "__proto__" cannot be a field name; use another name'],
    [
      { [Symbol('tag')]: 'u8', x: 'f64' },
      'defineLayout: field names must be strings; a symbol-named field would be left out of the layout',
    ],
    [null, "defineLayout: fields must be an object such as { x: 'f64', id: 'u32' }, got null"],
    [['f64'], "defineLayout: fields must be an object such as { x: 'f64', id: 'u32' }, got an Array"],
    ['f64', `defineLayout: fields must be an object such as { x: 'f64', id: 'u32' }, got "f64"`],
  ] as [unknown, string][]) {
    assert.throws(() => defineLayout(fields as FieldSpec), { name: 'TypeError', message });
  }
  assert.deepEqual(defineLayout({ toString: 'u8', constructor: 'u16' } as FieldSpec).offsets, {
    toString: 0,
    constructor: 2,
  });
});

test('Arena options: each is checked against its own range, and the message names it', () => {
  const initialBytes = (got: string) => `Arena: initialBytes must be an integer from 0 to 2147483648, got ${got}`;
  const maxBytes = (got: string) => `Arena: maxBytes must be an integer from 1 to 2147483648, got ${got}`;
  for (const [options, name, message] of [
    [{ initialBytes: Number.NaN }, 'RangeError', initialBytes('NaN')], // used to blame maxBytes
    [{ initialBytes: 1.5 }, 'RangeError', initialBytes('1.5')],
    [{ initialBytes: Number.POSITIVE_INFINITY }, 'RangeError', initialBytes('Infinity')],
    [{ initialBytes: 2 ** 32 }, 'RangeError', initialBytes('4294967296')],
    [{ initialBytes: '1024' }, 'TypeError', initialBytes('"1024"')],
    [{ maxBytes: Number.NaN }, 'RangeError', maxBytes('NaN')],
    [{ maxBytes: -1 }, 'RangeError', maxBytes('-1')],
    [{ maxBytes: 2 ** 31 + 1 }, 'RangeError', maxBytes('2147483649')],
    [{ maxBytes: null }, 'TypeError', maxBytes('null')],
    [
      { initialBytes: 2048, maxBytes: 1024 },
      'RangeError',
      'Arena: initialBytes must be an integer from 0 to maxBytes (1024), got 2048; raise maxBytes or lower initialBytes',
    ],
    [{ checked: 'yes' }, 'TypeError', 'Arena: checked must be true or false, got "yes"'],
    [{ checked: 1 }, 'TypeError', 'Arena: checked must be true or false, got 1'],
    [
      { intialBytes: 1024 },
      'TypeError',
      'Arena: unknown option "intialBytes"; the options are initialBytes, maxBytes, checked',
    ],
    [null, 'TypeError', 'Arena: options must be an object such as { initialBytes: 65536 }, got null'],
    [1024, 'TypeError', 'Arena: options must be an object such as { initialBytes: 65536 }, got 1024'],
  ] as [unknown, string, string][]) {
    assert.throws(() => new Arena(options as object), { name, message }, JSON.stringify(options));
  }
});

test('Arena defaults follow each other: initialBytes is at most maxBytes, maxBytes at least initialBytes', () => {
  for (const [options, capacityBytes, maxBytes] of [
    [{ maxBytes: 1024 }, 1024, 1024], // used to throw about initialBytes
    [{ maxBytes: 2 ** 20 }, 64 * 1024, 2 ** 20],
    [{ initialBytes: 0 }, 0, 2 ** 30],
    [{ initialBytes: 8, maxBytes: 2 ** 31 }, 8, 2 ** 31],
    [{}, 64 * 1024, 2 ** 30],
  ] as [object, number, number][]) {
    const arena = new Arena(options);
    assert.deepEqual([arena.capacityBytes, arena.maxBytes], [capacityBytes, maxBytes], JSON.stringify(options));
  }
});

test('ArenaPool checks its arenas\u2019 options when it is made, not at the first acquire()', () => {
  for (const [options, name, message] of [
    [{ initialBytes: -1 }, 'RangeError', 'ArenaPool: initialBytes must be an integer from 0 to 2147483648, got -1'],
    [{ checked: 'no' }, 'TypeError', 'ArenaPool: checked must be true or false, got "no"'],
    [{ maxIdle: 1.5 }, 'RangeError', 'ArenaPool: maxIdle must be a non-negative integer, got 1.5'],
    [{ maxIdle: '4' }, 'TypeError', 'ArenaPool: maxIdle must be a non-negative integer, got "4"'],
    [
      { maxIdel: 4 },
      'TypeError',
      'ArenaPool: unknown option "maxIdel"; the options are maxIdle, initialBytes, maxBytes, checked',
    ],
    [null, 'TypeError', 'ArenaPool: options must be an object such as { initialBytes: 65536 }, got null'],
  ] as [unknown, string, string][]) {
    assert.throws(() => new ArenaPool(options as object), { name, message }, JSON.stringify(options));
  }
  const pool = new ArenaPool({ maxBytes: 512 });
  assert.deepEqual([pool.acquire().capacityBytes, pool.stats.created], [512, 1]);
});
