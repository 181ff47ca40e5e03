/** defineLayout: a record's fields, their C-like offsets and alignment, checked once. */
import { describeValue } from './errors.js';

/** Numeric field types a record can hold, named like Rust's primitives. */
export type FieldType = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'f64' | 'u64' | 'i64';

/** Field names in declaration order, each with its type: `{ x: 'f64', id: 'u32' }`. */
export type FieldSpec = Record<string, FieldType>;

/** What a field reads as: 64-bit integers need a bigint to be exact, everything else is a number. */
export type FieldValue<T extends FieldType> = T extends 'u64' | 'i64' ? bigint : number;

/** Byte size of each field type; natural alignment equals size, as in C on every Node platform. */
export const fieldByteLengths: Readonly<Record<FieldType, number>> = {
  u8: 1,
  i8: 1,
  u16: 2,
  i16: 2,
  u32: 4,
  i32: 4,
  f32: 4,
  f64: 8,
  u64: 8,
  i64: 8,
};

/** Layouts made by defineLayout: the only ones whose offsets and sizes the arena can trust. */
const definedLayouts = new WeakSet<object>();

/** True for a layout returned by defineLayout (a hand-built object could place fields outside its record). */
export function isDefinedLayout(value: unknown): value is Layout {
  return typeof value === 'object' && value !== null && definedLayouts.has(value);
}

/** A fixed record layout, computed once (Go's `arena.New[T]` needs the type; this is the type). */
export interface Layout<F extends FieldSpec = FieldSpec> {
  readonly fields: Readonly<F>;
  /** Size of one record including tail padding, so records placed back to back stay aligned. */
  readonly byteLength: number;
  /** Largest field alignment; every record is allocated at a multiple of it. */
  readonly align: number;
  /** Byte offset of each field from the start of the record. */
  readonly offsets: { readonly [K in keyof F]: number };
}

/**
 * Lays fields out like a C struct: declaration order, each field at the next multiple of its own
 * size, the record padded to a multiple of its largest alignment. Fields are never reordered, so
 * `{ a: 'u8', b: 'f64' }` costs 16 bytes where `{ b: 'f64', a: 'u8' }` also costs 16 but leaves
 * its padding at the end.
 */
export function defineLayout<F extends FieldSpec>(fields: F): Layout<F> {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new TypeError(
      `defineLayout: fields must be an object such as { x: 'f64', id: 'u32' }, got ${describeValue(fields)}`,
    );
  }
  if (Object.getOwnPropertySymbols(fields).length > 0) {
    throw new TypeError(
      'defineLayout: field names must be strings; a symbol-named field would be left out of the layout',
    );
  }
  const names = Object.keys(fields);
  if (names.length === 0) throw new TypeError('defineLayout: a layout needs at least one field');
  const offsets: Record<string, number> = {};
  let byteLength = 0;
  let align = 1;
  for (const name of names) {
    // JavaScript enumerates integer-like keys first, which would silently reorder the layout.
    if (/^(0|[1-9]\d*)$/.test(name)) {
      throw new TypeError(`defineLayout: field name "${name}" is an integer; use a name that is not a number`);
    }
    // Assigning "__proto__" would set the prototype of the offsets and accessor objects instead of a field.
    if (name === '__proto__') throw new TypeError('defineLayout: "__proto__" cannot be a field name; use another name');
    const type: unknown = fields[name];
    // Own keys only: "toString" or "constructor" would otherwise find Object.prototype's functions.
    if (typeof type !== 'string' || !Object.hasOwn(fieldByteLengths, type)) {
      throw new TypeError(
        `defineLayout: field "${name}" has unknown type ${describeValue(type)}; use one of ${Object.keys(fieldByteLengths).join(', ')}`,
      );
    }
    const size = fieldByteLengths[type as FieldType];
    byteLength = alignUp(byteLength, size);
    offsets[name] = byteLength;
    byteLength += size;
    if (size > align) align = size;
  }
  const layout: Layout<F> = Object.freeze({
    fields: Object.freeze({ ...fields }),
    byteLength: alignUp(byteLength, align),
    align,
    offsets: Object.freeze(offsets) as Layout<F>['offsets'],
  });
  definedLayouts.add(layout);
  return layout;
}

function alignUp(offset: number, align: number): number {
  return offset + (-offset & (align - 1));
}
