import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { test } from 'node:test';
import fc from 'fast-check';
import { Arena, defineLayout, type TypedArrayConstructorLike } from '../src/arena/index.js';

// The Arena against a model that only tracks numbers: where the bump pointer is, how large the
// region is, and which bytes each live allocation should hold. Random sequences of calls, valid
// and invalid, in both modes; after every call the arena must agree with the model exactly.
// A fixed seed keeps failures reproducible; fast-check prints the seed, path and shrunk sequence.
const SEED = 0x5eed;
const RUNS = 1000;
const MAX_CALLS = 40;

const HANDLE_SPAN = 2 ** 32;
const Point = defineLayout({ x: 'f64', id: 'u32', flags: 'u8' });
const pointsIn = (arena: Arena) => arena.records(Point);
type Points = ReturnType<typeof pointsIn>;

const sliceTypes: TypedArrayConstructorLike<ArrayBufferView & { length: number }>[] = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
];

type Call =
  | { kind: 'alloc'; byteLength: unknown; align: unknown }
  | { kind: 'writeAscii'; text: string }
  | { kind: 'writeUtf8'; text: string }
  | { kind: 'writeInt'; value: number }
  | { kind: 'writeBytes'; source: Uint8Array }
  | { kind: 'makeSlice'; typeIndex: number; length: unknown }
  | { kind: 'record'; x: number; id: number; flags: number }
  | { kind: 'clone'; pick: number; length: 'whole' | 'prefix' | 'pastUsed' | number }
  | { kind: 'stale'; pick: number }
  | { kind: 'reset' }
  | { kind: 'free' };

const invalidNumbers = [-1, -0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '8', null];

