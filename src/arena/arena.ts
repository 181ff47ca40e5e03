/** The arena: bump allocation over one ArrayBuffer, writers, slices, records, reset, growth; and its checked variant. */
import { Buffer } from 'node:buffer';
import { ArenaExhaustedError, ArenaFreedError, describeValue, requireInteger, StaleHandleError } from './errors.js';
import { badHandleMessage, detach, HANDLE_SPAN, MAX_GENERATION } from './handles.js';
import { type FieldSpec, type FieldType, type FieldValue, isDefinedLayout, type Layout } from './layout.js';
import { type ArenaOptions, resolveArenaOptions } from './options.js';
import { fieldGetter, fieldSetter, type RecordMemory } from './records.js';
import {
  decimalLength,
  encodeAscii,
  encodeDecimal,
  encodeUtf8,
  isAscii,
  MAX_UTF8_BYTES_PER_CODE_UNIT,
  utf8ByteLength,
} from './text.js';

export interface ArenaStats {
  /** Bytes handed out since the last reset, padding included. */
  usedBytes: number;
  /** Size of the current region (0 once freed). */
  capacityBytes: number;
  /** Most bytes ever in use at once; tells you what `initialBytes` should have been. */
  highWaterBytes: number;
  resets: number;
  /** Times the region was replaced by a larger one. */
  grows: number;
}

/** Any typed-array class: `Float64Array`, `BigInt64Array`, `Uint8ClampedArray`, `Float16Array` where it exists… */
export interface TypedArrayConstructorLike<T> {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Allocation and allocation-free field access for one record layout in one arena. */
export interface Records<F extends FieldSpec> {
  readonly layout: Layout<F>;
  /** A zeroed record; returns its handle. */
  alloc(): number;
  readonly get: { readonly [K in keyof F]: (handle: number) => FieldValue<F[K]> };
  readonly set: { readonly [K in keyof F]: (handle: number, value: FieldValue<F[K]>) => void };
}

// Buffer#write costs ~65 ns per call into C++, the JS encoder ~2 ns per code unit on Node 20:
// below ~32 code units the JS encoder wins (measured for ASCII and for mixed text).
const LONG_TEXT_CODE_UNITS = 32;

// %TypedArray%, the class every typed-array class (and any subclass of one) extends.
const TypedArray = Object.getPrototypeOf(Int8Array) as abstract new () => ArrayBufferView;
/**
 * A region of memory over one ArrayBuffer, bump-allocated and freed all at once by `reset()`.
 * The garbage collector sees one buffer however many allocations it holds.
 *
 * Allocations are named by handles (numbers). In an unchecked arena a handle is the byte offset
 * into `buffer`; in a checked arena it also carries the generation, and `offsetOf(handle)` gives
 * the byte offset in both. Growth copies the region into one twice as large (up to `maxBytes`):
 * handles stay valid, views taken earlier keep pointing at the old copy.
 */
export class Arena implements Disposable {
  readonly maxBytes!: number;
  protected region!: ArrayBuffer;
  protected u8!: Uint8Array;
  protected dv!: DataView;
  protected nodeBuffer!: Buffer;
  protected used = 0;
  /** Bytes in `region`, or -1 once freed so that every allocation falls into the slow path. */
  protected capacity = 0;
  protected highWater = 0;
  protected resetCount = 0;
  protected growCount = 0;
  protected lastByteLength = 0;

  constructor(options: ArenaOptions = {}) {
    const resolved = resolveArenaOptions(options, 'Arena');
    // Checked mode is a subclass so that the unchecked hot path holds no test of it at all.
    // biome-ignore lint/correctness/noConstructorReturn: `new Arena({ checked: true })` is a CheckedArena, one constructor for both
    if (resolved.checked && new.target === Arena) return new CheckedArena(resolved);
    this.maxBytes = resolved.maxBytes;
    this.adopt(new ArrayBuffer(resolved.initialBytes));
  }

