/**
 * The field accessors of `arena.records(layout)`: one closure per field, built once, reading and
 * writing little-endian values in place. They are the arena's hot path for records.
 */
import type { FieldType } from './layout.js';

/**
 * The two members of an arena the accessors use, read through the arena itself on every call: growth
 * replaces `dv`, and a checked arena's `checkRange` validates the handle. (Protected on Arena; the
 * accessors are its own code, kept in a file of their own.)
 */
export interface RecordMemory {
  readonly dv: DataView;
  checkRange(handle: number, byteLength: number): number;
}

export function fieldGetter(
  memory: RecordMemory,
  type: FieldType,
  fieldOffset: number,
  recordBytes: number,
): (handle: number) => number | bigint {
  switch (type) {
    case 'u8':
      return (handle) => memory.dv.getUint8(memory.checkRange(handle, recordBytes) + fieldOffset);
    case 'i8':
      return (handle) => memory.dv.getInt8(memory.checkRange(handle, recordBytes) + fieldOffset);
    case 'u16':
      return (handle) => memory.dv.getUint16(memory.checkRange(handle, recordBytes) + fieldOffset, true);
    case 'i16':
      return (handle) => memory.dv.getInt16(memory.checkRange(handle, recordBytes) + fieldOffset, true);
    case 'u32':
      return (handle) => memory.dv.getUint32(memory.checkRange(handle, recordBytes) + fieldOffset, true);
    case 'i32':
      return (handle) => memory.dv.getInt32(memory.checkRange(handle, recordBytes) + fieldOffset, true);
    case 'f32':
      return (handle) => memory.dv.getFloat32(memory.checkRange(handle, recordBytes) + fieldOffset, true);
    case 'f64':
      return (handle) => memory.dv.getFloat64(memory.checkRange(handle, recordBytes) + fieldOffset, true);
    case 'u64':
      return (handle) => memory.dv.getBigUint64(memory.checkRange(handle, recordBytes) + fieldOffset, true);
    case 'i64':
      return (handle) => memory.dv.getBigInt64(memory.checkRange(handle, recordBytes) + fieldOffset, true);
  }
}

export function fieldSetter(
  memory: RecordMemory,
  type: FieldType,
  fieldOffset: number,
  recordBytes: number,
): ((handle: number, value: number) => void) | ((handle: number, value: bigint) => void) {
  switch (type) {
    case 'u8':
      return (handle: number, value: number) =>
        memory.dv.setUint8(memory.checkRange(handle, recordBytes) + fieldOffset, value);
    case 'i8':
      return (handle: number, value: number) =>
        memory.dv.setInt8(memory.checkRange(handle, recordBytes) + fieldOffset, value);
    case 'u16':
      return (handle: number, value: number) =>
        memory.dv.setUint16(memory.checkRange(handle, recordBytes) + fieldOffset, value, true);
    case 'i16':
      return (handle: number, value: number) =>
        memory.dv.setInt16(memory.checkRange(handle, recordBytes) + fieldOffset, value, true);
    case 'u32':
      return (handle: number, value: number) =>
        memory.dv.setUint32(memory.checkRange(handle, recordBytes) + fieldOffset, value, true);
    case 'i32':
      return (handle: number, value: number) =>
        memory.dv.setInt32(memory.checkRange(handle, recordBytes) + fieldOffset, value, true);
    case 'f32':
      return (handle: number, value: number) =>
        memory.dv.setFloat32(memory.checkRange(handle, recordBytes) + fieldOffset, value, true);
    case 'f64':
      return (handle: number, value: number) =>
        memory.dv.setFloat64(memory.checkRange(handle, recordBytes) + fieldOffset, value, true);
    case 'u64':
      return (handle: number, value: bigint) =>
        memory.dv.setBigUint64(memory.checkRange(handle, recordBytes) + fieldOffset, value, true);
    case 'i64':
      return (handle: number, value: bigint) =>
        memory.dv.setBigInt64(memory.checkRange(handle, recordBytes) + fieldOffset, value, true);
  }
}