const callArbitrary: fc.Arbitrary<Call> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('alloc' as const),
      byteLength: fc.oneof(
        { weight: 6, arbitrary: fc.nat(96) },
        { weight: 1, arbitrary: fc.integer({ min: 1000, max: 5000 }) }, // past maxBytes: exhaustion
        { weight: 2, arbitrary: fc.constantFrom(...invalidNumbers, 2 ** 32, 2 ** 32 + 8, 2 ** 53) },
      ),
      align: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(1, 2, 4, 8, 16, 32, 64, undefined) },
        {
          weight: 2,
          arbitrary: fc.constantFrom(...invalidNumbers, 0, 3, 6, 2 ** 30, 2 ** 31, 2 ** 32, 2 ** 32 + 8, -8),
        },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('writeAscii' as const),
      text: fc.string({ unit: 'binary-ascii', maxLength: 40 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('writeAscii' as const, 'writeUtf8' as const),
      // Lone surrogates included; past 32 code units writeUtf8 takes its Buffer#write path.
      text: fc.string({
        unit: fc.oneof(
          fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
          fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
        ),
        maxLength: 40,
      }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('writeInt' as const), value: fc.oneof(fc.maxSafeInteger(), fc.double()) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('writeBytes' as const), source: fc.uint8Array({ maxLength: 48 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('makeSlice' as const),
      typeIndex: fc.nat(sliceTypes.length - 1),
      length: fc.oneof(
        { weight: 5, arbitrary: fc.nat(12) },
        { weight: 1, arbitrary: fc.constantFrom(...invalidNumbers, 2 ** 32) },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      x: fc.double({ noNaN: true }),
      id: fc.integer({ min: 0, max: 0xffffffff }),
      flags: fc.nat(255),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('clone' as const),
      pick: fc.nat(),
      length: fc.constantFrom('whole' as const, 'prefix' as const, 'pastUsed' as const, -5, 1.5, Number.NaN, 2 ** 32),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stale' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'free' as const }) },
);

interface Block {
  handle: number;
  offset: number;
  bytes: Uint8Array;
  isRecord: boolean;
}

interface View {
  view: ArrayBufferView;
  region: ArrayBufferLike;
  byteLength: number;
}

/** What the arena should look like: the numbers it reports and the bytes it holds. */
class Model {
  used = 0;
  highWater = 0;
  resets = 0;
  grows = 0;
  generation = 1;
  freed = false;
  live: Block[] = [];
  stale: Block[] = [];
  views: View[] = [];

  constructor(
    public capacity: number,
    readonly maxBytes: number,
    readonly checked: boolean,
  ) {}

  /** Where `byteLength` bytes at `align` go, growing as the arena does; undefined if past maxBytes. */
  place(byteLength: number, align: number): number | undefined {
    const start = this.used + (-this.used & (align - 1));
    const end = start + byteLength;
    if (end > this.capacity) {
      if (end > this.maxBytes) return undefined;
      this.capacity = Math.min(this.maxBytes, Math.max(end, this.capacity * 2));
      this.grows++;
    }
    this.used = end;
    return start;
  }

  /** Would `place` succeed? Checked before calling the arena, so the model moves only on success. */
  fits(byteLength: number, align: number): boolean {
    const start = this.used + (-this.used & (align - 1));
    return start + byteLength <= this.maxBytes;
  }

  handleOf(offset: number): number {
    return this.checked ? this.generation * HANDLE_SPAN + offset : offset;
  }

  endGeneration(): void {
    this.highWater = Math.max(this.highWater, this.used);
    this.used = 0;
    this.stale.push(...this.live);
    this.live = [];
  }
}

function observe(arena: Arena): unknown {
  return {
    stats: arena.stats,
    buffer: arena.buffer,
    lastLength: arena.lastLength,
    bytes: [...arena.bytes.subarray(0, arena.usedBytes)],
  };
}

/** The call must throw one of `names` and leave every observable part of the arena as it was. */
function assertRefused(arena: Arena, call: () => unknown, names: string[]): void {
  const before = observe(arena);
  assert.throws(call, (error: unknown) => error instanceof Error && names.includes(error.name));
  assert.deepEqual(observe(arena), before);
}

const isValidSize = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isValidAlign = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 2 ** 30 && (value & (value - 1)) === 0;
const isAscii = (text: string) => [...text].every((character) => character.charCodeAt(0) < 0x80);
const ARGUMENT_ERRORS = ['RangeError', 'TypeError'];

function pattern(step: number, byteLength: number): Uint8Array {
  return Uint8Array.from({ length: byteLength }, (_, k) => (step * 37 + k * 11 + 1) & 0xff);
}

function pointBytes(x: number, id: number, flags: number): Uint8Array {
  const bytes = new Uint8Array(Point.byteLength);
  const view = new DataView(bytes.buffer);
  view.setFloat64(Point.offsets.x, x, true);
  view.setUint32(Point.offsets.id, id, true);
  view.setUint8(Point.offsets.flags, flags);
  return bytes;
}

/**
 * Runs one call against the arena and the model. A call the model expects to succeed must
 * return the model's handle; one it expects to be refused must change nothing.
 */
function step(arena: Arena, model: Model, points: Points, call: Call, index: number): void {
  const refuse = (fn: () => unknown, names: string[]) => assertRefused(arena, fn, names);
  /** Allocates with `run` where the model says `byteLength` at `align` goes; refused if it cannot. */
  const allocate = (
    byteLength: number,
    align: number,
    run: () => number,
    bytes: () => Uint8Array,
    isRecord = false,
  ) => {
    if (model.freed) return refuse(run, ['ArenaFreedError']);
    if (!model.fits(byteLength, align)) return refuse(run, ['ArenaExhaustedError']);
    const handle = run();
    const offset = model.place(byteLength, align)!;
    assert.equal(offset % align, 0, 'aligned');
    assert.equal(handle, model.handleOf(offset));
    assert.equal(arena.offsetOf(handle), offset);
    for (const block of model.live) {
      assert.ok(
        block.offset + block.bytes.length <= offset || offset + byteLength <= block.offset || byteLength === 0,
        'no overlap',
      );
    }
    model.live.push({ handle, offset, bytes: bytes(), isRecord });
  };

  switch (call.kind) {
    case 'alloc': {
      const { byteLength, align } = call;
      const run = () =>
        align === undefined ? arena.alloc(byteLength as number) : arena.alloc(byteLength as number, align as number);
      const alignment = align === undefined ? 8 : align;
      if (model.freed) return refuse(run, ['ArenaFreedError']);
      if (!isValidSize(byteLength) || !isValidAlign(alignment)) return refuse(run, ARGUMENT_ERRORS);
      let content: Uint8Array = new Uint8Array(0);
      return allocate(
        byteLength,
        alignment,
        () => {
          const handle = run();
          content = pattern(index, byteLength);
          arena.bytes.set(content, arena.offsetOf(handle));
          return handle;
        },
        () => content,
      );
    }
    case 'writeAscii': {
      const run = () => arena.writeAscii(call.text);
      if (!isAscii(call.text)) return refuse(run, ['RangeError']);
      return allocate(call.text.length, 1, run, () => new TextEncoder().encode(call.text));
    }
    case 'writeUtf8': {
      const encoded = new TextEncoder().encode(call.text);
      return allocate(
        encoded.length,
        1,
        () => arena.writeUtf8(call.text),
        () => encoded,
      );
    }
    case 'writeInt': {
      const run = () => arena.writeInt(call.value);
      if (!Number.isSafeInteger(call.value)) return refuse(run, ['RangeError']);
      const digits = new TextEncoder().encode(String(call.value));
      return allocate(digits.length, 1, run, () => digits);
    }
    case 'writeBytes':
      return allocate(
        call.source.length,
        1,
        () => arena.writeBytes(call.source),
        () => call.source.slice(),
      );
    case 'makeSlice': {
      const type = sliceTypes[call.typeIndex]!;
      const run = () => arena.makeSlice(type, call.length as number);
      if (!isValidSize(call.length) || call.length >= 2 ** 32) return refuse(run, ARGUMENT_ERRORS);
      const byteLength = call.length * type.BYTES_PER_ELEMENT;
      let content: Uint8Array = new Uint8Array(0);
      return allocate(
        byteLength,
        type.BYTES_PER_ELEMENT,
        () => {
          const slice = run();
          content = pattern(index, byteLength);
          assert.ok(slice instanceof type);
          assert.equal(slice.length, call.length);
          const bytes = new Uint8Array(slice.buffer, slice.byteOffset, slice.byteLength);
          assert.ok(
            bytes.every((byte) => byte === 0),
            'zeroed',
          );
          bytes.set(content);
          model.views.push({ view: slice, region: slice.buffer, byteLength: slice.byteLength });
          return model.handleOf(slice.byteOffset);
        },
        () => content,
      );
    }
    case 'record': {
      const bytes = pointBytes(call.x, call.id, call.flags);
      return allocate(
        Point.byteLength,
        Point.align,
        () => {
          const handle = points.alloc();
          points.set.x(handle, call.x);
          points.set.id(handle, call.id);
          points.set.flags(handle, call.flags);
          assert.deepEqual(
            [points.get.x(handle), points.get.id(handle), points.get.flags(handle)],
            [call.x, call.id, call.flags],
          );
          return handle;
        },
        () => bytes,
        true,
      );
    }
    case 'clone': {
      const block = model.live[call.pick % Math.max(1, model.live.length)];
      if (model.freed) return refuse(() => arena.clone(0, 0), ['ArenaFreedError']);
      if (block === undefined) return;
      const length = call.length;
      if (length === 'whole' || length === 'prefix') {
        const byteLength = length === 'whole' ? block.bytes.length : block.bytes.length >> 1;
        assert.deepEqual(arena.clone(block.handle, byteLength), block.bytes.subarray(0, byteLength));
        assert.equal(
          arena.cloneString(block.handle, byteLength),
          Buffer.from(block.bytes.subarray(0, byteLength)).toString('utf8'),
        );
        return;
      }
      const byteLength = length === 'pastUsed' ? model.used - block.offset + 1 : length;
      return refuse(() => arena.clone(block.handle, byteLength), [...ARGUMENT_ERRORS, 'StaleHandleError']);
    }
    case 'stale': {
      const block = model.stale[call.pick % Math.max(1, model.stale.length)];
      if (!model.checked || model.freed || block === undefined) return;
      const use = block.isRecord
        ? () => points.get.x(block.handle)
        : () => arena.clone(block.handle, block.bytes.length);
      return refuse(use, ['StaleHandleError']);
    }
    case 'reset':
      if (model.freed) return refuse(() => arena.reset(), ['ArenaFreedError']);
      arena.reset();
      model.endGeneration();
      model.resets++;
      if (model.checked) model.generation++;
      return;
    case 'free':
      arena.free();
      if (!model.freed) model.endGeneration();
      model.freed = true;
      return;
  }
}

/** Everything the model knows, compared with what the arena reports and holds. */
function assertAgrees(arena: Arena, model: Model): void {
  assert.deepEqual(arena.stats, {
    usedBytes: model.used,
    capacityBytes: model.freed ? 0 : model.capacity,
    highWaterBytes: Math.max(model.highWater, model.used),
    resets: model.resets,
    grows: model.grows,
  });
  for (const block of model.live) {
    assert.deepEqual(
      arena.bytes.subarray(block.offset, block.offset + block.bytes.length),
      block.bytes,
      `bytes at ${block.offset}`,
    );
  }
  for (const { view, region, byteLength } of model.views) {
    // A checked arena empties every view of a region it left (reset, growth, free); an unchecked one leaves them be.
    const emptied = model.checked && (model.freed || region !== arena.buffer);
    assert.equal(view.byteLength, emptied ? 0 : byteLength);
  }
}

const setup = fc.record({
  checked: fc.boolean(),
  initialBytes: fc.nat(64),
  maxBytes: fc.integer({ min: 64, max: 2048 }),
});

test('the arena agrees with the model over random calls, valid and invalid, in both modes', () => {
  fc.assert(
    fc.property(
      setup,
      fc.array(callArbitrary, { maxLength: MAX_CALLS }),
      ({ checked, initialBytes, maxBytes }, calls) => {
        const arena = new Arena({ checked, initialBytes, maxBytes });
        const model = new Model(initialBytes, maxBytes, checked);
        const points = pointsIn(arena);
        calls.forEach((call, index) => {
          step(arena, model, points, call, index);
          assertAgrees(arena, model);
        });
      },
    ),
    { seed: SEED, numRuns: RUNS, includeErrorInReport: true },
  );
});