  /** True for an arena created with `checked: true`. */
  get checked(): boolean {
    return false;
  }

  get freed(): boolean {
    return this.capacity < 0;
  }

  /** The current region. Replaced by growth (and, when checked, by reset); do not keep it. */
  get buffer(): ArrayBuffer {
    return this.region;
  }

  /** All bytes of the current region, for reading and writing at `offsetOf(handle)`. */
  get bytes(): Uint8Array {
    return this.u8;
  }

  /** A DataView over the current region, for reading and writing at `offsetOf(handle)`. */
  get dataView(): DataView {
    return this.dv;
  }

  get usedBytes(): number {
    return this.used;
  }

  get capacityBytes(): number {
    return Math.max(this.capacity, 0);
  }

  /** Bytes the last writer call wrote: the data is at `offsetOf(handle)`, `lastLength` long. */
  get lastLength(): number {
    return this.lastByteLength;
  }

  get stats(): ArenaStats {
    return {
      usedBytes: this.used,
      capacityBytes: this.capacityBytes,
      highWaterBytes: Math.max(this.highWater, this.used),
      resets: this.resetCount,
      grows: this.growCount,
    };
  }

  /**
   * Reserves `byteLength` bytes at a multiple of `align` (a power of two) and returns their handle.
   * The bytes are not cleared: after a reset they hold whatever the last generation wrote.
   */
  alloc(byteLength: number, align = 8): number {
    return this.stamp(this.bump(byteLength, align));
  }

  /** A zeroed typed array of `length` elements in the arena, aligned for its element type (Go's `arena.MakeSlice`). */
  makeSlice<T>(type: TypedArrayConstructorLike<T>, length: number): T {
    // Checked before anything moves: a fractional length would take more bytes than the view covers.
    if (length >>> 0 !== length) requireInteger('makeSlice', 'length', length, 0, 2 ** 32 - 1);
    if (typeof type !== 'function' || !(type.prototype instanceof TypedArray)) {
      throw new TypeError(
        `makeSlice: type must be a typed-array class such as Float64Array, got ${describeValue(type)}`,
      );
    }
    const elementBytes = type.BYTES_PER_ELEMENT;
    const offset = this.bump(length * elementBytes, elementBytes);
    this.zero(offset, offset + length * elementBytes);
    return new type(this.region, offset, length);
  }

  /** A zeroed record of `layout` (Go's `arena.New[T]`); returns its handle. */
  allocRecord(layout: Layout): number {
    requireDefinedLayout('allocRecord', layout);
    return this.newRecord(layout.byteLength, layout.align);
  }

  /**
   * Allocator and field accessors for records of `layout`. Build it once, outside hot loops:
   * `get.x(handle)` and `set.x(handle, value)` then read and write little-endian fields in place
   * without allocating (except that a u64/i64 read returns a new bigint, as BigInt64Array does).
   */
  records<F extends FieldSpec>(layout: Layout<F>): Records<F> {
    requireDefinedLayout('records', layout);
    const { byteLength, align } = layout;
    const get: Record<string, (handle: number) => number | bigint> = {};
    const set: Record<string, (handle: number, value: never) => void> = {};
    // The accessors reach the arena's protected `dv` and `checkRange`: they are the arena's own code.
    const memory = this as unknown as RecordMemory;
    for (const name of Object.keys(layout.fields)) {
      const type = layout.fields[name] as FieldType;
      const fieldOffset = layout.offsets[name] as number;
      get[name] = fieldGetter(memory, type, fieldOffset, layout.byteLength);
      set[name] = fieldSetter(memory, type, fieldOffset, layout.byteLength) as (handle: number, value: never) => void;
    }
    return Object.freeze({
      layout,
      alloc: () => this.newRecord(byteLength, align),
      get: Object.freeze(get),
      set: Object.freeze(set),
    }) as unknown as Records<F>;
  }

