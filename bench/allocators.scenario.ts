import { Buffer } from 'node:buffer';
import { MemPool } from '@thi.ng/malloc';
import { Arena, defineLayout } from '../src/arena/index.js';
import { defineScenario } from '../src/plan/scenario.js';

// Every mode of `allocators` does the same work per operation: free the previous operation's
// blocks, allocate `allocations` blocks of `bytes` bytes (8-byte aligned where the allocator
// aligns), write a byte at each end of every block, then read all blocks back. The read-back pass
// proves no two blocks overlap, and makes every mode return the same checksum.

interface AllocatorParams extends Record<string, number> {
  allocations: number;
  bytes: number;
}

/** Writes block `index`'s two marker bytes at `first` and `last`. */
function writeMarkers(bytes: Uint8Array, first: number, last: number, index: number): void {
  bytes[first] = index & 0xff;
  bytes[last] = (index >>> 8) & 0xff;
}

function readMarkers(bytes: Uint8Array, first: number, last: number): number {
  return bytes[first]! + bytes[last]!;
}

/** Blocks as separate objects: a new Uint8Array, or a slice of Node's Buffer pool. */
function objectBlocks(params: AllocatorParams, allocate: (byteLength: number) => Uint8Array): () => number {
  const { allocations, bytes } = params;
  // Retained between operations so V8 cannot prove the blocks dead and elide them
  // (docs/measurement.md#allocation-can-be-optimised-away).
  const blocks: Uint8Array[] = new Array<Uint8Array>(allocations);
  return () => {
    for (let i = 0; i < allocations; i++) {
      const block = allocate(bytes);
      writeMarkers(block, 0, bytes - 1, i);
      blocks[i] = block;
    }
    let checksum = 0;
    for (let i = 0; i < allocations; i++) checksum += readMarkers(blocks[i]!, 0, bytes - 1);
    return checksum;
  };
}

/** Room for `allocations` blocks at 8-byte alignment. */
function regionBytes({ allocations, bytes }: AllocatorParams): number {
  return allocations * (bytes + (-bytes & 7));
}

const allocators = defineScenario<AllocatorParams>({
  name: 'allocators',
  description:
    'Many small same-sized blocks per operation, all freed together: one object per block (heap, ' +
    'Buffer pool) against one region (a free-list allocator, the Arena, and an inline bump pointer as the floor).',
  params: { allocations: 10_000, bytes: 64 },
  modes: {
    heap: (params) => objectBlocks(params, (byteLength) => new Uint8Array(byteLength)),

    'buffer-pool': (params) => objectBlocks(params, (byteLength) => Buffer.allocUnsafe(byteLength)),

    mempool: (params) => {
      const { allocations, bytes } = params;
      // @thi.ng/malloc keeps a block header and free lists inside the region; give it twice the room.
      const region = new ArrayBuffer(2 * regionBytes(params) + 4096);
      const pool = new MemPool({ buf: region, align: 8 });
      const memory = new Uint8Array(region);
      const addresses = new Int32Array(allocations);
      return () => {
        pool.freeAll();
        for (let i = 0; i < allocations; i++) {
          const address = pool.malloc(bytes);
          if (address === 0) throw new Error(`MemPool ran out of room at block ${i}`);
          writeMarkers(memory, address, address + bytes - 1, i);
          addresses[i] = address;
        }
        let checksum = 0;
        for (let i = 0; i < allocations; i++) checksum += readMarkers(memory, addresses[i]!, addresses[i]! + bytes - 1);
        return checksum;
      };
    },

    arena: (params) => {
      const { allocations, bytes } = params;
      const arena = new Arena({ initialBytes: regionBytes(params) });
      const offsets = new Int32Array(allocations);
      return () => {
        arena.reset();
        for (let i = 0; i < allocations; i++) {
          const offset = arena.alloc(bytes, 8);
          writeMarkers(arena.bytes, offset, offset + bytes - 1, i);
          offsets[i] = offset;
        }
        const memory = arena.bytes;
        let checksum = 0;
        for (let i = 0; i < allocations; i++) checksum += readMarkers(memory, offsets[i]!, offsets[i]! + bytes - 1);
        return checksum;
      };
    },

    // One view object per block: what makeSlice costs over alloc (the view is a small heap object).
    'arena-slices': (params) => {
      const arena = new Arena({ initialBytes: regionBytes(params) });
      const op = objectBlocks(params, (byteLength) => arena.makeSlice(Uint8Array, byteLength));
      return () => {
        arena.reset();
        return op();
      };
    },

    'inline-bump': (params) => {
      const { allocations, bytes } = params;
      const memory = new Uint8Array(regionBytes(params));
      const offsets = new Int32Array(allocations);
      return () => {
        let top = 0;
        for (let i = 0; i < allocations; i++) {
          const offset = top + (-top & 7);
          top = offset + bytes;
          writeMarkers(memory, offset, offset + bytes - 1, i);
          offsets[i] = offset;
        }
        let checksum = 0;
        for (let i = 0; i < allocations; i++) checksum += readMarkers(memory, offsets[i]!, offsets[i]! + bytes - 1);
        return checksum;
      };
    },
  },
});

// The second scenario: fixed-layout records, the Arena's answer to an array of small objects.

interface RecordParams extends Record<string, number> {
  records: number;
}

const Point = defineLayout({ x: 'f64', y: 'f64', id: 'u32', flags: 'u8' });

interface HeapPoint {
  x: number;
  y: number;
  id: number;
  flags: number;
}

const records = defineScenario<RecordParams>({
  name: 'arena-records',
  description:
    'Build `records` small records ({ x, y, id, flags }) per operation and sum their fields: ' +
    'one object each (heap) against fixed-layout records in a reset-per-operation Arena.',
  params: { records: 10_000 },
  modes: {
    heap: ({ records: count }) => {
      const points: HeapPoint[] = new Array<HeapPoint>(count);
      return () => {
        for (let i = 0; i < count; i++) points[i] = { x: i * 0.5, y: i * 0.25, id: i, flags: i & 7 };
        let checksum = 0;
        for (let i = 0; i < count; i++) {
          const point = points[i]!;
          checksum += point.x + point.y + point.id + point.flags;
        }
        return checksum;
      };
    },

    arena: ({ records: count }) => {
      const arena = new Arena({ initialBytes: count * Point.byteLength });
      const points = arena.records(Point);
      const { get, set } = points;
      const handles = new Int32Array(count);
      return () => {
        arena.reset();
        for (let i = 0; i < count; i++) {
          const point = points.alloc();
          set.x(point, i * 0.5);
          set.y(point, i * 0.25);
          set.id(point, i);
          set.flags(point, i & 7);
          handles[i] = point;
        }
        let checksum = 0;
        for (let i = 0; i < count; i++) {
          const point = handles[i]!;
          checksum += get.x(point) + get.y(point) + get.id(point) + get.flags(point);
        }
        return checksum;
      };
    },
  },
});

export default [allocators, records];
