import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Arena, defineLayout, type FieldSpec } from '../src/arena/index.js';

for (const [fields, byteLength, align, offsets] of [
  [{ x: 'f64', y: 'f64', id: 'u32', flags: 'u8' }, 24, 8, { x: 0, y: 8, id: 16, flags: 20 }],
  [{ flags: 'u8', x: 'f64' }, 16, 8, { flags: 0, x: 8 }],
  [{ a: 'u8', b: 'u16', c: 'u8' }, 6, 2, { a: 0, b: 2, c: 4 }],
  [{ a: 'u8', b: 'i8', c: 'u8' }, 3, 1, { a: 0, b: 1, c: 2 }],
  [{ a: 'i16', b: 'f32', c: 'i8' }, 12, 4, { a: 0, b: 4, c: 8 }],
  [{ big: 'u64', small: 'i32' }, 16, 8, { big: 0, small: 8 }],
  [{ n: 'i64' }, 8, 8, { n: 0 }],
] as [FieldSpec, number, number, Record<string, number>][]) {
  test(`layout ${JSON.stringify(fields)} is ${byteLength} bytes, aligned to ${align}`, () => {
    const layout = defineLayout(fields);
    assert.deepEqual(
      { byteLength: layout.byteLength, align: layout.align, offsets: layout.offsets },
      { byteLength, align, offsets },
    );
  });
}

test('defineLayout rejects layouts it cannot lay out faithfully', () => {
  for (const [fields, message] of [
    [{}, /needs at least one field/],
    [{ x: 'f128' }, /field "x" has unknown type "f128"; use one of u8, i8, u16/],
    [{ a: 'u8', 1: 'u8' }, /field name "1" is an integer/],
  ] as const) {
    assert.throws(() => defineLayout(fields as unknown as FieldSpec), { name: 'TypeError', message });
  }
});

test('records are zeroed, aligned, back to back, and every field type round-trips', () => {
  const layout = defineLayout({
    u8: 'u8',
    i8: 'i8',
    u16: 'u16',
    i16: 'i16',
    u32: 'u32',
    i32: 'i32',
    f32: 'f32',
    f64: 'f64',
    u64: 'u64',
    i64: 'i64',
  });
  const arena = new Arena({ initialBytes: 256 });
  arena.bytes.fill(0xaa);
  arena.alloc(1, 1);
  const records = arena.records(layout);
  const first = records.alloc();
  const second = records.alloc();
  assert.deepEqual([first, second, layout.byteLength], [8, 56, 48]);
  assert.deepEqual([...arena.bytes.subarray(first, first + 2 * layout.byteLength)], new Array(96).fill(0));
  const { get, set } = records;
  for (const [name, written, read] of [
    ['u8', 255, 255],
    ['i8', -128, -128],
    ['u16', 65535, 65535],
    ['i16', -32768, -32768],
    ['u32', 4294967295, 4294967295],
    ['i32', -2147483648, -2147483648],
    ['f32', 1.5, 1.5],
    ['f64', Math.PI, Math.PI],
    ['u64', 2n ** 64n - 1n, 2n ** 64n - 1n],
    ['i64', -(2n ** 63n), -(2n ** 63n)],
    ['u8', 256 + 7, 7], // integer fields wrap like typed arrays
  ] as const) {
    (set[name] as (handle: number, value: number | bigint) => void)(second, written);
    assert.equal(get[name](second), read, name);
    assert.equal(get[name](first), typeof read === 'bigint' ? 0n : 0, `${name} of the neighbour record`);
  }
});

test('fields are little-endian at their declared offsets', () => {
  const layout = defineLayout({ tag: 'u8', value: 'u32' });
  const arena = new Arena();
  const records = arena.records(layout);
  const record = records.alloc();
  records.set.tag(record, 0xab);
  records.set.value(record, 0x01020304);
  assert.deepEqual([...arena.bytes.subarray(record, record + layout.byteLength)], [0xab, 0, 0, 0, 4, 3, 2, 1]);
});