  /** Copies `source` into the arena. */
  writeBytes(source: Uint8Array): number {
    if (!(source instanceof Uint8Array)) {
      throw new TypeError(`writeBytes: source must be a Uint8Array (a Buffer is one), got ${describeValue(source)}`);
    }
    const offset = this.bump(source.length, 1);
    this.u8.set(source, offset);
    this.lastByteLength = source.length;
    return this.stamp(offset);
  }

  /** Writes `text` one byte per character; throws RangeError (and allocates nothing) if any character is not ASCII. */
  writeAscii(text: string): number {
    if (typeof text !== 'string') throw new TypeError(`writeAscii: text must be a string, got ${describeValue(text)}`);
    const offset = this.used;
    const end = offset + text.length;
    // Growing for text that is then refused would change the arena; check the text before growing.
    if (end > this.capacity) {
      if (!isAscii(text)) throw notAscii(text);
      this.reserve(text.length);
    }
    // Encoding into the free bytes past `used` first: a refusal then leaves every allocation as it was.
    if (encodeAscii(text, this.u8, offset) > 0x7f) throw notAscii(text);
    this.used = end;
    this.lastByteLength = text.length;
    return this.stamp(offset);
  }

  /** Writes `text` as UTF-8, byte for byte what TextEncoder produces (lone surrogates become U+FFFD). */
  writeUtf8(text: string): number {
    if (typeof text !== 'string') throw new TypeError(`writeUtf8: text must be a string, got ${describeValue(text)}`);
    const offset = this.used;
    // Reserve the worst case when it fits, so common text is encoded in one pass.
    if (offset + text.length * MAX_UTF8_BYTES_PER_CODE_UNIT > this.capacity) this.reserve(utf8ByteLength(text));
    const end =
      text.length < LONG_TEXT_CODE_UNITS
        ? encodeUtf8(text, this.u8, offset)
        : offset + this.nodeBuffer.write(text, offset);
    this.used = end;
    this.lastByteLength = end - offset;
    return this.stamp(offset);
  }

  /**
   * Writes a safe integer's decimal digits, exactly as `String(value)` spells them (`-0` as "0").
   * Anything else (fractions, NaN, ±Infinity, beyond ±Number.MAX_SAFE_INTEGER) throws RangeError:
   * its digits would not be exact, and formatting it would need a heap string anyway.
   */
  writeInt(value: number): number {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`writeInt: ${value} is not a safe integer; write String(value) with writeAscii instead`);
    }
    const byteLength = decimalLength(value);
    const offset = this.bump(byteLength, 1);
    encodeDecimal(value, this.u8, offset, byteLength);
    this.lastByteLength = byteLength;
    return this.stamp(offset);
  }

  /** Copies bytes out to an ordinary heap Uint8Array that outlives reset() and free() (Go's `arena.Clone`). */
  clone(handle: number, byteLength: number): Uint8Array {
    const offset = this.allocatedSpan('clone', handle, byteLength);
    return this.u8.slice(offset, offset + byteLength);
  }

  /** Decodes UTF-8 bytes into a string. The string is an ordinary heap string, tracked by the GC like any other. */
  cloneString(handle: number, byteLength: number): string {
    const offset = this.allocatedSpan('cloneString', handle, byteLength);
    return this.nodeBuffer.toString('utf8', offset, offset + byteLength);
  }

  /** Byte offset into `buffer`/`bytes` that a handle names. Checked arenas throw StaleHandleError for a stale handle. */
  offsetOf(handle: number): number {
    return handle;
  }

  /** Frees every allocation at once in O(1). Views and handles from before must not be used again. */
  reset(): void {
    if (this.capacity < 0) throw new ArenaFreedError('reset()');
    if (this.used > this.highWater) this.highWater = this.used;
    this.used = 0;
    this.lastByteLength = 0;
    this.resetCount++;
  }

  /** Lets go of the region; any later allocation throws ArenaFreedError. Calling it again does nothing. */
  free(): void {
    if (this.capacity < 0) return;
    if (this.used > this.highWater) this.highWater = this.used;
    this.retire(this.region);
    this.adopt(new ArrayBuffer(0));
    this.used = 0;
    this.capacity = -1;
  }

  [Symbol.dispose](): void {
    this.free();
  }

  /** The allocation fast path: align, bump, and fall into `bumpSlow` for growth and bad arguments. */
  protected bump(byteLength: number, align: number): number {
    const used = this.used;
    let start = used;
    // Usually already aligned. Testing first lets the CPU predict the branch and start the next
    // allocation before the padding is known: ~4 ns instead of ~6 ns per alloc in `allocators`.
    if ((used & (align - 1)) !== 0) start = used + (-used & (align - 1));
    const end = start + byteLength;
    // `align | 0` also refuses fractions, NaN, ±Infinity and 2^31 and up: with 2^32, `align - 1`
    // would truncate to -1 and align the start down to 0, over earlier allocations.
    if (
      end > this.capacity ||
      byteLength >>> 0 !== byteLength ||
      (align & (align - 1)) !== 0 ||
      (align | 0) !== align ||
      align < 1
    ) {
      return this.bumpSlow(byteLength, align);
    }
    this.used = end;
    return start;
  }

  protected zero(start: number, end: number): void {
    if (end - start > 256) {
      this.u8.fill(0, start, end);
      return;
    }
    // For a small record, 8 bytes per store costs ~4 ns where fill() costs ~35 ns and a byte loop ~20 ns.
    const view = this.dv;
    let at = start;
    for (; at + 8 <= end; at += 8) view.setFloat64(at, 0);
    for (; at < end; at++) view.setUint8(at, 0);
  }

  /** Handle for a byte offset; an unchecked arena's handles are its offsets. */
  protected stamp(offset: number): number {
    return offset;
  }

  /** Byte offset of `byteLength` bytes at `handle`; the checked arena validates them. */
  protected checkRange(handle: number, _byteLength: number): number {
    return handle;
  }

  /**
   * Byte offset of `byteLength` allocated bytes at `handle`, for the reads that copy out. Cheap
   * next to the copy, so even an unchecked arena refuses a span that is not all allocated.
   */
  protected allocatedSpan(operation: string, handle: number, byteLength: number): number {
    if (this.capacity < 0) throw new ArenaFreedError(`${operation}()`);
    if (byteLength >>> 0 !== byteLength) {
      requireInteger(
        operation,
        'byteLength',
        byteLength,
        0,
        this.used,
        `an integer from 0 to usedBytes (${this.used})`,
      );
    }
    return this.spanOffset(operation, handle, byteLength);
  }

  protected spanOffset(operation: string, handle: number, byteLength: number): number {
    if (handle >>> 0 === handle && handle + byteLength <= this.used) return handle;
    throw new RangeError(
      `${operation}: handle ${describeValue(handle)} with byteLength ${byteLength} names bytes that are not all ` +
        `allocated (usedBytes is ${this.used}); pass a handle the arena returned and at most the bytes written there`,
    );
  }

  private newRecord(byteLength: number, align: number): number {
    const offset = this.bump(byteLength, align);
    this.zero(offset, offset + byteLength);
    return this.stamp(offset);
  }

  /** Called with a region the arena stops using; the checked arena empties its views. */
  protected retire(_region: ArrayBuffer): void {}

  protected adopt(region: ArrayBuffer): void {
    this.region = region;
    this.u8 = new Uint8Array(region);
    this.dv = new DataView(region);
    this.nodeBuffer = Buffer.from(region);
    this.capacity = region.byteLength;
  }

  private bumpSlow(byteLength: number, align: number): number {
    if (this.capacity < 0) throw new ArenaFreedError('allocation');
    // Only alloc() can get here with bad arguments: every other caller passes sizes it computed.
    // No upper bound here: a size past maxBytes is refused below as ArenaExhaustedError, saying so.
    requireInteger(
      'alloc',
      'byteLength',
      byteLength,
      0,
      Number.POSITIVE_INFINITY,
      'a non-negative integer (a number of bytes)',
    );
    requireInteger('alloc', 'align', align, 1, 2 ** 30, 'a power of two from 1 to 2^30');
    if ((align & (align - 1)) !== 0) {
      throw new RangeError(`alloc: align must be a power of two from 1 to 2^30, got ${align}`);
    }
    const start = this.used + (-this.used & (align - 1));
    const end = start + byteLength;
    if (end > this.capacity) this.grow(end, byteLength);
    this.used = end;
    return start;
  }

  /** Makes room for `byteLength` more bytes at the current position without allocating them. */
  private reserve(byteLength: number): void {
    if (this.capacity < 0) throw new ArenaFreedError('allocation');
    const end = this.used + byteLength;
    if (end > this.capacity) this.grow(end, byteLength);
  }

  /**
   * Moves the region to one of max(2 × capacity, needed) bytes, capped at maxBytes. Doubling keeps
   * the copying amortised O(1) per byte. A plain ArrayBuffer rather than a resizable one because on
   * Node 20 typed arrays over a resizable buffer read and write 2–9× slower (measured), and the
   * arena exists for speed.
   */
  private grow(end: number, requestedBytes: number): void {
    if (end > this.maxBytes) throw new ArenaExhaustedError(requestedBytes, this.used, this.maxBytes);
    const next = new ArrayBuffer(Math.min(this.maxBytes, Math.max(end, this.capacity * 2)));
    new Uint8Array(next).set(this.u8.subarray(0, this.used));
    this.retire(this.region);
    this.adopt(next);
    this.growCount++;
  }
}

function requireDefinedLayout(operation: string, layout: unknown): void {
  if (!isDefinedLayout(layout)) {
    throw new TypeError(`${operation}: layout must be one that defineLayout() returned, got ${describeValue(layout)}`);
  }
}

function notAscii(text: string): RangeError {
  return new RangeError(`writeAscii: the text has a character outside ASCII; use writeUtf8 for "${text.slice(0, 40)}"`);
}

/**
 * The arena with `checked: true`. Each reset moves the memory to a fresh ArrayBuffer and detaches
 * the old one, so views taken before read as length 0 instead of silently aliasing new data; growth
 * and free() detach the region they leave. Handles carry the generation, so a stale one throws.
 * Generations wrap after 2^21 − 1 resets, so a handle exactly that many resets old goes unnoticed.
 */
class CheckedArena extends Arena {
  private generation = 1;

  override get checked(): boolean {
    return true;
  }

  override offsetOf(handle: number): number {
    return this.checkRange(handle, 0);
  }

  override reset(): void {
    super.reset();
    this.generation = this.generation === MAX_GENERATION ? 1 : this.generation + 1;
    this.adopt(detach(this.region));
  }

  protected override stamp(offset: number): number {
    return this.generation * HANDLE_SPAN + offset;
  }

  protected override checkRange(handle: number, byteLength: number): number {
    if (this.capacity < 0) throw new ArenaFreedError('using a handle');
    const generation = Math.floor(handle / HANDLE_SPAN);
    const offset = handle - generation * HANDLE_SPAN;
    if (generation === this.generation && Number.isInteger(handle) && offset + byteLength <= this.used) return offset;
    throw new StaleHandleError(
      badHandleMessage({ handle, generation, offset, byteLength }, this.generation, this.used),
    );
  }

  protected override spanOffset(_operation: string, handle: number, byteLength: number): number {
    return this.checkRange(handle, byteLength);
  }

  protected override retire(region: ArrayBuffer): void {
    detach(region);
  }
}
